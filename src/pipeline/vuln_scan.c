/* The known-vulnerability step: open the store, hand each package its candidate records, drop
 * unfixed findings when asked. Judging the versions is the rule's (rules/vuln/). */
#include "pipeline/vuln_scan.h"
#include "collect/vulndb.h"
#include "util/util.h"
#include "util/yaml.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_AGE_DAYS 7
/* Records kept from earlier look-ups: images share their base's packages, so a run over many
 * (audit --images, vulns --rematch) asks the store the same questions again and again. */
#define CACHE_MAX_RECORDS 32768

struct cached { char *key; struct vuln_rec *v; size_t n; };

struct vuln_scan {
	struct vulndb *db;
	char *path;
	bool ignore_unfixed;
	struct smap index;            /* "ecosystem\x1fname" -> slot in cache */
	struct cached *cache;
	size_t ncache, capcache, records;
};

/* RFC 3339 "2024-05-01T12:00:00Z" (fraction and offset ignored: a day is the unit here). */
static bool parse_time(const char *s, time_t *t)
{
	struct tm tm = { 0 };
	const char *e = s ? strptime(s, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
	if (!e && s)
		e = strptime(s, "%Y-%m-%d", &tm);
	if (!e)
		return false;
	*t = timegm(&tm);
	return true;
}

long vuln_scan_stale_days(const char *newest, time_t now, int max_days)
{
	time_t t;
	int days = max_days > 0 ? max_days : DEFAULT_MAX_AGE_DAYS;
	if (!parse_time(newest, &t) || now - t <= (time_t)days * 86400)
		return -1;
	return (long)((now - t) / 86400);
}

static void check_age(struct vuln_scan *s, int max_days, time_t now, struct findings *out)
{
	char *newest = vulndb_newest(s->db);
	long age = vuln_scan_stale_days(newest, now, max_days);
	if (!newest)
		findings_warn(out, s->path, 0, "the vulnerability store holds no records: nothing can "
		              "match (bulwark db update, or bulwark db import FILE)");
	else if (age >= 0)
		findings_warn(out, s->path, 0, "the vulnerability data is %ld days old (newest record "
		              "modified %s, limit %d days: --max-db-age); run bulwark db update", age,
		              newest, max_days > 0 ? max_days : DEFAULT_MAX_AGE_DAYS);
	free(newest);
}

struct vuln_scan *vuln_scan_open(const struct run_vulns *v, time_t now, struct findings *out)
{
	char buf[4096], err[512] = "";
	if (!v || !v->on)
		return NULL;
	const char *path = v->db ? v->db : vulndb_default_path(buf, sizeof buf);
	if (!path) {
		findings_error(out, "--vulns", 0, "no vulnerability store: neither XDG_DATA_HOME nor "
		               "HOME is set; name one with --db PATH");
		return NULL;
	}
	struct vulndb *db = vulndb_open(path, err, sizeof err);
	if (!db) {
		findings_error(out, path, 0, "cannot open the vulnerability store (%s); fill it first "
		               "with bulwark db update, or bulwark db import FILE|DIR offline", err);
		return NULL;
	}
	struct vuln_scan *s = xcalloc(1, sizeof *s);
	s->db = db;
	s->path = xstrdup(path);
	s->ignore_unfixed = v->ignore_unfixed;
	check_age(s, v->max_age_days, now, out);
	return s;
}

/* A record with nothing but GIT ranges: no version can be placed among commits. */
static bool git_only(const struct vuln_rec *r)
{
	if (r->nversions || !r->nranges)
		return false;
	for (size_t i = 0; i < r->nranges; i++)
		if (r->ranges[i].type != OSV_GIT)
			return false;
	return true;
}

/* PEP 503: PyPI records name packages lower-case with runs of "-", "_" and "." as one "-". */
static void pypi_normal(const char *name, char *buf, size_t n)
{
	size_t k = 0;
	for (const char *c = name; *c && k + 1 < n; c++) {
		if (strchr("-_.", *c)) {
			if (!k || buf[k - 1] != '-')
				buf[k++] = '-';
		} else {
			buf[k++] = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
		}
	}
	buf[k] = '\0';
}

static void append(struct pkg *p, struct vuln_rec *v, size_t n, bool copy)
{
	p->cands = xrealloc(p->cands, (p->ncands + n) * sizeof *p->cands);
	for (size_t i = 0; i < n; i++)
		if (copy)
			vuln_rec_copy(&p->cands[p->ncands + i], &v[i]);
		else
			p->cands[p->ncands + i] = v[i];
	p->ncands += n;
}

/* Keeps a copy of what the store answered for key, while the cache has room. */
static void remember(struct vuln_scan *s, char *key, const struct vuln_rec *v, size_t n)
{
	if (s->records + n > CACHE_MAX_RECORDS) {
		free(key);
		return;
	}
	if (s->ncache == s->capcache)
		s->cache = xrealloc(s->cache, (s->capcache = s->capcache ? s->capcache * 2 : 64) *
		                                  sizeof *s->cache);
	struct cached *c = &s->cache[s->ncache];
	c->key = key, c->n = n, c->v = n ? xcalloc(n, sizeof *c->v) : NULL;
	for (size_t i = 0; i < n; i++)
		vuln_rec_copy(&c->v[i], &v[i]);
	smap_put(&s->index, c->key, s->ncache++);
	s->records += n;
}

/* Appends the records naming name to p's candidates; false on a store error (in err). */
static bool lookup(struct vuln_scan *s, struct pkg *p, const char *name, char *err, size_t n)
{
	char *key = xasprintf("%s\x1f%s", p->ecosystem, name);
	size_t *hit = smap_get(&s->index, key);
	if (hit) {
		free(key);
		append(p, s->cache[*hit].v, s->cache[*hit].n, true);
		return true;
	}
	struct vuln_rec *v = NULL;
	long got = vulndb_lookup(s->db, p->ecosystem, name, &v, err, n);
	if (got < 0) {
		free(key);
		return false;
	}
	remember(s, key, v, (size_t)got);
	append(p, v, (size_t)got, false);
	free(v);
	return true;
}

/* Which names the package's advisories use: Debian and Ubuntu the source package only; Alpine,
 * Rocky, AlmaLinux and SUSE the source, Red Hat either, Wolfi the package: both when they
 * differ (a record found twice is one finding); PyPI the normalised name. */
static bool fill_pkg(struct vuln_scan *s, struct pkg *p, char *err, size_t n)
{
	char norm[512];
	bool src = p->source && *p->source;
	if (p->kind == PKG_PYPI) {
		pypi_normal(p->name, norm, sizeof norm);
		return lookup(s, p, norm, err, n);
	}
	if (src && !lookup(s, p, p->source, err, n))
		return false;
	if (src && (p->kind == PKG_DPKG || !strcmp(p->source, p->name)))
		return true;
	return lookup(s, p, p->name, err, n);
}

void vuln_scan_fill(struct vuln_scan *s, const char *ref, struct pkg_inv *inv,
                    struct findings *out)
{
	char err[512];
	size_t git = 0;
	if (!s)
		return;
	for (size_t i = 0; i < inv->npkgs; i++) {
		struct pkg *p = &inv->pkgs[i];
		if (!p->ecosystem || p->ncands)
			continue;
		if (!fill_pkg(s, p, err, sizeof err)) {
			findings_error(out, s->path, 0, "%s", err);
			return;
		}
		for (size_t j = 0; j < p->ncands; j++)
			git += git_only(&p->cands[j]);
	}
	if (git)
		findings_warn(out, ref, 0, "%zu vulnerability %s only GIT ranges, which name commits "
		              "an installed version cannot be placed among: not matched", git,
		              git == 1 ? "record has" : "records have");
}

static bool unfixed(const struct finding *f)
{
	return f->vuln && !f->vuln->fixed;
}

void vuln_scan_filter(const struct vuln_scan *s, struct findings *out, size_t from)
{
	if (s && s->ignore_unfixed)
		findings_remove_if(out, from, unfixed);
}

const char *vuln_scan_path(const struct vuln_scan *s)
{
	return s->path;
}

void vuln_scan_close(struct vuln_scan *s)
{
	if (!s)
		return;
	vulndb_close(s->db);
	for (size_t i = 0; i < s->ncache; i++) {
		for (size_t j = 0; j < s->cache[i].n; j++)
			vuln_rec_clear(&s->cache[i].v[j]);
		free(s->cache[i].v), free(s->cache[i].key);
	}
	free(s->cache);
	smap_free(&s->index);
	free(s->path);
	free(s);
}
