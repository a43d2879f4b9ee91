/* Inside the fleet store: one table of operations per backend. */
#ifndef BW_COLLECT_STORE_INT_H
#define BW_COLLECT_STORE_INT_H
#include "collect/store.h"
#include "util/arena.h"

struct store_ops {
	const char *name;
	bool (*exec)(struct store *s, const char *sql, const char *const *params, size_t n,
	             long *changed, char *err, size_t errlen);
	/* Appends every row to r (store_rows_add). */
	bool (*query)(struct store *s, const char *sql, const char *const *params, size_t n,
	              struct store_rows *r, char *err, size_t errlen);
	void (*close)(struct store *s);
	const char *begin;       /* the statement that starts a writing transaction */
	const char *lock;        /* then, for a migration: serializes migrations; or NULL */
	const char *has_table;   /* count(*) of tables named $1 */
};

struct store {
	const struct store_ops *ops;
	void *conn;
};

/* Given a CTE p of (run_id, prev) pairs, the rest of a statement that records each pair's
 * changes: fingerprints of the run not in the one before (new) and the other way (fixed),
 * unsuppressed ones only, each fingerprint once. */
#define STORE_CHANGES_OF_P \
	"x AS (SELECT p.run_id, f.fingerprint, max(CASE WHEN f.run_id = p.run_id THEN 1 ELSE 0 END)" \
	" AS cur, max(CASE WHEN f.run_id = p.prev THEN 1 ELSE 0 END) AS old FROM p JOIN findings f" \
	" ON (f.run_id = p.run_id OR f.run_id = p.prev) WHERE f.suppressed = 0" \
	" GROUP BY p.run_id, f.fingerprint) INSERT INTO run_changes (run_id, prev_run," \
	" new_findings, fixed_findings) SELECT p.run_id, p.prev," \
	" coalesce(sum(CASE WHEN x.cur = 1 AND x.old = 0 THEN 1 ELSE 0 END), 0)," \
	" coalesce(sum(CASE WHEN x.cur = 0 AND x.old = 1 THEN 1 ELSE 0 END), 0)" \
	" FROM p LEFT JOIN x ON x.run_id = p.run_id GROUP BY p.run_id, p.prev"

struct store_rows {
	size_t ncols, nrows, cap;
	char **cells;            /* nrows * ncols, row-major; NULL for SQL NULL */
	struct arena strings;    /* every cell: a report reads hundreds of thousands */
};
void store_rows_reserve(struct store_rows *r, size_t nrows);   /* a hint: nrows in all */
void store_rows_add(struct store_rows *r, char *const *cells);

struct store *store_sqlite_open(const char *path, bool create, char *err, size_t errlen);
struct store *store_pg_open(const char *conninfo, char *err, size_t errlen);
#endif
