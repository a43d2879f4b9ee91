/* Re-matching (`bulwark vulns --rematch`): images scanned with --vulns keep their inventory and
 * what it matched (collect/inv_store.h); a later run matches every kept inventory against the
 * current store and reports only what is newly affected, with no image access. */
#ifndef BW_REMATCH_H
#define BW_REMATCH_H
#include <stddef.h>
#include "model/finding.h"
#include "model/pkg.h"
#include "pipeline/run.h"
#include "pipeline/vuln_scan.h"

struct inv_store;

/* The run's inventory store, beside vs's store; NULL (with a warning in out) when it cannot be
 * opened or created, or when vs is NULL. */
struct inv_store *rematch_store(struct vuln_scan *vs, struct findings *out);
/* Keeps image digest's inventory and the vulnerability findings out->v[from..] it matched. */
void rematch_keep(struct inv_store *s, const char *digest, const char *ref,
                  const struct pkg_inv *inv, struct findings *out, size_t from);
/* Every kept inventory against the current store: the findings not matched before. */
int pipeline_rematch(const struct run_end *e, const struct run_vulns *v);
#endif
