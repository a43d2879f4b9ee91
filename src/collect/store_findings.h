/* One host's latest findings read back from the fleet store, for the HTML and SARIF reports. */
#ifndef BW_COLLECT_STORE_FINDINGS_H
#define BW_COLLECT_STORE_FINDINGS_H
#include <stdbool.h>
#include <stddef.h>
#include "model/fleet_findings.h"

struct store;

/* The unsuppressed findings of host's latest run of each command at or after since (NULL:
 * all), by command then as the run stored them; appended to out. */
bool store_read_host_findings(struct store *s, const char *since, const char *host,
                              struct fleet_finding_rows *out, char *err, size_t errlen);
#endif
