#include "test.h"
#include "pipeline/sort.h"
#include "report/report.h"
#include "rules/rule.h"
#include "util/util.h"
#include "util/version.h"
#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>

static const struct rule t_latest = {
	.id = "BW-T001", .title = "Image uses the latest tag", .severity = SEV_HIGH, .cis = "4.2",
	.aliases = ALIASES("DL3007", "DS001"),
	.rationale = "Floating tags change under you.", .remediation = "Pin a version.",
	.refs = ALIASES("CIS Docker Benchmark 4.2"),
};
static const struct rule t_priv = {
	.id = "BW-T002", .title = "Privileged container", .severity = SEV_CRITICAL,
	.rationale = "Privileged containers own the host.", .remediation = "Drop --privileged.",
};

static void target(struct findings *f, enum target_kind k, const char *name, const char *id)
{
	f->cur = (struct target){ k, name, id };
}

static struct finding *add(struct findings *f, const struct rule *r, const char *path, int line,
                           const char *evidence, const char *msg)
{
	finding_add(f, r, (struct loc){ path, line }, evidence, "%s", msg);
	return &f->v[f->n - 1];
}

static void suppress(struct finding *x, const char *source, const char *reason)
{
	x->suppressed = true;
	x->suppress_source = xstrdup(source);
	x->suppress_reason = xstrdup(reason);
}

/* The shared scenario: three targets, two suppressed findings, one error, one warning. */
static void scenario(struct findings *f)
{
	memset(f, 0, sizeof *f);
	target(f, TK_DOCKERFILE, "Dockerfile", NULL);
	add(f, &t_latest, "Dockerfile", 3, "FROM alpine:latest", "image uses latest");
	add(f, &t_priv, "Dockerfile", 0, NULL, "no line here")->severity = SEV_MEDIUM;
	suppress(add(f, &t_latest, "Dockerfile", 7, NULL, "second FROM"), "inline",
	         "pinned by digest elsewhere");
	target(f, TK_CONTAINER, "web", "abc123");
	add(f, &t_priv, NULL, 0, NULL, "runs privileged");
	target(f, TK_COMPOSE, "api", NULL);
	add(f, &t_priv, "compose.yaml", 5, NULL, "privileged: true")->severity = SEV_LOW;
	suppress(add(f, &t_latest, "compose.yaml", 12, "image: x", "latest"), "config", NULL);
	findings_error(f, "bad.yml", 4, "yaml parse error");
	findings_warn(f, "compose.yaml", 0, "variable FOO is unset");
}

static struct report_opts opts_for(enum report_format fmt, bool color)
{
	return (struct report_opts){ .format = fmt, .color = color, .fail_on = SEV_HIGH, .inputs = 3,
	                             .list_problems = true };
}

static json_t *render_json(const struct findings *f, enum report_format fmt)
{
	struct report_opts o = opts_for(fmt, false);
	char *s = test_report(f, &o);
	json_error_t err;
	json_t *j = json_loads(s, 0, &err);
	CHECK(j != NULL);
	CHECK(s[strlen(s) - 1] == '\n');
	free(s);
	return j;
}

/* Walk "a.0.b": object keys and array indices. NULL when any step is missing. */
static json_t *at(json_t *j, const char *path)
{
	char *copy = xstrdup(path), *save = NULL;
	for (char *k = strtok_r(copy, ".", &save); k && j; k = strtok_r(NULL, ".", &save)) {
		if (json_is_array(j))
			j = json_array_get(j, strtoul(k, NULL, 10));
		else
			j = json_object_get(j, k);
	}
	free(copy);
	return j;
}

static const char *str_at(json_t *j, const char *path)
{
	return json_string_value(at(j, path));
}

static long long int_at(json_t *j, const char *path)
{
	json_t *v = at(j, path);
	return json_is_integer(v) ? json_integer_value(v) : -999;
}

TEST(report_failing_counts_unsuppressed_at_threshold)
{
	struct findings f;
	scenario(&f);
	CHECK_INT(report_failing(&f, SEV_CRITICAL), 1);
	CHECK_INT(report_failing(&f, SEV_HIGH), 2);
	CHECK_INT(report_failing(&f, SEV_MEDIUM), 3);
	CHECK_INT(report_failing(&f, SEV_INFO), 4);
	findings_free(&f);
}

TEST(report_json_top_level_and_summary)
{
	struct findings f;
	scenario(&f);
	json_t *j = render_json(&f, FMT_JSON);
	CHECK_STR(str_at(j, "schema"), "bulwark/findings/v1");
	CHECK_STR(str_at(j, "tool.name"), "bulwark");
	CHECK_STR(str_at(j, "tool.version"), bulwark_version);
	CHECK_INT(json_array_size(at(j, "findings")), 4);
	CHECK_INT(json_array_size(at(j, "suppressed")), 2);
	CHECK_INT(int_at(j, "summary.inputs"), 3);
	CHECK_INT(int_at(j, "summary.findings"), 4);
	CHECK_INT(int_at(j, "summary.by_severity.critical"), 1);
	CHECK_INT(int_at(j, "summary.by_severity.high"), 1);
	CHECK_INT(int_at(j, "summary.by_severity.medium"), 1);
	CHECK_INT(int_at(j, "summary.by_severity.low"), 1);
	CHECK_INT(int_at(j, "summary.by_severity.info"), 0);
	CHECK_INT(int_at(j, "summary.suppressed"), 2);
	CHECK_INT(int_at(j, "summary.errors"), 1);
	CHECK_INT(int_at(j, "summary.warnings"), 1);
	CHECK_STR(str_at(j, "summary.fail_on"), "high");
	CHECK(json_is_true(at(j, "summary.failed")));
	CHECK_STR(str_at(j, "errors.0.input"), "bad.yml");
	CHECK_INT(int_at(j, "errors.0.line"), 4);
	CHECK_STR(str_at(j, "errors.0.message"), "yaml parse error");
	CHECK(json_is_null(at(j, "warnings.0.line")));
	CHECK_STR(str_at(j, "warnings.0.message"), "variable FOO is unset");
	json_decref(j);
	findings_free(&f);
}

TEST(report_json_finding_fields)
{
	struct findings f;
	scenario(&f);
	json_t *j = render_json(&f, FMT_JSON);
	json_t *a = at(j, "findings.0");
	CHECK_STR(str_at(a, "rule"), "BW-T001");
	CHECK_STR(str_at(a, "title"), "Image uses the latest tag");
	CHECK_STR(str_at(a, "severity"), "high");
	CHECK_STR(str_at(a, "cis"), "4.2");
	CHECK_STR(str_at(a, "aliases.0"), "DL3007");
	CHECK_STR(str_at(a, "aliases.1"), "DS001");
	CHECK_STR(str_at(a, "target.kind"), "dockerfile");
	CHECK_STR(str_at(a, "target.name"), "Dockerfile");
	CHECK(json_is_null(at(a, "target.id")));
	CHECK_STR(str_at(a, "location.path"), "Dockerfile");
	CHECK_INT(int_at(a, "location.line"), 3);
	CHECK_STR(str_at(a, "message"), "image uses latest");
	CHECK_STR(str_at(a, "evidence"), "FROM alpine:latest");
	CHECK(at(a, "suppression") == NULL);

	json_t *b = at(j, "findings.1");    /* severity overridden; no line; no cis, aliases */
	CHECK_STR(str_at(b, "severity"), "medium");
	CHECK(json_is_null(at(b, "cis")));
	CHECK(json_is_array(at(b, "aliases")) && json_array_size(at(b, "aliases")) == 0);
	CHECK(json_is_null(at(b, "location.line")));
	CHECK(json_is_null(at(b, "evidence")));

	json_t *c = at(j, "findings.2");    /* container: no location */
	CHECK_STR(str_at(c, "target.kind"), "container");
	CHECK_STR(str_at(c, "target.id"), "abc123");
	CHECK(json_is_null(at(c, "location")));
	json_decref(j);
	findings_free(&f);
}

TEST(report_json_suppressed)
{
	struct findings f;
	scenario(&f);
	json_t *j = render_json(&f, FMT_JSON);
	CHECK_INT(int_at(j, "suppressed.0.location.line"), 7);
	CHECK_STR(str_at(j, "suppressed.0.suppression.source"), "inline");
	CHECK_STR(str_at(j, "suppressed.0.suppression.reason"), "pinned by digest elsewhere");
	CHECK_STR(str_at(j, "suppressed.1.target.kind"), "compose");
	CHECK_STR(str_at(j, "suppressed.1.suppression.source"), "config");
	CHECK(json_is_null(at(j, "suppressed.1.suppression.reason")));
	json_decref(j);
	findings_free(&f);
}

TEST(report_json_empty_and_not_failed)
{
	struct findings f = { 0 };
	target(&f, TK_DOCKERFILE, "Dockerfile", NULL);
	suppress(add(&f, &t_priv, "Dockerfile", 1, NULL, "x"), "inline", NULL);
	json_t *j = render_json(&f, FMT_JSON);
	CHECK_INT(json_array_size(at(j, "findings")), 0);
	CHECK_INT(json_array_size(at(j, "errors")), 0);
	CHECK_INT(int_at(j, "summary.findings"), 0);
	CHECK(json_is_false(at(j, "summary.failed")));
	json_decref(j);
	findings_free(&f);
}

TEST(report_json_invalid_utf8_replaced)
{
	struct findings f = { 0 };
	target(&f, TK_DOCKERFILE, "Dockerfile", NULL);
	add(&f, &t_latest, "Dockerfile", 1, "a\xff" "b\xc3", "bad \xe2\x82 bytes \xc3\xa9");
	json_t *j = render_json(&f, FMT_JSON);
	CHECK_STR(str_at(j, "findings.0.evidence"), "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	CHECK_STR(str_at(j, "findings.0.message"),
	          "bad \xef\xbf\xbd\xef\xbf\xbd bytes \xc3\xa9");
	json_decref(j);
	findings_free(&f);
}

/* The writer promises jansson's JSON_INDENT(2) layout: re-dumping the parsed document must give
 * the same bytes, escapes, empty arrays, nulls and long strings included. */
TEST(report_json_laid_out_as_jansson)
{
	struct findings f;
	struct report_opts o = opts_for(FMT_JSON, false);
	char *big = xmalloc(40001);
	memset(big, 'x', 40000);
	big[40000] = '\0';
	scenario(&f);
	add(&f, &t_latest, "q\"uo\\te", 2, "\x01\x1f\x7f\t\n\r\b\f/\xc2\x85\xf0\x9f\x98\x80", big);
	char *s = test_report(&f, &o);
	json_t *j = json_loads(s, 0, NULL);
	char *again = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	CHECK(again != NULL);
	CHECK(again && strlen(s) == strlen(again) + 1 && !strncmp(s, again, strlen(again)));
	CHECK(str_at(j, "findings.4.message") && !strcmp(str_at(j, "findings.4.message"), big));
	free(again);
	json_decref(j);
	o = opts_for(FMT_TEXT, false);
	free(s);
	s = test_report(&f, &o);
	CHECK(strstr(s, big) != NULL);
	free(s);
	free(big);
	findings_free(&f);
}

TEST(report_sarif_run_and_rules)
{
	struct findings f;
	scenario(&f);
	json_t *j = render_json(&f, FMT_SARIF);
	CHECK_STR(str_at(j, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
	CHECK_STR(str_at(j, "version"), "2.1.0");
	CHECK_INT(json_array_size(at(j, "runs")), 1);
	json_t *drv = at(j, "runs.0.tool.driver");
	CHECK_STR(str_at(drv, "name"), "bulwark");
	CHECK_STR(str_at(drv, "version"), bulwark_version);
	CHECK(at(drv, "informationUri") == NULL);
	CHECK_INT(json_array_size(at(drv, "rules")), 2);
	json_t *r0 = at(drv, "rules.0"), *r1 = at(drv, "rules.1");
	CHECK_STR(str_at(r0, "id"), "BW-T001");
	CHECK_STR(str_at(r0, "name"), "BW-T001");
	CHECK_STR(str_at(r0, "shortDescription.text"), "Image uses the latest tag");
	CHECK_STR(str_at(r0, "fullDescription.text"), "Floating tags change under you.");
	CHECK_STR(str_at(r0, "help.text"), "Pin a version.");
	CHECK_STR(str_at(r0, "help.markdown"),
	          "Floating tags change under you.\n\n**Remediation:** Pin a version.\n\n"
	          "**References:**\n\n- CIS Docker Benchmark 4.2");
	CHECK_STR(str_at(r0, "defaultConfiguration.level"), "error");
	CHECK_STR(str_at(r0, "properties.security-severity"), "7.0");
	CHECK_STR(str_at(r0, "properties.tags.0"), "security");
	CHECK_STR(str_at(r0, "properties.cis"), "4.2");
	CHECK_STR(str_at(r0, "properties.aliases.1"), "DS001");
	CHECK_STR(str_at(r1, "id"), "BW-T002");
	CHECK_STR(str_at(r1, "properties.security-severity"), "9.0");
	CHECK(at(r1, "properties.cis") == NULL);
	CHECK_INT(json_array_size(at(r1, "properties.aliases")), 0);
	json_decref(j);
	findings_free(&f);
}

TEST(report_sarif_results)
{
	struct findings f;
	scenario(&f);
	json_t *j = render_json(&f, FMT_SARIF);
	json_t *res = at(j, "runs.0.results");
	CHECK_INT(json_array_size(res), 6);
	json_t *a = at(res, "0");
	CHECK_STR(str_at(a, "ruleId"), "BW-T001");
	CHECK_INT(int_at(a, "ruleIndex"), 0);
	CHECK_STR(str_at(a, "level"), "error");
	CHECK_STR(str_at(a, "message.text"), "image uses latest");
	json_t *pl = at(a, "locations.0.physicalLocation");
	CHECK_STR(str_at(pl, "artifactLocation.uri"), "Dockerfile");
	CHECK_STR(str_at(pl, "artifactLocation.uriBaseId"), "%SRCROOT%");
	CHECK_INT(int_at(pl, "region.startLine"), 3);
	CHECK(at(a, "suppressions") == NULL);
	CHECK_STR(str_at(a, "properties.target.kind"), "dockerfile");
	CHECK_STR(str_at(a, "properties.target.name"), "Dockerfile");
	CHECK(json_is_null(at(a, "properties.target.id")));
	CHECK_STR(str_at(a, "properties.evidence"), "FROM alpine:latest");

	json_t *b = at(res, "1");           /* line 0: no region; level from the override */
	CHECK_INT(int_at(b, "ruleIndex"), 1);
	CHECK_STR(str_at(b, "level"), "warning");
	CHECK(at(b, "locations.0.physicalLocation.region") == NULL);

	json_t *c = at(res, "2");
	CHECK_STR(str_at(c, "suppressions.0.kind"), "inSource");
	CHECK_STR(str_at(c, "suppressions.0.justification"), "pinned by digest elsewhere");

	json_t *d = at(res, "3");           /* container: by name under the engine, and logical */
	CHECK_STR(str_at(d, "level"), "error");
	CHECK_STR(str_at(d, "locations.0.physicalLocation.artifactLocation.uri"), "containers/web");
	CHECK_STR(str_at(d, "locations.0.physicalLocation.artifactLocation.uriBaseId"),
	          "ENGINEROOT");
	CHECK_STR(str_at(d, "locations.0.logicalLocations.0.name"), "web");
	CHECK_STR(str_at(d, "locations.0.logicalLocations.0.kind"), "container");
	CHECK_STR(str_at(d, "properties.target.id"), "abc123");

	CHECK_STR(str_at(res, "4.level"), "note");
	CHECK_STR(str_at(res, "5.suppressions.0.kind"), "external");
	CHECK(at(res, "5.suppressions.0.justification") == NULL);
	json_decref(j);
	findings_free(&f);
}

TEST(report_sarif_invocation)
{
	struct findings f;
	scenario(&f);
	json_t *j = render_json(&f, FMT_SARIF);
	json_t *inv = at(j, "runs.0.invocations.0");
	CHECK(json_is_false(at(inv, "executionSuccessful")));
	json_t *n = at(inv, "toolExecutionNotifications");
	CHECK_INT(json_array_size(n), 2);
	CHECK_STR(str_at(n, "0.level"), "error");
	CHECK_STR(str_at(n, "0.message.text"), "yaml parse error");
	CHECK_STR(str_at(n, "0.locations.0.physicalLocation.artifactLocation.uri"), "bad.yml");
	CHECK_INT(int_at(n, "0.locations.0.physicalLocation.region.startLine"), 4);
	CHECK_STR(str_at(n, "1.level"), "warning");
	CHECK(at(n, "1.locations.0.physicalLocation.region") == NULL);
	json_decref(j);
	findings_free(&f);

	struct findings g = { 0 };
	j = render_json(&g, FMT_SARIF);
	CHECK(json_is_true(at(j, "runs.0.invocations.0.executionSuccessful")));
	CHECK_INT(json_array_size(at(j, "runs.0.results")), 0);
	CHECK_INT(json_array_size(at(j, "runs.0.tool.driver.rules")), 0);
	json_decref(j);
}

TEST(report_sarif_uri_encoding)
{
	struct findings f = { 0 };
	target(&f, TK_DOCKERFILE, "x", NULL);
	add(&f, &t_latest, "/srv/my app/Dockerfile", 1, NULL, "m");
	add(&f, &t_latest, "a:b/100%.yml", 1, NULL, "m");
	json_t *j = render_json(&f, FMT_SARIF);
	json_t *res = at(j, "runs.0.results");
	CHECK_STR(str_at(res, "0.locations.0.physicalLocation.artifactLocation.uri"),
	          "srv/my%20app/Dockerfile");
	CHECK_STR(str_at(res, "0.locations.0.physicalLocation.artifactLocation.uriBaseId"),
	          "HOSTROOT");
	CHECK_STR(str_at(res, "1.locations.0.physicalLocation.artifactLocation.uri"),
	          "a%3Ab/100%25.yml");
	json_decref(j);
	findings_free(&f);
}

/* Every result has a physical location with a relative URI under a base the run describes: no
 * file: URI that code scanning would read as a path on the machine that uploads the log. */
TEST(report_sarif_every_kind_located)
{
	char cwd[4096];
	CHECK(getcwd(cwd, sizeof cwd) != NULL);
	char *inside = xasprintf("%s/app/Dockerfile", cwd);
	struct findings f = { 0 };
	target(&f, TK_DOCKERFILE, "app/Dockerfile", NULL);
	add(&f, &t_latest, "app/Dockerfile", 2, NULL, "m");
	add(&f, &t_latest, inside, 3, NULL, "m");
	target(&f, TK_IMAGE, "ghcr.io/team/app:1.2", "sha256:ab");
	add(&f, &t_latest, "/root/.ssh/id_rsa", 0, NULL, "m");
	add(&f, &t_latest, NULL, 0, NULL, "m");
	target(&f, TK_HOST, "box", NULL);
	add(&f, &t_latest, "/etc/docker/daemon.json", 0, NULL, "m");
	add(&f, &t_latest, NULL, 0, NULL, "m");
	target(&f, TK_DAEMON, "unix:///var/run/docker.sock", "ID");
	add(&f, &t_latest, "/lib/systemd/system/docker.service", 12, NULL, "m");
	add(&f, &t_latest, NULL, 0, NULL, "m");
	target(&f, TK_CONTAINER, "web 1", "c0ffee");
	add(&f, &t_latest, NULL, 0, NULL, "m");
	target(&f, TK_FILE, "src/.env", NULL);
	add(&f, &t_latest, "src/.env", 1, NULL, "m");
	findings_error(&f, "unix:///var/run/docker.sock", 0, "cannot connect");
	findings_error(&f, "/etc/docker/daemon.json", 3, "bad JSON");
	json_t *j = render_json(&f, FMT_SARIF);
	static const char *const want[][3] = {
		{ "app/Dockerfile", "%SRCROOT%", "2" }, { "app/Dockerfile", "%SRCROOT%", "3" },
		{ "ghcr.io/team/app%3A1.2/root/.ssh/id_rsa", "IMAGEROOT", "" },
		{ "ghcr.io/team/app%3A1.2", "IMAGEROOT", "" },
		{ "etc/docker/daemon.json", "HOSTROOT", "" }, { "etc/docker", "HOSTROOT", "" },
		{ "lib/systemd/system/docker.service", "HOSTROOT", "12" },
		{ "etc/docker/daemon.json", "HOSTROOT", "" },
		{ "containers/web%201", "ENGINEROOT", "" }, { "src/.env", "%SRCROOT%", "1" },
	};
	json_t *res = at(j, "runs.0.results");
	CHECK_INT(json_array_size(res), sizeof want / sizeof *want);
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		json_t *pl = at(json_array_get(res, i), "locations.0.physicalLocation");
		CHECK_STR(str_at(pl, "artifactLocation.uri"), want[i][0]);
		CHECK_STR(str_at(pl, "artifactLocation.uriBaseId"), want[i][1]);
		if (*want[i][2])
			CHECK_INT(int_at(pl, "region.startLine"), atoi(want[i][2]));
		else
			CHECK(at(pl, "region") == NULL);
	}
	CHECK_STR(str_at(res, "2.locations.0.logicalLocations.0.name"), "ghcr.io/team/app:1.2");
	CHECK_STR(str_at(res, "8.locations.0.logicalLocations.0.kind"), "container");
	CHECK(at(res, "0.locations.0.logicalLocations") == NULL);
	json_t *bases = at(j, "runs.0.originalUriBaseIds");
	CHECK_INT(json_object_size(bases), 4);
	char *root = xasprintf("file://%s/", cwd);
	CHECK_STR(str_at(bases, "%SRCROOT%.uri"), root);
	CHECK(at(bases, "HOSTROOT.uri") == NULL && at(bases, "HOSTROOT.description.text") != NULL);
	json_t *n = at(j, "runs.0.invocations.0.toolExecutionNotifications");
	CHECK_STR(str_at(n, "0.locations.0.physicalLocation.artifactLocation.uri"),
	          "unix:///var/run/docker.sock");
	CHECK(at(n, "0.locations.0.physicalLocation.artifactLocation.uriBaseId") == NULL);
	CHECK_STR(str_at(n, "1.locations.0.physicalLocation.artifactLocation.uriBaseId"),
	          "HOSTROOT");
	free(root);
	free(inside);
	json_decref(j);
	findings_free(&f);
}

static const char scenario_text[] =
	"dockerfile Dockerfile\n"
	"  Dockerfile:3  high  BW-T001  image uses latest [FROM alpine:latest]\n"
	"  Dockerfile  medium  BW-T002  no line here\n"
	"\n"
	"container web\n"
	"  critical  BW-T002  runs privileged\n"
	"\n"
	"-- containers: 1 finding in 1 container (1 critical, 0 high, 0 medium, 0 low, 0 info)\n"
	"\n"
	"compose service api (compose.yaml)\n"
	"  compose.yaml:5  low  BW-T002  privileged: true\n"
	"\n"
	"accepted risks (suppressed with a reason)\n"
	"  Dockerfile:7  high  BW-T001  second FROM\n"
	"    reason: pinned by digest elsewhere\n"
	"\n"
	"error: bad.yml:4: yaml parse error\n"
	"warning: compose.yaml: variable FOO is unset\n"
	"4 findings (1 critical, 1 high, 1 medium, 1 low, 0 info), 2 suppressed, "
	"1 error in 3 inputs\n";

TEST(report_text_plain)
{
	struct findings f;
	scenario(&f);
	struct report_opts o = opts_for(FMT_TEXT, false);
	char *s = test_report(&f, &o);
	CHECK_STR(s, scenario_text);
	free(s);
	findings_free(&f);
}

TEST(report_text_color)
{
	struct findings f = { 0 };
	static const enum severity sev[] = { SEV_CRITICAL, SEV_HIGH, SEV_MEDIUM, SEV_LOW, SEV_INFO };
	target(&f, TK_IMAGE, "alpine:3.19", NULL);
	for (size_t i = 0; i < 5; i++)
		add(&f, &t_priv, NULL, 0, NULL, "m")->severity = sev[i];
	struct report_opts o = opts_for(FMT_TEXT, true);
	o.inputs = 1;
	char *s = test_report(&f, &o);
	CHECK_STR(s, "image alpine:3.19\n"
	             "  \033[1;31mcritical\033[0m  BW-T002  m\n"
	             "  \033[1;31mhigh\033[0m  BW-T002  m\n"
	             "  \033[33mmedium\033[0m  BW-T002  m\n"
	             "  \033[36mlow\033[0m  BW-T002  m\n"
	             "  \033[2minfo\033[0m  BW-T002  m\n"
	             "\n"
	             "-- images: 5 findings in 1 image (1 critical, 1 high, 1 medium, 1 low, 1 info)\n"
	             "\n"
	             "5 findings (1 critical, 1 high, 1 medium, 1 low, 1 info), 0 suppressed, "
	             "0 errors in 1 input\n");
	free(s);
	findings_free(&f);
}

TEST(report_text_no_findings)
{
	struct findings f = { 0 };
	struct report_opts o = opts_for(FMT_TEXT, true);
	char *s = test_report(&f, &o);
	CHECK_STR(s, "no findings in 3 inputs\n");
	free(s);

	target(&f, TK_DOCKERFILE, "Dockerfile", NULL);
	suppress(add(&f, &t_priv, "Dockerfile", 2, NULL, "x"), "inline", NULL);
	o.inputs = 1;
	s = test_report(&f, &o);
	CHECK_STR(s, "no findings in 1 input, 1 suppressed\n");
	free(s);

	findings_error(&f, NULL, 0, "no inputs given");
	s = test_report(&f, &o);
	CHECK_STR(s, "error: no inputs given\n"
	             "0 findings (0 critical, 0 high, 0 medium, 0 low, 0 info), 1 suppressed, "
	             "1 error in 1 input\n");
	free(s);
	findings_free(&f);
}

TEST(report_text_escapes_control_bytes)
{
	struct findings f = { 0 };
	target(&f, TK_DOCKERFILE, "Dockerfile", NULL);
	add(&f, &t_latest, "Dockerfile", 2, "a\033[2Jb\tc", "line\nbreak \xc2\x9b" "x \xc3\xa9");
	struct report_opts o = opts_for(FMT_TEXT, false);
	o.inputs = 1;
	char *s = test_report(&f, &o);
	CHECK(strstr(s, "  Dockerfile:2  high  BW-T001  line\\nbreak \\u009bx \xc3\xa9"
	                " [a\\x1b[2Jb\tc]\n") != NULL);
	free(s);
	findings_free(&f);
}

/* The escaping reads 8 safe bytes at a time: unsafe bytes at each place in a word and across
 * words, DEL and a C1 control split by a word's end, are still escaped. */
TEST(report_text_escapes_across_words)
{
	struct findings f = { 0 };
	target(&f, TK_DOCKERFILE, "Dockerfile", NULL);
	add(&f, &t_latest, "Dockerfile", 2, NULL,
	    "abcdefg\x7fhijklmn\x01opqrstu\xc2\x9b" "vwxyz012\x1b" "3456789\n");
	struct report_opts o = opts_for(FMT_TEXT, false);
	o.inputs = 1;
	char *s = test_report(&f, &o);
	CHECK(strstr(s, "BW-T001  abcdefg\\x7fhijklmn\\x01opqrstu\\u009bvwxyz012\\x1b3456789\\n\n")
	      != NULL);
	free(s);
	findings_free(&f);
}

/* A live audit's sections in order, each closed by its totals line; two containers count as two
 * targets; a Dockerfile after them gets no totals line. */
TEST(report_text_live_sections)
{
	struct findings f = { 0 };
	target(&f, TK_HOST, "host", NULL);
	add(&f, &t_priv, "/etc/docker", 0, NULL, "host one");
	target(&f, TK_DAEMON, "daemon", NULL);
	add(&f, &t_latest, NULL, 0, NULL, "daemon one")->severity = SEV_MEDIUM;
	target(&f, TK_CONTAINER, "web", "abc");
	add(&f, &t_priv, NULL, 0, NULL, "web one");
	target(&f, TK_CONTAINER, "db", "def");
	add(&f, &t_priv, NULL, 0, NULL, "db one")->severity = SEV_LOW;
	add(&f, &t_latest, NULL, 0, NULL, "db two")->severity = SEV_INFO;
	target(&f, TK_IMAGE, "nginx:1", NULL);
	add(&f, &t_latest, NULL, 0, NULL, "image one");
	target(&f, TK_DOCKERFILE, "Dockerfile", NULL);
	add(&f, &t_latest, "Dockerfile", 1, NULL, "file one");
	struct report_opts o = opts_for(FMT_TEXT, false);
	char *s = test_report(&f, &o);
	CHECK_STR(s, "host host\n"
	             "  /etc/docker  critical  BW-T002  host one\n"
	             "\n"
	             "-- host: 1 finding (1 critical, 0 high, 0 medium, 0 low, 0 info)\n"
	             "\n"
	             "daemon daemon\n"
	             "  medium  BW-T001  daemon one\n"
	             "\n"
	             "-- daemon: 1 finding (0 critical, 0 high, 1 medium, 0 low, 0 info)\n"
	             "\n"
	             "container web\n"
	             "  critical  BW-T002  web one\n"
	             "\n"
	             "container db\n"
	             "  low  BW-T002  db one\n"
	             "  info  BW-T001  db two\n"
	             "\n"
	             "-- containers: 3 findings in 2 containers (1 critical, 0 high, 0 medium, 1 low, "
	             "1 info)\n"
	             "\n"
	             "image nginx:1\n"
	             "  high  BW-T001  image one\n"
	             "\n"
	             "-- images: 1 finding in 1 image (0 critical, 1 high, 0 medium, 0 low, 0 info)\n"
	             "\n"
	             "dockerfile Dockerfile\n"
	             "  Dockerfile:1  high  BW-T001  file one\n"
	             "\n"
	             "7 findings (2 critical, 2 high, 1 medium, 1 low, 1 info), 0 suppressed, "
	             "0 errors in 3 inputs\n");
	free(s);
	findings_free(&f);
}

/* Every byte alone in a message: ASCII comes back as itself (escaped or not), any other byte
 * as U+FFFD; the document stays valid JSON. */
TEST(report_json_every_byte)
{
	struct findings f = { 0 };
	target(&f, TK_DOCKERFILE, "Dockerfile", NULL);
	for (int b = 1; b < 256; b++) {
		char msg[4] = { 'a', (char)b, 'z', 0 };
		add(&f, &t_latest, "Dockerfile", b, NULL, msg);
	}
	json_t *j = render_json(&f, FMT_JSON);
	for (int b = 1; b < 256 && j; b++) {
		char path[32], want[8];
		snprintf(path, sizeof path, "findings.%d.message", b - 1);
		if (b < 0x80)
			snprintf(want, sizeof want, "a%cz", b);
		else
			snprintf(want, sizeof want, "a\xef\xbf\xbdz");
		const char *got = str_at(j, path);
		if (!got || strcmp(got, want)) {
			fprintf(stderr, "  byte 0x%02x: got \"%s\"\n", b, got ? got : "(null)");
			test_failed = 1;
		}
	}
	json_decref(j);
	findings_free(&f);
}

/* Only the first two findings are out of order: the sort must not skip the first pair. */
TEST(report_findings_sort_first_pair)
{
	struct findings f = { 0 };
	target(&f, TK_COMPOSE, "api", NULL);
	add(&f, &t_priv, "b.yaml", 1, NULL, "second");
	add(&f, &t_priv, "a.yaml", 1, NULL, "first");
	findings_sort(&f);
	CHECK_INT(f.n, 2);
	if (f.n == 2) {
		CHECK_STR(f.v[0].message, "first");
		CHECK_STR(f.v[1].message, "second");
	}
	findings_free(&f);
}

/* Findings of files sort by path, then target, line, rule id: a compose file's services do not
 * interleave with another file's, and two rules on one line come in id order. */
TEST(report_findings_sorted)
{
	struct findings f = { 0 };
	target(&f, TK_COMPOSE, "api", NULL);
	add(&f, &t_priv, "z.yaml", 3, NULL, "z api");
	target(&f, TK_COMPOSE, "web", NULL);
	add(&f, &t_priv, "a.yaml", 9, NULL, "a web");
	add(&f, &t_priv, "a.yaml", 4, NULL, "a web 4 T002");
	add(&f, &t_latest, "a.yaml", 4, NULL, "a web 4 T001");
	findings_sort(&f);
	const char *want[] = { "a web 4 T001", "a web 4 T002", "a web", "z api" };
	CHECK_INT(f.n, 4);
	for (size_t i = 0; i < 4 && i < f.n; i++)
		CHECK_STR(f.v[i].message, want[i]);
	findings_free(&f);
}
