/* rpm's SQLite database (rpmdb.sqlite): table Packages holds one header blob per package
 * (pkg_rpm_header.c decodes it). The file arrives as bytes; it is opened in memory, read-only. */
#include "collect/pkg_os.h"
#include "collect/pkg_rpm_int.h"
#include "collect/sqlite_api.h"
#include <string.h>

static void row(struct pkg_rpm *r, size_t n, const unsigned char *b, size_t len)
{
	if (!pkg_rpm_header(r, b, len))
		pkg_fault(r->err, r->errlen, &r->faulted, "package row %zu: an unreadable header", n);
}

bool pkg_rpmdb_parse(PKG_PARSE_ARGS)
{
	struct pkg_rpm r = { path, layer, inv, false, err, errlen };
	size_t n = 0;
	sqlite3 *db = NULL;
	unsigned char *copy = len ? sqlite3_malloc64(len) : NULL;
	if (!copy || sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		sqlite3_free(copy);
		sqlite3_close(db);
		pkg_fault(err, errlen, &r.faulted, "%s", len ? "cannot open SQLite in memory" : "empty");
		return false;
	}
	memcpy(copy, data, len);
	/* rpm writes in WAL mode, which an in-memory database cannot open: read it as legacy. */
	if (len >= 100 && copy[18] == 2 && copy[19] == 2)
		copy[18] = copy[19] = 1;
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_stmt *st = NULL;
	if (sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
	                        SQLITE_DESERIALIZE_READONLY | SQLITE_DESERIALIZE_FREEONCLOSE)
	        != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT blob FROM Packages", -1, &st, NULL) != SQLITE_OK) {
		pkg_fault(err, errlen, &r.faulted, "not an rpm SQLite database: %s", sqlite3_errmsg(db));
		sqlite3_close(db);
		return false;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		row(&r, ++n, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	if (rc != SQLITE_DONE)
		pkg_fault(err, errlen, &r.faulted, "reading Packages: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return !r.faulted;
}
