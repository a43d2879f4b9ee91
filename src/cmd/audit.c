/* bulwark audit: the Docker host, its daemon, every container and image, and any Dockerfiles
 * and compose files named on the command line, in one report. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"
#include "core/lint.h"

static int run(int argc, char **argv)
{
	struct run_opts o;
	struct findings out = { 0 };
	struct audit_counts n;
	int rc = run_opts_parse(&o, argc, argv, cmd_audit.usage);
	if (rc >= 0)
		return rc;
	audit_run(&o.audit, &out, &n);
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
