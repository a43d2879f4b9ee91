#include "rules/dockerfile/df_util.h"
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
	if (!name || !*name)
		return NULL;
	for (size_t i = 0; i < df->nstages && (int)i < before; i++)
		if (df->stages[i].name && str_ieq(df->stages[i].name, name))
			return &df->stages[i];
	return NULL;
}

bool df_stage_external(const struct dockerfile *df, const struct df_stage *st)
{
	const char *img = df_stage_image(st);
	if (!st || st->scratch || st->from_stage >= 0 || !*img || strchr(img, '$'))
		return false;
	if (str_ieq(img, "scratch"))
		return false;
	/* Belt and braces: a FROM naming an earlier stage is never a registry image. */
	return df_stage_named(df, img, st->index) == NULL;
}

const struct df_instr *df_stage_instr(const struct dockerfile *df, const struct df_stage *st,
                                      size_t i)
{
	if (!st || i >= st->count || st->first + i >= df->ninstr)
		return NULL;
	return &df->instr[st->first + i];
}

const struct df_instr *df_chain_last(const struct dockerfile *df, int stage, size_t at,
                                     enum df_kind kind)
{
	/* Each hop goes to a strictly earlier stage, so the walk ends. */
	while (stage >= 0 && (size_t)stage < df->nstages) {
		const struct df_stage *st = &df->stages[stage];
		size_t end = at < st->count ? at : st->count;
		for (size_t i = end; i-- > 0;) {
			const struct df_instr *in = df_stage_instr(df, st, i);
			if (in && in->kind == kind)
				return in;
		}
		if (st->from_stage >= stage)
			break;
		stage = st->from_stage;
		at = (size_t)-1;
	}
	return NULL;
}

bool df_in_final_chain(const struct dockerfile *df, int s)
{
	if (df->nstages == 0)
		return false;
	int cur = (int)df->nstages - 1;
	while (cur >= 0) {
		if (cur == s)
			return true;
		int next = df->stages[cur].from_stage;
		if (next >= cur)
			break;
		cur = next;
	}
	return false;
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
	if (!user)
		return false;
	size_t n = strcspn(user, ":");
	return (n == 4 && strncmp(user, "root", 4) == 0) || (n == 1 && user[0] == '0');
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
