/* The repositories in the package manager's cache: the first cache directory holding any
 * repomd.xml is the host's (dnf 5, dnf 4, yum, zypper, in that order). A repository counts
 * when its primary was read whole; its updateinfo, when present, says which updates are
 * security ones. A damaged file is an input error and its offers are dropped. */
#include "collect/host_patch_rpm_int.h"
#include "util/util.h"
#include "util/vers.h"
#include <stdlib.h>
#include <string.h>

enum { HREF = 4096 };

static const struct cache {
	const char *dir;
	int levels;              /* directories between dir and a repository's (yum: arch/release) */
	bool hashed;             /* "<repoid>-<hash>" directories */
	const char *sub;         /* where repomd.xml is in a repository's directory */
} caches[] = {
	{ "/var/cache/libdnf5", 0, true, "/repodata" },
	{ "/var/cache/dnf", 0, true, "/repodata" },
	{ "/var/cache/yum", 2, false, "" },
	{ "/var/cache/zypp/raw", 0, false, "/repodata" },
};

struct repo { char *id, *dir, *repomd; };
struct repos { struct repo *v; size_t n, cap; };

/* dnf names a repository's directory <repoid>-<16 hex digits>. */
static char *repo_id(const char *name, bool hashed)
{
	const char *dash = strrchr(name, '-');
	if (hashed && dash && dash > name && strlen(dash + 1) == 16 &&
	    strspn(dash + 1, "0123456789abcdef") == 16)
		return xstrndup(name, (size_t)(dash - name));
	return xstrdup(name);
}

static void find_repos(const struct hroot *r, const struct cache *c, const char *dir, int level,
                       struct repos *out)
{
	size_t n = 0;
	char **names = hfs_list(r, dir, HOST_MAX_ENTRIES, &n);
	for (size_t i = 0; names && i < n && out->n < HOST_MAX_ENTRIES; i++) {
		char *sub = xasprintf("%s/%s", dir, names[i]);
		char *repomd = xasprintf("%s%s/repomd.xml", sub, c->sub);
		if (level < c->levels) {
			if (hfs_is_dir(r, sub))
				find_repos(r, c, sub, level + 1, out);
		} else if (hfs_exists(r, repomd)) {
			grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
			out->v[out->n++] = (struct repo){ repo_id(names[i], c->hashed), sub, repomd };
			sub = repomd = NULL;
		}
		free(sub);
		free(repomd);
	}
	if (names)
		hfs_list_free(names, n);
}

/* The files repomd.xml names. */
struct meta {
	char primary[HREF], primary_zck[HREF], primary_db[HREF], updateinfo[HREF],
	     updateinfo_zck[HREF];
};

struct ctx {
	struct host_patch *p;
	const struct hp_db *db;
	const struct hroot *r;
	struct findings *errs;
	bool *top;
	struct rpm_offers best, stage;
	const char **from;       /* the repository id of each best version */
};

static void file_error(struct ctx *c, const char *path, int line, const char *what,
                       const char *why)
{
	char *real = hroot_real(c->r, path);
	findings_error(c->errs, real, line, "cannot read the %s: %s", what, why);
	free(real);
}

/* Reads path with fn; false, with an input error naming it, when it fails. */
static bool read_meta(struct ctx *c, const char *path, const char *what,
                      bool (*fn)(const struct hp_db *, const bool *, struct rpm_offers *,
                                 struct rx *))
{
	char err[256];
	struct rx *x = rx_open(c->r, path, err, sizeof err);
	if (!x) {
		file_error(c, path, 0, what, err);
		return false;
	}
	bool ok = fn(c->db, c->top, &c->stage, x);
	int line = 0;
	const char *why = rx_error(x, &line);
	if (!ok || why)
		file_error(c, path, line, what, why ? why : "malformed XML");
	rx_close(x);
	return ok && !why;
}

static bool read_repomd(struct ctx *c, const struct repo *rp, struct meta *m)
{
	char err[256], type[32] = "", href[HREF];
	memset(m, 0, sizeof *m);
	struct rx *x = rx_open(c->r, rp->repomd, err, sizeof err);
	if (!x) {
		file_error(c, rp->repomd, 0, "repository metadata index", err);
		return false;
	}
	while (rx_next(x)) {
		if (strcmp(rx_name(x), "data") == 0)
			rx_attr(x, "type", type, sizeof type);
		else if (strcmp(rx_name(x), "location") == 0 && rx_attr(x, "href", href, sizeof href)) {
			char *dst = str_eq(type, "primary") ? m->primary
			          : str_eq(type, "primary_zck") ? m->primary_zck
			          : str_eq(type, "primary_db") ? m->primary_db
			          : str_eq(type, "updateinfo") ? m->updateinfo
			          : str_eq(type, "updateinfo_zck") ? m->updateinfo_zck : NULL;
			if (dst)
				memcpy(dst, href, sizeof href);
		}
	}
	int line = 0;
	const char *why = rx_error(x, &line);
	if (why)
		file_error(c, rp->repomd, line, "repository metadata index", why);
	rx_close(x);
	return !why;
}

/* Where the cache keeps href: below the repository's directory (dnf, zypper), or beside
 * repomd.xml under its base name (yum). NULL when neither is there. */
static char *locate(const struct ctx *c, const struct repo *rp, const char *href)
{
	if (!href[0] || strstr(href, "..") || href[0] == '/')
		return NULL;
	char *path = xasprintf("%s/%s", rp->dir, href);
	if (hfs_exists(c->r, path))
		return path;
	free(path);
	const char *base = strrchr(href, '/');
	path = xasprintf("%s/%s", rp->dir, base ? base + 1 : href);
	if (hfs_exists(c->r, path))
		return path;
	free(path);
	return NULL;
}

static bool has(const struct ctx *c, const struct repo *rp, const char *href)
{
	char *path = locate(c, rp, href);
	bool found = path != NULL;
	free(path);
	return found;
}

static void drop_stage(struct ctx *c, bool sec)
{
	char **v = sec ? c->stage.sec : c->stage.ver;
	for (size_t i = 0; i < c->db->inv.npkgs; i++)
		free(v[i]), v[i] = NULL;
}

static void merge(struct ctx *c, const struct repo *rp)
{
	for (size_t i = 0; i < c->db->inv.npkgs; i++) {
		char *v = c->stage.ver[i], *s = c->stage.sec[i];
		if (v && (!c->best.ver[i] || vers_cmp(VERS_RPM, v, c->best.ver[i]) > 0)) {
			free(c->best.ver[i]);
			c->best.ver[i] = v, c->from[i] = rp->id, v = NULL;
		}
		if (s && (!c->best.sec[i] || vers_cmp(VERS_RPM, s, c->best.sec[i]) < 0)) {
			free(c->best.sec[i]);
			c->best.sec[i] = s, s = NULL;
		}
		free(v), free(s);
		c->stage.ver[i] = c->stage.sec[i] = NULL;
	}
}

/* The repository's primary (or updateinfo) is not there in a form read here: libzck is not
 * used, nor yum's SQLite primary_db; one warning, and the repository (or its advisories) is
 * skipped. */
static void not_read(struct ctx *c, const struct repo *rp, const char *what, const char *how)
{
	char *real = hroot_real(c->r, rp->repomd);
	findings_warn(c->errs, real, 0, "the repository's %s is %s: %s", what, how,
	              str_eq(what, "primary") ? "its updates are not counted"
	                                      : "its security advisories are not counted");
	free(real);
}

static void no_primary(struct ctx *c, const struct repo *rp, const struct meta *m)
{
	if (has(c, rp, m->primary_zck))
		not_read(c, rp, "primary", "cached only zchunk-compressed (.zck), which is not read");
	else if (has(c, rp, m->primary_db))
		not_read(c, rp, "primary", "cached only as SQLite (primary_db), which is not read");
	else
		not_read(c, rp, "primary", "not in the cache");
}

static void one_repo(struct ctx *c, const struct repo *rp)
{
	struct meta *m = xmalloc(sizeof *m);
	char *primary = NULL, *upd = NULL;
	if (!read_repomd(c, rp, m))
		goto out;
	if (!(primary = locate(c, rp, m->primary))) {
		no_primary(c, rp, m);
		goto out;
	}
	if (!read_meta(c, primary, "primary metadata", hp_rpm_primary)) {
		drop_stage(c, false);
		goto out;
	}
	c->p->nindexes++;
	if ((upd = locate(c, rp, m->updateinfo))) {
		if (read_meta(c, upd, "updateinfo", hp_rpm_updateinfo))
			c->p->nsecurity_indexes++;
		else
			drop_stage(c, true);
	} else if (has(c, rp, m->updateinfo_zck)) {
		not_read(c, rp, "updateinfo", "cached only zchunk-compressed (.zck), which is not read");
	}
	merge(c, rp);
out:
	drop_stage(c, false);
	drop_stage(c, true);
	free(primary), free(upd), free(m);
}

/* Of the installed packages sharing a name and architecture (kernels, other install-only
 * packages), only the highest is compared, as dnf compares them. */
static bool *tops(const struct hp_db *db)
{
	bool *top = xcalloc(db->inv.npkgs + 1, sizeof *top);
	for (size_t j = 0; j < db->inv.npkgs; j++) {
		const struct pkg *a = &db->inv.pkgs[db->by_name[j]];
		top[db->by_name[j]] = true;
		for (size_t k = j + 1; k < db->inv.npkgs; k++) {
			const struct pkg *b = &db->inv.pkgs[db->by_name[k]];
			if (strcmp(a->name, b->name) != 0)
				break;
			if (str_eq(a->arch, b->arch) && vers_cmp(VERS_RPM, a->version, b->version) < 0) {
				top[db->by_name[j]] = false;
				break;
			}
		}
		for (size_t k = j; top[db->by_name[j]] && k-- > 0;) {
			const struct pkg *b = &db->inv.pkgs[db->by_name[k]];
			if (strcmp(a->name, b->name) != 0)
				break;
			/* equal versions: the first one stands for them */
			if (str_eq(a->arch, b->arch) && vers_cmp(VERS_RPM, a->version, b->version) <= 0)
				top[db->by_name[j]] = false;
		}
	}
	return top;
}

static void record(struct ctx *c)
{
	struct host_patch *p = c->p;
	for (size_t j = 0; j < c->db->inv.npkgs; j++) {
		size_t i = c->db->by_name[j];
		if (!c->best.ver[i])
			continue;
		const struct pkg *ip = &c->db->inv.pkgs[i];
		bool sec = c->best.sec[i] && vers_cmp(VERS_RPM, c->best.sec[i], c->best.ver[i]) <= 0;
		grow((void **)&p->ups, &p->cap_ups, p->nups + 1, sizeof *p->ups);
		p->ups[p->nups++] = (struct hp_update){
			xstrdup(ip->name), xstrdup(ip->arch), xstrdup(ip->version), c->best.ver[i],
			xstrdup(c->from[i]), sec };
		c->best.ver[i] = NULL;
		p->nsecurity += sec;
	}
}

static char **slots(const struct hp_db *db)
{
	return xcalloc(db->inv.npkgs + 1, sizeof(char *));
}

void hp_rpm_updates(struct host_patch *p, const struct hp_db *db, const struct hroot *r,
                    struct findings *errs)
{
	struct repos rs = { 0 };
	const struct cache *used = NULL;
	for (size_t i = 0; i < sizeof caches / sizeof *caches && !rs.n; i++) {
		find_repos(r, &caches[i], caches[i].dir, 0, &rs);
		used = &caches[i];
	}
	p->index_dir = rs.n ? used->dir : caches[1].dir;
	struct ctx c = { p, db, r, errs, tops(db), { slots(db), slots(db) },
	                 { slots(db), slots(db) },
	                 xcalloc(db->inv.npkgs + 1, sizeof *c.from) };
	for (size_t i = 0; i < rs.n; i++)
		one_repo(&c, &rs.v[i]);
	p->updates_known = p->nindexes > 0;
	p->security_unknown = p->nsecurity_indexes == 0;
	record(&c);
	for (size_t i = 0; i < db->inv.npkgs; i++)
		free(c.best.ver[i]), free(c.best.sec[i]);
	free(c.best.ver), free(c.best.sec), free(c.stage.ver), free(c.stage.sec);
	free(c.top), free(c.from);
	for (size_t i = 0; i < rs.n; i++)
		free(rs.v[i].id), free(rs.v[i].dir), free(rs.v[i].repomd);
	free(rs.v);
}
