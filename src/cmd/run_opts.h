/* Options shared by the commands that produce findings (lint, audit, image, secrets): parsed
 * here into the pipeline's structs, which run the rest. */
#ifndef BW_RUN_OPTS_H
#define BW_RUN_OPTS_H
#include <stddef.h>
#include "pipeline/audit.h"
#include "pipeline/run.h"

struct run_opts {
	struct run_end end;
	struct run_files files;
	struct run_cache cache;     /* image, audit --images */
	struct audit_opts audit;    /* audit's own options; lint refuses them */
	int audit_set;
};

/* Returns -1 to go on, or the exit status (help printed, usage error). */
int run_opts_parse(struct run_opts *o, int argc, char **argv, const char *usage);
void run_opts_free(struct run_opts *o);
#endif
