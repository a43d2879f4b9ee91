/* What the SSH rules share: each judges one keyword's value, globally and in each Match block
 * that sets it, and these report it. */
#ifndef BW_SSH_UTIL_H
#define BW_SSH_UTIL_H
#include "rules/rule.h"
#include "model/host.h"

/* A judge returns NULL for a value that passes, else what is wrong with it (malloc'd). */
typedef char *(*ssh_judge)(const struct host *h, const char *v);

/* One finding for the global value of k, and one for each Match block's own value, when the
 * judge objects: at the line that sets it (sshd_config line 0 for a default), with the setting
 * as evidence and the Match block named. */
void ssh_check(const struct rule *self, const struct host *h, enum ssh_key k, ssh_judge judge,
               struct findings *out);
/* "sshd offers weak WHAT: NAMES" for the names of a comma-separated list that weak() picks;
 * NULL when it picks none. */
char *ssh_pick(const char *list, bool (*weak)(const char *name), const char *what);

#endif
