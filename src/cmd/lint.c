/* bulwark lint: Dockerfiles and compose files -> findings -> report. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"

static int run(int argc, char **argv)
{
	struct run_opts o;
	int rc = run_opts_parse(&o, argc, argv, &cmd_lint);
	if (rc >= 0)
		return rc;
	rc = pipeline_lint(&o.end, &o.files);
	run_opts_free(&o);
	return rc;
}

const struct cmd cmd_lint = {
	.name = "lint",
	.usage = "lint [options] [PATH...] [-f compose.yaml [-f override.yaml]]",
	.summary = "check Dockerfiles and compose files (default: the current directory)",
	.run = run,
	.opts = run_opts_describe,
};
