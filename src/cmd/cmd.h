/* Subcommands: one file each under src/cmd/, one entry each in cmd_table (cmd/table.c). */
#ifndef BW_CMD_H
#define BW_CMD_H
#include <stdio.h>
#include "pipeline/run.h"   /* the exit statuses */
struct cmd {
	const char *name;
	const char *usage;     /* one line, after "bulwark " */
	const char *summary;
	int (*run)(int argc, char **argv);   /* argv[0] is the command name; returns exit status */
	const char *about;     /* more for --help, after the options; may be NULL */
};
extern const struct cmd *const cmd_table[];
/* cmd/help.c: the list of commands. */
void cmd_help_print(FILE *fp);
extern const struct cmd cmd_lint, cmd_audit, cmd_image, cmd_secrets, cmd_rules, cmd_explain,
	cmd_version, cmd_help, cmd_authz, cmd_vulns, cmd_db;
extern const struct cmd cmd_sbom;
/* cmd/authz_serve.c: `bulwark authz serve` and `bulwark authz install` (argv[0] is the
 * subcommand). */
int authz_serve_main(int argc, char **argv);
int authz_install_main(int argc, char **argv);
#endif
