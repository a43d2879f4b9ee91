/* Reading the vulnerability store: open with the schema check, look up by package, status. */
#include "collect/vulndb.h"
#include "collect/vulndb_int.h"
#include "util/util.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct vulndb { sqlite3 *db; sqlite3_stmt *lookup; };

const char *vulndb_default_path(char *buf, size_t n)
{
	const char *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
	if (x && *x)
		snprintf(buf, n, "%s/bulwark/vulns.db", x);
	else if (h && *h)
		snprintf(buf, n, "%s/.local/share/bulwark/vulns.db", h);
	else
		return NULL;
	return buf;
}

struct vulndb *vulndb_open(const char *path, char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		snprintf(err, errlen, "%s: %s (bulwark db import creates the store)", path,
		         strerror(errno));
		return NULL;
	}
	struct vulndb *v = xcalloc(1, sizeof *v);
	if (sqlite3_open_v2(path, &v->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(v->db));
		vulndb_close(v);
		return NULL;
	}
	sqlite3_busy_timeout(v->db, 5000);
	if (!vulndb_schema_check(v->db, path, err, errlen)) {
		vulndb_close(v);
		return NULL;
	}
	if (sqlite3_prepare_v2(v->db,
	        "SELECT r.id, r.aliases, r.summary, r.modified, r.withdrawn, r.cvss_vector,"
	        " r.cvss_score, r.severity, r.urgency, a.name, a.ecosystem, a.ranges, a.versions"
	        " FROM affected a JOIN record r ON r.rid = a.rid"
	        " WHERE a.ecosystem IN (?1, ?3) AND a.name = ?2 ORDER BY r.id, a.ecosystem",
	        -1, &v->lookup, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(v->db));
		vulndb_close(v);
		return NULL;
	}
	return v;
}

void vulndb_close(struct vulndb *v)
{
	if (!v)
		return;
	sqlite3_finalize(v->lookup);
	sqlite3_close(v->db);
	free(v);
}

static void aliases(const char *s, struct vuln_rec *r)
{
	vulndb_versions_decode(s ? s : "", r);   /* the same \x1f-joined list */
	r->aliases = r->versions, r->naliases = r->nversions;
	r->versions = NULL, r->nversions = 0;
}

static bool row(sqlite3_stmt *st, struct vuln_rec *r)
{
	r->id = vulndb_col(st, 0);
	aliases((const char *)sqlite3_column_text(st, 1), r);
	r->summary = vulndb_col(st, 2), r->modified = vulndb_col(st, 3);
	r->withdrawn = vulndb_col(st, 4);
	r->cvss_vector = vulndb_col(st, 5), r->cvss_score = sqlite3_column_double(st, 6);
	r->severity = vulndb_col(st, 7), r->urgency = vulndb_col(st, 8);
	r->package = vulndb_col(st, 9), r->ecosystem = vulndb_col(st, 10);
	const char *rg = (const char *)sqlite3_column_text(st, 11);
	const char *vs = (const char *)sqlite3_column_text(st, 12);
	vulndb_versions_decode(vs ? vs : "", r);
	return vulndb_ranges_decode(rg ? rg : "", r);
}

long vulndb_lookup(struct vulndb *v, const char *ecosystem, const char *name,
                   struct vuln_rec **out, char *err, size_t errlen)
{
	*out = NULL;
	const char *colon = strchr(ecosystem, ':');
	size_t base = colon ? (size_t)(colon - ecosystem) : strlen(ecosystem);
	sqlite3_stmt *st = v->lookup;
	sqlite3_bind_text(st, 1, ecosystem, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, ecosystem, (int)base, SQLITE_STATIC);
	size_t n = 0, cap = 0;
	int rc;
	bool ok = true;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap)
			*out = xrealloc(*out, (cap = cap ? cap * 2 : 4) * sizeof **out);
		memset(&(*out)[n], 0, sizeof **out);
		ok &= row(st, &(*out)[n++]);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE || !ok) {
		snprintf(err, errlen, "vulnerability store: %s",
		         ok ? sqlite3_errmsg(v->db) : "a stored range does not decode");
		for (size_t i = 0; i < n; i++)
			vuln_rec_clear(&(*out)[i]);
		free(*out);
		*out = NULL;
		return -1;
	}
	return (long)n;
}

long vulndb_status(struct vulndb *v, struct vulndb_eco_status **out, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	*out = NULL;
	if (sqlite3_prepare_v2(v->db,
	        "SELECT a.ecosystem, COUNT(*), MAX(r.modified), SUM(r.withdrawn IS NOT NULL)"
	        " FROM (SELECT DISTINCT ecosystem, rid FROM affected) a"
	        " JOIN record r ON r.rid = a.rid GROUP BY a.ecosystem ORDER BY a.ecosystem",
	        -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "vulnerability store: %s", sqlite3_errmsg(v->db));
		return -1;
	}
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap)
			*out = xrealloc(*out, (cap = cap ? cap * 2 : 8) * sizeof **out);
		struct vulndb_eco_status *e = &(*out)[n++];
		e->ecosystem = vulndb_col(st, 0);
		e->records = (uint64_t)sqlite3_column_int64(st, 1);
		e->newest_modified = vulndb_col(st, 2);
		e->withdrawn = (uint64_t)sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "vulnerability store: %s", sqlite3_errmsg(v->db));
		vulndb_status_free(*out, n);
		*out = NULL;
		return -1;
	}
	return (long)n;
}

void vulndb_status_free(struct vulndb_eco_status *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].ecosystem), free(v[i].newest_modified);
	free(v);
}

char *vulndb_newest(struct vulndb *v)
{
	sqlite3_stmt *st;
	char *s = NULL;
	if (sqlite3_prepare_v2(v->db, "SELECT MAX(modified) FROM record", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		s = vulndb_col(st, 0);
	sqlite3_finalize(st);
	return s;
}

bool vulndb_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	size_t n = strlen(err);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)err[i] < 0x20)
			err[i] = ' ';
	while (n && err[n - 1] == ' ')
		err[--n] = 0;
	return false;
}
