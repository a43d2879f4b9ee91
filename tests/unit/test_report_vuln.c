/* Known-vulnerability findings in the reports: the JSON `vuln` object, one SARIF rule per
 * vulnerability id with its score as security-severity, and the text line with the fix. */
#include "test.h"
#include "report/report.h"
#include "rules/rule.h"
#include "util/util.h"
#include <jansson.h>
#include <stdlib.h>

static const struct rule t_vuln = {
	.id = "BW-T101", .title = "Known vulnerability", .severity = SEV_MEDIUM,
	.rationale = "Advisories.", .remediation = "Upgrade.",
};
static const struct rule t_other = {
	.id = "BW-T102", .title = "Other", .severity = SEV_LOW, .remediation = "Fix.",
};

static void vuln(struct findings *f, const char *id, const char *pkg, const char *fixed,
                 double cvss, enum severity sev)
{
	finding_add(f, &t_vuln, (struct loc){ "/var/lib/dpkg/status", 0 }, id, "%s is affected by %s",
	            pkg, id);
	f->v[f->n - 1].severity = sev;
	finding_set_layer(f, 0, "sha256:11", true, 0, "RUN apt-get install");
	char *al[] = { "CVE-2024-0727" };
	struct finding_vuln v = { .id = (char *)id, .aliases = al, .naliases = 1,
	                          .summary = "openssl: NULL deref in PKCS12",
	                          .package = (char *)pkg, .source = "openssl",
	                          .installed = "3.0.11-1~deb12u2", .fixed = (char *)fixed,
	                          .ecosystem = "Debian:12", .severity = (char *)severity_name(sev),
	                          .cvss = cvss, .cvss_vector = cvss > 0 ? "CVSS:3.1/AV:N" : NULL,
	                          .path = "/var/lib/dpkg/status", .layer = 0 };
	finding_set_vuln(f, &v);
}

static void scenario(struct findings *f)
{
	memset(f, 0, sizeof *f);
	f->cur = (struct target){ TK_IMAGE, "app:1", "sha256:aa", NULL };
	vuln(f, "DSA-5600-1", "libssl3", "3.0.13-1~deb12u1", 7.5, SEV_HIGH);
	vuln(f, "DSA-5600-1", "openssl", "3.0.13-1~deb12u1", 7.5, SEV_HIGH);
	vuln(f, "CVE-2024-9999", "openssl", NULL, 0, SEV_MEDIUM);
	finding_add(f, &t_other, LOC_NONE, NULL, "something else");
}

static char *render(const struct findings *f, enum report_format fmt)
{
	struct report_opts o = { .format = fmt, .fail_on = SEV_HIGH, .inputs = 1 };
	return test_report(f, &o);
}

static json_t *at(json_t *j, const char *path)
{
	char *copy = xstrdup(path), *save = NULL;
	for (char *k = strtok_r(copy, ".", &save); k && j; k = strtok_r(NULL, ".", &save))
		j = json_is_array(j) ? json_array_get(j, strtoul(k, NULL, 10)) : json_object_get(j, k);
	free(copy);
	return j;
}

static const char *str_at(json_t *j, const char *path)
{
	return json_string_value(at(j, path));
}

TEST(report_vuln_json_object)
{
	struct findings f;
	scenario(&f);
	char *s = render(&f, FMT_JSON);
	json_t *j = json_loads(s, 0, NULL);
	CHECK(j != NULL);
	json_t *v = at(j, "findings.0.vuln");
	CHECK_STR(str_at(v, "id"), "DSA-5600-1");
	CHECK_STR(str_at(v, "aliases.0"), "CVE-2024-0727");
	CHECK_STR(str_at(v, "package"), "libssl3");
	CHECK_STR(str_at(v, "source"), "openssl");
	CHECK_STR(str_at(v, "installed"), "3.0.11-1~deb12u2");
	CHECK_STR(str_at(v, "fixed"), "3.0.13-1~deb12u1");
	CHECK_STR(str_at(v, "ecosystem"), "Debian:12");
	CHECK_STR(str_at(v, "severity"), "high");
	CHECK(json_is_real(at(v, "cvss")) && json_real_value(at(v, "cvss")) == 7.5);
	CHECK_STR(str_at(v, "cvss_vector"), "CVSS:3.1/AV:N");
	CHECK_STR(str_at(v, "path"), "/var/lib/dpkg/status");
	CHECK(json_integer_value(at(v, "layer")) == 0 && json_is_integer(at(v, "layer")));
	/* no fix, no score: null, not absent */
	v = at(j, "findings.2.vuln");
	CHECK(json_is_null(at(v, "fixed")));
	CHECK(json_is_null(at(v, "cvss")));
	CHECK_STR(str_at(j, "findings.0.location.path"), "/var/lib/dpkg/status");
	/* other findings have none */
	CHECK(at(j, "findings.3") != NULL && at(j, "findings.3.vuln") == NULL);
	json_decref(j);
	free(s);
	findings_free(&f);
}

TEST(report_vuln_sarif_rule_per_vulnerability)
{
	struct findings f;
	scenario(&f);
	char *s = render(&f, FMT_SARIF);
	json_t *j = json_loads(s, 0, NULL);
	CHECK(j != NULL);
	json_t *rules = at(j, "runs.0.tool.driver.rules"), *res = at(j, "runs.0.results");
	CHECK_INT(json_array_size(rules), 3);   /* DSA-5600-1 once, CVE-2024-9999, BW-T102 */
	CHECK_STR(str_at(rules, "0.id"), "DSA-5600-1");
	CHECK_STR(str_at(rules, "0.shortDescription.text"), "openssl: NULL deref in PKCS12");
	CHECK_STR(str_at(rules, "0.help.text"), "Upgrade.");
	CHECK_STR(str_at(rules, "0.help.markdown"),
	          "DSA-5600-1: openssl: NULL deref in PKCS12\n\nAlso known as: CVE-2024-0727\n\n"
	          "Found by BW-T101 (Known vulnerability). **Remediation:** Upgrade.");
	CHECK_STR(str_at(rules, "0.properties.security-severity"), "7.5");
	CHECK_STR(str_at(rules, "0.properties.tags.1"), "vulnerability");
	CHECK_STR(str_at(rules, "0.defaultConfiguration.level"), "error");
	CHECK_STR(str_at(rules, "1.id"), "CVE-2024-9999");
	CHECK_STR(str_at(rules, "1.properties.security-severity"), "5.0");   /* by severity */
	CHECK_STR(str_at(rules, "2.id"), "BW-T102");
	CHECK_INT(json_array_size(res), 4);
	CHECK_STR(str_at(res, "0.ruleId"), "DSA-5600-1");
	CHECK_STR(str_at(res, "1.ruleId"), "DSA-5600-1");
	CHECK(json_integer_value(at(res, "1.ruleIndex")) == 0);
	CHECK(json_integer_value(at(res, "2.ruleIndex")) == 1);
	CHECK(json_integer_value(at(res, "3.ruleIndex")) == 2);
	CHECK_STR(str_at(res, "0.properties.rule"), "BW-T101");
	CHECK_STR(str_at(res, "0.properties.fixed"), "3.0.13-1~deb12u1");
	CHECK(at(res, "2.properties.fixed") == NULL);
	json_decref(j);
	free(s);
	findings_free(&f);
}
