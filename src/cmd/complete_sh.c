/* The tables of the bash and zsh scripts as shell functions both shells run. Option names,
 * value words and rule ids are plain words: no quoting is needed beyond the case patterns'. */
#include "cmd/complete.h"
#include <stdlib.h>
#include <string.h>

static void subs_case(FILE *fp, const struct comp_ctx *c)
{
	if (!c->subs)
		return;
	fprintf(fp, "\t'%s') echo '", c->key);
	for (const struct cmd *s = c->subs; s->name; s++)
		fprintf(fp, "%s%s", s == c->subs ? "" : " ", s->name);
	fprintf(fp, "'; return 0 ;;\n");
}

static void nested_case(FILE *fp, const struct comp_ctx *c)
{
	if (c->nested)
		fprintf(fp, "\t'%s') return 0 ;;\n", c->key);
}

static void opts_case(FILE *fp, const struct comp_ctx *c)
{
	size_t i = 0;
	fprintf(fp, "\t'%s') echo '", c->key);
	for (const struct opt *e; (e = complete_opt_next(c, &i));) {
		if (e->key < 256)
			fprintf(fp, "-%c ", e->key);
		fprintf(fp, "--%s%s", e->name, i == (size_t)-1 ? "" : " ");
	}
	fprintf(fp, "' ;;\n");
}

/* "KEY OPT") KIND ;; for each option that takes a value. */
static void arg_case(FILE *fp, const struct comp_ctx *c)
{
	size_t i = 0;
	for (const struct opt *e; (e = complete_opt_next(c, &i));) {
		enum comp_kind k = complete_kind(e);
		if (k == COMP_NONE)
			continue;
		fprintf(fp, "\t'%s --%s'", c->key, e->name);
		if (e->key < 256)
			fprintf(fp, "|'%s -%c'", c->key, e->key);
		char *w = k == COMP_WORDS ? complete_join(e->values()) : NULL;
		fprintf(fp, ") echo '%s%s' ;;\n", k == COMP_WORDS ? "=" : "",
		        k == COMP_FILE ? "file" : k == COMP_DIR ? "dir" : k == COMP_RULES ? "rules" :
		        k == COMP_WORDS ? w : "any");
		free(w);
	}
}

static void operands_case(FILE *fp, const struct comp_ctx *c)
{
	static const char *const kinds[] = { [OPERANDS_PATHS] = "file", [OPERANDS_NONE] = "none",
	                                     [OPERANDS_RULES] = "rules",
	                                     [OPERANDS_COMMANDS] = "commands" };
	fprintf(fp, "\t'%s') echo %s ;;\n", c->key, kinds[c->cmd->operands]);
}

static void fn(FILE *fp, const char *name, const char *what, const char *args,
               void (*each)(FILE *, const struct comp_ctx *), const char *last)
{
	fprintf(fp, "# %s\n%s() {\n\tcase %s in\n", what, name, args);
	complete_walk(fp, each);
	fprintf(fp, "\tesac\n\t%s\n}\n", last);
}

void complete_sh_tables(FILE *fp)
{
	char *cmds = complete_commands(), *rules = complete_join(opt_values_rules());
	fprintf(fp, "_bulwark_commands='%s'\n_bulwark_rules='%s'\n", cmds, rules);
	free(cmds);
	free(rules);
	fn(fp, "_bulwark_subs", "KEY: the words its first operand is one of", "$1", subs_case,
	   "return 1");
	fn(fp, "_bulwark_nested", "KEY: whether its subcommands have options of their own", "$1",
	   nested_case, "return 1");
	fn(fp, "_bulwark_opts", "KEY: its options", "$1", opts_case, ":");
	fn(fp, "_bulwark_arg", "KEY OPT: what OPT takes (=WORDS, file, dir, rules, any), nothing "
	   "if no value", "\"$1 $2\"", arg_case, ":");
	fn(fp, "_bulwark_operands", "KEY: what its operands are", "$1", operands_case, ":");
}
