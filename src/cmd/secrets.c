/* bulwark secrets: credentials in files and directory trees -> findings -> report. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"

static const char about[] =
	"\nDirectories are walked without following symlinks (a symlink named on the command line\n"
	"is followed) and .git directories are skipped: they are repositories, not content. Binary\n"
	"files are not scanned, except credential files by name (id_rsa, *.pem, *.key, .netrc,\n"
	".git-credentials, .npmrc, .pypirc, .docker/config.json, .aws/credentials, kubeconfig).\n"
	"Every secret is one BW-K001 finding with its kind's severity; evidence is redacted unless\n"
	"--show-secrets. Unreadable files and directories are input errors (exit 2).\n";

static int run(int argc, char **argv)
{
	struct run_opts o;
	int rc = run_opts_parse(&o, argc, argv, &cmd_secrets);
	if (rc >= 0)
		return rc;
	rc = pipeline_secrets(&o.end, o.files.paths, o.files.npaths);
	run_opts_free(&o);
	return rc;
}

const struct cmd cmd_secrets = {
	.name = "secrets",
	.usage = "secrets [options] [PATH...]",
	.summary = "find credentials in files and directory trees (default: the current directory)",
	.run = run,
	.opts = run_opts_describe,
	.about = about,
};
