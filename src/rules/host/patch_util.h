/* What the patch rules share: the list of pending updates as one line of evidence. */
#ifndef BW_PATCH_UTIL_H
#define BW_PATCH_UTIL_H
#include <stdbool.h>
#include "model/host_patch.h"

/* "pkg 1.0-1 -> 1.0-2 (bookworm-security), ..." for the updates whose security flag is sec;
 * the first 50, then "and N more". malloc'd. */
char *patch_list(const struct host_patch *p, bool sec);
#endif
