/* The --vulns step around the rule: a store that cannot be opened is one error naming it and
 * saying how to fill it; --ignore-unfixed's removal keeps the other findings in order. */
#include "test.h"
#include "pipeline/vuln_scan.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdlib.h>
#include <time.h>

TEST(vuln_scan_missing_store)
{
	struct findings out = { 0 };
	struct run_vulns v = { .on = true, .db = "/nonexistent-bulwark-test/vulns.db" };
	CHECK(vuln_scan_open(&v, time(NULL), &out) == NULL);
	CHECK_INT(out.nerrors, 1);
	if (out.nerrors == 1) {
		CHECK_STR(out.errors[0].input, "/nonexistent-bulwark-test/vulns.db");
		CHECK(strstr(out.errors[0].message, "cannot open the vulnerability store") != NULL);
		CHECK(strstr(out.errors[0].message, "bulwark db update") != NULL);
		CHECK(strstr(out.errors[0].message, "bulwark db import") != NULL);
	}
	findings_free(&out);
	/* off: nothing opened, nothing said */
	v.on = false;
	CHECK(vuln_scan_open(&v, time(NULL), &out) == NULL);
	CHECK_INT(out.nerrors, 0);
	findings_free(&out);
}

static bool no_fix(const struct finding *f)
{
	return f->vuln && !f->vuln->fixed;
}

TEST(vuln_scan_remove_unfixed)
{
	static const struct rule r = { .id = "BW-T201", .title = "t", .severity = SEV_LOW };
	struct findings out = { 0 };
	out.cur = (struct target){ TK_IMAGE, "app:1", "sha256:aa", NULL };
	const char *fixed[] = { "1.1", NULL, "2.0", NULL };
	finding_add(&out, &r, LOC_NONE, NULL, "before");   /* not in the range looked at */
	for (int i = 0; i < 4; i++) {
		finding_add(&out, &r, LOC_NONE, NULL, "v%d", i);
		finding_set_vuln(&out, &(struct finding_vuln){ .id = "CVE-1", .fixed = (char *)fixed[i],
		                                               .layer = -1 });
	}
	finding_add(&out, &r, LOC_NONE, NULL, "plain");
	findings_remove_if(&out, 1, no_fix);
	CHECK_INT(out.n, 4);
	if (out.n == 4) {
		CHECK_STR(out.v[0].message, "before");
		CHECK_STR(out.v[1].message, "v0");
		CHECK_STR(out.v[2].message, "v2");
		CHECK_STR(out.v[3].message, "plain");
	}
	findings_free(&out);
}

TEST(vuln_scan_stale_data)
{
	time_t now = 1796256000;   /* 2026-12-03T00:00:00Z */
	CHECK_INT(vuln_scan_stale_days("2026-11-26T00:00:00Z", now, 0), -1);      /* 7 days: not over */
	CHECK_INT(vuln_scan_stale_days("2026-11-25T23:59:59Z", now, 0), 7);       /* just over */
	CHECK_INT(vuln_scan_stale_days("2026-11-25T12:00:00.123456Z", now, 0), 7);
	CHECK_INT(vuln_scan_stale_days("2026-11-25", now, 0), 8);
	CHECK_INT(vuln_scan_stale_days("2020-01-02T00:00:00Z", now, 3650), -1);
	CHECK_INT(vuln_scan_stale_days("2026-12-01T00:00:00Z", now, 1), 2);
	CHECK_INT(vuln_scan_stale_days("yesterday", now, 1), -1);
	CHECK_INT(vuln_scan_stale_days(NULL, now, 1), -1);
}
