/* bulwark audit: the Docker host, its daemon, every container and image, and any Dockerfiles
 * and compose files named on the command line, in one report. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"

static int run(int argc, char **argv)
{
	struct run_opts o;
	int rc = run_opts_parse(&o, argc, argv, &cmd_audit);
	if (rc >= 0)
		return rc;
	rc = pipeline_audit(&o.end, &o.audit, &o.cache, &o.vulns, &o.files);
	run_opts_free(&o);
	return rc;
}

const struct cmd cmd_audit = {
	.name = "audit",
	.usage = "audit [options] [PATH...] [-f compose.yaml]",
	.summary = "audit this Docker host, its daemon, containers and images (CIS Docker "
	           "Benchmark); PATHs are linted too",
	.run = run,
	.opts = run_opts_describe,
};
