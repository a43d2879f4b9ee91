/* bulwark secrets: credentials in files and directory trees -> findings -> report. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"
#include "rules/file/file_rules.h"
#include "secret/files.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>

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
	const char *err = NULL;
	int rc = run_opts_parse(&o, argc, argv, cmd_secrets.usage);
	if (rc == EXIT_CLEAN)
		fputs(about, stdout);
	if (rc >= 0)
		return rc;
	if (o.ncompose) {
		fprintf(stderr, "bulwark: -f is for compose files: `bulwark lint`\n");
		free(o.compose);
		free(o.paths);
		return EXIT_ERROR;
	}
	const struct secret_db *db = secret_db_get(&err);
	if (!db) {
		fprintf(stderr, "bulwark: %s\n", err);
		free(o.paths);
		return EXIT_ERROR;
	}
	struct findings out = { 0 };
	char *dot[] = { "." }, **files;
	size_t nfiles;
	secret_list_files(o.npaths ? o.paths : dot, o.npaths ? o.npaths : 1, &files, &nfiles, &out);
	struct file_scan *scans = xcalloc(nfiles ? nfiles : 1, sizeof *scans);
	secret_scan_files(db, files, nfiles, scans, &out);
	for (size_t i = 0; i < nfiles; i++) {
		out.cur = (struct target){ TK_FILE, files[i], NULL, NULL };
		rules_run_file(&scans[i], &out);
		file_scan_free(&scans[i]);
		free(files[i]);
	}
	free(scans);
	free(files);
	return run_opts_finish(&o, &out, nfiles);
}

const struct cmd cmd_secrets = {
	.name = "secrets",
	.usage = "secrets [options] [PATH...]",
	.summary = "find credentials in files and directory trees (default: the current directory)",
	.run = run,
};
