/* Build stages and meta ARGs: which FROM each instruction belongs to, what each FROM resolves to
 * and whether it names an earlier stage. Stage names are hashed so many stages stay linear. */
#include "model/dockerfile_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define META_MAX 1000   /* meta ARGs used for FROM substitution */

static size_t hash_lower(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 1099511628211u;
	return h;
}

/* Slot for name: either empty or holding a stage with that name. */
static size_t *name_slot(const struct dockerfile *df, const char *name)
{
	size_t mask = df->names_cap - 1, i = hash_lower(name) & mask;
	while (df->names[i] && !str_ieq(df->stages[df->names[i] - 1].name, name))
		i = (i + 1) & mask;
	return &df->names[i];
}

static void name_add(struct df_ctx *c, size_t idx)
{
	struct dockerfile *df = c->df;
	const char *name = df->stages[idx].name;
	size_t *slot;

	if (2 * (idx + 1) >= df->names_cap) {
		size_t *old = df->names, oldcap = df->names_cap;
		df->names_cap = df->names_cap ? 2 * df->names_cap : 16;
		df->names = xcalloc(df->names_cap, sizeof *df->names);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i])
				*name_slot(df, df->stages[old[i] - 1].name) = old[i];
		free(old);
	}
	slot = name_slot(df, name);
	if (!*slot)
		*slot = idx + 1;   /* the first stage of a name wins */
}

const struct df_stage *df_stage_by_name(const struct dockerfile *df, const char *name)
{
	if (!df->names_cap || !name)
		return NULL;
	size_t *slot = name_slot(df, name);
	return *slot ? &df->stages[*slot - 1] : NULL;
}

static int stage_named(struct df_ctx *c, const char *name)
{
	const struct df_stage *st = df_stage_by_name(c->df, name);
	return st ? st->index : -1;
}

static void new_stage(struct df_ctx *c, const struct df_instr *in)
{
	struct dockerfile *df = c->df;
	struct df_stage *st;
	const struct df_flag *pf = df_flag(in, "platform");

	GROW(df->stages, c->stage_cap, df->nstages);
	st = &df->stages[df->nstages];
	memset(st, 0, sizeof *st);
	st->index = (int)df->nstages;
	st->line = in->line;
	st->first = df->ninstr;
	st->image = xstrdup(in->argc ? in->argv[0] : "");
	st->image_resolved = df_expand_budget(st->image, c->mexp, c->nmexp, &c->budget);
	st->platform = pf && pf->value ? xstrdup(pf->value) : NULL;
	st->scratch = str_ieq(st->image_resolved, "scratch");
	st->from_stage = stage_named(c, st->image_resolved);
	st->root = st->from_stage >= 0 ? df->stages[st->from_stage].root : st->index;
	if (in->argc >= 3 && str_ieq(in->argv[1], "AS")) {
		st->name = xstrdup(in->argv[2]);
		for (char *p = st->name; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	df->nstages++;
	if (st->name)
		name_add(c, (size_t)st->index);
}

static void add_meta(struct df_ctx *c, const struct df_instr *in)
{
	struct dockerfile *df = c->df;

	for (size_t i = 0; i < in->nkvs; i++) {
		const struct df_kv *kv = &in->kvs[i];
		GROW(df->meta_args, c->meta_cap, df->nmeta_args);
		df->meta_args[df->nmeta_args++] = (struct df_kv){ xstrdup(kv->key),
		                                                  xstrdup(kv->value) };
		if (c->nmexp >= META_MAX)
			continue;
		char *v = kv->value ? df_expand_budget(kv->value, c->mexp, c->nmexp, &c->budget)
		                    : NULL;
		GROW(c->mexp, c->mexp_cap, c->nmexp);
		c->mexp[c->nmexp++] = (struct df_kv){ xstrdup(kv->key), v };
	}
}

void df_add_instr(struct df_ctx *c, struct df_instr *in)
{
	struct dockerfile *df = c->df;

	if (in->kind == DF_FROM)
		new_stage(c, in);
	else if (in->kind == DF_ARG && df->nstages == 0)
		add_meta(c, in);
	in->stage = (int)df->nstages - 1;
	if (in->onbuild)
		in->onbuild->stage = in->stage;
	GROW(df->instr, c->instr_cap, df->ninstr);
	df->instr[df->ninstr++] = *in;
	if (df->nstages)
		df->stages[df->nstages - 1].count++;
}

void df_ctx_free(struct df_ctx *c)
{
	for (size_t i = 0; i < c->nmexp; i++) {
		free(c->mexp[i].key);
		free(c->mexp[i].value);
	}
	free(c->mexp);
}

void df_stage_free(struct df_stage *st)
{
	free(st->image);
	free(st->image_resolved);
	free(st->name);
	free(st->platform);
}

/* from_stage always names an earlier stage, so the walk from the last stage ends. */
void df_mark_shipped(struct dockerfile *df)
{
	for (int s = (int)df->nstages - 1; s >= 0; s = df->stages[s].from_stage)
		df->stages[s].shipped = true;
}

/* A 1024-bit filter keyed by a command's first three characters: a rule asks before walking the
 * file's commands. Collisions only cost a walk; a real file runs fifty-odd distinct commands,
 * which would fill a third of 128 bits. */
static void note_cmd(struct dockerfile *df, const char *name)
{
	unsigned k = df_cmd_key(name ? name : "");
	df->runs[k / 64] |= 1ull << (k % 64);
}

/* The command as rules read it (struct rcmd), as the RUN walk would build it. A command
 * without a line keeps no view: the walk gives it the line of the instruction it is asked
 * about. */
static void set_view(struct sh_cmd *c, size_t index)
{
	if (!c->line)
		return;
	c->view = (struct rcmd){ .argv = c->argv + c->start, .argc = c->argc - c->start,
	                         .name = c->cmd, .sh = c, .index = index, .sudo = c->sudo,
	                         .line = c->line };
}

static void note_instr(struct dockerfile *df, struct df_instr *in)
{
	for (size_t i = 0; i < in->sh.ncmds; i++) {
		note_cmd(df, in->sh.cmds[i].cmd);
		set_view(&in->sh.cmds[i], i);
	}
	/* a JSON-form command the parser did not split: rules unwrap argv themselves */
	if (!in->sh.ncmds && in->json && in->argc) {
		struct sh_cmd c = { .argv = in->argv, .argc = in->argc };
		c.name = sh_cmd_name(&c);
		sh_cmd_unwrap(&c);
		note_cmd(df, c.cmd);
	}
}

void df_note_cmds(struct dockerfile *df)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		note_instr(df, &df->instr[i]);
		if (df->instr[i].onbuild)
			note_instr(df, df->instr[i].onbuild);
	}
}

