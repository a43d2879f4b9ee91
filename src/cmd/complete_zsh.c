/* `bulwark completion zsh`: the tables bash's script has (complete_sh.c) and a zsh driver. It
 * works from $fpath (#compdef) and sourced: source <(bulwark completion zsh). */
#include "cmd/complete.h"

static const char driver[] =
	"_bulwark_add() {\n"
	"\tcase $1 in\n"
	"\t'='*) compadd -- ${=${1#=}} ;;\n"
	"\trules) compadd -- ${=_bulwark_rules} ;;\n"
	"\tcommands) compadd -- ${=_bulwark_commands} ;;\n"
	"\tfile) _files ;;\n"
	"\tdir) _files -/ ;;\n"
	"\tesac\n"
	"}\n"
	"\n"
	"_bulwark() {\n"
	"\tlocal cur=${words[CURRENT]} prev=${words[CURRENT-1]}\n"
	"\tlocal key base subs sub= w i n=0 kind\n"
	"\tif (( CURRENT == 2 )); then _bulwark_add commands; return; fi\n"
	"\tkey=${words[2]} base=${words[2]}\n"
	"\tsubs=$(_bulwark_subs \"$key\")\n"
	"\tfor ((i = 3; i < CURRENT; i++)); do\n"
	"\t\tw=${words[i]}\n"
	"\t\tcase $w in\n"
	"\t\t--*=*) ;;\n"
	"\t\t-?*) [[ -n $(_bulwark_arg \"$key\" \"$w\") ]] && ((i++)) ;;\n"
	"\t\t*) if [[ -n $subs && $n == 0 ]]; then\n"
	"\t\t\tsub=$w\n"
	"\t\t\t_bulwark_nested \"$base\" && key=\"$base $w\"\n"
	"\t\t   fi\n"
	"\t\t   ((n++)) ;;\n"
	"\t\tesac\n"
	"\tdone\n"
	"\tif [[ $cur == --*=* ]]; then\n"
	"\t\tkind=$(_bulwark_arg \"$key\" \"${cur%%=*}\")\n"
	"\t\tcompset -P '*='\n"
	"\t\t_bulwark_add \"$kind\"\n"
	"\t\treturn\n"
	"\tfi\n"
	"\tif [[ $prev == -?* ]] && (( CURRENT > 3 )); then\n"
	"\t\tkind=$(_bulwark_arg \"$key\" \"$prev\")\n"
	"\t\tif [[ -n $kind ]]; then _bulwark_add \"$kind\"; return; fi\n"
	"\tfi\n"
	"\tif [[ $cur == -* ]]; then\n"
	"\t\tcompadd -- ${=$(_bulwark_opts \"$key\")}\n"
	"\telif [[ -n $subs && -z $sub ]]; then\n"
	"\t\tcompadd -- ${=subs}\n"
	"\telse\n"
	"\t\t_bulwark_add \"$(_bulwark_operands \"$key\")\"\n"
	"\tfi\n"
	"}\n"
	"\n"
	"if [[ $funcstack[1] == _bulwark ]]; then\n"
	"\t_bulwark \"$@\"\n"
	"else\n"
	"\tcompdef _bulwark bulwark\n"
	"fi\n";

void complete_zsh(FILE *fp)
{
	fputs("#compdef bulwark\n"
	      "# zsh completion for bulwark, made by `bulwark completion zsh` from its command,\n"
	      "# option and rule tables. Install as _bulwark in a directory of $fpath, or:\n"
	      "# source <(bulwark completion zsh)\n\n", fp);
	complete_sh_tables(fp);
	fputc('\n', fp);
	fputs(driver, fp);
}
