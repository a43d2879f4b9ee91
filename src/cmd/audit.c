/* bulwark audit: the Docker host, its daemon, every container and image, and any Dockerfiles
 * and compose files named on the command line, in one report. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"
#include "pipeline/image_audit.h"
#include "pipeline/lint.h"
#include <stdio.h>
#include <stdlib.h>

static int run(int argc, char **argv)
{
	struct run_opts o;
	struct findings out = { 0 };
	struct audit_counts n;
	int rc = run_opts_parse(&o, argc, argv, cmd_audit.usage);
	if (rc >= 0)
		return rc;
	char *cache = o.audit.images_full && !o.no_cache && !o.cache ? image_cache_default() : NULL;
	if (o.audit.images_full && !o.no_cache)
		o.audit.cache = o.cache ? o.cache : cache;
	audit_run(&o.audit, &out, &n);
	if (o.audit.images_full)
		fprintf(stderr, "bulwark: note: %zu %s, %zu layers (%zu scanned, %zu from the cache)\n",
		        n.images, n.images == 1 ? "image" : "images", n.layers, n.layers_scanned,
		        n.layers_cached);
	free(cache);
	struct lint l = { .out = &out };
	if (o.ncompose)
		lint_compose(&l, (const char *const *)o.compose, o.ncompose);
	if (o.npaths)
		lint_paths(&l, o.paths, o.npaths);
	return run_opts_finish(&o, &out, n.inputs + l.inputs);
}

const struct cmd cmd_audit = {
	.name = "audit",
	.usage = "audit [options] [PATH...] [-f compose.yaml]",
	.summary = "audit this Docker host, its daemon, containers and images (CIS Docker "
	           "Benchmark); PATHs are linted too",
	.run = run,
};
