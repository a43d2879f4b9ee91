/* --baseline FILE: what an earlier JSON report already showed is left out of this one. */
#ifndef BW_PIPELINE_BASELINE_H
#define BW_PIPELINE_BASELINE_H
#include <stddef.h>
#include "model/finding.h"

/* Takes the unsuppressed findings of out (fingerprinted) whose fingerprint path's report holds
 * out of the list and returns how many; an unusable path is an input error in out. */
size_t baseline_apply(const char *path, struct findings *out);
#endif
