/* The fleet store's finding rows: freed as one. */
#include "model/fleet_findings.h"
#include <stdlib.h>
#include <string.h>

void fleet_finding_rows_free(struct fleet_finding_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct fleet_finding_row *x = &r->v[i];
		char *s[] = { x->command, x->rule, x->severity, x->target_kind, x->target_name,
		              x->target_id, x->path, x->message, x->evidence, x->fingerprint };
		for (size_t j = 0; j < sizeof s / sizeof *s; j++)
			free(s[j]);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}
