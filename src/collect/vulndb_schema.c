/* The store's schema, its version check, and how ranges and versions fit in one column. One
 * row per record and one per affected package: a lookup is one index probe and a join. */
#include "collect/vulndb_int.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VULNDB_APP_ID 0x42574442   /* "BWDB": refuses to treat another SQLite file as ours */

static bool run(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return true;
	snprintf(err, errlen, "%s", msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return false;
}

bool vulndb_schema_create(sqlite3 *db, char *err, size_t errlen)
{
	char sql[1024];
	snprintf(sql, sizeof sql,
	         "PRAGMA application_id=%d; PRAGMA user_version=%d;"
	         "CREATE TABLE record(rid INTEGER PRIMARY KEY, id TEXT NOT NULL,"
	         " modified TEXT NOT NULL, withdrawn TEXT, summary TEXT, aliases TEXT,"
	         " cvss_vector TEXT, cvss_score REAL, severity TEXT, urgency TEXT, rating TEXT);"
	         "CREATE UNIQUE INDEX record_id ON record(id);"
	         "CREATE TABLE affected(rid INTEGER NOT NULL, seq INTEGER NOT NULL,"
	         " ecosystem TEXT NOT NULL, name TEXT NOT NULL, ranges TEXT, versions TEXT,"
	         " PRIMARY KEY(rid, seq)) WITHOUT ROWID;",
	         VULNDB_APP_ID, VULNDB_SCHEMA);
	return run(db, sql, err, errlen);
}

bool vulndb_schema_index(sqlite3 *db, char *err, size_t errlen)
{
	/* record_modified: the newest date (vulndb_newest, each scan) without reading every record */
	return run(db, "CREATE INDEX affected_pkg ON affected(ecosystem, name);"
	               "CREATE INDEX record_modified ON record(modified);", err, errlen);
}

/* The integer a one-row query (a PRAGMA) gives, or -1. */
long vulndb_pragma(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

bool vulndb_schema_check(sqlite3 *db, const char *path, char *err, size_t errlen)
{
	long app = vulndb_pragma(db, "PRAGMA application_id");
	long ver = vulndb_pragma(db, "PRAGMA user_version");
	if (app < 0 || ver < 0) {
		snprintf(err, errlen, "%s: not readable as SQLite: %s", path, sqlite3_errmsg(db));
		return false;
	}
	if (app != VULNDB_APP_ID) {
		snprintf(err, errlen, "%s: not a bulwark vulnerability store", path);
		return false;
	}
	if (ver > VULNDB_SCHEMA) {
		snprintf(err, errlen, "%s: store schema %ld is newer than this bulwark reads (%d); "
		         "upgrade bulwark or use another --db", path, ver, VULNDB_SCHEMA);
		return false;
	}
	if (ver < 1) {
		snprintf(err, errlen, "%s: store schema %ld is not known", path, ver);
		return false;
	}
	return true;
}

static void put(struct buf *b, char c, const char *s)
{
	buf_addc(b, c);
	buf_adds(b, s);
	buf_addc(b, 0x1f);
}

char *vulndb_ranges_encode(const struct vuln_rec *r)
{
	static const char type[] = "ESG", kind[] = "iflx";
	struct buf b = { 0 };
	for (size_t i = 0; i < r->nranges; i++) {
		buf_addc(&b, type[r->ranges[i].type]);
		for (size_t j = 0; j < r->ranges[i].nevents; j++)
			put(&b, kind[r->ranges[i].events[j].kind], r->ranges[i].events[j].version);
		buf_addc(&b, 0x1e);
	}
	return buf_take(&b);
}

char *vulndb_versions_encode(const struct vuln_rec *r)
{
	struct buf b = { 0 };
	for (size_t i = 0; i < r->nversions; i++) {
		buf_adds(&b, r->versions[i]);
		buf_addc(&b, 0x1f);
	}
	return buf_take(&b);
}

static size_t count(const char *s, char c)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == c;
	return n;
}

bool vulndb_ranges_decode(const char *s, struct vuln_rec *r)
{
	size_t n = count(s, 0x1e);
	r->ranges = n ? xcalloc(n, sizeof *r->ranges) : NULL;
	while (*s && r->nranges < n) {
		struct osv_range *rg = &r->ranges[r->nranges++];
		const char *t = strchr("ESG", *s), *end = strchr(s, 0x1e);
		if (!t || !*t)
			return false;
		rg->type = (enum osv_range_type)(t - "ESG");
		s++;
		size_t ne = 0;
		for (const char *p = s; p < end; p++)
			ne += *p == 0x1f;
		rg->events = ne ? xcalloc(ne, sizeof *rg->events) : NULL;
		while (s < end && rg->nevents < ne) {
			const char *k = strchr("iflx", *s), *e = strchr(s, 0x1f);
			if (!k || !*k)
				return false;
			rg->events[rg->nevents].kind = (enum osv_event_kind)(k - "iflx");
			rg->events[rg->nevents++].version = xstrndup(s + 1, (size_t)(e - s - 1));
			s = e + 1;
		}
		s = end + 1;
	}
	return true;
}

void vulndb_versions_decode(const char *s, struct vuln_rec *r)
{
	size_t n = count(s, 0x1f);
	r->versions = n ? xcalloc(n, sizeof *r->versions) : NULL;
	while (*s && r->nversions < n) {
		const char *e = strchr(s, 0x1f);
		r->versions[r->nversions++] = xstrndup(s, (size_t)(e - s));
		s = e + 1;
	}
}

char *vulndb_col(sqlite3_stmt *st, int i)
{
	return xstrdup((const char *)sqlite3_column_text(st, i));
}
