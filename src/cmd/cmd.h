/* Subcommands: one file each under src/cmd/, one entry each in cmd_table (cmd/table.c). */
#ifndef BW_CMD_H
#define BW_CMD_H
#include <stdbool.h>
#include <stdio.h>
#include "pipeline/run.h"   /* the exit statuses */

struct opts;
/* What a command's operands are, for shell completion. */
enum cmd_operands { OPERANDS_PATHS, OPERANDS_NONE, OPERANDS_RULES, OPERANDS_COMMANDS };

struct cmd {
	const char *name;
	const char *usage;     /* one line, after "bulwark " */
	const char *summary;
	int (*run)(int argc, char **argv);   /* argv[0] is the command name; returns exit status */
	const char *about;     /* more for --help, after the options; may be NULL */
	/* Its options as --help prints them, for man pages and completion; NULL: only -h. */
	void (*opts)(const struct cmd *self, struct opts *out);
	/* Its subcommands, ended by a NULL name; one whose run is NULL is a word the command
	 * reads itself and takes the command's options. */
	const struct cmd *subs;
	enum cmd_operands operands;   /* after the subcommand, if any */
	bool hidden;                  /* left out of the list and of completion */
};
extern const struct cmd *const cmd_table[];
/* cmd/table.c: run the command argv[1] names (argv[0] is the program). */
int cmd_main(int argc, char **argv);
/* cmd/plugin.c: true if argv0 is the docker CLI plugin's name; then cmd_plugin_main runs it. */
bool cmd_is_plugin(const char *argv0);
int cmd_plugin_main(int argc, char **argv);
/* cmd/help.c: the list of commands. */
void cmd_help_print(FILE *fp);
extern const struct cmd cmd_lint, cmd_audit, cmd_image, cmd_secrets, cmd_rules, cmd_explain,
	cmd_version, cmd_help, cmd_authz, cmd_vulns, cmd_db;
extern const struct cmd cmd_sbom, cmd_completion, cmd_man, cmd_store, cmd_report, cmd_verify,
	cmd_watch, cmd_baseline;
/* cmd/authz_serve.c: `bulwark authz serve` and `bulwark authz install` (argv[0] is the
 * subcommand), and their options. */
int authz_serve_main(int argc, char **argv);
int authz_install_main(int argc, char **argv);
void authz_serve_opts(const struct cmd *self, struct opts *out);
void authz_install_opts(const struct cmd *self, struct opts *out);
#endif
