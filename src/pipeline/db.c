/* bulwark db import|status: the store's path, the import's warnings and summary, the status
 * table. */
#include "pipeline/db.h"
#include "collect/vulndb.h"
#include "pipeline/run.h"
#include <stdio.h>
#include <string.h>

#define MAX_WARNINGS 20   /* named one by one; the rest are counted */

static const char *store_path(const char *db, char *buf, size_t n)
{
	if (db)
		return db;
	if (!vulndb_default_path(buf, n))
		fprintf(stderr, "bulwark: no default store: set XDG_DATA_HOME or HOME, or use --db\n");
	return vulndb_default_path(buf, n);
}

static void warn(void *ctx, const char *msg)
{
	unsigned long *n = ctx;
	if (++*n <= MAX_WARNINGS)
		fprintf(stderr, "bulwark: warning: %s\n", msg);
}

int pipeline_db_import(const char *db, char **inputs, size_t n)
{
	char buf[4096], err[2048];
	const char *path = store_path(db, buf, sizeof buf);
	if (!path)
		return EXIT_ERROR;
	unsigned long warned = 0;
	struct vulndb_import_opts o = { .warn = warn, .ctx = &warned, .make_dir = !db };
	long got = vulndb_import_with(path, (const char *const *)inputs, n, &o, err, sizeof err);
	if (got < 0) {
		fprintf(stderr, "bulwark: %s (the store is unchanged)\n", err);
		return EXIT_ERROR;
	}
	if (warned > MAX_WARNINGS)
		fprintf(stderr, "bulwark: warning: %lu more records skipped\n", warned - MAX_WARNINGS);
	printf("imported %ld records into %s", got, path);
	if (o.skipped)
		printf(" (%lu malformed records skipped)", o.skipped);
	printf("\n");
	return o.skipped ? EXIT_ERROR : EXIT_CLEAN;
}

int pipeline_db_status(const char *db)
{
	char buf[4096], err[2048];
	const char *path = store_path(db, buf, sizeof buf);
	if (!path)
		return EXIT_ERROR;
	struct vulndb *v = vulndb_open(path, err, sizeof err);
	struct vulndb_eco_status *st = NULL;
	long n = v ? vulndb_status(v, &st, err, sizeof err) : -1;
	vulndb_close(v);
	if (n < 0) {
		fprintf(stderr, "bulwark: %s\n", err);
		return EXIT_ERROR;
	}
	int w = (int)strlen("ECOSYSTEM");
	for (long i = 0; i < n; i++)
		if ((int)strlen(st[i].ecosystem) > w)
			w = (int)strlen(st[i].ecosystem);
	printf("%-*s  %8s  %9s  %s\n", w, "ECOSYSTEM", "RECORDS", "WITHDRAWN", "NEWEST MODIFIED");
	for (long i = 0; i < n; i++)
		printf("%-*s  %8llu  %9llu  %s\n", w, st[i].ecosystem,
		       (unsigned long long)st[i].records, (unsigned long long)st[i].withdrawn,
		       st[i].newest_modified ? st[i].newest_modified : "-");
	if (n == 0)
		printf("(no records)\n");
	vulndb_status_free(st, (size_t)n);
	return EXIT_CLEAN;
}
