/* Pending updates, reboots and the engine's support status, computed offline from what the
 * package manager left on disk: the installed-package database, the package indexes apt last
 * downloaded, the reboot flag, /boot and apt's configuration. Nothing is run or fetched. */
#include "collect/host_patch_int.h"
#include "collect/pkg_os.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The engine's packages, in the order they are looked for. */
static const char *const engine_pkgs[] = {
	"docker-ce", "docker.io", "moby-engine", "docker-engine", "docker",
};

static const struct hp_db *sort_db;

static int by_name(const void *a, const void *b)
{
	const struct pkg *v = sort_db->inv.pkgs;
	return strcmp(v[*(const size_t *)a].name, v[*(const size_t *)b].name);
}

long hp_db_find(const struct hp_db *db, const char *name)
{
	size_t lo = 0, hi = db->inv.npkgs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(db->inv.pkgs[db->by_name[mid]].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < db->inv.npkgs && strcmp(db->inv.pkgs[db->by_name[lo]].name, name) == 0
	     ? (long)lo : -1;
}

static void index_db(struct hp_db *db)
{
	db->by_name = xcalloc(db->inv.npkgs + 1, sizeof *db->by_name);
	for (size_t i = 0; i < db->inv.npkgs; i++)
		db->by_name[i] = i;
	sort_db = db;
	qsort(db->by_name, db->inv.npkgs, sizeof *db->by_name, by_name);
}

static bool dpkg_load(struct host_patch *p, struct hp_db *db, const struct hroot *r,
                      struct findings *errs)
{
	char *text = host_read(r, HP_STATUS, errs);
	if (!text)
		return false;
	char err[256] = "";
	if (!pkg_dpkg_parse(HP_STATUS, text, strlen(text), 0, &db->inv, err, sizeof err))
		findings_error(errs, HP_STATUS, 0, "%s", err);
	free(text);
	p->db = HP_STATUS;
	return true;
}

static void dpkg_updates(struct host_patch *p, const struct hp_db *db, const struct hroot *r,
                         struct findings *errs)
{
	p->pockets = true;
	hp_apt_updates(p, db, r, errs);
	hp_unattended(p, db, r, errs);
}

const struct hp_manager hp_dpkg = { .name = "dpkg", .load = dpkg_load, .updates = dpkg_updates };

static const struct hp_manager *const managers[] = { &hp_dpkg, &hp_apk, &hp_rpm };

static void find_engine(struct host_patch *p, const struct hp_db *db)
{
	for (size_t i = 0; i < sizeof engine_pkgs / sizeof *engine_pkgs; i++) {
		long k = hp_db_find(db, engine_pkgs[i]);
		if (k >= 0) {
			const struct pkg *e = &db->inv.pkgs[db->by_name[k]];
			p->engine_pkg = xstrdup(e->name);
			p->engine_version = xstrdup(e->version);
			return;
		}
	}
}

void host_patch_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs)
{
	(void)live;   /* every fact here is a file: the same live and under --root */
	struct host_patch *p = &h->patch;
	struct hp_db db = { 0 };
	p->now = (long long)time(NULL);
	for (size_t i = 0; i < sizeof managers / sizeof *managers; i++) {
		if (!managers[i]->load(p, &db, r, errs))
			continue;
		index_db(&db);
		p->known = true;
		p->ninstalled = db.inv.npkgs;
		managers[i]->updates(p, &db, r, errs);
		find_engine(p, &db);
		break;
	}
	hp_unsigned_sources(p, r, errs);
	hp_reboot(h, &db, r, errs);
	pkg_inv_clear(&db.inv);
	free(db.by_name);
}
