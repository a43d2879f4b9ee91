/* The live audit: ask the engine, read the host's files, build the models, run every rule. */
#ifndef BW_AUDIT_H
#define BW_AUDIT_H
#include <stdbool.h>
#include <stddef.h>
#include "model/finding.h"

struct audit_opts {
	const char *host, *context;     /* --host, --context; NULL: as the docker CLI resolves */
	const char *replay;             /* a recorded engine directory instead of a live one */
	const char *root;               /* host files are read under this directory; NULL: "/" */
	const char *daemon_json;        /* --daemon-json */
	char **containers; size_t ncontainers;   /* --container NAME|ID: only these */
	char **images; size_t nimages;           /* --image REF: only these */
	double timeout;                 /* seconds per engine request; 0: default */
	int parallel;                   /* engine requests in flight; 0: default */
	bool no_engine;                 /* host files only (fixtures of host rules) */
	const char *stat_overrides;     /* fixtures: owners and modes git cannot keep */
	bool images_full;               /* --images: every layer of every image, not only configs */
	const char *cache;              /* the layer cache for images_full; NULL: none */
};

/* What was audited, for the summary. */
struct audit_counts { size_t containers, images, inputs, layers, layers_scanned, layers_cached; };

/* Findings and errors go to out; an unreachable or failing engine is one error there, and the
 * checks that need no engine still run. */
void audit_run(const struct audit_opts *o, struct findings *out, struct audit_counts *n);
#endif
