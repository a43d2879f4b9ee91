/* What OSV data says about one package: the records that name it, as the vulnerability store
 * hands them out (collect/vulndb.h). Plain data: the matcher (a rule) judges the installed
 * version against the ranges and versions. */
#ifndef BW_VULN_H
#define BW_VULN_H
#include <stdbool.h>
#include <stddef.h>

enum osv_range_type { OSV_ECOSYSTEM, OSV_SEMVER, OSV_GIT };

/* One event of a range, in the record's order. */
enum osv_event_kind { OSV_INTRODUCED, OSV_FIXED, OSV_LAST_AFFECTED, OSV_LIMIT };
struct osv_event { enum osv_event_kind kind; char *version; };   /* introduced "0": all */

struct osv_range {
	enum osv_range_type type;
	struct osv_event *events; size_t nevents;
};

struct vuln_rec {
	char *id;              /* "CVE-2024-1234", "DSA-5678-1", "GHSA-xxxx-xxxx-xxxx" */
	char **aliases; size_t naliases;
	char *summary;
	char *modified;        /* RFC 3339 */
	char *withdrawn;       /* RFC 3339, or NULL */
	char *cvss_vector;     /* the highest-scoring CVSS v3 or v4 vector, or NULL */
	double cvss_score;     /* its base score, computed; 0 when none */
	char *severity;        /* "critical", "high", "medium", "low", "unknown": from the score,
	                        * else the ecosystem's own rating (Debian urgency, GHSA severity) */
	char *urgency;         /* Debian's database_specific urgency, or NULL */
	/* The affected entry for this package (one record may name it more than once: each is
	 * its own vuln_rec). */
	char *package;         /* affected.package.name */
	char *ecosystem;       /* affected.package.ecosystem */
	struct osv_range *ranges; size_t nranges;
	char **versions; size_t nversions;   /* affected.versions */
};

void vuln_rec_clear(struct vuln_rec *r);   /* frees what r owns */
/* dst becomes a deep copy of src, owning its own strings. */
void vuln_rec_copy(struct vuln_rec *dst, const struct vuln_rec *src);
#endif
