/* Dockerfile parser: physical lines -> parser directives -> logical lines (continuations, with
 * comment and blank lines inside them skipped, as BuildKit does) -> instructions. */
#include "model/dockerfile.h"
#include "model/dockerfile_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define EXPAND_BUDGET ((size_t)50 * 1000 * 1000)
/* The arena's first block: about twice the text holds a small Dockerfile's strings; kept small
 * enough that malloc serves it from its heap rather than a fresh mmap per file. */
#define ARENA_FIRST_MAX ((size_t)64 << 10)

static const char *const kind_names[] = {
	[DF_UNKNOWN] = "UNKNOWN", [DF_FROM] = "FROM", [DF_RUN] = "RUN", [DF_CMD] = "CMD",
	[DF_LABEL] = "LABEL", [DF_MAINTAINER] = "MAINTAINER", [DF_EXPOSE] = "EXPOSE",
	[DF_ENV] = "ENV", [DF_ADD] = "ADD", [DF_COPY] = "COPY", [DF_ENTRYPOINT] = "ENTRYPOINT",
	[DF_VOLUME] = "VOLUME", [DF_USER] = "USER", [DF_WORKDIR] = "WORKDIR", [DF_ARG] = "ARG",
	[DF_ONBUILD] = "ONBUILD", [DF_STOPSIGNAL] = "STOPSIGNAL", [DF_HEALTHCHECK] = "HEALTHCHECK",
	[DF_SHELL] = "SHELL",
};
#define NKINDS (sizeof kind_names / sizeof *kind_names)

const char *df_kind_name(enum df_kind k)
{
	return (unsigned)k < NKINDS && kind_names[k] ? kind_names[k] : "UNKNOWN";
}

/* Asked of every instruction: the table is read in place, the first byte rules out most. */
enum df_kind df_kind_of(const char *kw)
{
	for (size_t k = DF_FROM; k < NKINDS; k++)
		if (kind_names[k][0] == kw[0] && !strcmp(kw, kind_names[k]))
			return (enum df_kind)k;
	return DF_UNKNOWN;
}

bool df_next_line(struct df_ctx *c, const char **s, size_t *n)
{
	const char *p, *nl;

	if (c->pos >= c->len)
		return false;
	p = c->text + c->pos;
	nl = memchr(p, '\n', c->len - c->pos);
	*n = nl ? (size_t)(nl - p) : c->len - c->pos;
	c->pos += *n + (nl != NULL);
	if (*n && p[*n - 1] == '\r')
		(*n)--;
	*s = p;
	c->lineno++;
	return true;
}

static void ltrim(const char **s, size_t *n)
{
	while (*n && df_is_ws(**s))
		(*s)++, (*n)--;
}

/* "# key=value" with key escape, syntax or check; BuildKit's directive grammar. */
static bool directive(struct df_ctx *c, const char *s, size_t n)
{
	size_t i = 1, k, kl, v;

	if (!n || s[0] != '#')
		return false;
	while (i < n && df_is_ws(s[i]))
		i++;
	k = i;
	while (i < n && (i == k ? isalpha((unsigned char)s[i]) : isalnum((unsigned char)s[i])))
		i++;
	kl = i - k;
	while (i < n && df_is_ws(s[i]))
		i++;
	if (!kl || i >= n || s[i] != '=')
		return false;
	i++;
	while (i < n && df_is_ws(s[i]))
		i++;
	v = n;
	while (v > i && df_is_ws(s[v - 1]))
		v--;
	if (v == i)
		return false;
	if (kl == 6 && !strncasecmp(s + k, "escape", 6)) {
		if (v - i == 1 && (s[i] == '\\' || s[i] == '`'))
			c->df->escape = s[i];
		return true;
	}
	return (kl == 6 && !strncasecmp(s + k, "syntax", 6)) ||
	       (kl == 5 && !strncasecmp(s + k, "check", 5));
}

/* Strip the escape character (plus trailing blanks) ending a line; true if it continues. */
static bool trim_cont(const char *s, size_t *n, char esc)
{
	size_t e = *n;
	while (e && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	if (e && s[e - 1] == esc) {
		*n = e - 1;
		return true;
	}
	return false;
}

/* Called for every physical line: grow only when full. */
static void lg_add(struct df_logical *lg, const char *s, size_t n, int line)
{
	if (lg->n >= lg->ocap || lg->n >= lg->lcap) {
		GROW(lg->offs, lg->ocap, lg->n);
		GROW(lg->lines, lg->lcap, lg->n);
	}
	lg->offs[lg->n] = lg->b.len;
	lg->lines[lg->n++] = line;
	buf_add(&lg->b, s, n);
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!df_is_ws(s[i]))
			return false;
	return true;
}

static bool read_logical(struct df_ctx *c, struct df_logical *lg)
{
	const char *s, *t;
	size_t n, tn;

	while (df_next_line(c, &s, &n)) {
		bool cont;
		ltrim(&s, &n);
		if (!c->dir_done && directive(c, s, n))
			continue;
		c->dir_done = true;
		if (n && s[0] == '#')
			continue;
		cont = trim_cont(s, &n, c->df->escape);
		if (!cont && n == 0)
			continue;
		lg->b.len = lg->n = 0;
		lg->line = lg->end_line = c->lineno;
		lg_add(lg, s, n, c->lineno);
		while (cont && df_next_line(c, &s, &n)) {
			lg->end_line = c->lineno;
			t = s;
			tn = n;
			ltrim(&t, &tn);
			if (tn == 0 || t[0] == '#')
				continue;
			cont = trim_cont(s, &n, c->df->escape);
			lg_add(lg, s, n, c->lineno);
		}
		if (!blank(lg->b.s, lg->b.len))
			return true;
	}
	return false;
}

struct dockerfile *dockerfile_parse(const char *path, const char *text, size_t len,
                                    char **err, int *err_line)
{
	struct df_ctx c = { 0 };
	struct df_logical lg = { 0 };

	if (err)
		*err = NULL;
	if (err_line)
		*err_line = 0;
	if (!text)
		len = 0;
	c.df = xcalloc(1, sizeof *c.df);
	c.df->path = xstrdup(path);
	arena_init(&c.df->arena, 2 * len < ARENA_FIRST_MAX ? 2 * len : ARENA_FIRST_MAX);
	c.df->escape = '\\';
	c.text = text;
	c.len = len;
	c.budget = EXPAND_BUDGET;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		c.pos = 3;
	/* A logical line is no longer than the text: one allocation instead of a doubling chain
	 * per file, and room for the physical lines of most instructions. */
	buf_reserve(&lg.b, len);
	GROW(lg.offs, lg.ocap, 63);
	GROW(lg.lines, lg.lcap, 63);
	while (read_logical(&c, &lg)) {
		struct df_instr in;
		if (c.df->ninstr >= DF_MAX_INSTR) {
			/* memory stays proportional to real Dockerfiles, not to any 16 MiB input */
			if (err)
				*err = xasprintf("too many instructions (over %d)", DF_MAX_INSTR);
			if (err_line)
				*err_line = lg.line;
			dockerfile_free(c.df);
			c.df = NULL;
			break;
		}
		df_parse_instr(&c, &in, &lg, 0, lg.b.len, true);
		df_add_instr(&c, &in);
	}
	free(lg.b.s);
	free(lg.offs);
	free(lg.lines);
	df_ctx_free(&c);
	if (c.df) {
		df_mark_shipped(c.df);
		df_note_cmds(c.df);
		df_find_errors(c.df);
	}
	return c.df;
}

void dockerfile_free(struct dockerfile *df)
{
	if (!df)
		return;
	for (size_t i = 0; i < df->ninstr; i++)
		df_instr_free(&df->instr[i]);
	free(df->instr);
	for (size_t i = 0; i < df->nstages; i++)
		df_stage_free(&df->stages[i]);
	free(df->stages);
	free(df->names);
	for (size_t i = 0; i < df->nmeta_args; i++) {
		free(df->meta_args[i].key);
		free(df->meta_args[i].value);
	}
	free(df->meta_args);
	for (size_t i = 0; i < df->nerrors; i++)
		free(df->errors[i].msg);
	free(df->errors);
	free(df->path);
	arena_free(&df->arena);
	free(df);
}

const struct df_flag *df_flag(const struct df_instr *in, const char *name)
{
	if (!in || !name)
		return NULL;
	while (*name == '-')
		name++;
	for (size_t i = 0; i < in->nflags; i++)
		if (str_ieq(in->flags[i].name, name))
			return &in->flags[i];
	return NULL;
}

const struct df_stage *df_final_stage(const struct dockerfile *df)
{
	return df && df->nstages ? &df->stages[df->nstages - 1] : NULL;
}
