/* Frees a vulnerability record. */
#include "model/vuln.h"
#include <stdlib.h>

void vuln_rec_clear(struct vuln_rec *r)
{
	for (size_t i = 0; i < r->naliases; i++)
		free(r->aliases[i]);
	free(r->aliases);
	for (size_t i = 0; i < r->nranges; i++) {
		for (size_t j = 0; j < r->ranges[i].nevents; j++)
			free(r->ranges[i].events[j].version);
		free(r->ranges[i].events);
	}
	free(r->ranges);
	for (size_t i = 0; i < r->nversions; i++)
		free(r->versions[i]);
	free(r->versions);
	free(r->id), free(r->summary), free(r->modified), free(r->withdrawn);
	free(r->cvss_vector), free(r->severity), free(r->urgency), free(r->package);
	free(r->ecosystem);
}
