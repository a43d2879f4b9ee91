/* The RUN-command iterator: every simple command of a RUN (or ONBUILD RUN), with wrappers
 * (sudo, env, xargs, python -m pip ...) peeled off. No allocation: commands point into the
 * model. */
#ifndef BW_RUN_ITER_H
#define BW_RUN_ITER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "model/dockerfile.h"

/* One simple command of a RUN, after wrappers, is a struct rcmd (model/shell.h). */

/* Walks RUN commands: every command of every RUN (and ONBUILD RUN) of a file, or of one RUN.
 *   struct run_walk w;
 *   for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w))
 * w.idx and w.in say which RUN c belongs to. A JSON-form RUN whose shell script holds no
 * command (["sh", "-c", " "]) yields its argv as one command. */
struct run_walk {
	const struct dockerfile *df;  /* NULL: the commands of one RUN */
	size_t idx;                   /* df->instr[idx] holds the RUN */
	const struct df_instr *in;    /* the RUN (the inner RUN of ONBUILD RUN) */
	size_t i;                     /* its next command */
	int line;                     /* line for commands without one */
	struct sh_cmd json;
	struct rcmd c;
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

/* The first command of the first RUN of df, or NULL. */
const struct rcmd *run_first(struct run_walk *w, const struct dockerfile *df);
/* The first command of the RUN in alone; line stands in for commands without one. */
const struct rcmd *run_cmds(struct run_walk *w, const struct df_instr *in, int line);
const struct rcmd *run_advance(struct run_walk *w);
/* The next command, of this RUN or (walking a file) of the next; NULL after the last. */
static inline const struct rcmd *run_next(struct run_walk *w)
{
	if (w->i < w->in->sh.ncmds) {
		const struct sh_cmd *sh = &w->in->sh.cmds[w->i];
		if (sh->view.sh) {          /* the parser's view: no copy */
			w->i++;
			return &sh->view;
		}
		rcmd_from(&w->c, sh, w->line);
		w->c.index = w->i++;
		return &w->c;
	}
	return run_advance(w);
}
/* Leaves the current RUN: run_next goes on with the next one. */
static inline void run_skip(struct run_walk *w)
{
	w->i = (size_t)-1;
}
/* The command run_next gave last is its RUN's last. */
static inline bool run_ends(const struct run_walk *w)
{
	return w->i >= w->in->sh.ncmds;
}

/* Sets of command names' first two bytes: most commands start with a pair no name a rule looks
 * for does, and are ruled out with one bit test before any list walk or strcmp. Filled from
 * the rule's tables before main (a constructor), read-only after. */
struct pair_set { uint64_t bits[65536 / 64]; };
static inline unsigned name_pair(const char *name)
{
	return (unsigned char)name[0] << 8 | (name[0] ? (unsigned char)name[1] : 0);
}
static inline void pair_set_add(struct pair_set *s, const char *const *names)
{
	for (; names && *names; names++)
		s->bits[name_pair(*names) / 64] |= 1ull << (name_pair(*names) % 64);
}
static inline bool pair_set_has(const struct pair_set *s, const char *name)
{
	unsigned p = name_pair(name);
	return s->bits[p / 64] >> (p % 64) & 1;
}

/* The command is name. Rules ask this of every command, and most names differ from name at the
 * first byte: that byte is compared inline. */
static inline bool rc_is(const struct rcmd *c, const char *name)
{
	return c->name[0] == name[0] && !strcmp(c->name, name);
}

#endif
