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
