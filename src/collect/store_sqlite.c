/* The fleet store on SQLite: one file, for one host. Parameters are named $1, $2...; SQLite
 * binds them by name, so a statement may use them in any order, as PostgreSQL's may. */
#include "collect/store_int.h"
#include "collect/sqlite_api.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>

static bool fail(sqlite3 *db, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s", sqlite3_errmsg(db));
	return false;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, const char *const *params, size_t n,
                             char *err, size_t errlen)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fail(db, err, errlen);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		char name[24];
		snprintf(name, sizeof name, "$%zu", i + 1);
		int k = sqlite3_bind_parameter_index(st, name);
		if (k > 0 && (params[i] ? sqlite3_bind_text(st, k, params[i], -1, SQLITE_TRANSIENT)
		                        : sqlite3_bind_null(st, k)) != SQLITE_OK) {
			fail(db, err, errlen);
			sqlite3_finalize(st);
			return NULL;
		}
	}
	return st;
}

static bool sq_exec(struct store *s, const char *sql, const char *const *params, size_t n,
                    long *changed, char *err, size_t errlen)
{
	sqlite3 *db = s->conn;
	sqlite3_stmt *st = prepare(db, sql, params, n, err, errlen);
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return fail(db, err, errlen);
	if (changed)
		*changed = sqlite3_changes(db);
	return true;
}

static bool sq_query(struct store *s, const char *sql, const char *const *params, size_t n,
                     struct store_rows *r, char *err, size_t errlen)
{
	sqlite3 *db = s->conn;
	sqlite3_stmt *st = prepare(db, sql, params, n, err, errlen);
	if (!st)
		return false;
	r->ncols = (size_t)sqlite3_column_count(st);
	char **cells = xcalloc(r->ncols + 1, sizeof *cells);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (size_t j = 0; j < r->ncols; j++)
			cells[j] = (char *)sqlite3_column_text(st, (int)j);
		store_rows_add(r, cells);
	}
	free(cells);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || fail(db, err, errlen);
}

static void sq_close(struct store *s)
{
	sqlite3_close(s->conn);
}

static const struct store_ops ops = {
	.name = "sqlite", .exec = sq_exec, .query = sq_query, .close = sq_close,
	/* IMMEDIATE: the write lock is taken at once, so two runs queue at BEGIN (busy_timeout)
	 * instead of failing at their first write. */
	.begin = "BEGIN IMMEDIATE",
	.lock = NULL,
	.has_table = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
};

struct store *store_sqlite_open(const char *path, bool create, char *err, size_t errlen)
{
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if (create && !path_mkdir_parents(path, err, errlen))
		return NULL;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 30000);
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	struct store *s = xcalloc(1, sizeof *s);
	s->ops = &ops;
	s->conn = db;
	return s;
}
