/* What the shell completion scripts are made from: every command and subcommand with its
 * options, walked from the command table (cmd/complete.c); one generator per shell. */
#ifndef BW_COMPLETE_H
#define BW_COMPLETE_H
#include <stdio.h>
#include "cmd/cmd.h"
#include "cmd/opts.h"

/* One place completion can be: a command, or a subcommand that has options of its own. */
struct comp_ctx {
	const struct cmd *cmd;    /* its options and operands */
	char key[48];             /* "lint", "authz check" */
	struct opts o;            /* o.table NULL: only -h */
	const struct cmd *subs;   /* words expected as the first operand, or NULL */
	bool nested;              /* subs are commands of their own (key becomes "CMD SUB") */
};

enum comp_kind { COMP_NONE, COMP_ANY, COMP_FILE, COMP_DIR, COMP_WORDS, COMP_RULES };
/* What value e takes. */
enum comp_kind complete_kind(const struct opt *e);
/* Every context: the visible commands in table order, each followed by its nested subs. */
void complete_walk(FILE *fp, void (*fn)(FILE *fp, const struct comp_ctx *c));
/* The options ctx takes, -h/--help last: call with *i = 0, NULL at the end. */
const struct opt *complete_opt_next(const struct comp_ctx *c, size_t *i);
/* v's words joined by spaces (malloc'd). */
char *complete_join(const char *const *v);
/* The commands' names joined, and the rule words joined (malloc'd). */
char *complete_commands(void);

/* The context of command cmd, or of its subcommand sub (NULL: none); false if unknown. */
bool complete_find(const char *cmd, const char *sub, struct comp_ctx *out);
/* The entry of c's option spelled arg ("--format", "-f", "--format=json"), or NULL. */
const struct opt *complete_opt_named(const struct comp_ctx *c, const char *arg);

void complete_bash(FILE *fp);
void complete_zsh(FILE *fp);
void complete_fish(FILE *fp);
/* The docker CLI's completion protocol (cobra's __complete): w[0..n-1] are the words after
 * "bulwark", the last the one being completed; prints the candidates, then ":DIRECTIVE". */
void complete_cobra(FILE *fp, int n, char **w);
/* The shell functions bash and zsh share: the tables as case statements. */
void complete_sh_tables(FILE *fp);
#endif
