/* The fleet store: which backend a URL names, and what both share (rows, transactions). */
#include "collect/store_int.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_pg_url(const char *url)
{
	return str_prefix(url, "postgresql://") || str_prefix(url, "postgres://");
}

/* A libpq keyword string: "key=value ..." (host=, dbname=, service=...). */
static bool is_pg_keywords(const char *url)
{
	const char *eq = strchr(url, '='), *sl = strchr(url, '/');
	return eq && eq > url && (!sl || sl > eq) && !str_prefix(url, "sqlite:");
}

struct store *store_open(const char *url, bool create, char *err, size_t errlen)
{
	if (is_pg_url(url) || is_pg_keywords(url))
		return store_pg_open(url, err, errlen);
	const char *path = str_prefix(url, "sqlite:") ? url + 7 : url;
	if (!*path) {
		snprintf(err, errlen, "sqlite: names no file");
		return NULL;
	}
	return store_sqlite_open(path, create, err, errlen);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	s->ops->close(s);
	free(s);
}

bool store_is_pg(const struct store *s)
{
	return s->ops->lock != NULL;
}

/* postgresql://user:secret@host/db -> postgresql://user@host/db; password=... in a keyword
 * string -> password=***. */
char *store_url_shown(const char *url)
{
	if (is_pg_url(url)) {
		const char *auth = strstr(url, "://") + 3, *at = strchr(auth, '@');
		const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
		if (colon)
			return xasprintf("%.*s%s", (int)(colon - url), url, at);
		return xstrdup(url);
	}
	const char *pw = strstr(url, "password=");
	if (!pw || !is_pg_keywords(url))
		return xstrdup(url);
	const char *end = pw + 9;
	if (*end == '\'') {
		for (end++; *end && *end != '\''; end++)
			if (*end == '\\' && end[1])
				end++;
		if (*end)
			end++;
	} else {
		end += strcspn(end, " \t");
	}
	return xasprintf("%.*spassword=***%s", (int)(pw - url), url, end);
}

char *store_default_url(void)
{
	const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
	if (x && *x)
		return xasprintf("sqlite:%s/bulwark/fleet.db", x);
	if (h && *h)
		return xasprintf("sqlite:%s/.local/state/bulwark/fleet.db", h);
	return NULL;
}

bool store_exec(struct store *s, const char *sql, const char *const *params, size_t n,
                long *changed, char *err, size_t errlen)
{
	return s->ops->exec(s, sql, params, n, changed, err, errlen);
}

struct store_rows *store_query(struct store *s, const char *sql, const char *const *params,
                               size_t n, char *err, size_t errlen)
{
	struct store_rows *r = xcalloc(1, sizeof *r);
	arena_init(&r->strings, 0);
	if (s->ops->query(s, sql, params, n, r, err, errlen))
		return r;
	store_rows_free(r);
	return NULL;
}

void store_rows_reserve(struct store_rows *r, size_t nrows)
{
	if (nrows * r->ncols > r->cap) {
		r->cells = xrealloc(r->cells, nrows * r->ncols * sizeof *r->cells);
		r->cap = nrows * r->ncols;
	}
}

void store_rows_add(struct store_rows *r, char *const *cells)
{
	grow((void **)&r->cells, &r->cap, (r->nrows + 1) * r->ncols, sizeof *r->cells);
	char **row = r->cells + r->nrows * r->ncols;
	for (size_t j = 0; j < r->ncols; j++)
		row[j] = cells[j] ? arena_strndup(&r->strings, cells[j], strlen(cells[j])) : NULL;
	r->nrows++;
}

size_t store_rows_count(const struct store_rows *r)
{
	return r->nrows;
}

const char *store_cell(const struct store_rows *r, size_t i, size_t j)
{
	return i < r->nrows && j < r->ncols ? r->cells[i * r->ncols + j] : NULL;
}

void store_rows_free(struct store_rows *r)
{
	if (!r)
		return;
	arena_free(&r->strings);
	free(r->cells);
	free(r);
}

bool store_begin(struct store *s, char *err, size_t errlen)
{
	return store_exec(s, s->ops->begin, NULL, 0, NULL, err, errlen);
}

bool store_commit(struct store *s, char *err, size_t errlen)
{
	return store_exec(s, "COMMIT", NULL, 0, NULL, err, errlen);
}

void store_rollback(struct store *s)
{
	char err[8];
	store_exec(s, "ROLLBACK", NULL, 0, NULL, err, sizeof err);
}
