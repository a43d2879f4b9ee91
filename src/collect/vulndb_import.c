/* Importing OSV data: zip archives, record files and directories of them into a new database
 * file next to the store, then renamed over it. Readers that have the old file open keep the
 * old data; an error at any point removes the new file and leaves the store as it was. */
#include "collect/vulndb.h"
#include "collect/vulndb_int.h"
#include "util/util.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


struct imp {
	sqlite3 *db;
	sqlite3_stmt *ins_rec, *ins_aff, *find, *del_rec, *del_aff;
	struct vulndb_import_opts *o;
	long records;
	char *err; size_t errlen;
};

#define fail(m, ...) vulndb_fail((m)->err, (m)->errlen, __VA_ARGS__)

/* path, and the archive entry's name when there is one */
static void skipped(struct imp *m, const char *path, const char *name, const char *why)
{
	m->o->skipped++;
	if (m->o->warn) {
		struct buf msg = { 0 };
		buf_printf(&msg, "%s: %s%s%s (record skipped)", path, name ? name : "",
		           name ? ": " : "", why);
		m->o->warn(m->o->ctx, msg.s);
		free(msg.s);
	}
}

static bool sql_fail(struct imp *m)
{
	return fail(m, "vulnerability store: %s", sqlite3_errmsg(m->db));
}

static bool step_done(struct imp *m, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || sql_fail(m);
}

/* Not copied: the record outlives the statement's step, and every parameter is bound again
 * before the next one. */
static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* A record already imported under this id (the same record in two ecosystems' archives, or
 * two copies): the newer modified date wins. true when the new copy should go in. */
static bool replace_older(struct imp *m, const struct vuln_rec *h, bool *ok)
{
	sqlite3_bind_text(m->find, 1, h->id, -1, SQLITE_STATIC);
	bool newer = false;
	sqlite3_int64 rid = 0;
	if (sqlite3_step(m->find) == SQLITE_ROW) {
		rid = sqlite3_column_int64(m->find, 0);
		newer = strcmp(h->modified, (const char *)sqlite3_column_text(m->find, 1)) > 0;
	}
	sqlite3_reset(m->find);
	if (!newer)
		return false;
	sqlite3_bind_int64(m->del_aff, 1, rid);
	sqlite3_bind_int64(m->del_rec, 1, rid);
	*ok = step_done(m, m->del_aff) && step_done(m, m->del_rec);
	return *ok;
}

static bool insert(struct imp *m, const struct osv_doc *d)
{
	const struct vuln_rec *h = &d->head;
	struct vuln_rec al = { .versions = h->aliases, .nversions = h->naliases };
	char *aliases = vulndb_versions_encode(&al);
	sqlite3_stmt *st = m->ins_rec;
	bind_str(st, 1, h->id), bind_str(st, 2, h->modified), bind_str(st, 3, h->withdrawn);
	bind_str(st, 4, h->summary), bind_str(st, 5, aliases), bind_str(st, 6, h->cvss_vector);
	sqlite3_bind_double(st, 7, h->cvss_score);
	bind_str(st, 8, h->severity), bind_str(st, 9, h->urgency), bind_str(st, 10, d->rating);
	bool ok = true, in = false;
	for (int tries = 0; ok && tries < 2; tries++) {
		if (!(ok = step_done(m, st)) || (in = sqlite3_changes(m->db) == 1))
			break;
		if (tries || !replace_older(m, h, &ok))
			break;   /* an older or equal copy: the one in already is kept */
	}
	free(aliases);
	if (!in)
		return ok;
	sqlite3_int64 rid = sqlite3_last_insert_rowid(m->db);
	for (size_t i = 0; i < d->naff; i++) {
		char *rg = vulndb_ranges_encode(&d->aff[i]), *vs = vulndb_versions_encode(&d->aff[i]);
		st = m->ins_aff;
		sqlite3_bind_int64(st, 1, rid);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		bind_str(st, 3, d->aff[i].ecosystem), bind_str(st, 4, d->aff[i].package);
		sqlite3_bind_text(st, 5, rg, -1, free);
		sqlite3_bind_text(st, 6, vs, -1, free);
		if (!step_done(m, st))
			return false;
	}
	m->records++;
	return true;
}

/* One parsed job: a bad record fails the import when strict (a file named on the command line),
 * else it is skipped with a warning. */
static bool record(struct imp *m, struct osv_job *j)
{
	if (!j->ok) {
		if (j->strict)
			return fail(m, "%s: %s", j->path, j->why);
		skipped(m, j->path, j->name, j->why);
		return true;
	}
	return insert(m, &j->doc);
}

static bool prepare(struct imp *m)
{
	return sqlite3_prepare_v2(m->db, "INSERT INTO record(id, modified, withdrawn, summary,"
	           " aliases, cvss_vector, cvss_score, severity, urgency, rating)"
	           " VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
	           -1, &m->ins_rec, NULL) == SQLITE_OK &&
	       sqlite3_prepare_v2(m->db, "INSERT INTO affected VALUES (?,?,?,?,?,?)", -1,
	           &m->ins_aff, NULL) == SQLITE_OK &&
	       sqlite3_prepare_v2(m->db, "SELECT rid, modified FROM record WHERE id = ?", -1,
	           &m->find, NULL) == SQLITE_OK &&
	       sqlite3_prepare_v2(m->db, "DELETE FROM record WHERE rid = ?", -1, &m->del_rec,
	           NULL) == SQLITE_OK &&
	       sqlite3_prepare_v2(m->db, "DELETE FROM affected WHERE rid = ?", -1, &m->del_aff,
	           NULL) == SQLITE_OK;
}

static void finalize(struct imp *m)
{
	sqlite3_finalize(m->ins_rec), sqlite3_finalize(m->ins_aff), sqlite3_finalize(m->find);
	sqlite3_finalize(m->del_rec), sqlite3_finalize(m->del_aff);
}

/* The old store's records that the import did not replace, renumbered after the new ones. */
static bool keep_old(struct imp *m, const char *old)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(m->db, "ATTACH ?1 AS old", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(m);
	sqlite3_bind_text(st, 1, old, -1, SQLITE_STATIC);
	if (!step_done(m, st))
		return sqlite3_finalize(st), false;
	sqlite3_finalize(st);
	char *msg = NULL;
	int rc = sqlite3_exec(m->db,
	    "CREATE TEMP TABLE off AS SELECT COALESCE(MAX(rid), 0) AS n FROM main.record;"
	    "INSERT INTO main.record SELECT o.rid + (SELECT n FROM off), o.id, o.modified,"
	    " o.withdrawn, o.summary, o.aliases, o.cvss_vector, o.cvss_score, o.severity, o.urgency,"
	    " o.rating"
	    " FROM old.record o WHERE NOT EXISTS (SELECT 1 FROM main.record m WHERE m.id = o.id);"
	    "INSERT INTO main.affected SELECT a.rid + (SELECT n FROM off), a.seq, a.ecosystem,"
	    " a.name, a.ranges, a.versions FROM old.affected a"
	    " WHERE a.rid + (SELECT n FROM off) IN (SELECT rid FROM main.record"
	    "  WHERE rid > (SELECT n FROM off));",
	    NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		fail(m, "%s: cannot read the old records: %s", old, msg ? msg : "");
		sqlite3_free(msg);
		return false;
	}
	return true;
}

/* Set while the new file exists, so that SIGINT and SIGTERM remove it before the process
 * ends. */
static char *volatile tmp_path, *volatile tmp_journal;

static void on_signal(int sig)
{
	char *p = tmp_path, *j = tmp_journal;
	if (p)
		unlink(p);
	if (j)
		unlink(j);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The store at path must be ours and readable before anything is built. */
static bool old_store(const char *path, bool *exists, char *err, size_t errlen)
{
	struct stat st;
	*exists = stat(path, &st) == 0;
	if (!*exists) {
		if (errno == ENOENT)
			return true;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return false;
	}
	struct vulndb *v = vulndb_open(path, err, errlen);
	vulndb_close(v);
	return v != NULL;
}

static bool sync_and_rename(const char *tmp, const char *path, char *err, size_t errlen)
{
	int fd = open(tmp, O_RDONLY | O_CLOEXEC);
	bool ok = fd >= 0 && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	if (!ok || rename(tmp, path) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return false;
	}
	char *d = xstrdup(path);
	int dfd = open(dirname(d), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0)
		fsync(dfd), close(dfd);
	free(d);
	return true;
}

static bool build(struct imp *m, const char *path, bool exists, const char *const *inputs,
                  size_t n)
{
	char *msg = NULL;
	/* no journal: the whole file is thrown away on any error */
	if (sqlite3_exec(m->db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
	                 "PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=-32768;"
	                 "PRAGMA temp_store=MEMORY; BEGIN", NULL, NULL, &msg) != SQLITE_OK) {
		fail(m, "vulnerability store: %s", msg ? msg : "");
		sqlite3_free(msg);
		return false;
	}
	if (!vulndb_schema_create(m->db, m->err, m->errlen))
		return false;
	if (!prepare(m))
		return sql_fail(m);
	struct osv_pipe *p = osv_pipe_start(inputs, n);
	struct osv_job *j;
	bool ok = true;
	while (ok && (j = osv_pipe_next(p))) {
		ok = record(m, j);
		osv_pipe_done(p, j);
	}
	char rerr[1024];
	if (!osv_pipe_finish(p, rerr, sizeof rerr) && ok)
		ok = fail(m, "%s", rerr);
	if (!ok)
		return false;
	if (exists && !keep_old(m, path))
		return false;
	if (!vulndb_schema_index(m->db, m->err, m->errlen))
		return false;
	finalize(m);
	m->ins_rec = m->ins_aff = m->find = m->del_rec = m->del_aff = NULL;
	if (sqlite3_exec(m->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return sql_fail(m);
	return true;
}

long vulndb_import_with(const char *path, const char *const *inputs, size_t ninputs,
                        struct vulndb_import_opts *o, char *err, size_t errlen)
{
	bool exists;
	if (o->make_dir && !path_mkdir_parents(path, err, errlen))
		return -1;
	if (!old_store(path, &exists, err, errlen))
		return -1;
	char *tmp = xmalloc(strlen(path) + 16);
	sprintf(tmp, "%s.new-XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot create the new store beside it: %s", path,
		         strerror(errno));
		free(tmp);
		return -1;
	}
	/* mkstemp made it 0600: the store is public data, readable as the old one was */
	struct stat st;
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, exists && stat(path, &st) == 0 ? st.st_mode & 07777 : 0644 & ~mask);
	close(fd);
	char *journal = xmalloc(strlen(tmp) + 9);
	sprintf(journal, "%s-journal", tmp);
	tmp_path = tmp, tmp_journal = journal;
	void (*old_int)(int) = signal(SIGINT, on_signal), (*old_term)(int) = signal(SIGTERM, on_signal);
	struct imp m = { .o = o, .err = err, .errlen = errlen };
	o->skipped = 0;
	bool ok = sqlite3_open_v2(tmp, &m.db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK ||
	          sql_fail(&m);
	ok = ok && build(&m, path, exists, inputs, ninputs);
	finalize(&m);
	ok = sqlite3_close(m.db) == SQLITE_OK && ok;
	ok = ok && sync_and_rename(tmp, path, err, errlen);
	if (!ok)
		unlink(tmp), unlink(journal);
	tmp_path = tmp_journal = NULL;
	signal(SIGINT, old_int), signal(SIGTERM, old_term);
	free(tmp), free(journal);
	return ok ? m.records : -1;
}

long vulndb_import(const char *path, const char *const *inputs, size_t ninputs, char *err,
                   size_t errlen)
{
	struct vulndb_import_opts o = { 0 };
	return vulndb_import_with(path, inputs, ninputs, &o, err, errlen);
}
