/* Download, then one atomic import of the archives that changed. The archives are kept beside
 * the store (<store's directory>/osv-archives/), the only place written besides the store. */
#include "pipeline/db_update.h"
#include "collect/osv_fetch.h"
#include "collect/vulndb.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The OSV ecosystems whose packages bulwark inventories (model/pkg.h). */
const char *const db_update_default_ecosystems[] = {
	"Debian", "Ubuntu", "Alpine", "Red Hat", "Rocky Linux", "AlmaLinux", "SUSE", "openSUSE",
	"PyPI", "npm", "Go", "Maven", "RubyGems", "crates.io", "Packagist", NULL,
};

/* dir of path, then "/osv-archives", made (0700) along with the store's directory if need be. */
static bool archive_dir(const char *db, char *buf, size_t n)
{
	const char *slash = strrchr(db, '/');
	int len = slash ? (int)(slash - db) : 1;
	const char *base = slash ? db : ".";
	if (slash == db)
		len = 0;
	snprintf(buf, n, "%.*s", len, base);
	if (len && mkdir(buf, 0700) != 0 && errno != EEXIST)
		return false;
	snprintf(buf, n, "%.*s/osv-archives", len, base);
	return mkdir(buf, 0700) == 0 || errno == EEXIST;
}

/* An archive that did not import is fetched whole next time, not taken as unchanged. */
static void forget(char **paths, size_t n)
{
	char meta[4200];
	for (size_t i = 0; i < n; i++) {
		snprintf(meta, sizeof meta, "%s.meta", paths[i]);
		remove(meta);
	}
}

int pipeline_db_update(const struct db_update_opts *o)
{
	char dbbuf[4096], dir[4096], err[1024];
	const char *db = o->db ? o->db : vulndb_default_path(dbbuf, sizeof dbbuf);
	const char *const *ecos = o->ecosystems ? o->ecosystems : db_update_default_ecosystems;
	size_t neco = o->ecosystems ? o->necosystems : sizeof db_update_default_ecosystems /
	                                                   sizeof *db_update_default_ecosystems - 1;
	if (!db) {
		fprintf(stderr, "bulwark: db update: no store path: set --db, XDG_DATA_HOME or HOME\n");
		return 2;
	}
	if (!archive_dir(db, dir, sizeof dir)) {
		fprintf(stderr, "bulwark: db update: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	struct osv_fetch_opts fo = { o->source, o->cacert, dir, o->max_bytes ? o->max_bytes
	                                                                   : (uint64_t)4 << 30 };
	char **changed = calloc(neco ? neco : 1, sizeof *changed);
	size_t nchanged = 0;
	int rc = 0;
	for (size_t i = 0; i < neco; i++) {
		struct osv_fetch_result r;
		enum osv_fetched f = osv_fetch(&fo, ecos[i], &r, err, sizeof err);
		if (f == OSV_FAILED) {
			fprintf(stderr, "bulwark: db update: %s\n", err);
			rc = 2;
			continue;
		}
		fprintf(stderr, "%s: %s%s\n", ecos[i], f == OSV_NEW ? "new archive" : "unchanged",
		        r.resumed ? " (resumed)" : "");
		if (f == OSV_NEW)
			changed[nchanged++] = strdup(r.path);
	}
	if (nchanged) {
		long n = vulndb_import(db, (const char *const *)changed, nchanged, err, sizeof err);
		if (n < 0) {
			fprintf(stderr, "bulwark: db update: %s\n", err);
			rc = 2;
			forget(changed, nchanged);
		} else {
			fprintf(stderr, "imported %ld records into %s\n", n, db);
		}
	} else if (!rc) {
		fprintf(stderr, "%s is up to date\n", db);
	}
	for (size_t i = 0; i < nchanged; i++)
		free(changed[i]);
	free(changed);
	return rc;
}
