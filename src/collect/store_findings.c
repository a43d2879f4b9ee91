/* One host's latest findings from the fleet store: the same window as the report's posture
 * (the newest run of each command at or after --since), narrowed to the host first so the
 * runs index (host, command, started) and the findings' key (run_id, seq) do the work. */
#include "collect/store_findings.h"
#include "collect/store.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

#define LATEST "WITH w AS (SELECT run_id, command, ROW_NUMBER() OVER (PARTITION BY command" \
	" ORDER BY started DESC, run_id DESC) AS rn FROM runs WHERE host = $2 AND started >= $1)" \
	" SELECT w.command, f.rule, f.severity, f.target_kind, f.target_name, f.target_id," \
	" f.path, f.line, f.message, f.evidence, f.fingerprint FROM findings f" \
	" JOIN w ON f.run_id = w.run_id WHERE w.rn = 1 AND f.suppressed = 0" \
	" ORDER BY w.command, f.seq"

static char *keep(struct fleet_finding_rows *out, const char *s)
{
	return s ? arena_strndup(&out->strings, s, strlen(s)) : NULL;
}

bool store_read_host_findings(struct store *s, const char *since, const char *host,
                              struct fleet_finding_rows *out, char *err, size_t errlen)
{
	const char *p[] = { since ? since : "", host };
	struct store_rows *r = store_query(s, LATEST, p, 2, err, errlen);
	if (!r)
		return false;
	if (!out->strings.next)
		arena_init(&out->strings, 1 << 16);
	for (size_t i = 0; i < store_rows_count(r); i++) {
		GROW(out->v, out->cap, out->n);
		struct fleet_finding_row *x = &out->v[out->n++];
		const char *line = store_cell(r, i, 7);
		*x = (struct fleet_finding_row){ .command = keep(out, store_cell(r, i, 0)),
			.rule = keep(out, store_cell(r, i, 1)), .severity = keep(out, store_cell(r, i, 2)),
			.target_kind = keep(out, store_cell(r, i, 3)),
			.target_name = keep(out, store_cell(r, i, 4)),
			.target_id = keep(out, store_cell(r, i, 5)), .path = keep(out, store_cell(r, i, 6)),
			.message = keep(out, store_cell(r, i, 8)), .evidence = keep(out, store_cell(r, i, 9)),
			.fingerprint = keep(out, store_cell(r, i, 10)),
			.line = line ? atoi(line) : 0 };
	}
	store_rows_free(r);
	return true;
}
