/* bulwark lint: Dockerfiles and compose files -> findings -> report. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"
#include "core/lint.h"

static int run(int argc, char **argv)
{
	struct run_opts o;
	int rc = run_opts_parse(&o, argc, argv, cmd_lint.usage);
	if (rc >= 0)
		return rc;
	struct findings out = { 0 };
	struct lint l = { .out = &out };
	if (o.ncompose)
		lint_compose(&l, (const char *const *)o.compose, o.ncompose);
	for (size_t i = 0; i < o.npaths; i++)
		lint_path(&l, o.paths[i]);
	if (!o.ncompose && !o.npaths)
		lint_path(&l, ".");
	return run_opts_finish(&o, &out, l.inputs);
}

const struct cmd cmd_lint = {
	.name = "lint",
	.usage = "lint [options] [PATH...] [-f compose.yaml [-f override.yaml]]",
	.summary = "check Dockerfiles and compose files (default: the current directory)",
	.run = run,
};
