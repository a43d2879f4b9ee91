/* The one vectorscan database: every kind's pattern, compiled once, read-only after. */
#include "secret/secret_int.h"
#include "util/util.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct secret_db db;
static const char *db_err;
static char err_buf[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* A shape rendered for vectorscan: every atom as a \x.. class, so no escaping questions. */
static void render_atom(struct buf *b, const struct atom *a, bool last)
{
	int count = 0, one = -1;
	for (int c = 0; c < 256; c++)
		if (atom_has(a, (uint8_t)c))
			count++, one = c;
	if (count == 1) {
		buf_printf(b, "\\x%02x", one);
	} else {
		buf_addc(b, '[');
		for (int c = 0; c < 256; c++) {
			if (!atom_has(a, (uint8_t)c))
				continue;
			int e = c;
			while (e + 1 < 256 && atom_has(a, (uint8_t)(e + 1)))
				e++;
			buf_printf(b, e > c ? "\\x%02x-\\x%02x" : "\\x%02x", c, e);
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

static void compile(void)
{
	char **expr = xcalloc(g_nkdefs, sizeof *expr);
	unsigned *flags = xcalloc(g_nkdefs, sizeof *flags), *ids = xcalloc(g_nkdefs, sizeof *ids);
	hs_compile_error_t *cerr = NULL;
	size_t i;
	for (i = 0; i < g_nkdefs; i++) {
		ids[i] = (unsigned)i;
		if (!prepare(&g_kdefs[i], &expr[i], &flags[i])) {
			snprintf(err_buf, sizeof err_buf, "bad shape for secret kind %s", g_kdefs[i].k.id);
			db_err = err_buf;
			goto out;
		}
	}
	if (hs_compile_multi((const char *const *)expr, flags, ids, (unsigned)g_nkdefs, HS_MODE_STREAM,
	                     NULL, &db.hs, &cerr) != HS_SUCCESS) {
		snprintf(err_buf, sizeof err_buf, "cannot compile the secret patterns: %s (kind %s)",
		         cerr->message, cerr->expression >= 0 ? g_kdefs[cerr->expression].k.id : "?");
		hs_free_compile_error(cerr);
		db_err = err_buf;
	} else if (hs_alloc_scratch(db.hs, &db.proto) != HS_SUCCESS) {
		db_err = "cannot allocate vectorscan scratch space";
	}
out:
	for (size_t k = 0; k < g_nkdefs; k++)
		free(expr[k]);
	free(expr);
	free(flags);
	free(ids);
}

const struct secret_db *secret_db_get(const char **err)
{
	pthread_once(&once, compile);
	if (db_err || !db.proto) {
		if (err)
			*err = db_err ? db_err : "secret database unavailable";
		return NULL;
	}
	return &db;
}

static const struct secret_kind **list;
static pthread_once_t list_once = PTHREAD_ONCE_INIT;

static void build_list(void)
{
	list = xcalloc(g_nkdefs, sizeof *list);
	for (size_t i = 0; i < g_nkdefs; i++)
		list[i] = &g_kdefs[i].k;
}

size_t secret_kinds(const struct secret_kind *const **v)
{
	pthread_once(&list_once, build_list);
	*v = (const struct secret_kind *const *)list;
	return g_nkdefs;
}
