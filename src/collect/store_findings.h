/* Hosts' latest findings read back from the fleet store, for the HTML and SARIF reports. */
#ifndef BW_COLLECT_STORE_FINDINGS_H
#define BW_COLLECT_STORE_FINDINGS_H
#include <stdbool.h>
#include <stddef.h>
#include "model/fleet_findings.h"

struct store;

/* At most this many hosts are read by one query: one round trip per host made the HTML report
 * of 1000 hosts spend most of its time waiting on the server, and a batch keeps memory to a
 * few hosts' findings. */
enum { STORE_FINDINGS_BATCH = 16 };

/* The unsuppressed findings of each of hosts[0..n) (n <= STORE_FINDINGS_BATCH): its latest
 * run of each command at or after since (NULL: all), by command then as the run stored them;
 * appended to out[i] for hosts[i]. */
bool store_read_hosts_findings(struct store *s, const char *since, const char *const *hosts,
                               size_t n, struct fleet_finding_rows *out, char *err,
                               size_t errlen);
#endif
