/* Reading the estate back from the fleet store: each host's latest run of each command, what
 * changed since the run before it (by fingerprint), each rule across hosts, runs per day. The
 * aggregation is SQL, the same for SQLite and PostgreSQL; --host's glob is applied here. */
#include "collect/store_run.h"
#include "collect/store.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* Every run in the window, numbered newest first within its host and command, with how many
 * that host and command has. */
#define WINDOW "WITH w AS (SELECT run_id, host, command, started, ROW_NUMBER() OVER" \
	" (PARTITION BY host, command ORDER BY started DESC, run_id DESC) AS rn," \
	" count(*) OVER (PARTITION BY host, command) AS n FROM runs WHERE started >= $1)"
/* New and fixed per host: the changes kept with each latest run against the run before it,
 * when that run is in the window too. */
#define CHANGES WINDOW " SELECT w.host, sum(c.new_findings), sum(c.fixed_findings) FROM w" \
	" JOIN run_changes c ON c.run_id = w.run_id JOIN runs p ON p.run_id = c.prev_run" \
	" WHERE w.rn = 1 AND p.started >= $1 GROUP BY w.host"

struct ctx {
	struct store *s;
	const char *since, *glob;
	struct fleet *f;
	char *err; size_t errlen;
};

static struct store_rows *q(struct ctx *c, const char *sql)
{
	const char *p[] = { c->since ? c->since : "" };
	return store_query(c->s, sql, p, 1, c->err, c->errlen);
}

static size_t num(const char *s)
{
	return s ? strtoul(s, NULL, 10) : 0;
}

static long host_at(const struct fleet *f, const char *name)
{
	size_t lo = 0, hi = f->nhosts;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = strcmp(f->hosts[mid].name, name);
		if (!d)
			return (long)mid;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Hosts in name order (the ORDER BY), so host_at can search them. */
static bool read_hosts(struct ctx *c)
{
	struct store_rows *r = q(c, "SELECT h.name, h.machine_id, h.engine_id, count(*),"
	                            " max(r.started) FROM hosts h JOIN runs r ON r.host = h.name"
	                            " WHERE r.started >= $1 GROUP BY h.name, h.machine_id,"
	                            " h.engine_id ORDER BY h.name");
	if (!r)
		return false;
	for (size_t i = 0; i < store_rows_count(r); i++) {
		const char *name = store_cell(r, i, 0);
		if (c->glob && !glob_match(c->glob, name))
			continue;
		GROW(c->f->hosts, c->f->cap_hosts, c->f->nhosts);
		struct fleet_host *h = &c->f->hosts[c->f->nhosts++];
		*h = (struct fleet_host){ .name = xstrdup(name),
			.machine_id = xstrdup(store_cell(r, i, 1)),
			.engine_id = xstrdup(store_cell(r, i, 2)), .runs = num(store_cell(r, i, 3)),
			.last_run = xstrdup(store_cell(r, i, 4)) };
		c->f->runs += h->runs;
	}
	store_rows_free(r);
	return true;
}

static size_t rule_at(struct fleet *f, const char *rule, const char *sev)
{
	for (size_t i = 0; i < f->nrules; i++)
		if (!strcmp(f->rules[i].rule, rule))
			return i;
	GROW(f->rules, f->cap_rules, f->nrules);
	f->rules[f->nrules] = (struct fleet_rule){ xstrdup(rule), xstrdup(sev), 0, 0 };
	return f->nrules++;
}

/* Findings of the latest runs by host, rule and severity: posture, rules and the matrix. */
static bool read_findings(struct ctx *c)
{
	struct store_rows *r = q(c, WINDOW " SELECT w.host, f.rule, f.severity, sum(f.n)"
	                                   " FROM run_rules f JOIN w ON f.run_id = w.run_id"
	                                   " WHERE w.rn = 1 GROUP BY w.host, f.rule, f.severity"
	                                   " ORDER BY w.host, f.rule");
	if (!r)
		return false;
	for (size_t i = 0; i < store_rows_count(r); i++) {
		long h = host_at(c->f, store_cell(r, i, 0));
		int sev = severity_parse(store_cell(r, i, 2));
		size_t n = num(store_cell(r, i, 3));
		if (h < 0 || sev < 0)
			continue;
		struct fleet_host *fh = &c->f->hosts[h];
		fh->by_sev[sev] += n;
		fh->findings += n;
		size_t k = rule_at(c->f, store_cell(r, i, 1), store_cell(r, i, 2));
		/* a host's rows of one rule are together (ORDER BY), one per severity it had */
		struct fleet_cell *cell = c->f->ncells ? &c->f->cells[c->f->ncells - 1] : NULL;
		if (!cell || cell->rule != k || cell->host != (size_t)h) {
			GROW(c->f->cells, c->f->cap_cells, c->f->ncells);
			cell = &c->f->cells[c->f->ncells++];
			*cell = (struct fleet_cell){ k, (size_t)h, 0 };
			c->f->rules[k].hosts++;
		}
		cell->n += n;
		c->f->rules[k].findings += n;
	}
	store_rows_free(r);
	return true;
}

/* New and fixed findings per host; which hosts have a run to compare with. */
static bool read_changes(struct ctx *c)
{
	struct store_rows *r[2] = { q(c, CHANGES),
	                            q(c, WINDOW " SELECT DISTINCT host FROM w WHERE rn = 2") };
	bool ok = r[0] && r[1];
	for (size_t i = 0; ok && i < store_rows_count(r[0]); i++) {
		long h = host_at(c->f, store_cell(r[0], i, 0));
		if (h >= 0) {
			c->f->hosts[h].new_ = num(store_cell(r[0], i, 1));
			c->f->hosts[h].fixed = num(store_cell(r[0], i, 2));
		}
	}
	for (size_t i = 0; ok && i < store_rows_count(r[1]); i++) {
		long h = host_at(c->f, store_cell(r[1], i, 0));
		if (h >= 0)
			c->f->hosts[h].compared = true;
	}
	store_rows_free(r[0]);
	store_rows_free(r[1]);
	return ok;
}

/* Runs per day (rows come in day order, a day's hosts together). */
static bool read_days(struct ctx *c)
{
	struct store_rows *r = q(c, "SELECT substr(started, 1, 10) AS day, host, count(*),"
	                            " sum(findings) FROM runs WHERE started >= $1"
	                            " GROUP BY substr(started, 1, 10), host ORDER BY day, host");
	if (!r)
		return false;
	struct fleet *f = c->f;
	for (size_t i = 0; i < store_rows_count(r); i++) {
		const char *day = store_cell(r, i, 0);
		if (host_at(f, store_cell(r, i, 1)) < 0)
			continue;
		if (!f->ndays || strcmp(f->days[f->ndays - 1].day, day)) {
			GROW(f->days, f->cap_days, f->ndays);
			f->days[f->ndays++] = (struct fleet_day){ .day = xstrdup(day) };
		}
		struct fleet_day *d = &f->days[f->ndays - 1];
		d->hosts++;
		d->runs += num(store_cell(r, i, 2));
		d->findings += num(store_cell(r, i, 3));
	}
	store_rows_free(r);
	return true;
}

static int by_reach(const void *a, const void *b)
{
	const struct fleet_rule *x = a, *y = b;
	if (x->hosts != y->hosts)
		return x->hosts > y->hosts ? -1 : 1;
	if (x->findings != y->findings)
		return x->findings > y->findings ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

bool store_read_fleet(struct store *s, const char *since, const char *host_glob,
                      struct fleet *out, char *err, size_t errlen)
{
	struct ctx c = { s, since, host_glob, out, err, errlen };
	memset(out, 0, sizeof *out);
	out->since = since;
	if (!read_hosts(&c) || !read_findings(&c) || !read_changes(&c) || !read_days(&c))
		return false;
	if (!out->nrules)
		return true;
	/* The matrix's cells name rules by index: renumber them after the sort. */
	size_t *rank = xcalloc(out->nrules + 1, sizeof *rank);
	struct fleet_rule *old = xcalloc(out->nrules + 1, sizeof *old);
	memcpy(old, out->rules, out->nrules * sizeof *old);
	qsort(out->rules, out->nrules, sizeof *out->rules, by_reach);
	for (size_t i = 0; i < out->nrules; i++)
		for (size_t j = 0; j < out->nrules; j++)
			if (old[j].rule == out->rules[i].rule)
				rank[j] = i;
	for (size_t i = 0; i < out->ncells; i++)
		out->cells[i].rule = rank[out->cells[i].rule];
	free(rank);
	free(old);
	return true;
}

/* The runs' own images (no containers) and their containers' images (one each), summed per
 * host and digest over the latest runs. */
bool store_read_use(struct store *s, const char *since, struct fleet_use **out, size_t *n,
                    char *err, size_t errlen)
{
	struct ctx c = { s, since, NULL, NULL, err, errlen };
	struct store_rows *r = q(&c, WINDOW " SELECT x.digest, max(x.ref), w.host, sum(x.c) FROM"
	                            " (SELECT run_id, digest, ref, 0 AS c FROM run_images UNION ALL"
	                            " SELECT run_id, image_digest, image, 1 FROM run_containers"
	                            " WHERE image_digest IS NOT NULL) x JOIN w ON x.run_id = w.run_id"
	                            " WHERE w.rn = 1 GROUP BY x.digest, w.host"
	                            " ORDER BY x.digest, w.host");
	*out = NULL, *n = 0;
	if (!r)
		return false;
	*n = store_rows_count(r);
	*out = xcalloc(*n + 1, sizeof **out);
	for (size_t i = 0; i < *n; i++)
		(*out)[i] = (struct fleet_use){ xstrdup(store_cell(r, i, 0)),
			xstrdup(store_cell(r, i, 1)), xstrdup(store_cell(r, i, 2)),
			num(store_cell(r, i, 3)) };
	store_rows_free(r);
	return true;
}

void fleet_use_free(struct fleet_use *u, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(u[i].digest), free(u[i].ref), free(u[i].host);
	free(u);
}

static enum pkg_kind kind_of(const char *name)
{
	for (int k = PKG_DPKG; k <= PKG_COMPOSER; k++)
		if (name && !strcmp(pkg_kind_name((enum pkg_kind)k), name))
			return (enum pkg_kind)k;
	return PKG_DPKG;
}

bool store_read_pkgs(struct store *s, const char *digest, struct pkg_inv *inv, char *err,
                     size_t errlen)
{
	const char *p[] = { digest };
	struct store_rows *r = store_query(s, "SELECT ecosystem, name, version, kind, source,"
	                                   " source_version, scheme FROM packages WHERE digest = $1"
	                                   " ORDER BY ecosystem, name, version", p, 1, err, errlen);
	if (!r)
		return false;
	for (size_t i = 0; i < store_rows_count(r); i++) {
		const char *eco = store_cell(r, i, 0);
		struct pkg *k = pkg_inv_add(inv, kind_of(store_cell(r, i, 3)), store_cell(r, i, 1),
		                            store_cell(r, i, 2));
		if (!k)
			break;
		k->ecosystem = eco && *eco ? xstrdup(eco) : NULL;
		k->source = xstrdup(store_cell(r, i, 4));
		k->source_version = xstrdup(store_cell(r, i, 5));
		k->scheme = (enum vers_scheme)num(store_cell(r, i, 6));
	}
	store_rows_free(r);
	return true;
}
