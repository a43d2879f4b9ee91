#include "rules/dockerfile/stage_chain.h"
#include "util/util.h"
#include <string.h>

const char *df_stage_image(const struct df_stage *st)
{
	if (!st)
		return "";
	if (st->image_resolved)
		return st->image_resolved;
	return st->image ? st->image : "";
}

const struct df_stage *df_stage_named(const struct dockerfile *df, const char *name, int before)
{
	const struct df_stage *st = name && *name ? df_stage_by_name(df, name) : NULL;
	return st && st->index < before ? st : NULL;   /* the first of that name */
}

bool df_stage_external(const struct dockerfile *df, const struct df_stage *st)
{
	const char *img = df_stage_image(st);
	(void)df;   /* st->from_stage already says whether img names an earlier stage */
	if (!st || st->scratch || st->from_stage >= 0 || !*img || strchr(img, '$'))
		return false;
	if (str_ieq(img, "scratch"))
		return false;
	return true;
}

const struct df_instr *df_stage_instr(const struct dockerfile *df, const struct df_stage *st,
                                      size_t i)
{
	if (!st || i >= st->count || st->first + i >= df->ninstr)
		return NULL;
	return &df->instr[st->first + i];
}

void back_init_at(struct back_iter *b, const struct dockerfile *df, int stage, size_t pos)
{
	b->df = df;
	b->stage = stage;
	b->pos = pos;
	b->hops = 0;
	b->steps = 0;
}

void back_init(struct back_iter *b, const struct dockerfile *df, size_t idx)
{
	back_init_at(b, df, idx < df->ninstr ? df->instr[idx].stage : -1, idx);
}

const struct df_instr *back_next(struct back_iter *b)
{
	while (b->stage >= 0 && (size_t)b->stage < b->df->nstages && b->steps++ < BACK_MAX) {
		const struct df_stage *st = &b->df->stages[b->stage];
		if (b->pos > st->first && b->pos <= st->first + st->count)
			return &b->df->instr[--b->pos];
		if (b->pos > st->first + st->count) {        /* defensive: clamp into range */
			b->pos = st->first + st->count;
			continue;
		}
		if (st->from_stage < 0 || ++b->hops > b->df->nstages)
			break;
		b->stage = st->from_stage;
		st = &b->df->stages[b->stage];
		b->pos = st->first + st->count;
	}
	return NULL;
}

const struct df_instr *df_chain_last(const struct dockerfile *df, int stage, size_t at,
                                     enum df_kind kind)
{
	struct back_iter b;
	const struct df_instr *in;
	if (stage < 0 || (size_t)stage >= df->nstages)
		return NULL;
	const struct df_stage *st = &df->stages[stage];
	back_init_at(&b, df, stage, st->first + (at < st->count ? at : st->count));
	while ((in = back_next(&b)))
		if (in->kind == kind)
			return in;
	return NULL;
}

bool df_in_final_chain(const struct dockerfile *df, int s)
{
	return s >= 0 && (size_t)s < df->nstages && df->stages[s].shipped;
}

const char *run_env(const struct dockerfile *df, size_t idx, const char *key)
{
	struct back_iter b;
	const struct df_instr *in;
	back_init(&b, df, idx);
	while ((in = back_next(&b)))
		if (in->kind == DF_ENV)
			for (size_t i = in->nkvs; i-- > 0;)
				if (!strcmp(in->kvs[i].key, key))
					return in->kvs[i].value ? in->kvs[i].value : "";
	return NULL;
}

bool stage_shipped(const struct dockerfile *df, int stage)
{
	if (stage < 0 || (size_t)stage >= df->nstages)
		return true;
	return df->stages[stage].shipped;
}
