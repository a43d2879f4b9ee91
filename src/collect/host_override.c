/* Stat overrides for tests and fixtures (host_inputs.stat_overrides): owner, mode and type that
 * a checkout cannot carry. */
#include "collect/host_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static bool parse_type(const char *s, enum hf_type *t)
{
	static const struct { const char *name; enum hf_type t; } types[] = {
		{ "file", HF_FILE },       { "dir", HF_DIR },         { "socket", HF_SOCKET },
		{ "symlink", HF_SYMLINK }, { "absent", HF_ABSENT },
	};
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (!strcmp(s, types[i].name)) {
			*t = types[i].t;
			return true;
		}
	return false;
}

static bool parse_num(const char *s, int base, unsigned max, unsigned *v)
{
	char *end;
	unsigned long n = strtoul(s, &end, base);
	if (!*s || *end || *s == '-' || n > max)
		return false;
	*v = (unsigned)n;
	return true;
}

static bool parse_entry(char *line, struct hstat *st)
{
	char *f[5], *save = NULL;
	size_t n = 0;
	for (char *t = strtok_r(line, " \t", &save); t; t = strtok_r(NULL, " \t", &save))
		if (n < 5)
			f[n++] = t;
		else
			return false;
	return n == 5 && f[0][0] == '/' && parse_type(f[1], &st->type) &&
	       parse_num(f[2], 10, 0xffffffffu, &st->uid) && parse_num(f[3], 10, 0xffffffffu, &st->gid) &&
	       parse_num(f[4], 8, 07777, &st->mode) && (st->path = host_path_norm(f[0]));
}

void hstats_load(struct hstats *s, const char *file, struct findings *errs)
{
	static const struct hroot here = { "", -1 };
	memset(s, 0, sizeof *s);
	if (!file)
		return;
	char *text = host_read(&here, file, errs);
	struct hlines it;
	char *line;
	if (!text)
		return;
	hlines_init(&it, text, file, errs);
	while ((line = hlines_next(&it))) {
		struct hstat st = { 0 };
		line = str_trim(line);
		if (!*line || *line == '#')
			continue;
		if (!parse_entry(line, &st)) {
			findings_error(errs, file, it.line, "expected \"PATH TYPE UID GID MODE\"");
			continue;
		}
		GROW(s->v, s->cap, s->n);
		s->v[s->n++] = st;
	}
	free(text);
}

const struct hstat *hstats_find(const struct hstats *s, const char *path)
{
	char *p = host_path_norm(path);
	const struct hstat *found = NULL;
	for (size_t i = 0; p && i < s->n && !found; i++)
		if (!strcmp(s->v[i].path, p))
			found = &s->v[i];
	free(p);
	return found;
}

void hstats_free(struct hstats *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].path);
	free(s->v);
	memset(s, 0, sizeof *s);
}
