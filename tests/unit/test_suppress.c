/* Suppression at its edges: the inline `ignore=all` wildcard and a pragma's reach; the config's
 * expiry date (the date itself still suppresses), its `all` rule, path globs and aliases. */
#include "test.h"
#include "pipeline/config.h"
#include "pipeline/ignore.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdlib.h>

/* One finding of rule id at path:line. */
static void add(struct findings *out, const char *id, const char *path, int line)
{
	const struct rule *r = rule_find(id);
	CHECK(r != NULL);
	if (r)
		finding_add(out, r, (struct loc){ path, line }, NULL, "%s at %d", id, line);
}

/* "1" or "0" for each finding in order, whether it is suppressed. */
static void check_suppressed(const struct findings *out, const char *want)
{
	char got[64] = "";
	for (size_t i = 0; i < out->n && i < sizeof got - 1; i++)
		got[i] = out->v[i].suppressed ? '1' : '0';
	CHECK_STR(got, want);
}

static void scan_apply(const char *text, struct findings *out, const char *path)
{
	struct ignores ig = { 0 };
	ignores_scan(&ig, text, strlen(text));
	ignores_apply(&ig, out, 0, path);
	ignores_free(&ig);
}

TEST(suppress_inline_all_wildcard)
{
	const char *text = "FROM alpine:latest\n"                  /* 1 */
	                   "# bulwark:ignore=all legacy stage\n"   /* 2 */
	                   "RUN apt-get install curl\n"            /* 3 */
	                   "RUN x # bulwark:ignore=ALL\n"          /* 4 */
	                   "RUN y # bulwark:ignore=BW-D041\n"      /* 5 */
	                   "RUN z\n";                              /* 6 */
	struct findings out = { 0 };
	add(&out, "BW-D002", "Dockerfile", 1);
	add(&out, "BW-D005", "Dockerfile", 3);
	add(&out, "BW-D041", "Dockerfile", 3);
	add(&out, "BW-D005", "Dockerfile", 4);
	add(&out, "BW-D005", "Dockerfile", 5);
	add(&out, "BW-D041", "Dockerfile", 5);
	add(&out, "BW-D041", "Dockerfile", 6);
	add(&out, "BW-D041", "other/Dockerfile", 3);
	scan_apply(text, &out, "Dockerfile");
	check_suppressed(&out, "01110100");
	CHECK_STR(out.v[1].suppress_source, "inline");
	CHECK_STR(out.v[1].suppress_reason, "legacy stage");
	CHECK(out.v[3].suppress_reason == NULL);
	findings_free(&out);
}

/* Comment pragmas wait over blank and comment lines for the next instruction; several can wait
 * at once; the list's first line decides, and a widened range covers continuation lines. */
TEST(suppress_inline_reach)
{
	const char *text = "# bulwark:ignore=BW-D002\n"   /* 1 */
	                   "\n"                           /* 2 */
	                   "# hadolint ignore=DL3008\n"   /* 3 */
	                   "# plain comment\n"            /* 4 */
	                   "FROM alpine:latest\n"         /* 5 */
	                   "RUN a\n"                      /* 6 */
	                   "# bulwark:ignore=BW-D005\n";  /* 7: nothing after it */
	struct ignores ig = { 0 };
	ignores_scan(&ig, text, strlen(text));
	CHECK_INT(ig.n, 2);
	if (ig.n == 2) {
		CHECK(ig.v[0].first == 5 && ig.v[0].last == 5);
		CHECK(ig.v[1].first == 5 && ig.v[1].last == 5);
		ig.v[1].last = 6;   /* as lint widens it to a two-line instruction */
	}
	struct findings out = { 0 };
	add(&out, "BW-D002", "Dockerfile", 5);
	add(&out, "BW-D034", "Dockerfile", 5);   /* DL3008 */
	add(&out, "BW-D034", "Dockerfile", 6);
	add(&out, "BW-D034", "Dockerfile", 7);
	add(&out, "BW-D002", "Dockerfile", 6);
	add(&out, "BW-D005", "Dockerfile", 5);
	add(&out, "BW-D041", "Dockerfile", 4);
	ignores_apply(&ig, &out, 0, "Dockerfile");
	check_suppressed(&out, "1110000");
	ignores_free(&ig);
	findings_free(&out);
}

static struct config *parse(const char *path, const char *text)
{
	struct findings errs = { 0 };
	struct config *c = config_parse(path, text, strlen(text), &errs);
	CHECK(c != NULL && errs.nerrors == 0);
	findings_free(&errs);
	return c;
}

/* `expires` is the last day the suppression holds: the day after, it warns and stops. */
TEST(suppress_config_expires_edge)
{
	struct config *c = parse(".bulwark.yaml", "ignore:\n"
	                                          "  - rule: BW-D002\n"
	                                          "    reason: until the rebuild\n"
	                                          "    expires: 2026-03-31\n");
	if (!c)
		return;
	const char *days[] = { "2026-03-30", "2026-03-31", "2026-04-01", "2027-01-01" };
	const char *want[] = { "1", "1", "0", "0" };
	for (int i = 0; i < 4; i++) {
		struct findings out = { 0 };
		add(&out, "BW-D002", "Dockerfile", 1);
		config_apply(c, &out, days[i]);
		check_suppressed(&out, want[i]);
		CHECK_INT(out.nwarnings, want[i][0] == '1' ? 0 : 1);
		if (out.nwarnings) {
			CHECK_STR(out.warnings[0].message,
			          "suppression of BW-D002 expired on 2026-03-31 and no longer applies");
			CHECK_INT(out.warnings[0].line, 2);
		} else {
			CHECK_STR(out.v[0].suppress_source, "config");
			CHECK_STR(out.v[0].suppress_reason, "until the rebuild");
		}
		findings_free(&out);
	}
	config_free(c);
}

/* Paths are globs relative to the config's directory; `all` covers every rule; an alias names
 * its rule; an entry without paths covers every file; severities are overridden by id. */
TEST(suppress_config_paths_all_alias)
{
	struct config *c = parse("proj/.bulwark.yaml",
	                         "ignore:\n"
	                         "  - rule: all\n"
	                         "    paths: [\"legacy/**\", \"*.old.Dockerfile\"]\n"
	                         "  - rule: DL3007\n"
	                         "    paths: docker/Dockerfile\n"
	                         "  - BW-D041\n"
	                         "severity:\n"
	                         "  BW-D005: critical\n");
	if (!c)
		return;
	struct findings out = { 0 };
	add(&out, "BW-D005", "proj/legacy/a/Dockerfile", 3);     /* all, under legacy/ */
	add(&out, "BW-D002", "proj/legacy/Dockerfile", 1);       /* all, under legacy/ */
	add(&out, "BW-D002", "proj/x.old.Dockerfile", 1);        /* all, *.old.Dockerfile */
	add(&out, "BW-D002", "proj/sub/x.old.Dockerfile", 1);    /* * stops at a slash */
	add(&out, "BW-D002", "proj/docker/Dockerfile", 1);       /* DL3007 is BW-D002 */
	add(&out, "BW-D005", "proj/docker/Dockerfile", 2);       /* the alias names one rule */
	add(&out, "BW-D041", "elsewhere/Dockerfile", 4);         /* no paths: everywhere */
	add(&out, "BW-D005", NULL, 0);                           /* no location: only path-less */
	config_apply(c, &out, "2026-01-01");
	check_suppressed(&out, "11101010");
	CHECK_INT(out.nwarnings, 0);
	CHECK_INT(out.v[5].severity, SEV_CRITICAL);
	CHECK_INT(out.v[7].severity, SEV_CRITICAL);
	CHECK_INT(out.v[4].severity, rule_find("BW-D002")->severity);
	findings_free(&out);
	config_free(c);
}

/* In a Dockerfile only a pragma on a line of its own counts: one after an instruction is part of
 * it (BW-D058). hadolint's global pragma covers the whole file, before and after it. */
TEST(suppress_inline_dockerfile_own_line_and_global)
{
	const char *text = "FROM alpine:latest # bulwark:ignore=BW-D002\n"   /* 1 */
	                   "# bulwark:ignore=BW-D041\n"                       /* 2 */
	                   "RUN sudo a\n"                                     /* 3 */
	                   "RUN sudo b # hadolint ignore=DL3004\n"            /* 4 */
	                   "#  hadolint  global  ignore=DL3008,DL3009 old\n"  /* 5 */
	                   "RUN apt-get install -y curl\n";                   /* 6 */
	struct ignores ig = { .own_line_only = true };
	ignores_scan(&ig, text, strlen(text));
	CHECK_INT(ig.n, 1);
	CHECK_INT(ig.global.nids, 2);
	struct findings out = { 0 };
	add(&out, "BW-D002", "Dockerfile", 1);
	add(&out, "BW-D041", "Dockerfile", 3);
	add(&out, "BW-D041", "Dockerfile", 4);
	add(&out, "BW-D034", "Dockerfile", 6);   /* DL3008 */
	add(&out, "BW-D033", "Dockerfile", 1);   /* DL3009, before the pragma */
	add(&out, "BW-D032", "Dockerfile", 6);   /* DL3015: not named */
	ignores_apply(&ig, &out, 0, "Dockerfile");
	check_suppressed(&out, "010110");
	if (out.n == 6)
		CHECK_STR(out.v[3].suppress_reason, "old");
	ignores_free(&ig);
	findings_free(&out);
	/* The same text elsewhere (YAML): the trailing forms count. */
	add(&out, "BW-D002", "c.yaml", 1);
	add(&out, "BW-D041", "c.yaml", 4);
	scan_apply(text, &out, "c.yaml");
	check_suppressed(&out, "11");
	findings_free(&out);
}

/* Trivy's three spellings of a check, Dockle's ids and the two CIS editions name the same rules. */
TEST(suppress_peer_id_forms)
{
	const char *forms[] = { "DS001", "ds-0001", "DS-0001", "AVD-DS-0001", "avd-ds-0001" };
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		const struct rule *v[4];
		CHECK_INT(rules_matching(forms[i], v, 4), 2);
		CHECK(rule_matches(rule_find("BW-D001"), forms[i]));
		CHECK(rule_matches(rule_find("BW-D002"), forms[i]));
	}
	CHECK(rule_find("AVD-DS-0002") == rule_find("BW-D004"));
	CHECK(!rule_find("DS-001") && !rule_find("DS-00001") && !rule_find("AVD-DS001") &&
	      !rule_find("DS-1001"));
	CHECK(rule_find("CIS-DI-0005") == rule_find("BW-E020"));
	CHECK(rule_find("DKL-DI-0001") == rule_find("BW-D041"));
	/* 2.8 is a v1.6.0 number (BW-E009); 2.19 exists only in v1.8.0 (BW-E019). */
	const struct rule *v[4];
	CHECK_INT(rules_matching("2.8", v, 4), 1);
	CHECK_STR(v[0]->id, "BW-E009");
	CHECK_INT(rules_matching("2.19", v, 4), 1);
	CHECK_STR(v[0]->id, "BW-E019");
	CHECK(rule_peer_tool("DS-0030") && rule_peer_tool("AVD-DS-0030") && !rule_peer_tool("DS-30"));
}

/* A known vulnerability is suppressed by its id or an alias, case aside; the other ids of the
 * same rule stay; an id that is neither a rule nor shaped like a vulnerability is an error. */
TEST(suppress_config_vulnerability_id)
{
	struct config *c = parse(".bulwark.yaml", "ignore:\n"
	                                          "  - rule: CVE-2024-0727\n"
	                                          "    reason: not reachable\n"
	                                          "  - ghsa-35jh-r3h4-6jhm\n");
	if (!c)
		return;
	struct findings out = { 0 };
	const char *ids[] = { "DSA-5600-1", "GHSA-35jh-r3h4-6jhm", "CVE-2023-1111" };
	char *al[] = { "CVE-2024-0727" };
	for (int i = 0; i < 3; i++) {
		add(&out, "BW-V001", "/var/lib/dpkg/status", 0);
		finding_set_vuln(&out, &(struct finding_vuln){ .id = (char *)ids[i], .aliases = al,
		                                               .naliases = i == 0, .layer = -1 });
	}
	add(&out, "BW-I016", NULL, 0);
	config_apply(c, &out, "2026-01-01");
	check_suppressed(&out, "1100");
	CHECK_STR(out.v[0].suppress_reason, "not reachable");
	findings_free(&out);
	config_free(c);

	struct findings errs = { 0 };
	const char *bad = "ignore:\n  - rule: not-a-rule\n  - BW-X999\n";
	config_free(config_parse(".bulwark.yaml", bad, strlen(bad), &errs));
	CHECK_INT(errs.nerrors, 2);
	findings_free(&errs);
}
