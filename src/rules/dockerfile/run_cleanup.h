/* What a RUN leaves in its layer: is a path under a cache or tmpfs mount, or removed by the
 * same RUN (rm -rf /var/lib/apt/lists/\*). */
#ifndef BW_RUN_CLEANUP_H
#define BW_RUN_CLEANUP_H
#include <stdbool.h>
#include "model/dockerfile.h"
#include "rules/dockerfile/run_iter.h"

/* A --mount=type=cache or type=tmpfs of in whose target covers path (is path or a parent). */
bool run_mount_covers(const struct df_instr *in, const char *path);
/* A cache/tmpfs mount whose target ends with suffix ("/.cache/pip"). */
bool run_mount_suffix(const struct df_instr *in, const char *suffix);
/* A command of the RUN after the one at index removes path or a parent of it (rm DIR,
 * rm DIR/\*, find DIR -delete): a removal before the command that fills path leaves it. */
bool run_removes_after(const struct df_instr *in, const char *path, size_t index);
/* The command removes path or a parent of it: a cleanup counts only after what it cleans. */
bool rc_removes(const struct rcmd *c, const char *path);
/* target is path or one of its parent directories; trailing '/' and '/\*' ignored. */
bool path_covers(const char *target, const char *path);

#endif
