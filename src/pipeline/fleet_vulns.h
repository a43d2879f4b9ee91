/* The fleet report's vulnerabilities, re-matched from the stored inventories. */
#ifndef BW_FLEET_VULNS_H
#define BW_FLEET_VULNS_H
#include <stdbool.h>
#include <stddef.h>
#include "model/fleet.h"
#include "pipeline/run.h"

struct store;

/* Fills f->vulns for the hosts already in f (their latest runs since `since`) from the
 * vulnerability store at db (NULL: the default path). No store there: a note on stderr, f
 * left without vulns, true. false with a reason in err when a store cannot be read. */
bool fleet_vulns_read(struct store *s, const char *db, const char *since, struct fleet *f,
                      char *err, size_t errlen);
#endif
