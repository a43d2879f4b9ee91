/* Writing one run into the fleet store: in one transaction, and once per run id. A retried
 * submit finds its run id taken and writes nothing; a submitter killed mid-write leaves an
 * uncommitted transaction, which the database discards. */
#include "collect/store_run.h"
#include "collect/store_int.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COLS = 13, PKG_COLS = 8, BATCH = 50 };

static bool put_host(struct store *s, const struct fleet_run *r, char *err, size_t errlen)
{
	const char *p[] = { r->host, r->machine_id, r->engine_id, r->time };
	return store_exec(s,
		"INSERT INTO hosts (name, machine_id, engine_id, first_run, last_run)"
		" VALUES ($1, $2, $3, $4, $4) ON CONFLICT (name) DO UPDATE SET"
		" machine_id = COALESCE(excluded.machine_id, hosts.machine_id),"
		" engine_id = COALESCE(excluded.engine_id, hosts.engine_id),"
		" first_run = CASE WHEN excluded.first_run < hosts.first_run"
		"  THEN excluded.first_run ELSE hosts.first_run END,"
		" last_run = CASE WHEN excluded.last_run > hosts.last_run"
		"  THEN excluded.last_run ELSE hosts.last_run END",
		p, 4, NULL, err, errlen);
}

/* false on failure; *taken when the run id is already stored. */
static bool put_run(struct store *s, const struct fleet_run *r, const struct findings *f,
                    bool *taken, char *err, size_t errlen)
{
	size_t sup = 0;
	for (size_t i = 0; i < f->n; i++)
		sup += f->v[i].suppressed;
	char nf[24], ns[24], ne[24];
	snprintf(nf, sizeof nf, "%zu", f->n - sup);
	snprintf(ns, sizeof ns, "%zu", sup);
	snprintf(ne, sizeof ne, "%zu", f->nerrors);
	const char *p[] = { r->run_id, r->host, r->command, r->time, r->version, r->rules_version,
	                    r->machine_id, r->engine_id, nf, ns, ne };
	long changed = 0;
	if (!store_exec(s,
		"INSERT INTO runs (run_id, host, command, started, bulwark_version, rules_version,"
		" machine_id, engine_id, findings, suppressed, errors)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
		" ON CONFLICT (run_id) DO NOTHING", p, 11, &changed, err, errlen))
		return false;
	*taken = changed == 0;
	return true;
}

/* Findings [from, to) in one INSERT of several rows. */
static bool put_findings(struct store *s, const char *run_id, const struct findings *f,
                         const char *const *ids, size_t from, size_t to, char *err,
                         size_t errlen)
{
	struct buf sql = { 0 };
	const char **p = xcalloc((to - from) * COLS, sizeof *p);
	char (*nums)[2][24] = xcalloc(to - from, sizeof *nums);
	buf_adds(&sql, "INSERT INTO findings (run_id, seq, rule, severity, target_kind,"
	         " target_name, target_id, path, line, message, evidence, fingerprint,"
	         " suppressed) VALUES ");
	for (size_t i = from; i < to; i++) {
		const struct finding *x = &f->v[i];
		size_t k = (i - from) * COLS;
		snprintf(nums[i - from][0], 24, "%zu", i);
		snprintf(nums[i - from][1], 24, "%d", x->line);
		const char *row[COLS] = { run_id, nums[i - from][0], ids[i],
			severity_name(x->severity), target_kind_name(x->kind), x->target_name,
			x->target_id, x->path, nums[i - from][1], x->message, x->evidence,
			x->fingerprint, x->suppressed ? "1" : "0" };
		memcpy(p + k, row, sizeof row);
		buf_adds(&sql, i > from ? ", (" : "(");
		for (size_t c = 0; c < COLS; c++)
			buf_printf(&sql, "%s$%zu", c ? ", " : "", k + c + 1);
		buf_addc(&sql, ')');
	}
	bool ok = store_exec(s, sql.s, p, (to - from) * COLS, NULL, err, errlen);
	free(sql.s);
	free(p);
	free(nums);
	return ok;
}

static bool put_containers(struct store *s, const char *run_id, const struct fleet_inv *v,
                           char *err, size_t errlen)
{
	for (size_t i = 0; i < v->ncontainers; i++) {
		const struct fleet_container *c = &v->containers[i];
		const char *p[] = { run_id, c->id, c->name, c->image, c->image_digest, c->state };
		if (!store_exec(s, "INSERT INTO run_containers (run_id, id, name, image, image_digest,"
		                " state) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
		                p, 6, NULL, err, errlen))
			return false;
	}
	return true;
}

/* Packages [from, to) of im in one INSERT of several rows. */
static bool put_pkg_rows(struct store *s, const struct fleet_image *im, size_t from, size_t to,
                         char *err, size_t errlen)
{
	struct buf sql = { 0 };
	const char **p = xcalloc((to - from) * PKG_COLS, sizeof *p);
	char (*scheme)[16] = xcalloc(to - from, sizeof *scheme);
	buf_adds(&sql, "INSERT INTO packages (digest, ecosystem, name, version, kind, source,"
	         " source_version, scheme) VALUES ");
	for (size_t i = from; i < to; i++) {
		const struct fleet_pkg *k = &im->pkgs[i];
		size_t at = (i - from) * PKG_COLS;
		snprintf(scheme[i - from], 16, "%d", k->scheme);
		const char *row[PKG_COLS] = { im->digest, k->ecosystem ? k->ecosystem : "", k->name,
		                              k->version, k->kind, k->source, k->source_version,
		                              scheme[i - from] };
		memcpy(p + at, row, sizeof row);
		buf_adds(&sql, i > from ? ", (" : "(");
		for (size_t c = 0; c < PKG_COLS; c++)
			buf_printf(&sql, "%s$%zu", c ? ", " : "", at + c + 1);
		buf_addc(&sql, ')');
	}
	buf_adds(&sql, " ON CONFLICT DO NOTHING");
	bool ok = store_exec(s, sql.s, p, (to - from) * PKG_COLS, NULL, err, errlen);
	free(sql.s);
	free(p);
	free(scheme);
	return ok;
}

/* An image's packages, unless its digest has some stored already: a digest names one set of
 * packages, whoever read it. Two hosts writing the same digest at once: the later rows are
 * conflicts, which do nothing. */
static bool put_pkgs(struct store *s, const struct fleet_image *im, char *err, size_t errlen)
{
	const char *d[] = { im->digest };
	struct store_rows *r = store_query(s, "SELECT count(*) FROM (SELECT 1 FROM packages"
	                                   " WHERE digest = $1 LIMIT 1) x", d, 1, err, errlen);
	if (!r)
		return false;
	bool have = strtoul(store_cell(r, 0, 0) ? store_cell(r, 0, 0) : "0", NULL, 10) > 0;
	store_rows_free(r);
	for (size_t i = 0; !have && i < im->npkgs; i += BATCH)
		if (!put_pkg_rows(s, im, i, i + BATCH < im->npkgs ? i + BATCH : im->npkgs, err, errlen))
			return false;
	return true;
}

static int by_digest(const void *a, const void *b)
{
	const struct fleet_image *x = *(const struct fleet_image *const *)a;
	const struct fleet_image *y = *(const struct fleet_image *const *)b;
	return strcmp(x->digest, y->digest);
}

/* Images in digest order: two hosts writing the same images lock their package rows in the
 * same order, so neither can wait on the other in PostgreSQL (a deadlock, one run lost). */
static bool put_inventory(struct store *s, const char *run_id, const struct fleet_inv *v,
                          char *err, size_t errlen)
{
	if (!v)
		return true;
	if (!put_containers(s, run_id, v, err, errlen))
		return false;
	const struct fleet_image **ims = xcalloc(v->nimages + 1, sizeof *ims);
	for (size_t i = 0; i < v->nimages; i++)
		ims[i] = &v->images[i];
	if (v->nimages)
		qsort(ims, v->nimages, sizeof *ims, by_digest);
	bool ok = true;
	for (size_t i = 0; ok && i < v->nimages; i++) {
		const char *p[] = { run_id, ims[i]->digest, ims[i]->ref };
		ok = store_exec(s, "INSERT INTO run_images (run_id, digest, ref) VALUES ($1, $2, $3)"
		                " ON CONFLICT DO NOTHING", p, 3, NULL, err, errlen) &&
		     (!ims[i]->have_pkgs || put_pkgs(s, ims[i], err, errlen));
	}
	free(ims);
	return ok;
}

/* run_id's changes against the run of its host and command just before it. */
static bool put_changes(struct store *s, const char *run_id, char *err, size_t errlen)
{
	const char *p[] = { run_id };
	return store_exec(s, "DELETE FROM run_changes WHERE run_id = $1", p, 1, NULL, err,
	                  errlen) &&
	       store_exec(s, "WITH p AS (SELECT r.run_id, (SELECT q.run_id FROM runs q"
	                  " WHERE q.host = r.host AND q.command = r.command AND (q.started <"
	                  " r.started OR (q.started = r.started AND q.run_id < r.run_id))"
	                  " ORDER BY q.started DESC, q.run_id DESC LIMIT 1) AS prev FROM runs r"
	                  " WHERE r.run_id = $1), " STORE_CHANGES_OF_P " HAVING p.prev IS NOT NULL",
	                  p, 1, NULL, err, errlen);
}

/* The run's counts by rule, and its changes; a run recorded late (an older time than its
 * host's latest) is also the one before that later run, whose changes are made again. */
static bool put_summary(struct store *s, const char *run_id, char *err, size_t errlen)
{
	const char *p[] = { run_id };
	if (!store_exec(s, "INSERT INTO run_rules (run_id, rule, severity, n) SELECT run_id, rule,"
	                " severity, count(*) FROM findings WHERE run_id = $1 AND suppressed = 0"
	                " GROUP BY run_id, rule, severity", p, 1, NULL, err, errlen) ||
	    !put_changes(s, run_id, err, errlen))
		return false;
	struct store_rows *r = store_query(s, "SELECT q.run_id FROM runs q JOIN runs r ON"
		" r.run_id = $1 WHERE q.host = r.host AND q.command = r.command AND (q.started >"
		" r.started OR (q.started = r.started AND q.run_id > r.run_id))"
		" ORDER BY q.started, q.run_id LIMIT 1", p, 1, err, errlen);
	if (!r)
		return false;
	bool ok = !store_rows_count(r) || put_changes(s, store_cell(r, 0, 0), err, errlen);
	store_rows_free(r);
	return ok;
}

bool store_put_run(struct store *s, const struct fleet_run *r, const struct findings *f,
                   const char *const *ids, const struct fleet_inv *inv, bool *taken, char *err,
                   size_t errlen)
{
	*taken = false;
	if (!store_begin(s, err, errlen))
		return false;
	if (!put_host(s, r, err, errlen) || !put_run(s, r, f, taken, err, errlen))
		goto fail;
	if (*taken) {
		store_rollback(s);
		return true;
	}
	for (size_t i = 0; i < f->n; i += BATCH)
		if (!put_findings(s, r->run_id, f, ids, i, i + BATCH < f->n ? i + BATCH : f->n, err,
		                  errlen))
			goto fail;
	if (!put_summary(s, r->run_id, err, errlen) || !put_inventory(s, r->run_id, inv, err, errlen))
		goto fail;
	if (store_commit(s, err, errlen))
		return true;
fail:
	store_rollback(s);
	return false;
}
