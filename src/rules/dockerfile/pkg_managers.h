/* Package managers as RUN commands: which command is one, how its options are written, which
 * subcommand installs named packages. */
#ifndef BW_PKG_MANAGERS_H
#define BW_PKG_MANAGERS_H
#include <stdbool.h>
#include <stddef.h>
#include "rules/dockerfile/cmd_opts.h"

enum pm { PM_NONE, PM_APT, PM_APK, PM_YUM, PM_ZYPPER };
enum pm pm_of(const struct rcmd *c);          /* apt-get/apt; apk; yum/dnf/microdnf/tdnf; zypper */
const struct sh_optspec *pm_opts(enum pm pm);
/* An install of named packages (apt-get install, apk add, dnf install, zypper in); *pkgs is
 * the index to pass to rc_operand for the package list. */
bool pm_install(const struct rcmd *c, enum pm *pm, size_t *pkgs);

/* Command names that pm_of knows, and whether the file may run any of them. */
extern const char *const pm_names[];
bool df_may_run_any(const struct dockerfile *df, const char *const *names);

#endif
