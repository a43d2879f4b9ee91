/* The fleet store's finding rows: freed as one. */
#include "model/fleet_findings.h"
#include <stdlib.h>
#include <string.h>

void fleet_finding_rows_free(struct fleet_finding_rows *r)
{
	arena_free(&r->strings);
	free(r->v);
	memset(r, 0, sizeof *r);
}
