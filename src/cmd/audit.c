/* bulwark audit: the main job. The live engine audit (host, daemon, containers) is not built
 * yet, so for now it lints the Dockerfiles and compose files under the given directories. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"
#include <stdio.h>

static int run(int argc, char **argv)
{
	struct run_opts o;
	int rc = run_opts_parse(&o, argc, argv, cmd_audit.usage);
	if (rc >= 0)
		return rc;
	fprintf(stderr, "bulwark: note: the live audit of the Docker host, daemon and containers "
	                "is not available yet; auditing Dockerfiles and compose files under %s\n",
	        o.npaths ? "the given paths" : "the current directory");
	return run_opts_lint(&o);
}

const struct cmd cmd_audit = {
	.name = "audit",
	.usage = "audit [options] [DIR...]",
	.summary = "audit this machine (for now: Dockerfiles and compose files under DIR)",
	.run = run,
};
