/* Hosts' latest findings from the fleet store, a batch of hosts per query: the same window as
 * the report's posture (the newest run of each command at or after --since), narrowed to the
 * hosts first so the runs index (host, command, started) and the findings' key (run_id, seq)
 * do the work. */
#include "collect/store_findings.h"
#include "collect/store.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

#define HEAD "WITH w AS (SELECT run_id, host, command, ROW_NUMBER() OVER (PARTITION BY host," \
	" command ORDER BY started DESC, run_id DESC) AS rn FROM runs WHERE started >= $1" \
	" AND host IN ("
#define TAIL ")) SELECT w.host, w.command, f.seq, f.rule, f.severity, f.target_kind, f.target_name," \
	" f.target_id, f.path, f.line, f.message, f.evidence, f.fingerprint FROM findings f" \
	" JOIN w ON f.run_id = w.run_id WHERE w.rn = 1 AND f.suppressed = 0"

static char *batch_sql(size_t n)
{
	struct buf b = { 0 };
	buf_adds(&b, HEAD);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s$%zu", i ? ", " : "", i + 2);
	buf_adds(&b, TAIL);
	return buf_take(&b);
}

static int by_command_seq(const void *a, const void *b)
{
	const struct fleet_finding_row *x = a, *y = b;
	int c = strcmp(x->command ? x->command : "", y->command ? y->command : "");
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static char *keep(struct fleet_finding_rows *out, const char *s)
{
	return s ? arena_strndup(&out->strings, s, strlen(s)) : NULL;
}

static void add_row(struct fleet_finding_rows *out, const struct store_rows *r, size_t i)
{
	if (!out->strings.next)
		arena_init(&out->strings, 1 << 16);
	GROW(out->v, out->cap, out->n);
	const char *line = store_cell(r, i, 9), *seq = store_cell(r, i, 2);
	out->v[out->n++] = (struct fleet_finding_row){ .command = keep(out, store_cell(r, i, 1)),
		.rule = keep(out, store_cell(r, i, 3)), .severity = keep(out, store_cell(r, i, 4)),
		.target_kind = keep(out, store_cell(r, i, 5)),
		.target_name = keep(out, store_cell(r, i, 6)),
		.target_id = keep(out, store_cell(r, i, 7)), .path = keep(out, store_cell(r, i, 8)),
		.message = keep(out, store_cell(r, i, 10)),
		.evidence = keep(out, store_cell(r, i, 11)),
		.fingerprint = keep(out, store_cell(r, i, 12)),
		.line = line ? atoi(line) : 0, .seq = seq ? atol(seq) : 0 };
}

bool store_read_hosts_findings(struct store *s, const char *since, const char *const *hosts,
                               size_t n, struct fleet_finding_rows *out, char *err,
                               size_t errlen)
{
	const char *p[1 + STORE_FINDINGS_BATCH] = { since ? since : "" };
	if (n == 0 || n > STORE_FINDINGS_BATCH)
		return n == 0;
	memcpy(p + 1, hosts, n * sizeof *hosts);
	char *sql = batch_sql(n);
	struct store_rows *r = store_query(s, sql, p, n + 1, err, errlen);
	free(sql);
	if (!r)
		return false;
	/* Rows come in no order (a sort on the server was half of the query's time): each goes to
	 * its host, usually the previous row's, and each host's are put in order after. */
	size_t h = 0;
	for (size_t i = 0; i < store_rows_count(r); i++) {
		const char *host = store_cell(r, i, 0);
		for (size_t k = 0; k < n && !str_eq(hosts[h], host); k++)
			h = (h + 1) % n;
		if (str_eq(hosts[h], host))
			add_row(&out[h], r, i);
	}
	store_rows_free(r);
	for (size_t k = 0; k < n; k++)
		qsort(out[k].v, out[k].n, sizeof *out[k].v, by_command_seq);
	return true;
}
