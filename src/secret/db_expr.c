/* The pattern set: every kind rendered as a vectorscan expression, and its compilation. Shared by
 * the library and scripts/gen-secret-db.c, so the database embedded at build time and the one
 * compiled at run time come from the same code. */
#include "secret/db_blob.h"
#include "util/dynlib.h"
#include "util/util.h"
#include <stdio.h>
#include <string.h>

/* The first byte at or after c that is (want) or is not (!want) in the atom; 256 when none. The
 * set is read 64 bits at a time: this runs at every startup, for every atom of every kind. */
static int next_byte(const struct atom *a, int c, bool want)
{
	while (c < 256) {
		uint64_t w = 0;
		for (int j = 0; j < 8; j++)     /* bit k of byte j is the byte value 8j+k */
			w |= (uint64_t)a->set[(c >> 6) * 8 + j] << 8 * j;
		if (!want)
			w = ~w;
		w &= ~0ULL << (c & 63);
		if (w)
			return (c & ~63) + __builtin_ctzll(w);
		c = (c & ~63) + 64;
	}
	return 256;
}

/* "\xhh": by hand, since every startup renders some two thousand of them (printf is most of the
 * cost of rendering). */
static void put_hex(struct buf *b, int c)
{
	static const char hex[] = "0123456789abcdef";
	const char t[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
	buf_add(b, t, sizeof t);
}

/* A shape rendered for vectorscan: every atom as a \x.. class, so no escaping questions. */
static void render_atom(struct buf *b, const struct atom *a, bool last)
{
	int first = next_byte(a, 0, true);
	if (first < 256 && next_byte(a, first + 1, true) == 256) {
		put_hex(b, first);
	} else {
		buf_addc(b, '[');
		for (int c = first; c < 256; c = next_byte(a, c + 1, true)) {
			int e = next_byte(a, c, false) - 1;
			put_hex(b, c);
			if (e > c) {
				buf_addc(b, '-');
				put_hex(b, e);
			}
			c = e;
		}
		buf_addc(b, ']');
	}
	/* The last atom at its minimum: one report per occurrence; the check reads the rest. */
	unsigned lo = a->min, hi = last ? a->min : a->max;
	if (lo != 1 || hi != 1)
		buf_printf(b, lo == hi ? "{%u}" : "{%u,%u}", lo, hi);
}

static char *render(const struct shape *sh, struct shape *hs_sh)
{
	struct buf b = { 0 };
	size_t n = sh->n;
	while (n > 1 && sh->a[n - 1].min == 0)
		n--;
	memset(hs_sh, 0, sizeof *hs_sh);
	hs_sh->a = xmalloc(n * sizeof *hs_sh->a);
	hs_sh->n = n;
	for (size_t i = 0; i < n; i++) {
		render_atom(&b, &sh->a[i], i + 1 == n);
		hs_sh->a[i] = sh->a[i];
		if (i + 1 == n)
			hs_sh->a[i].max = hs_sh->a[i].min;
		hs_sh->minlen += hs_sh->a[i].min;
		hs_sh->maxlen += hs_sh->a[i].max;
	}
	return buf_take(&b);
}

size_t g_margin;

static bool prepare(struct kdef *d, char **expr, unsigned *flags)
{
	*flags = 0;
	if (d->fam == F_SHAPE) {
		if (!shape_parse(d->re, d->caseless, &d->sh))
			return false;
		*expr = render(&d->sh, &d->hs_sh);
		d->back += (uint16_t)(d->hs_sh.maxlen + 1);
		d->ahead += (uint16_t)(d->sh.maxlen - d->hs_sh.minlen + 1);
		if (d->hs_sh.maxlen + 1 > g_margin)
			g_margin = d->hs_sh.maxlen + 1;
	} else {
		if (d->val && !shape_parse(d->val, false, &d->sh))
			return false;
		*expr = xstrdup(d->re);
		*flags = d->caseless ? HS_FLAG_CASELESS : 0;
		d->ahead += (uint16_t)(d->sh.maxlen + 16);
		if ((size_t)d->back + 64 > g_margin)
			g_margin = (size_t)d->back + 64;
	}
	return true;
}

static uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
	const uint8_t *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return h;
}

/* Every expression, flag and id (and the mode), so any change to the table changes the hash. */
static uint64_t hash_exprs(const struct secret_exprs *x)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	unsigned mode = SECRET_DB_MODE;
	h = fnv1a(h, &mode, sizeof mode);
	for (size_t i = 0; i < x->n; i++) {
		h = fnv1a(h, x->expr[i], strlen(x->expr[i]) + 1);
		h = fnv1a(h, &x->flags[i], sizeof x->flags[i]);
		h = fnv1a(h, &x->ids[i], sizeof x->ids[i]);
	}
	return h;
}

bool secret_exprs_build(struct secret_exprs *x, char *err, size_t errlen)
{
	x->n = g_nkdefs;
	x->expr = xcalloc(g_nkdefs, sizeof *x->expr);
	x->flags = xcalloc(g_nkdefs, sizeof *x->flags);
	x->ids = xcalloc(g_nkdefs, sizeof *x->ids);
	for (size_t i = 0; i < g_nkdefs; i++) {
		x->ids[i] = (unsigned)i;
		if (!prepare(&g_kdefs[i], &x->expr[i], &x->flags[i])) {
			snprintf(err, errlen, "bad shape for secret kind %s", g_kdefs[i].k.id);
			secret_exprs_free(x);
			return false;
		}
	}
	x->hash = hash_exprs(x);
	return true;
}

void secret_exprs_free(struct secret_exprs *x)
{
	for (size_t i = 0; x->expr && i < x->n; i++)
		free(x->expr[i]);
	free(x->expr);
	free(x->flags);
	free(x->ids);
	memset(x, 0, sizeof *x);
}

/* The compiler is opened only when a database must be compiled: the build does it once, and a
 * run only on a CPU the embedded copy does not fit. Scanning needs the runtime alone, which is
 * linked; the whole library, with its C++ runtime, was two thirds of the dynamic loader's work
 * at every start. */
#ifndef HS_SONAME
#define HS_SONAME "libhs.so.5"
#endif
static __typeof__(hs_compile_multi) *compile_multi;
static __typeof__(hs_free_compile_error) *free_compile_error;
static const struct dynlib_sym syms[] = {
	{ "hs_compile_multi", (void **)&compile_multi },
	{ "hs_free_compile_error", (void **)&free_compile_error },
};
static struct dynlib lib = DYNLIB(HS_SONAME, syms, NULL);

bool secret_exprs_compile(const struct secret_exprs *x, hs_database_t **db, char *err, size_t errlen)
{
	hs_compile_error_t *cerr = NULL;
	const char *why;
	if (!dynlib_ready(&lib, &why)) {
		snprintf(err, errlen, "cannot compile the secret patterns: %s", why);
		return false;
	}
	if (compile_multi((const char *const *)x->expr, x->flags, x->ids, (unsigned)x->n,
	                     SECRET_DB_MODE, NULL, db, &cerr) == HS_SUCCESS)
		return true;
	snprintf(err, errlen, "cannot compile the secret patterns: %s (kind %s)", cerr->message,
	         cerr->expression >= 0 ? g_kdefs[cerr->expression].k.id : "?");
	free_compile_error(cerr);
	return false;
}
