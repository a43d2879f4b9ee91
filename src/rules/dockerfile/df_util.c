#include "rules/dockerfile/df_util.h"
#include "model/cspec.h"
#include "util/util.h"
#include <ctype.h>
#include <string.h>

void df_imgref_split(const char *ref, struct df_imgref *out)
{
	memset(out, 0, sizeof *out);
	if (!ref)
		return;
	size_t n = strlen(ref);
	const char *at = strchr(ref, '@');
	if (at) {
		out->digest = at + 1;
		out->digest_len = n - (size_t)(at + 1 - ref);
		n = (size_t)(at - ref);
	}
	/* A tag is the last ':' after the last '/': "reg:5000/app" has a port, not a tag. */
	size_t colon = n, slash = 0;
	for (size_t i = 0; i < n; i++) {
		if (ref[i] == '/')
			slash = i + 1, colon = n;
		else if (ref[i] == ':' && i >= slash)
			colon = i;
	}
	out->name = ref;
	out->name_len = colon;
	if (colon < n) {
		out->tag = ref + colon + 1;
		out->tag_len = n - colon - 1;
	}
}

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

const char *df_arg0(const struct df_instr *in)
{
	if (!in)
		return "";
	if (in->argc > 0 && in->argv && in->argv[0])
		return in->argv[0];
	return in->args ? in->args : "";
}

bool df_user_is_root(const char *user)
{
	return user && cs_user_is_root(user);
}

bool df_path_absolute(const char *p)
{
	if (!p)
		return false;
	if (p[0] == '/' || p[0] == '$' || p[0] == '\\')
		return true;
	return isalpha((unsigned char)p[0]) && p[1] == ':' && (p[2] == '\\' || p[2] == '/');
}

bool df_is_var_ref(const char *s)
{
	if (!s || s[0] != '$')
		return false;
	if (s[1] == '{') {
		const char *close = strchr(s, '}');
		return close && close[1] == '\0';
	}
	if (!(isalpha((unsigned char)s[1]) || s[1] == '_'))
		return false;
	for (s += 2; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

size_t df_copy_nsrc(const struct df_instr *in)
{
	return in && in->argc >= 2 && in->argv ? in->argc - 1 : 0;
}

const char *df_copy_dest(const struct df_instr *in)
{
	if (!df_copy_nsrc(in))
		return NULL;
	return in->argv[in->argc - 1];
}
