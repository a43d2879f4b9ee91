/* The fleet store on PostgreSQL, through libpq: the database a fleet's hosts share. Every
 * parameter goes as text and the server infers its type from the statement. */
#include "collect/store_int.h"
#include "collect/pq_api.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libpq's messages end in a newline; the report's do not. */
static bool fail(const char *msg, char *err, size_t errlen)
{
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	snprintf(err, errlen, "%.*s", (int)n, msg);
	return false;
}

static PGresult *run(struct store *s, const char *sql, const char *const *params, size_t n,
                     char *err, size_t errlen)
{
	PGresult *res = pq_api.execParams(s->conn, sql, (int)n, NULL, params, NULL, NULL, 0);
	ExecStatusType st = res ? pq_api.resultStatus(res) : PGRES_FATAL_ERROR;
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return res;
	fail(res ? pq_api.resultErrorMessage(res) : pq_api.errorMessage(s->conn), err, errlen);
	pq_api.clear(res);
	return NULL;
}

static bool pg_exec(struct store *s, const char *sql, const char *const *params, size_t n,
                    long *changed, char *err, size_t errlen)
{
	PGresult *res = run(s, sql, params, n, err, errlen);
	if (!res)
		return false;
	if (changed)
		*changed = strtol(pq_api.cmdTuples(res), NULL, 10);
	pq_api.clear(res);
	return true;
}

static bool pg_query(struct store *s, const char *sql, const char *const *params, size_t n,
                     struct store_rows *r, char *err, size_t errlen)
{
	PGresult *res = run(s, sql, params, n, err, errlen);
	if (!res)
		return false;
	r->ncols = (size_t)pq_api.nfields(res);
	char **cells = xcalloc(r->ncols + 1, sizeof *cells);
	store_rows_reserve(r, (size_t)pq_api.ntuples(res));
	for (int i = 0; i < pq_api.ntuples(res); i++) {
		for (size_t j = 0; j < r->ncols; j++)
			cells[j] = pq_api.getisnull(res, i, (int)j) ? NULL
			         : pq_api.getvalue(res, i, (int)j);
		store_rows_add(r, cells);
	}
	free(cells);
	pq_api.clear(res);
	return true;
}

static void pg_close(struct store *s)
{
	pq_api.finish(s->conn);
}

static const struct store_ops ops = {
	.name = "postgresql", .exec = pg_exec, .query = pg_query, .close = pg_close,
	.begin = "BEGIN",
	/* Hosts that start together may all find an empty store: one migrates, the others wait
	 * and then find it done. */
	.lock = "SELECT pg_advisory_xact_lock(4242017)",
	/* pg_tables, not information_schema: its views cost milliseconds a query */
	.has_table = "SELECT count(*) FROM pg_catalog.pg_tables"
	             " WHERE schemaname = current_schema() AND tablename = $1",
};

/* "NOTICE: relation already exists, skipping" and the like are not the user's business. */
static void quiet(void *arg, const char *msg)
{
	(void)arg, (void)msg;
}

struct store *store_pg_open(const char *conninfo, char *err, size_t errlen)
{
	const char *why;
	if (!pq_api_ready(&why)) {
		snprintf(err, errlen, "PostgreSQL client library: %s", why);
		return NULL;
	}
	PGconn *c = pq_api.connectdb(conninfo);
	if (!c || pq_api.status(c) != CONNECTION_OK) {
		fail(c ? pq_api.errorMessage(c) : "out of memory", err, errlen);
		pq_api.finish(c);
		return NULL;
	}
	pq_api.setNoticeProcessor(c, quiet, NULL);
	struct store *s = xcalloc(1, sizeof *s);
	s->ops = &ops;
	s->conn = c;
	return s;
}
