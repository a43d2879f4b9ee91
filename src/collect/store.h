/* The fleet store: every run's findings, from every host, in one database. SQLite for one host
 * (the default, a file), PostgreSQL for a fleet (through libpq). Both speak the same SQL, with
 * $1, $2... parameters passed as text, so each query is written once. */
#ifndef BW_COLLECT_STORE_H
#define BW_COLLECT_STORE_H
#include <stdbool.h>
#include <stddef.h>

struct store;
struct store_rows;

/* The schema version this bulwark writes; a store of a newer one is refused. */
#define STORE_SCHEMA 4

/* url: "sqlite:PATH"; "postgresql://...", "postgres://..." or a libpq keyword string
 * ("host=/run/pg dbname=fleet"). NULL with a reason in err. A SQLite file is created (its
 * directory too, mode 0700) when create is set. */
struct store *store_open(const char *url, bool create, char *err, size_t errlen);
void store_close(struct store *s);
bool store_is_pg(const struct store *s);
/* The URL as it can be printed: any password removed. malloc'd. */
char *store_url_shown(const char *url);
/* The default store: sqlite:$XDG_STATE_HOME/bulwark/fleet.db (~/.local/state/...). malloc'd. */
char *store_default_url(void);

/* The schema version in the store, 0 when it has none yet; -1 with err on failure. */
int store_version(struct store *s, char *err, size_t errlen);
/* Applies the migrations above the store's version up to `to` (STORE_SCHEMA when 0), each in
 * its own transaction. Refuses a store newer than this bulwark. */
bool store_migrate(struct store *s, int to, char *err, size_t errlen);
/* The store is at STORE_SCHEMA; else err says what to do (migrate, or a newer bulwark). */
bool store_ready(struct store *s, char *err, size_t errlen);

/* One statement; *changed (may be NULL) gets the rows it changed. params may hold NULLs. */
bool store_exec(struct store *s, const char *sql, const char *const *params, size_t n,
                long *changed, char *err, size_t errlen);
/* A query's rows, all read at once (the report's queries are aggregates). */
struct store_rows *store_query(struct store *s, const char *sql, const char *const *params,
                               size_t n, char *err, size_t errlen);
size_t store_rows_count(const struct store_rows *r);
/* Row i's column j as text; NULL for SQL NULL. */
const char *store_cell(const struct store_rows *r, size_t i, size_t j);
void store_rows_free(struct store_rows *r);
bool store_begin(struct store *s, char *err, size_t errlen);
bool store_commit(struct store *s, char *err, size_t errlen);
void store_rollback(struct store *s);
#endif
