/* `bulwark completion fish`: one `complete` line per command, subcommand, option and value
 * list, each under a condition on the command (and subcommand) typed so far. */
#include "cmd/complete.h"
#include <stdlib.h>
#include <string.h>

/* s up to its first newline, in fish's single quotes. */
static void quoted(FILE *fp, const char *s)
{
	fputc('\'', fp);
	for (; *s && *s != '\n'; s++) {
		if (*s == '\'' || *s == '\\')
			fputc('\\', fp);
		fputc(*s, fp);
	}
	fputc('\'', fp);
}

static void words(FILE *fp, const char *const *v)
{
	char *w = complete_join(v);
	fputs(" -a ", fp);
	quoted(fp, w);
	free(w);
}

static void opt_line(FILE *fp, const struct comp_ctx *c, const struct opt *e)
{
	fprintf(fp, "complete -c bulwark -n '__bulwark_is \"%s\"' -l %s", c->key, e->name);
	if (e->key < 256)
		fprintf(fp, " -s %c", e->key);
	switch (complete_kind(e)) {
	case COMP_NONE: break;
	case COMP_FILE: fputs(" -r -F", fp); break;
	case COMP_DIR: fputs(" -r -f -a '(__fish_complete_directories)'", fp); break;
	case COMP_WORDS: fputs(" -r -f", fp); words(fp, e->values()); break;
	case COMP_RULES: fputs(" -r -f", fp); words(fp, opt_values_rules()); break;
	case COMP_ANY: fputs(" -r -f", fp); break;
	}
	fputs(" -d ", fp);
	quoted(fp, e->help);
	fputc('\n', fp);
}

static void ctx(FILE *fp, const struct comp_ctx *c)
{
	size_t i = 0;
	if (!strchr(c->key, ' ')) {
		fprintf(fp, "\ncomplete -c bulwark -n __bulwark_root -a %s -d ", c->key);
		quoted(fp, c->cmd->summary);
		fputc('\n', fp);
	}
	for (const struct opt *e; (e = complete_opt_next(c, &i));)
		opt_line(fp, c, e);
	for (const struct cmd *s = c->subs; s && s->name; s++) {
		fprintf(fp, "complete -c bulwark -n '__bulwark_is \"%s\"; and __bulwark_none' -a %s "
		        "-d ", c->key, s->name);
		quoted(fp, s->summary);
		fputc('\n', fp);
	}
	const char *cond = c->subs ? "; and not __bulwark_none" : "";
	switch (c->cmd->operands) {
	case OPERANDS_PATHS:
		fprintf(fp, "complete -c bulwark -n '__bulwark_is \"%s\"%s' -F\n", c->key, cond);
		break;
	case OPERANDS_RULES:
		fprintf(fp, "complete -c bulwark -n '__bulwark_is \"%s\"%s'", c->key, cond);
		words(fp, opt_values_rules());
		fputc('\n', fp);
		break;
	case OPERANDS_COMMANDS: {
		char *cmds = complete_commands();
		fprintf(fp, "complete -c bulwark -n '__bulwark_is \"%s\"' -a ", c->key);
		quoted(fp, cmds);
		fputc('\n', fp);
		free(cmds);
		break;
	}
	case OPERANDS_NONE:
		break;
	}
}

static void nested(FILE *fp, const struct comp_ctx *c)
{
	if (c->nested)
		fprintf(fp, " %s", c->key);
}

void complete_fish(FILE *fp)
{
	fputs("# fish completion for bulwark, made by `bulwark completion fish` from its command,\n"
	      "# option and rule tables. Install as bulwark.fish in a completions directory, or:\n"
	      "# bulwark completion fish | source\n\n"
	      "# The command typed so far, with its subcommand where that has options of its own.\n"
	      "function __bulwark_key\n"
	      "\tset -l w (commandline -opc)\n"
	      "\tset -q w[2]; or return\n"
	      "\tif contains -- $w[2]", fp);
	complete_walk(fp, nested);
	fputs("\n"
	      "\t\tfor x in $w[3..-1]\n"
	      "\t\t\tif not string match -q -- '-*' $x\n"
	      "\t\t\t\techo \"$w[2] $x\"\n"
	      "\t\t\t\treturn\n"
	      "\t\t\tend\n"
	      "\t\tend\n"
	      "\tend\n"
	      "\techo $w[2]\n"
	      "end\n"
	      "function __bulwark_is\n"
	      "\ttest \"$(__bulwark_key)\" = \"$argv[1]\"\n"
	      "end\n"
	      "function __bulwark_root\n"
	      "\ttest (count (commandline -opc)) -eq 1\n"
	      "end\n"
	      "# No word but options after the command.\n"
	      "function __bulwark_none\n"
	      "\tset -l w (commandline -opc)\n"
	      "\tset -q w[2]; or return 0\n"
	      "\tnot string match -q -v -- '-*' $w[3..-1]\n"
	      "end\n"
	      "complete -c bulwark -f\n", fp);
	complete_walk(fp, ctx);
}
