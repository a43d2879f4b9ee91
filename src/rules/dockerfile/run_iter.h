/* The RUN-command iterator: every simple command of a RUN (or ONBUILD RUN), with wrappers
 * (sudo, env, xargs, python -m pip ...) peeled off. No allocation: commands point into the
 * model. */
#ifndef BW_RUN_ITER_H
#define BW_RUN_ITER_H
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "model/dockerfile.h"

/* One simple command of a RUN, after wrappers. */
struct rcmd {
	char **argv; size_t argc;  /* the wrapped command: argv[0] is "apt-get" in "sudo apt-get" */
	const char *name;          /* argv[0] without its directory; "" if argc is 0 */
	const struct sh_cmd *sh;   /* the whole simple command as parsed */
	size_t index;              /* position in the RUN's command list */
	bool sudo;                 /* a sudo wrapper was peeled off */
	int line;
};

/* Iterates the commands of one RUN (or ONBUILD RUN). A JSON-form RUN that the parser did not
 * split (no shell) yields its argv as a single command. */
struct run_iter {
	const struct df_instr *in;
	size_t i;
	int line;                  /* fallback line */
	struct sh_cmd json;
};

/* run_at, rcmd_from and run_next are inline: every RUN rule calls them for every instruction
 * and command, and they do little more than copy fields. */
/* The RUN instruction at df->instr[idx] (or the RUN inside ONBUILD), else NULL. */
static inline const struct df_instr *run_at(const struct dockerfile *df, size_t idx)
{
	const struct df_instr *in = &df->instr[idx];
	if (in->kind == DF_RUN)
		return in;
	if (in->kind == DF_ONBUILD && in->onbuild && in->onbuild->kind == DF_RUN)
		return in->onbuild;
	return NULL;
}

/* for (i, in) over every RUN (and ONBUILD RUN) of df. */
#define for_each_run(df, i, in)                                  \
	for (size_t i = 0; i < (df)->ninstr; i++)                \
		if (((in) = run_at((df), i)) != NULL)

/* One simple command with its wrappers peeled off (as the parser found them). */
static inline void rcmd_from(struct rcmd *c, const struct sh_cmd *sh, int fallback_line)
{
	c->sh = sh;
	c->argv = sh->argv + sh->start;
	c->argc = sh->argc - sh->start;
	c->line = sh->line ? sh->line : fallback_line;
	c->name = sh->cmd;
	c->index = 0;
	c->sudo = sh->sudo;
}

void run_iter_init(struct run_iter *it, const struct df_instr *in, int line);
/* The next command of the RUN into *c; false after the last. */
static inline bool run_next(struct run_iter *it, struct rcmd *c)
{
	const struct sh_cmd *sh;
	if (it->in->sh.ncmds) {
		if (it->i >= it->in->sh.ncmds)
			return false;
		sh = &it->in->sh.cmds[it->i];
	} else {
		if (it->i || !it->json.argc)
			return false;
		sh = &it->json;
	}
	rcmd_from(c, sh, it->line);
	c->index = it->i++;
	return true;
}

/* The command is name. Rules ask this of every command, and most names differ from name at the
 * first byte: that byte is compared inline. */
static inline bool rc_is(const struct rcmd *c, const char *name)
{
	return c->name[0] == name[0] && !strcmp(c->name, name);
}

#endif
