/* Kernel settings rules share: each rule lists the settings it wants and their values; a setting
 * this kernel lacks, or that was not read, is not reported. */
#ifndef BW_KERN_UTIL_H
#define BW_KERN_UTIL_H
#include <stddef.h>
#include "rules/rule.h"
#include "model/host.h"

struct kern_want {
	const char *name;        /* "kernel.dmesg_restrict" */
	long min, max;           /* wanted: min <= value <= max */
	const char *want;        /* the wanted value as the message says it: "1", "1 or 2" */
	const char *why;         /* what the wrong value allows, for the message */
};

/* One finding per setting outside its range, pointing at its /proc/sys file. */
void kern_check(const struct rule *self, const struct host *h, const struct kern_want *w,
                size_t n, struct findings *out);

#endif
