#include "cmd/cmd.h"
#include <stddef.h>

const struct cmd *const cmd_table[] = {
	&cmd_lint, &cmd_audit, &cmd_image, &cmd_vulns, &cmd_sbom, &cmd_secrets, &cmd_rules,
	&cmd_explain, &cmd_version, &cmd_authz, &cmd_db, &cmd_help, NULL,
};
