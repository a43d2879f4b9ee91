/* `bulwark completion bash`: the tables (complete_sh.c) and the function that walks the words
 * typed so far: the command, its subcommand, options and the values they take. */
#include "cmd/complete.h"

static const char driver[] =
	"# WORDS-KIND CUR: COMPREPLY for a kind _bulwark_arg or _bulwark_operands names\n"
	"_bulwark_reply() {\n"
	"\tcase $1 in\n"
	"\t'='*) COMPREPLY=($(compgen -W \"${1#=}\" -- \"$2\")) ;;\n"
	"\trules) COMPREPLY=($(compgen -W \"$_bulwark_rules\" -- \"$2\")) ;;\n"
	"\tcommands) COMPREPLY=($(compgen -W \"$_bulwark_commands\" -- \"$2\")) ;;\n"
	"\tfile) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$2\")) ;;\n"
	"\tdir) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$2\")) ;;\n"
	"\t*) COMPREPLY=() ;;\n"
	"\tesac\n"
	"}\n"
	"\n"
	"_bulwark() {\n"
	"\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	"\tlocal key base subs sub= w i n=0 kind\n"
	"\tCOMPREPLY=()\n"
	"\tif ((COMP_CWORD == 1)); then _bulwark_reply commands \"$cur\"; return; fi\n"
	"\tkey=${COMP_WORDS[1]} base=${COMP_WORDS[1]}\n"
	"\tsubs=$(_bulwark_subs \"$key\")\n"
	"\t# the words before this one: options (and their values), the subcommand, operands\n"
	"\tfor ((i = 2; i < COMP_CWORD; i++)); do\n"
	"\t\tw=${COMP_WORDS[i]}\n"
	"\t\tcase $w in\n"
	"\t\t--*=*) ;;\n"
	"\t\t-?*) if [[ -n $(_bulwark_arg \"$key\" \"$w\") ]]; then\n"
	"\t\t\t((i++))\n"
	"\t\t\t[[ ${COMP_WORDS[i]} == = ]] && ((i++))\n"
	"\t\t   fi ;;\n"
	"\t\t*) if [[ -n $subs && $n == 0 ]]; then\n"
	"\t\t\tsub=$w\n"
	"\t\t\t_bulwark_nested \"$base\" && key=\"$base $w\"\n"
	"\t\t   fi\n"
	"\t\t   ((n++)) ;;\n"
	"\t\tesac\n"
	"\tdone\n"
	"\t# --opt=VALUE: bash splits the word at the '='\n"
	"\tif [[ $cur == = ]]; then cur=; elif [[ $prev == = ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi\n"
	"\tif [[ $prev == -?* ]] && (( COMP_CWORD - 1 >= 2 )); then\n"
	"\t\tkind=$(_bulwark_arg \"$key\" \"$prev\")\n"
	"\t\tif [[ -n $kind ]]; then _bulwark_reply \"$kind\" \"$cur\"; return; fi\n"
	"\tfi\n"
	"\tif [[ $cur == -* ]]; then\n"
	"\t\tCOMPREPLY=($(compgen -W \"$(_bulwark_opts \"$key\")\" -- \"$cur\"))\n"
	"\telif [[ -n $subs && -z $sub ]]; then\n"
	"\t\t_bulwark_reply \"=$subs\" \"$cur\"\n"
	"\telse\n"
	"\t\t_bulwark_reply \"$(_bulwark_operands \"$key\")\" \"$cur\"\n"
	"\tfi\n"
	"}\n"
	"complete -F _bulwark bulwark\n";

void complete_bash(FILE *fp)
{
	fputs("# bash completion for bulwark, made by `bulwark completion bash` from its command,\n"
	      "# option and rule tables. Install in /usr/share/bash-completion/completions/bulwark\n"
	      "# or: source <(bulwark completion bash)\n\n", fp);
	complete_sh_tables(fp);
	fputc('\n', fp);
	fputs(driver, fp);
}
