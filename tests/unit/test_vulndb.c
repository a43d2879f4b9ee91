/* The vulnerability store: an OSV record parsed field by field, refused with its place, and
 * looked up by ecosystem and name after an import (the release-suffix rule of vulndb.h). */
#include "test.h"
#include "collect/vulndb.h"
#include "collect/vulndb_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char rec_dsa[] =
	"{\"id\":\"DSA-1-1\",\"modified\":\"2024-01-02T00:00:00Z\",\"aliases\":[\"CVE-2024-1\"],"
	"\"summary\":\"s\",\"severity\":[{\"type\":\"CVSS_V3\",\"score\":"
	"\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"},{\"type\":\"CVSS_V4\",\"score\":"
	"\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H\"}],"
	"\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\",\"name\":\"openssl\"},"
	"\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},"
	"{\"fixed\":\"3.0.11-1~deb12u1\"}]},{\"type\":\"GIT\",\"repo\":\"r\",\"events\":"
	"[{\"introduced\":\"abc\"},{\"limit\":\"def\"}]}],\"versions\":[\"3.0.9-1\",\"3.0.10-1\"],"
	"\"ecosystem_specific\":{\"urgency\":\"high\"}},{\"repo\":\"only-git\"},"
	"{\"package\":{\"ecosystem\":\"Debian:11\",\"name\":\"openssl\"}}]}";
static const char rec_plain[] =
	"{\"id\":\"GHSA-x\",\"modified\":\"2024-02-01T00:00:00Z\",\"withdrawn\":\"2024-03-01T00:00:00Z\","
	"\"database_specific\":{\"severity\":\"MODERATE\"},\"affected\":["
	"{\"package\":{\"ecosystem\":\"Debian\",\"name\":\"openssl\"},\"ranges\":[{\"type\":\"SEMVER\","
	"\"events\":[{\"introduced\":\"1.0\"},{\"last_affected\":\"1.9\"}]}]},"
	"{\"package\":{\"ecosystem\":\"Alpine\",\"name\":\"musl\"}},"
	"{\"package\":{\"ecosystem\":\"Alpine:v3.18\",\"name\":\"musl\"}}]}";

TEST(osv_parse_fields)
{
	struct osv_doc d;
	char err[256] = "";
	CHECK(osv_parse(rec_dsa, sizeof rec_dsa - 1, &d, err, sizeof err));
	CHECK_STR(d.head.id, "DSA-1-1");
	CHECK_STR(d.head.cvss_vector, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H");
	CHECK(d.head.cvss_score == 10.0);
	CHECK_STR(d.head.severity, "critical");
	CHECK_STR(d.head.urgency, "high");
	CHECK_INT(d.naff, 2);   /* the repository-only entry has no package */
	CHECK_INT(d.aff[0].nranges, 2);
	CHECK_INT(d.aff[0].ranges[1].type, OSV_GIT);
	CHECK_INT(d.aff[0].ranges[1].events[1].kind, OSV_LIMIT);
	CHECK_INT(d.aff[0].nversions, 2);
	osv_doc_clear(&d);
	CHECK(osv_parse(rec_plain, sizeof rec_plain - 1, &d, err, sizeof err));
	CHECK_STR(d.head.severity, "medium");   /* GHSA's MODERATE: no CVSS vector */
	CHECK_STR(d.rating, "MODERATE");
	CHECK_STR(d.head.withdrawn, "2024-03-01T00:00:00Z");
	osv_doc_clear(&d);
}

static void refused(const char *json, const char *want)
{
	struct osv_doc d;
	char err[256] = "";
	CHECK(!osv_parse(json, strlen(json), &d, err, sizeof err));
	CHECK_STR(err, want);
	CHECK(d.naff == 0 && d.head.id == NULL);
}

TEST(osv_parse_refused)
{
	refused("[]", "not a JSON object");
	refused("{\"modified\":\"x\"}", "id: not a string");
	refused("{\"id\":\"a\\u0001\",\"modified\":\"x\"}", "id: empty, too long or holds control characters");
	refused("{\"id\":\"a\",\"modified\":\"x\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\","
	        "\"name\":\"p\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"fixed\":\"1\","
	        "\"introduced\":\"0\"}]}]}]}",
	        "affected[0].ranges[0].events[0]: more than one event in one object");
	refused("{\"id\":\"a\",\"modified\":\"x\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\","
	        "\"name\":\"p\"},\"ranges\":[{\"type\":\"RPM\",\"events\":[]}]}]}",
	        "affected[0].ranges[0]: unknown type \"RPM\"");
	refused("{\"id\":\"a\",\"modified\":\"x\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\","
	        "\"name\":\"p\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[]}]}]}",
	        "affected[0].ranges[0].events: not an array of 1 to 4096 events");
	refused("{\"id\":\"a\",\"modified\":\"x\",\"affected\":[{\"package\":{\"name\":\"p\"}}]}",
	        "affected[0].package.ecosystem: not a string");
	refused("{\"id\":\"a\",\"modified\":\"x\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\","
	        "\"name\":\"p\"},\"versions\":[\"1\",\"2\\u001f\"]}]}",
	        "affected[0].versions[1]: empty, too long or holds control characters");
	refused("{\"id\":", "line 1: unexpected token near end of file");
}

static long names(struct vulndb *db, const char *eco, const char *name, char *got, size_t n)
{
	struct vuln_rec *r;
	char err[256];
	long k = vulndb_lookup(db, eco, name, &r, err, sizeof err);
	got[0] = 0;
	for (long i = 0; i < k; i++) {
		snprintf(got + strlen(got), n - strlen(got), "%s%s@%s", i ? " " : "", r[i].id,
		         r[i].ecosystem);
		vuln_rec_clear(&r[i]);
	}
	free(r);
	return k;
}

TEST(vulndb_lookup_ecosystems)
{
	char dir[] = "/tmp/bw-vulndb-XXXXXX", path[256], a[256], b[256], err[512], got[512];
	CHECK(mkdtemp(dir) != NULL);
	snprintf(a, sizeof a, "%s/a.json", dir);
	snprintf(b, sizeof b, "%s/b.json", dir);
	snprintf(path, sizeof path, "%s/v.db", dir);
	FILE *f = fopen(a, "w");
	fputs(rec_dsa, f), fclose(f);
	f = fopen(b, "w");
	fputs(rec_plain, f), fclose(f);
	const char *in[] = { a, b };
	CHECK_INT(vulndb_import(path, in, 2, err, sizeof err), 2);
	struct vulndb *db = vulndb_open(path, err, sizeof err);
	CHECK(db != NULL);
	if (!db)
		return;
	CHECK_INT(names(db, "Debian:12", "openssl", got, sizeof got), 2);
	CHECK_STR(got, "DSA-1-1@Debian:12 GHSA-x@Debian");
	CHECK_INT(names(db, "Debian", "openssl", got, sizeof got), 1);
	CHECK_STR(got, "GHSA-x@Debian");
	CHECK_INT(names(db, "Alpine:v3.19", "musl", got, sizeof got), 1);
	CHECK_STR(got, "GHSA-x@Alpine");
	CHECK_INT(names(db, "Debian:12", "libssl3", got, sizeof got), 0);

	struct vuln_rec *r;
	CHECK_INT(vulndb_lookup(db, "Debian:12", "openssl", &r, err, sizeof err), 2);
	CHECK_STR(r[0].aliases[0], "CVE-2024-1");
	CHECK_INT(r[0].naliases, 1);
	CHECK_STR(r[0].urgency, "high");
	CHECK_INT(r[0].nranges, 2);
	CHECK_INT(r[0].ranges[0].nevents, 2);
	CHECK_INT(r[0].ranges[0].events[1].kind, OSV_FIXED);
	CHECK_STR(r[0].ranges[0].events[1].version, "3.0.11-1~deb12u1");
	CHECK_STR(r[0].ranges[1].events[1].version, "def");
	CHECK_INT(r[0].nversions, 2);
	CHECK_STR(r[0].versions[1], "3.0.10-1");
	CHECK(r[0].withdrawn == NULL);
	CHECK_STR(r[1].withdrawn, "2024-03-01T00:00:00Z");
	CHECK_INT(r[1].ranges[0].type, OSV_SEMVER);
	CHECK_INT(r[1].ranges[0].events[1].kind, OSV_LAST_AFFECTED);
	for (int i = 0; i < 2; i++)
		vuln_rec_clear(&r[i]);
	free(r);
	char *newest = vulndb_newest(db);
	CHECK_STR(newest, "2024-02-01T00:00:00Z");
	free(newest);
	vulndb_close(db);
	unlink(a), unlink(b), unlink(path), rmdir(dir);
}
