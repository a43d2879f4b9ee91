/* Each host's latest findings for the fleet report, read from the store as the report asks. */
#ifndef BW_PIPELINE_FLEET_SOURCE_H
#define BW_PIPELINE_FLEET_SOURCE_H
#include "model/fleet.h"
#include "model/fleet_findings.h"
#include "collect/store_findings.h"

struct store;
struct rule;

struct fleet_reader {
	struct fleet_source src;      /* what the report is given */
	struct store *s;
	const char *since;
	const struct fleet *f;
	struct rule **unknown; size_t nunknown, cap_unknown;   /* stored ids this binary lacks */
	/* Each stored id as looked up once: the registry's lookup is a scan, and 1000 hosts repeat
	 * the same few ids 200 times each. */
	struct fleet_rule_seen { char *id; const struct rule *rule; } *seen;
	size_t nseen, cap_seen;
	/* The batch of hosts read by one query: hosts [first, first + n), rows[i] for first + i. */
	struct fleet_finding_rows rows[STORE_FINDINGS_BATCH];
	size_t first, n;
	char err[512];                /* why a read failed */
};
void fleet_reader_init(struct fleet_reader *r, struct store *s, const char *since,
                       const struct fleet *f);
void fleet_reader_free(struct fleet_reader *r);
#endif
