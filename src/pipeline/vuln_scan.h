/* The known-vulnerability step of the image audit (--vulns): the store is opened once per run,
 * each image's inventory gets its candidate records from it before the rules run, and what
 * --ignore-unfixed leaves out is dropped after. */
#ifndef BW_VULN_SCAN_H
#define BW_VULN_SCAN_H
#include <stddef.h>
#include <time.h>
#include "model/finding.h"
#include "model/pkg.h"
#include "pipeline/run.h"

struct vuln_scan;

/* NULL when v is off, or when the store cannot be opened: then one error in out names the
 * store and says how to fill it. A store older than v's age limit is a warning. now: the
 * current time (a parameter for the tests). */
struct vuln_scan *vuln_scan_open(const struct run_vulns *v, time_t now, struct findings *out);
/* Each package's candidate records, by (ecosystem, name): Debian and Ubuntu packages by their
 * source package. ref names the image in warnings. */
void vuln_scan_fill(struct vuln_scan *s, const char *ref, struct pkg_inv *inv,
                    struct findings *out);
/* With --ignore-unfixed: drops the vulnerability findings from index from on without a fix. */
void vuln_scan_filter(const struct vuln_scan *s, struct findings *out, size_t from);
/* The store's path (the inventories for --rematch are kept beside it). */
const char *vuln_scan_path(const struct vuln_scan *s);
void vuln_scan_close(struct vuln_scan *s);
/* How many whole days old newest (RFC 3339) is when older than max_days (0: the default, 7);
 * -1 when fresh enough or unreadable. */
long vuln_scan_stale_days(const char *newest, time_t now, int max_days);
#endif
