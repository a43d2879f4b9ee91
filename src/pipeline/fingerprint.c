#include "pipeline/fingerprint.h"
#include "model/dockerfile.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

/* FNV-1a over 128 bits: a key needs spread, not secrecy, and no library (lint loads none). */
static void fnv(u128 *h, const char *s, size_t n)
{
	const u128 prime = ((u128)1 << 88) | 0x13b;
	for (size_t i = 0; i < n; i++)
		*h = (*h ^ (unsigned char)s[i]) * prime;
}

/* Each field with its NUL, so that no two field splits hash alike. */
static void fnv_str(u128 *h, const char *s)
{
	fnv(h, s ? s : "", (s ? strlen(s) : 0) + 1);
}

/* A path with a process id in it (/proc/1234/cmdline, the daemon's flags) as /proc/PID/...: a
 * restarted daemon is the same daemon. */
static void fnv_path(u128 *h, const char *path)
{
	const char *p = path ? strstr(path, "/proc/") : NULL;
	if (!p || p[6] < '0' || p[6] > '9') {
		fnv_str(h, path);
		return;
	}
	fnv(h, path, (size_t)(p - path) + 6);
	for (p += 6; *p >= '0' && *p <= '9'; p++)
		;
	fnv(h, "PID", 3);
	fnv_str(h, p);
}

/* The key of f whose normalized content hashes to content (struct norm). */
static char *key_of(const struct finding *f, uint64_t content)
{
	u128 h = ((u128)0x6c62272e07bb0142ULL << 64) | 0x62b821756295c58dULL;
	char c[sizeof content];
	fnv_str(&h, f->rule->id);
	fnv_str(&h, target_kind_name(f->kind));
	fnv_str(&h, f->target_name);
	fnv_path(&h, f->path);
	memcpy(c, &content, sizeof c);
	fnv(&h, c, sizeof c);
	return xasprintf("%016llx%016llx", (unsigned long long)(h >> 64),
	                 (unsigned long long)h);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Content is hashed as it is normalized, each whitespace run as one space and none at either
 * end, with 64-bit FNV-1a: no copy, one multiply a byte (a RUN block runs to kilobytes). */
struct norm { uint64_t h; bool any, gap; };
#define NORM_INIT { 0xcbf29ce484222325u, false, false }

static void norm_add(struct norm *z, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_space((char)c)) {
			z->gap = z->any;
			continue;
		}
		if (z->gap)
			z->h = (z->h ^ ' ') * 0x100000001b3u, z->gap = false;
		z->h = (z->h ^ c) * 0x100000001b3u;
		z->any = true;
	}
}

/* Where each line of a text starts. */
struct lines { const char *text; size_t len, *start, n, cap; };

static void lines_init(struct lines *l, const char *text, size_t len)
{
	*l = (struct lines){ .text = text, .len = len };
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		GROW(l->start, l->cap, l->n);
		l->start[l->n++] = i;
		i = nl ? (size_t)(nl - text) + 1 : len;
	}
}

/* Line k (1-based), without its newline and surrounding blanks. */
static const char *line_at(const struct lines *l, size_t k, size_t *n)
{
	size_t a = l->start[k - 1], e = k < l->n ? l->start[k] : l->len;
	while (a < e && is_space(l->text[a]))
		a++;
	while (e > a && is_space(l->text[e - 1]))
		e--;
	*n = e - a;
	return l->text + a;
}

/* The instruction whose lines hold line, or NULL (a comment, a blank line). */
static const struct df_instr *instr_at(const struct dockerfile *df, int line)
{
	size_t lo = 0, hi = df->ninstr;
	while (lo < hi) {   /* the first instruction starting after line */
		size_t mid = lo + (hi - lo) / 2;
		if (df->instr[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && df->instr[lo - 1].end_line >= line ? &df->instr[lo - 1] : NULL;
}

/* Lines first..last as one instruction: continuation escapes and comment lines dropped. */
static void add_span(struct norm *z, const struct lines *l, size_t first, size_t last, char esc)
{
	for (size_t k = first; k <= last && k <= l->n; k++) {
		size_t n;
		const char *s = line_at(l, k, &n);
		if (k > first && n && s[0] == '#')
			continue;
		if (esc && n && s[n - 1] == esc)
			n--;
		norm_add(z, s, n);
		z->gap = z->any;   /* a line break separates words */
	}
}

/* The hash of the normalized lines first..last (0: the whole file, which hashes as empty). */
static uint64_t span_hash(const struct lines *l, size_t first, size_t last, char esc)
{
	struct norm z = NORM_INIT;
	if (first)
		add_span(&z, l, first, last, esc);
	return z.h;
}

void fingerprint_keys(struct findings *out, size_t from, const char *path, const char *text,
                      size_t len, const struct dockerfile *df)
{
	struct lines l = { 0 };
	uint64_t *seen = NULL;   /* per instruction: its content's hash, 0 until computed */
	bool ready = false;
	for (size_t i = from; i < out->n; i++) {
		struct finding *f = &out->v[i];
		if (f->fingerprint || f->layer >= 0 || !str_eq(f->path, path))
			continue;
		if (!ready) {
			lines_init(&l, text, len);
			seen = df ? xcalloc(df->ninstr + 1, sizeof *seen) : NULL;
			ready = true;
		}
		size_t first = f->line > 0 ? (size_t)f->line : 0;
		const struct df_instr *in = df && first ? instr_at(df, f->line) : NULL;
		uint64_t h;
		if (in) {   /* a long RUN block has several findings: hashed once */
			uint64_t *slot = &seen[in - df->instr];
			if (!*slot)
				*slot = span_hash(&l, (size_t)in->line, (size_t)in->end_line, df->escape);
			h = *slot;
		} else {
			h = span_hash(&l, first, first, df ? df->escape : 0);
		}
		f->fingerprint = key_of(f, h);
	}
	free(seen);
	free(l.start);
}

/* A message as content: whitespace runs as one space, and no line number ("line 12" moves). */
static char *message_key(const struct finding *f)
{
	struct norm z = NORM_INIT;
	for (const char *m = f->message; *m;) {
		const char *e = strstr(m, "line ");
		size_t n = e ? (size_t)(e - m) + 5 : strlen(m);
		norm_add(&z, m, n);
		for (m += n; e && *m >= '0' && *m <= '9'; m++)
			;
	}
	if (f->evidence && (f->kind == TK_FILE || f->layer >= 0)) {
		/* Two secrets of one kind in one file differ in their evidence, which is kept as
		 * redact() shows it by default, so that --show-secrets changes no fingerprint. */
		size_t el = strlen(f->evidence);
		char *ev = !g_show_secrets ? xstrdup(f->evidence)
		         : el <= 8 ? xasprintf("…(%zu chars)", el)
		                   : xasprintf("%.4s…(%zu chars)", f->evidence, el);
		z.h = (z.h ^ 0) * 0x100000001b3u;
		for (const char *p = ev; *p; p++)
			z.h = (z.h ^ (unsigned char)*p) * 0x100000001b3u;
		free(ev);
	}
	return key_of(f, z.h);
}

struct keyed { const char *key; size_t i; };

static int cmp_keyed(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

void fingerprint_all(struct findings *out)
{
	struct keyed *k = xcalloc(out->n ? out->n : 1, sizeof *k);
	for (size_t i = 0; i < out->n; i++) {
		if (!out->v[i].fingerprint)
			out->v[i].fingerprint = message_key(&out->v[i]);
		k[i] = (struct keyed){ out->v[i].fingerprint, i };
	}
	qsort(k, out->n, sizeof *k, cmp_keyed);
	char **fp = xcalloc(out->n ? out->n : 1, sizeof *fp);
	for (size_t i = 0, occ = 0; i < out->n; i++) {
		occ = i && !strcmp(k[i - 1].key, k[i].key) ? occ + 1 : 0;
		fp[k[i].i] = xasprintf("%s:%zu", k[i].key, occ);
	}
	for (size_t i = 0; i < out->n; i++) {
		free(out->v[i].fingerprint);
		out->v[i].fingerprint = fp[i];
	}
	free(fp);
	free(k);
}
