/* A host's latest findings as the fleet store holds them (plain text rows), and the source the
 * HTML and SARIF fleet reports read them from, one host at a time. */
#ifndef BW_MODEL_FLEET_FINDINGS_H
#define BW_MODEL_FLEET_FINDINGS_H
#include <stdbool.h>
#include <stddef.h>
#include "model/finding.h"
#include "util/arena.h"

/* One stored finding; every string in the list's arena, NULL where the store has NULL. */
struct fleet_finding_row {
	char *command, *rule, *severity, *target_kind, *target_name, *target_id, *path;
	char *message, *evidence, *fingerprint;
	int line;
	long seq;                     /* its place in the stored run */
};
struct fleet_finding_rows {
	struct fleet_finding_row *v; size_t n, cap;
	struct arena strings;         /* set up on first use (strings.next 0) */
};
void fleet_finding_rows_free(struct fleet_finding_rows *r);

/* Each host's latest unsuppressed findings on demand: read fills out (in report order) with
 * those of fleet host `host` (an index into struct fleet's hosts); false on failure, the
 * reason kept by whoever made the source. Only one host's list is alive at a time. */
struct fleet_source {
	void *ctx;
	bool (*read)(void *ctx, size_t host, struct findings *out);
};
#endif
