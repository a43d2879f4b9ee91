/* A shell command line split into simple commands, enough for rules to reason about RUN:
 * "apt-get update && apt-get install -y curl | tee log" -> three commands with argv.
 * Not a shell: no expansion, no functions; subshells and braces are flattened. */
#ifndef BW_SHELL_H
#define BW_SHELL_H
#include <stdbool.h>
#include <stddef.h>

enum sh_sep { SH_SEQ, SH_AND, SH_OR, SH_PIPE, SH_BG };  /* what joins this command to the next */

struct sh_cmd;
/* One simple command of a RUN as the Dockerfile rules read it, after wrappers. */
struct rcmd {
	char **argv; size_t argc;  /* the wrapped command: argv[0] is "apt-get" in "sudo apt-get" */
	const char *name;          /* argv[0] without its directory; "" if argc is 0 */
	const struct sh_cmd *sh;   /* the whole simple command as parsed */
	size_t index;              /* position in the RUN's command list */
	bool sudo;                 /* a sudo wrapper was peeled off */
	int line;
};

struct sh_cmd {
	char **argv; size_t argc;    /* words with quotes removed; leading VAR=x assignments dropped
	                                (kept in assigns) */
	const char *name;            /* argv[0] without its directory, as sh_cmd_name */
	char **assigns; size_t nassigns;
	enum sh_sep next;            /* separator after this command */
	bool piped_in;               /* stdin comes from the previous command's pipe */
	int line;                    /* Dockerfile line the command starts on (0 if unknown) */
	/* The command actually run, after wrappers (sudo, env, xargs, timeout, nice, gosu,
	 * python -m pip ...) and their options and operands, as sh_cmd_unwrap sets them: */
	size_t start;                /* argv[start] is that command (0: no wrapper; < argc if
	                                argc) */
	const char *cmd;             /* argv[start] without its directory; "" if argc is 0 */
	bool sudo;                   /* one of the wrappers was sudo */
	/* The same as rules read it, filled once a Dockerfile's commands are where they stay
	 * (view.sh is NULL until then): every RUN rule walks every command, and hands out this
	 * instead of building one per rule. */
	struct rcmd view;
};

struct sh_script { struct sh_cmd *cmds; size_t ncmds; bool has_pipe; };

/* Split script; line is the line of its first character (newlines inside advance it). */
void sh_parse(struct sh_script *out, const char *script, int line);
void sh_free(struct sh_script *s);
/* argv[0] without a leading path: "/usr/bin/apt-get" -> "apt-get". */
const char *sh_cmd_name(const struct sh_cmd *c);
/* True when c has word w (exact), or, for w "-y", a short-option cluster containing y, e.g. "-qy".
 * Short-cluster matching applies only to single-letter options of the form "-x". */
bool sh_has_opt(const struct sh_cmd *c, const char *w);

/* How a command's options are written: single letters that take a value ("o" for apt-get -o X)
 * and long (or single-dash long, for go) options that take the next word as value. */
struct sh_optspec { const char *shorts; const char *const *longs; };
/* 1 when option word w takes the following word as its value. */
int sh_opt_takes(const struct sh_optspec *o, const char *w);
/* Next operand (non-option word) of argv[0..argc) at or after *i; returns its index and moves
 * *i past it, or returns -1. Words after "--" are operands. Option values are skipped. */
long sh_operand(char *const *argv, size_t argc, const struct sh_optspec *o, size_t *i);
/* Sets c->start, c->cmd and c->sudo from c->argv and c->name (shell_wrap.c). */
void sh_cmd_unwrap(struct sh_cmd *c);
#endif
