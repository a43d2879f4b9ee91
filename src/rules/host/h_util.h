/* Checks the host rules share: each rule entry is its data (which file, which mode) and a
 * three-line check calling one of these. Findings point at the file they are about, line 0. */
#ifndef BW_H_UTIL_H
#define BW_H_UTIL_H
#include "rules/rule.h"
#include "model/host.h"

/* Every existing file of kind (symlinks included) has an audit rule watching it. */
void h_check_watch(const struct rule *self, const struct host *h, enum hf_kind kind,
                   struct findings *out);
/* Every existing file of kind (not symlinks: their own owner means nothing) is owned by root,
 * group root, or group docker too when docker_ok. */
void h_check_owner(const struct rule *self, const struct host *h, enum hf_kind kind,
                   bool docker_ok, struct findings *out);
/* Every existing file of kind (not symlinks) has no permission bit outside max (octal). */
void h_check_mode(const struct rule *self, const struct host *h, enum hf_kind kind,
                  unsigned max, struct findings *out);

#endif
