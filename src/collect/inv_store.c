/* Stored inventories (collect/inv_store.h): one row per image, one per package, one per
 * (package, vulnerability) it matched. Writes go into one transaction, committed on close. */
#include "collect/inv_store.h"
#include "collect/sqlite_api.h"
#include "collect/vulndb_int.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define INV_APP_ID 0x42574956   /* "BWIV" */
#define INV_SCHEMA 1

struct inv_store { sqlite3 *db; char *last; bool began; };

static bool fail(struct inv_store *s, char *err, size_t errlen)
{
	snprintf(err, errlen, "inventory store: %s", sqlite3_errmsg(s->db));
	return false;
}

static bool exec(struct inv_store *s, const char *sql, char *err, size_t errlen)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK || fail(s, err, errlen);
}

static bool schema(struct inv_store *s, const char *path, char *err, size_t errlen)
{
	long app = vulndb_pragma(s->db, "PRAGMA application_id");
	long ver = vulndb_pragma(s->db, "PRAGMA user_version");
	if (app == 0 && ver == 0)
		return exec(s, "PRAGMA application_id=1113016662; PRAGMA user_version=1;"
		            "CREATE TABLE IF NOT EXISTS image(digest TEXT PRIMARY KEY, ref TEXT NOT NULL,"
		            " scanned INTEGER NOT NULL);"
		            "CREATE TABLE IF NOT EXISTS pkg(digest TEXT NOT NULL, seq INTEGER NOT NULL,"
		            " kind INTEGER, name TEXT, version TEXT, source TEXT, source_version TEXT,"
		            " ecosystem TEXT, scheme INTEGER, path TEXT, layer INTEGER, purl TEXT,"
		            " arch TEXT, PRIMARY KEY(digest, seq)) WITHOUT ROWID;"
		            "CREATE TABLE IF NOT EXISTS found(digest TEXT NOT NULL, key TEXT NOT NULL,"
		            " PRIMARY KEY(digest, key)) WITHOUT ROWID;", err, errlen);
	if (app != INV_APP_ID || ver != INV_SCHEMA) {
		snprintf(err, errlen, "%s: not a bulwark inventory store this version reads", path);
		return false;
	}
	return true;
}

struct inv_store *inv_store_open(const char *db_path, bool create, char *err, size_t errlen)
{
	char *path = xasprintf("%s.inv", db_path);
	struct stat st;
	struct inv_store *s = NULL;
	*err = 0;
	if (!create && stat(path, &st) != 0)
		goto out;
	s = xcalloc(1, sizeof *s);
	int fl = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	bool ok = sqlite3_open_v2(path, &s->db, fl, NULL) == SQLITE_OK;
	if (ok)
		sqlite3_busy_timeout(s->db, 5000);
	ok = ok ? exec(s, "BEGIN IMMEDIATE", err, errlen) : fail(s, err, errlen);
	s->began = ok;
	if (!ok || !schema(s, path, err, errlen)) {
		inv_store_close(s);
		s = NULL;
	}
out:
	free(path);
	return s;
}

static sqlite3_stmt *prep(struct inv_store *s, const char *sql, const char *digest)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
	return st;
}

static bool done(struct inv_store *s, sqlite3_stmt *st, char *err, size_t errlen)
{
	bool ok = st && sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok || fail(s, err, errlen);
}

bool inv_store_set_found(struct inv_store *s, const char *digest, char *const *found,
                         size_t nfound, char *err, size_t errlen)
{
	if (!done(s, prep(s, "DELETE FROM found WHERE digest=?1", digest), err, errlen))
		return false;
	sqlite3_stmt *st = prep(s, "INSERT OR IGNORE INTO found VALUES(?1, ?2)", digest);
	bool ok = st != NULL;
	for (size_t i = 0; ok && i < nfound; i++) {
		sqlite3_bind_text(st, 2, found[i], -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return ok || fail(s, err, errlen);
}

static bool put_pkgs(struct inv_store *s, const char *digest, const struct pkg_inv *inv)
{
	sqlite3_stmt *st = prep(s, "INSERT INTO pkg VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
	                        digest);
	bool ok = st != NULL;
	for (size_t i = 0; ok && i < inv->npkgs; i++) {
		const struct pkg *p = &inv->pkgs[i];
		const char *t[] = { p->name, p->version, p->source, p->source_version, p->ecosystem };
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		sqlite3_bind_int(st, 3, (int)p->kind);
		for (int k = 0; k < 5; k++)
			sqlite3_bind_text(st, 4 + k, t[k], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 9, (int)p->scheme);
		sqlite3_bind_text(st, 10, p->path, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 11, (sqlite3_int64)p->layer);
		sqlite3_bind_text(st, 12, p->purl, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 13, p->arch, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return ok;
}

bool inv_store_save(struct inv_store *s, const char *digest, const char *ref, time_t when,
                    const struct pkg_inv *inv, char *const *found, size_t nfound, char *err,
                    size_t errlen)
{
	if (!done(s, prep(s, "DELETE FROM pkg WHERE digest=?1", digest), err, errlen))
		return false;
	sqlite3_stmt *st = prep(s, "INSERT OR REPLACE INTO image VALUES(?1, ?2, ?3)", digest);
	if (st) {
		sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)when);
	}
	if (!done(s, st, err, errlen))
		return false;
	if (!put_pkgs(s, digest, inv))
		return fail(s, err, errlen);
	return inv_store_set_found(s, digest, found, nfound, err, errlen);
}

static bool get_pkgs(struct inv_store *s, struct inv_entry *e)
{
	sqlite3_stmt *st = prep(s, "SELECT kind, name, version, source, source_version, ecosystem,"
	                        " scheme, path, layer, purl, arch FROM pkg WHERE digest=?1"
	                        " ORDER BY seq", e->digest);
	int rc = SQLITE_ERROR;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *ver = (const char *)sqlite3_column_text(st, 2);
		struct pkg *p = pkg_inv_add(&e->inv, (enum pkg_kind)sqlite3_column_int(st, 0),
		                            name ? name : "", ver ? ver : "");
		if (!p)
			break;
		p->source = vulndb_col(st, 3), p->source_version = vulndb_col(st, 4), p->ecosystem = vulndb_col(st, 5);
		p->scheme = (enum vers_scheme)sqlite3_column_int(st, 6);
		p->path = vulndb_col(st, 7), p->layer = (size_t)sqlite3_column_int64(st, 8);
		p->purl = vulndb_col(st, 9), p->arch = vulndb_col(st, 10);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

static bool get_found(struct inv_store *s, struct inv_entry *e)
{
	sqlite3_stmt *st = prep(s, "SELECT key FROM found WHERE digest=?1 ORDER BY key", e->digest);
	int rc = SQLITE_ERROR;
	size_t cap = 0;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (e->nfound == cap)
			e->found = xrealloc(e->found, (cap = cap ? cap * 2 : 16) * sizeof *e->found);
		e->found[e->nfound++] = vulndb_col(st, 0);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

int inv_store_next(struct inv_store *s, struct inv_entry *e, char *err, size_t errlen)
{
	inv_entry_clear(e);
	sqlite3_stmt *st = prep(s, "SELECT digest, ref FROM image WHERE digest > ?1"
	                        " ORDER BY digest LIMIT 1", s->last ? s->last : "");
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	if (rc == SQLITE_ROW)
		e->digest = vulndb_col(st, 0), e->ref = vulndb_col(st, 1);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW || !get_pkgs(s, e) || !get_found(s, e))
		return fail(s, err, errlen), -1;
	free(s->last);
	s->last = xstrdup(e->digest);
	return 1;
}

void inv_entry_clear(struct inv_entry *e)
{
	free(e->digest), free(e->ref);
	pkg_inv_clear(&e->inv);
	for (size_t i = 0; i < e->nfound; i++)
		free(e->found[i]);
	free(e->found);
	memset(e, 0, sizeof *e);
}

void inv_store_close(struct inv_store *s)
{
	if (!s)
		return;
	if (s->began)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(s->db);
	free(s->last);
	free(s);
}
