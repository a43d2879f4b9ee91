/* A subcommand's options as one table: getopt's arrays and the --help text are both made from
 * it, so the help lists exactly what the command accepts. -h and --help are always there. */
#ifndef BW_OPTS_H
#define BW_OPTS_H
#include <stdbool.h>
#include <stdio.h>

struct opt {
	const char *name;     /* long name: "fail-on" */
	int key;              /* its short letter, or a value above 255 */
	const char *arg;      /* NULL: takes no value; else the value's name in help: "SEV" */
	const char *help;     /* "\n" starts a continuation line */
	unsigned cmds;        /* in a table shared by commands: the bits of those that take it */
	/* The only values it takes, NULL-terminated, for completion and man pages; NULL: any. */
	const char *const *(*values)(void);
};

struct opts {
	const char *name;              /* "lint", "authz check" */
	const char *usage;             /* after "bulwark " */
	const struct opt *table;       /* ended by an entry whose name is NULL */
	unsigned cmd;                  /* this command's bit; 0 takes every entry */
	const char *const *names;      /* a shared table: the command of each bit, for hints */
	const char *about;             /* printed after the options by --help; may be NULL */
};

#define OPT_DONE (-1)   /* no option left: optind is the first operand */
#define OPT_EXIT (-2)   /* help printed or a usage error reported: return *rc */

/* The next option's key (optarg set), OPT_DONE or OPT_EXIT. Call with optind = 0 first. */
int opts_next(const struct opts *o, int argc, char **argv, int *rc);
/* For a command with no options of its own (only -h, --help): -1 with optind at the first
 * operand, else the status to return. */
int opts_only_help(const struct opts *o, int argc, char **argv);
void opts_help(const struct opts *o, FILE *fp);
/* Whether o's command takes e (a shared table holds other commands' entries too). */
bool opts_takes(const struct opts *o, const struct opt *e);
/* -h, --help: every command has it, after its table's entries. */
extern const struct opt opts_help_opt;

/* Value lists (cmd/values.c): the --format names of report_formats[], --fail-on's severities,
 * --color's words, and every rule id and alias. */
const char *const *opt_values_formats(void);
const char *const *opt_values_fail_on(void);
const char *const *opt_values_color(void);
const char *const *opt_values_rules(void);
/* "bulwark: MSG[: ARG]" and the usage line on stderr; returns the usage exit status. */
int opts_usage_error(const struct opts *o, const char *msg, const char *arg);
#endif
