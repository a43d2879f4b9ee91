/* The one vectorscan database: every kind's pattern, loaded once, read-only after. Compiling it
 * takes a few tenths of a second, so the build embeds a serialized copy; it is compiled here only
 * when that copy does not fit (another pattern set, another CPU, another vectorscan). */
#include "secret/db_blob.h"
#include "util/util.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct loaded {
	struct secret_db db;
	const char *err;
	char err_buf[256];
	const char *source;
};

static struct secret_exprs exprs;
static char exprs_err[256];
static pthread_once_t exprs_once = PTHREAD_ONCE_INIT;

/* Once: it fills in the kinds' shapes and context sizes, which every path needs. */
static void build_exprs(void)
{
	if (!secret_exprs_build(&exprs, exprs_err, sizeof exprs_err))
		exprs.n = 0;
}

static bool exprs_ready(struct loaded *l)
{
	pthread_once(&exprs_once, build_exprs);
	if (exprs.n)
		return true;
	l->err = exprs_err;
	return false;
}

/* The embedded copy fits this pattern set, and the probe made with it deserializes: the runtime
 * library refuses another version's database, or one needing CPU features this one lacks. */
static bool blob_fits(void)
{
	const struct secret_db_blob *b = &g_secret_db_blob;
	hs_database_t *probe = NULL;
	if (!b->len || b->hash != exprs.hash ||
	    hs_deserialize_database(b->probe, b->probe_len, &probe) != HS_SUCCESS)
		return false;
	hs_free_database(probe);
	return true;
}

static void finish(struct loaded *l, const char *source)
{
	if (hs_alloc_scratch(l->db.hs, &l->db.proto) != HS_SUCCESS)
		l->err = "cannot allocate vectorscan scratch space";
	else
		l->source = source;
}

static void compile_into(struct loaded *l)
{
	if (!exprs_ready(l))
		return;
	if (!secret_exprs_compile(&exprs, &l->db.hs, l->err_buf, sizeof l->err_buf))
		l->err = l->err_buf;
	else
		finish(l, "compiled");
}

static struct loaded shared, compiled;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT, compiled_once = PTHREAD_ONCE_INIT;

/* The embedded copy is used where it lies, read-only and never freed; when it does not fit, the
 * database is compiled. */
static void load_shared(void)
{
	const char *force = getenv("BULWARK_SECRET_DB");
	if (!exprs_ready(&shared))
		return;
	if ((!force || strcmp(force, "compile")) && blob_fits()) {
		shared.db.hs = (hs_database_t *)(uintptr_t)g_secret_db_blob.image;
		finish(&shared, "embedded");
		return;
	}
	compile_into(&shared);
}

static void load_compiled(void) { compile_into(&compiled); }

static const struct secret_db *result(const struct loaded *l, const char **err)
{
	if (l->err || !l->db.proto) {
		if (err)
			*err = l->err ? l->err : "secret database unavailable";
		return NULL;
	}
	return &l->db;
}

const struct secret_db *secret_db_get(const char **err)
{
	pthread_once(&shared_once, load_shared);
	return result(&shared, err);
}

const char *secret_db_source(void)
{
	pthread_once(&shared_once, load_shared);
	return shared.source ? shared.source : "none";
}

const struct secret_db *secret_db_compiled(const char **err)
{
	pthread_once(&compiled_once, load_compiled);
	return result(&compiled, err);
}

bool secret_db_serialize(const struct secret_db *db, char **bytes, size_t *len)
{
	return hs_serialize_database(db->hs, bytes, len) == HS_SUCCESS;
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

uint64_t secret_db_pattern_hash(void)
{
	pthread_once(&exprs_once, build_exprs);
	return exprs.n ? exprs.hash : 0;
}
