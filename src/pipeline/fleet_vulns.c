/* The fleet report's vulnerabilities: the images in use in each host's latest runs, their
 * packages as the fleet store holds them, matched against the current vulnerability store by
 * the same lookup and rule as `bulwark vulns`. No image is read: a record imported since the
 * runs shows up in the next report. One image's packages are in memory at a time. */
#include "pipeline/fleet_vulns.h"
#include "collect/store_run.h"
#include "collect/vulndb.h"
#include "model/image.h"
#include "model/image_fs.h"
#include "pipeline/vuln_scan.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static bool host_shown(const struct fleet *f, const char *name)
{
	for (size_t i = 0; i < f->nhosts; i++)
		if (!strcmp(f->hosts[i].name, name))
			return true;
	return false;
}

static struct fleet_vuln *vuln_at(struct fleet *f, const struct finding_vuln *v)
{
	for (size_t i = 0; i < f->nvulns; i++) {
		struct fleet_vuln *x = &f->vulns[i];
		if (!strcmp(x->id, v->id) && !strcmp(x->package, v->package) &&
		    !strcmp(x->installed, v->installed))
			return x;
	}
	GROW(f->vulns, f->cap_vulns, f->nvulns);
	struct fleet_vuln *x = &f->vulns[f->nvulns++];
	*x = (struct fleet_vuln){ .id = xstrdup(v->id), .severity = xstrdup(v->severity),
		.package = xstrdup(v->package), .ecosystem = xstrdup(v->ecosystem),
		.installed = xstrdup(v->installed), .fixed = xstrdup(v->fixed) };
	return x;
}

static void add_host(struct fleet_vuln *x, const char *host)
{
	for (size_t i = 0; i < x->nhosts; i++)
		if (!strcmp(x->hosts[i], host))
			return;
	GROW(x->hosts, x->cap_hosts, x->nhosts);
	x->hosts[x->nhosts++] = xstrdup(host);
}

/* u[0..n): the rows of one digest, a row per host that uses it. */
static void add_use(struct fleet *f, const struct finding_vuln *v, const struct fleet_use *u,
                    size_t n)
{
	struct fleet_vuln *x = vuln_at(f, v);
	if (x->nimages && !strcmp(x->images[x->nimages - 1].digest, u->digest))
		return;   /* one finding per package: a second package naming it adds no image */
	GROW(x->images, x->cap_images, x->nimages);
	x->images[x->nimages++] = (struct fleet_vuln_image){ xstrdup(u->digest), xstrdup(u->ref) };
	for (size_t i = 0; i < n; i++) {
		add_host(x, u[i].host);
		x->containers += u[i].containers;
	}
}

/* One image: its stored packages through the vulnerability rule. */
static bool match_image(struct store *s, struct vuln_scan *vs, struct fleet *f,
                        const struct fleet_use *u, size_t n, char *err, size_t errlen)
{
	const struct rule *r = rule_find("BW-V001");
	struct image_fs fs = { 0 };
	struct image_cfg im = { .id = u->digest, .ref = u->ref ? u->ref : u->digest, .fs = &fs };
	struct findings out = { 0 };
	bool ok = store_read_pkgs(s, u->digest, &fs.inv, err, errlen);
	f->images_unread += ok && !fs.inv.npkgs;
	if (ok && fs.inv.npkgs) {
		vuln_scan_fill(vs, im.ref, &fs.inv, &out);
		out.cur = (struct target){ TK_IMAGE, im.ref, im.id, NULL };
		if (r && r->check_image)
			r->check_image(r, &im, &out);
	}
	for (size_t i = 0; i < out.n; i++)
		if (out.v[i].vuln)
			add_use(f, out.v[i].vuln, u, n);
	if (out.nerrors) {
		snprintf(err, errlen, "%s", out.errors[0].message);
		ok = false;
	}
	findings_free(&out);
	pkg_inv_clear(&fs.inv);
	return ok;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Most severe first, then by id, package and version. */
static int by_rank(const void *a, const void *b)
{
	const struct fleet_vuln *x = a, *y = b;
	int sx = severity_parse(x->severity), sy = severity_parse(y->severity), c;
	if (sx != sy)
		return sx > sy ? -1 : 1;
	if ((c = strcmp(x->id, y->id)) || (c = strcmp(x->package, y->package)))
		return c;
	return strcmp(x->installed, y->installed);
}

static bool match_all(struct store *s, struct vuln_scan *vs, const char *since, struct fleet *f,
                      char *err, size_t errlen)
{
	struct fleet_use *u;
	size_t n, k = 0;
	if (!store_read_use(s, since, &u, &n, err, errlen))
		return false;
	/* the rows of hosts --host leaves out are dropped; a digest's rows stay together */
	for (size_t i = 0; i < n; i++)
		if (host_shown(f, u[i].host))
			u[k++] = u[i];
		else
			free(u[i].digest), free(u[i].ref), free(u[i].host);
	bool ok = true;
	for (size_t i = 0, j; ok && i < k; i = j) {
		for (j = i + 1; j < k && !strcmp(u[j].digest, u[i].digest); j++)
			;
		ok = match_image(s, vs, f, &u[i], j - i, err, errlen);
		f->images_in_use++;
	}
	fleet_use_free(u, k);
	for (size_t i = 0; i < f->nvulns; i++)
		qsort(f->vulns[i].hosts, f->vulns[i].nhosts, sizeof *f->vulns[i].hosts, by_name);
	if (f->nvulns)
		qsort(f->vulns, f->nvulns, sizeof *f->vulns, by_rank);
	return ok;
}

bool fleet_vulns_read(struct store *s, const char *db, const char *since, struct fleet *f,
                      char *err, size_t errlen)
{
	char buf[4096];
	struct stat st;
	const char *path = db ? db : vulndb_default_path(buf, sizeof buf);
	if (!path || stat(path, &st) != 0) {
		fprintf(stderr, "bulwark: note: no vulnerability store%s%s: the report has no vulns "
		        "section (fill one with bulwark db update, or db import FILE)\n",
		        path ? " at " : "", path ? path : "");
		return true;
	}
	struct findings out = { 0 };
	struct run_vulns v = { .on = true, .db = path };
	struct vuln_scan *vs = vuln_scan_open(&v, time(NULL), &out);
	bool ok = vs != NULL;
	if (!vs)
		snprintf(err, errlen, "%s", out.nerrors ? out.errors[0].message : "cannot open it");
	else
		run_print_problems(&out);
	findings_free(&out);
	if (ok) {
		f->have_vulns = true;
		ok = match_all(s, vs, since, f, err, errlen);
	}
	vuln_scan_close(vs);
	return ok;
}
