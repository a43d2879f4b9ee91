/* bulwark secrets: files and trees -> the secret engine -> the file rules -> the report. */
#include "pipeline/run.h"
#include "rules/rule.h"
#include "collect/files.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>

int pipeline_secrets(const struct run_end *e, char **paths, size_t n)
{
	const char *err = NULL;
	const struct secret_db *db = secret_db_get(&err);
	if (!db) {
		fprintf(stderr, "bulwark: %s\n", err);
		return EXIT_ERROR;
	}
	struct findings out = { 0 };
	char *dot[] = { "." }, **files;
	size_t nfiles;
	secret_list_files(n ? paths : dot, n ? n : 1, &files, &nfiles, &out);
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
	return pipeline_finish(e, &out, nfiles);
}
