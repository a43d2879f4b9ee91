/* Options shared by the commands that produce findings (lint, audit, image, secrets): parsed
 * here into the pipeline's structs, which run the rest. */
#ifndef BW_RUN_OPTS_H
#define BW_RUN_OPTS_H
#include <stddef.h>
#include "pipeline/audit.h"
#include "pipeline/run.h"
#include "pipeline/verify.h"

struct run_opts {
	struct run_end end;
	struct run_files files;
	struct run_cache cache;     /* image, audit --images */
	struct audit_opts audit;    /* audit's and image's own options */
	struct run_vulns vulns;     /* image, vulns, audit --images */
	struct verify_opts verify;  /* verify's keys and identity */
};

struct cmd;
/* cmd's options (each command takes its own share of them); returns -1 to go on, or the exit
 * status (help printed, usage error). */
int run_opts_parse(struct run_opts *o, int argc, char **argv, const struct cmd *cmd);
void run_opts_free(struct run_opts *o);
/* `bulwark image` and `bulwark vulns`: cmd's options, then the image pipeline over the REFs. */
int run_images(const struct cmd *cmd, int argc, char **argv);
struct opts;
/* cmd's share of the options, as run_opts_parse reads them (struct cmd's opts). */
void run_opts_describe(const struct cmd *cmd, struct opts *out);
#endif
