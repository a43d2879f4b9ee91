/* The live audit: ask the engine, read the host's files, build the models, run every rule. */
#ifndef BW_AUDIT_H
#define BW_AUDIT_H
#include <stdbool.h>
#include <stddef.h>
#include "collect/estate.h"
#include "model/finding.h"


/* What was audited, for the summary. */
struct audit_counts {
	size_t containers, images, inputs, layers, layers_scanned, layers_cached;
	char engine_id[128];        /* the engine's /info ID, for the fleet store; "" unknown */
};

/* Findings and errors go to out; an unreachable or failing engine is one error there, and the
 * checks that need no engine still run. */
void audit_run(const struct audit_opts *o, struct findings *out, struct audit_counts *n);
#endif
