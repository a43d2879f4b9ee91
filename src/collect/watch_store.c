#include "collect/watch_store.h"
#include "collect/sqlite_api.h"
#include "util/util.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define WATCH_APP_ID 0x42575742   /* "BWWB" */

struct watch_store { sqlite3 *db; char *path; };

const char *watch_store_default_path(char *buf, size_t n)
{
	const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
	if (x && *x)
		snprintf(buf, n, "%s/bulwark/watch.db", x);
	else if (h && *h)
		snprintf(buf, n, "%s/.local/state/bulwark/watch.db", h);
	else
		return NULL;
	return buf;
}

static int fail(struct watch_store *s, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s", s->path, sqlite3_errmsg(s->db));
	return -1;
}

static bool exec_sql(struct watch_store *s, const char *sql, char *err, size_t errlen)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return true;
	snprintf(err, errlen, "%s: %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
	return false;
}

static long pragma(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char schema[] =
	"CREATE TABLE baseline(image TEXT PRIMARY KEY, cap_eff INTEGER NOT NULL,"
	" min_uid INTEGER NOT NULL, packet INTEGER NOT NULL, tty_shell INTEGER NOT NULL,"
	" updated INTEGER NOT NULL);"
	"CREATE TABLE exe(image TEXT NOT NULL, path TEXT NOT NULL, dev INTEGER NOT NULL,"
	" ino INTEGER NOT NULL, PRIMARY KEY(image, path)) WITHOUT ROWID;"
	"CREATE TABLE port(image TEXT NOT NULL, proto TEXT NOT NULL, port INTEGER NOT NULL,"
	" PRIMARY KEY(image, proto, port)) WITHOUT ROWID;";

/* A new file gets the schema; an existing one must be ours, of a version we read. */
static bool schema_ready(struct watch_store *s, bool create, char *err, size_t errlen)
{
	long app = pragma(s->db, "PRAGMA application_id");
	long ver = pragma(s->db, "PRAGMA user_version");
	if (app == 0 && ver == 0 && pragma(s->db, "SELECT count(*) FROM sqlite_master") == 0) {
		if (!create) {
			snprintf(err, errlen, "%s: not a baseline store (empty)", s->path);
			return false;
		}
		char sql[1024];
		snprintf(sql, sizeof sql, "BEGIN; PRAGMA application_id=%d; PRAGMA user_version=%d;"
		         "%sCOMMIT;", WATCH_APP_ID, WATCH_STORE_SCHEMA, schema);
		return exec_sql(s, sql, err, errlen);
	}
	if (app != WATCH_APP_ID) {
		snprintf(err, errlen, "%s: not a bulwark baseline store", s->path);
		return false;
	}
	if (ver != WATCH_STORE_SCHEMA) {
		snprintf(err, errlen, "%s: baseline store schema %ld, this bulwark reads %d", s->path,
		         ver, WATCH_STORE_SCHEMA);
		return false;
	}
	return true;
}

struct watch_store *watch_store_open(const char *path, bool create, char *err, size_t errlen)
{
	struct stat st;
	if (!create && stat(path, &st) != 0) {
		snprintf(err, errlen, "%s: %s (bulwark watch creates it while learning)", path,
		         strerror(errno));
		return NULL;
	}
	if (create && !path_mkdir_parents(path, err, errlen))
		return NULL;
	struct watch_store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	int flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		fail(s, err, errlen);
		watch_store_close(s);
		return NULL;
	}
	sqlite3_busy_timeout(s->db, 5000);
	if (!schema_ready(s, create, err, errlen)) {
		watch_store_close(s);
		return NULL;
	}
	return s;
}

void watch_store_close(struct watch_store *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

static sqlite3_stmt *prep(struct watch_store *s, const char *sql, const char *image)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (image)
		sqlite3_bind_text(st, 1, image, -1, SQLITE_TRANSIENT);
	return st;
}

int watch_store_load(struct watch_store *s, const char *image, struct watch_base *b, char *err,
                     size_t errlen)
{
	watch_base_init(b, image);
	sqlite3_stmt *st = prep(s, "SELECT cap_eff, min_uid, packet, tty_shell FROM baseline"
	                           " WHERE image=?", image);
	if (!st)
		return fail(s, err, errlen);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		b->cap_eff = (uint64_t)sqlite3_column_int64(st, 0);
		sqlite3_int64 uid = sqlite3_column_int64(st, 1);   /* -1: no process seen */
		b->has_uid = uid >= 0;
		b->min_uid = uid >= 0 ? (unsigned)uid : 0;
		b->packet = sqlite3_column_int(st, 2);
		b->tty_shell = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : fail(s, err, errlen);
	if (!(st = prep(s, "SELECT path, dev, ino FROM exe WHERE image=?", image)))
		return fail(s, err, errlen);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		watch_base_exe_add(b, (const char *)sqlite3_column_text(st, 0),
		                   (unsigned long long)sqlite3_column_int64(st, 1),
		                   (unsigned long long)sqlite3_column_int64(st, 2));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || !(st = prep(s, "SELECT proto, port FROM port WHERE image=?", image)))
		return fail(s, err, errlen);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		watch_base_port_add(b, (const char *)sqlite3_column_text(st, 0),
		                    (unsigned)sqlite3_column_int(st, 1));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return fail(s, err, errlen);
	b->changed = false;
	return 1;
}

static bool save_rows(struct watch_store *s, const struct watch_base *b)
{
	sqlite3_stmt *st = prep(s, "INSERT INTO baseline VALUES(?, ?, ?, ?, ?, strftime('%s'))",
	                        b->image);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 2, (sqlite3_int64)b->cap_eff);
	sqlite3_bind_int64(st, 3, b->has_uid ? (sqlite3_int64)b->min_uid : -1);
	sqlite3_bind_int(st, 4, b->packet);
	sqlite3_bind_int(st, 5, b->tty_shell);
	bool ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	if (!ok || !(st = prep(s, "INSERT INTO exe VALUES(?, ?, ?, ?)", b->image)))
		return false;
	for (size_t i = 0; ok && i < b->nexes; i++) {
		sqlite3_bind_text(st, 2, b->exes[i].path, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)b->exes[i].dev);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)b->exes[i].ino);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (!ok || !(st = prep(s, "INSERT INTO port VALUES(?, ?, ?)", b->image)))
		return false;
	for (size_t i = 0; ok && i < b->nports; i++) {
		sqlite3_bind_text(st, 2, b->ports[i].proto, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 3, (int)b->ports[i].port);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return ok;
}

int watch_store_save(struct watch_store *s, const struct watch_base *b, char *err, size_t errlen)
{
	if (!exec_sql(s, "BEGIN IMMEDIATE", err, errlen))
		return -1;
	bool ok = true;
	static const char *const del[] = { "DELETE FROM baseline WHERE image=?",
		"DELETE FROM exe WHERE image=?", "DELETE FROM port WHERE image=?" };
	for (size_t i = 0; ok && i < 3; i++) {
		sqlite3_stmt *st = prep(s, del[i], b->image);
		ok = st && sqlite3_step(st) == SQLITE_DONE;
		sqlite3_finalize(st);
	}
	if (!ok || !save_rows(s, b)) {
		fail(s, err, errlen);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return exec_sql(s, "COMMIT", err, errlen) ? 0 : -1;
}

int watch_store_images(struct watch_store *s, char ***images, size_t *n, char *err,
                       size_t errlen)
{
	*images = NULL;
	*n = 0;
	size_t cap = 0;
	sqlite3_stmt *st = prep(s, "SELECT image FROM baseline ORDER BY image", NULL);
	if (!st)
		return fail(s, err, errlen);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		GROW(*images, cap, *n);
		(*images)[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail(s, err, errlen);
}
