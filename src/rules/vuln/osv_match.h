/* OSV's evaluation algorithm (osv-schema, "Evaluation"): is a version inside a record's
 * versions list or its ECOSYSTEM/SEMVER ranges? The comparator is passed in, so the range logic
 * is tested on its own. */
#ifndef BW_OSV_MATCH_H
#define BW_OSV_MATCH_H
#include <stdbool.h>
#include "model/vuln.h"
#include "util/vers.h"

/* <0, 0, >0 as a sorts before, equal to or after b, in the range's scheme. */
typedef int (*osv_cmp_fn)(void *ctx, const char *a, const char *b);

struct osv_verdict {
	bool affected;
	const char *fixed;     /* the lowest fixed event above the version in an affecting range
	                        * (or any range, for a versions-list match); NULL: none known */
	bool git_skipped;      /* a GIT range was present: it cannot be judged from a version */
};

/* cmp judges ECOSYSTEM ranges and the versions list, semver SEMVER ranges (either may be the
 * same). A withdrawn record never affects. */
struct osv_verdict osv_judge(const struct vuln_rec *r, const char *version, osv_cmp_fn cmp,
                             osv_cmp_fn semver, void *ctx);

/* The comparator of a scheme, for osv_judge: ctx points at an enum vers_scheme. */
int osv_cmp_scheme(void *ctx, const char *a, const char *b);
int osv_cmp_semver(void *ctx, const char *a, const char *b);
#endif
