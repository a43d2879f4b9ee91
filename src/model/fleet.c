#include "model/fleet.h"
#include <stdlib.h>

void fleet_free(struct fleet *f)
{
	for (size_t i = 0; i < f->nhosts; i++) {
		free(f->hosts[i].name);
		free(f->hosts[i].machine_id);
		free(f->hosts[i].engine_id);
		free(f->hosts[i].last_run);
	}
	for (size_t i = 0; i < f->nrules; i++) {
		free(f->rules[i].rule);
		free(f->rules[i].severity);
	}
	for (size_t i = 0; i < f->ndays; i++)
		free(f->days[i].day);
	free(f->hosts);
	free(f->rules);
	free(f->cells);
	free(f->days);
}
