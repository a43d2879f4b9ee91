/* The fleet store's schema, as numbered migrations: each takes the store from version n-1 to
 * n in one transaction, so a store is always at one version. The SQL is what SQLite and
 * PostgreSQL both accept: TEXT and INTEGER columns, times as ISO 8601 UTC text (which sorts). */
#include "collect/store_int.h"
#include <stdio.h>
#include <stdlib.h>

static const char *const v1[] = {
	"CREATE TABLE bulwark_schema (version INTEGER NOT NULL)",
	"INSERT INTO bulwark_schema (version) VALUES (0)",
	"CREATE TABLE hosts (name TEXT PRIMARY KEY, machine_id TEXT, engine_id TEXT,"
	" first_run TEXT NOT NULL, last_run TEXT NOT NULL)",
	"CREATE TABLE runs (run_id TEXT PRIMARY KEY,"
	" host TEXT NOT NULL REFERENCES hosts (name), command TEXT NOT NULL,"
	" started TEXT NOT NULL, bulwark_version TEXT NOT NULL, rules_version TEXT NOT NULL,"
	" machine_id TEXT, engine_id TEXT, findings INTEGER NOT NULL,"
	" suppressed INTEGER NOT NULL, errors INTEGER NOT NULL)",
	"CREATE INDEX runs_host_started ON runs (host, command, started)",
	"CREATE TABLE findings (run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,"
	" seq INTEGER NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL,"
	" target_kind TEXT NOT NULL, target_name TEXT, target_id TEXT, path TEXT,"
	" line INTEGER NOT NULL, message TEXT NOT NULL, evidence TEXT, fingerprint TEXT,"
	" suppressed INTEGER NOT NULL, PRIMARY KEY (run_id, seq))",
	"CREATE INDEX findings_rule ON findings (rule)",
	NULL,
};

/* The inventory: which containers and images a run saw, and each image's packages, once per
 * digest (images are shared across hosts and runs). */
static const char *const v2[] = {
	"CREATE TABLE run_containers (run_id TEXT NOT NULL REFERENCES runs (run_id)"
	" ON DELETE CASCADE, id TEXT NOT NULL, name TEXT, image TEXT, image_digest TEXT,"
	" state TEXT, PRIMARY KEY (run_id, id))",
	"CREATE TABLE run_images (run_id TEXT NOT NULL REFERENCES runs (run_id)"
	" ON DELETE CASCADE, digest TEXT NOT NULL, ref TEXT, PRIMARY KEY (run_id, digest))",
	"CREATE TABLE packages (digest TEXT NOT NULL, ecosystem TEXT NOT NULL,"
	" name TEXT NOT NULL, version TEXT NOT NULL, PRIMARY KEY (digest, ecosystem, name, version))",
	NULL,
};

/* What re-matching a package needs beyond its name and version: its kind and version scheme
 * (how versions compare) and its source package (Debian's advisories name that). */
static const char *const v3[] = {
	"ALTER TABLE packages ADD COLUMN kind TEXT",
	"ALTER TABLE packages ADD COLUMN source TEXT",
	"ALTER TABLE packages ADD COLUMN source_version TEXT",
	"ALTER TABLE packages ADD COLUMN scheme INTEGER",
	NULL,
};

/* What the report reads of every host, kept per run as it is written: its findings counted by
 * rule and severity, and what changed against the run before it (the report over 1000 hosts
 * spent most of its time grouping their findings again). */
static const char *const v4[] = {
	"CREATE TABLE run_rules (run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,"
	" rule TEXT NOT NULL, severity TEXT NOT NULL, n INTEGER NOT NULL,"
	" PRIMARY KEY (run_id, rule, severity))",
	"INSERT INTO run_rules (run_id, rule, severity, n) SELECT run_id, rule, severity, count(*)"
	" FROM findings WHERE suppressed = 0 GROUP BY run_id, rule, severity",
	"CREATE TABLE run_changes (run_id TEXT PRIMARY KEY REFERENCES runs (run_id)"
	" ON DELETE CASCADE, prev_run TEXT NOT NULL, new_findings INTEGER NOT NULL,"
	" fixed_findings INTEGER NOT NULL)",
	"WITH l AS (SELECT run_id, LAG(run_id) OVER (PARTITION BY host, command"
	" ORDER BY started, run_id) AS prev FROM runs), p AS (SELECT run_id, prev FROM l"
	" WHERE prev IS NOT NULL), " STORE_CHANGES_OF_P,
	NULL,
};

static const char *const *const migrations[] = { v1, v2, v3, v4 };
_Static_assert(sizeof migrations / sizeof *migrations == STORE_SCHEMA,
               "one migration per schema version");

int store_version(struct store *s, char *err, size_t errlen)
{
	const char *name[] = { "bulwark_schema" };
	struct store_rows *r = store_query(s, s->ops->has_table, name, 1, err, errlen);
	if (!r)
		return -1;
	bool has = atoi(store_cell(r, 0, 0) ? store_cell(r, 0, 0) : "0") > 0;
	store_rows_free(r);
	if (!has)
		return 0;
	if (!(r = store_query(s, "SELECT max(version) FROM bulwark_schema", NULL, 0, err, errlen)))
		return -1;
	int v = store_cell(r, 0, 0) ? atoi(store_cell(r, 0, 0)) : 0;
	store_rows_free(r);
	return v;
}

static bool newer(int v, char *err, size_t errlen)
{
	if (v <= STORE_SCHEMA)
		return false;
	snprintf(err, errlen, "the store's schema is version %d, newer than this bulwark knows "
	         "(%d): use a newer bulwark", v, STORE_SCHEMA);
	return true;
}

/* One migration, under the transaction's lock: re-reads the version, since another host may
 * have migrated while this one waited. */
static bool step(struct store *s, int to, char *err, size_t errlen)
{
	if (!store_begin(s, err, errlen))
		return false;
	if (s->ops->lock && !store_exec(s, s->ops->lock, NULL, 0, NULL, err, errlen))
		goto fail;
	int v = store_version(s, err, errlen);
	if (v < 0 || newer(v, err, errlen))
		goto fail;
	if (v >= to) {
		store_rollback(s);
		return true;
	}
	for (const char *const *q = migrations[v]; *q; q++)
		if (!store_exec(s, *q, NULL, 0, NULL, err, errlen))
			goto fail;
	char ver[16];
	const char *p[] = { ver };
	snprintf(ver, sizeof ver, "%d", v + 1);
	if (!store_exec(s, "UPDATE bulwark_schema SET version = $1", p, 1, NULL, err, errlen) ||
	    !store_commit(s, err, errlen))
		goto fail;
	return true;
fail:
	store_rollback(s);
	return false;
}

bool store_migrate(struct store *s, int to, char *err, size_t errlen)
{
	if (to <= 0)
		to = STORE_SCHEMA;
	int v = store_version(s, err, errlen);
	if (v < 0 || newer(v, err, errlen))
		return false;
	for (; v < to; v++)
		if (!step(s, v + 1, err, errlen))
			return false;
	return true;
}

bool store_ready(struct store *s, char *err, size_t errlen)
{
	int v = store_version(s, err, errlen);
	if (v < 0 || newer(v, err, errlen))
		return false;
	if (v == STORE_SCHEMA)
		return true;
	if (v == 0)
		snprintf(err, errlen, "the store has no schema yet: run bulwark store migrate");
	else
		snprintf(err, errlen, "the store's schema is version %d, older than this bulwark's "
		         "(%d): run bulwark store migrate", v, STORE_SCHEMA);
	return false;
}
