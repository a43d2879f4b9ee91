/* Unit tests of the pipeline's own pieces: globs, input checks, inline pragmas, discovery names,
 * the YAML reader and the config file. */
#include "test.h"
#include "collect/discover.h"
#include "pipeline/ignore.h"
#include "collect/input.h"
#include "pipeline/config.h"
#include "pipeline/run.h"
#include "rules/rule.h"
#include "util/dynlib.h"
#include "util/util.h"
#include "util/yaml.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

TEST(core_path_fold)
{
	char a[] = "/a/./b/../c/", b[] = "/..//x/.", c[] = "rel/../x", d[] = "/a/b/../..";
	CHECK_STR(path_fold(a), "/a/c");
	CHECK_STR(path_fold(b), "/x");
	CHECK_STR(path_fold(c), "rel/../x");
	CHECK_STR(path_fold(d), "/");
}

TEST(core_glob)
{
	CHECK(glob_match("*.Dockerfile", "a.Dockerfile"));
	CHECK(!glob_match("*.Dockerfile", "x/a.Dockerfile"));
	CHECK(glob_match("legacy/**", "legacy/a/b/Dockerfile"));
	CHECK(glob_match("**/Dockerfile", "a/b/Dockerfile"));
	CHECK(glob_match("**/Dockerfile", "Dockerfile"));
	CHECK(glob_match("a?c", "abc"));
	CHECK(!glob_match("a?c", "a/c"));
	CHECK(!glob_match("abc", "abcd"));
}

TEST(core_input_text)
{
	struct findings f = { 0 };
	CHECK(input_is_text("x", "FROM a\n", 7, &f));
	const char *utf8 = "# caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xb3\n";
	CHECK(input_is_text("x", utf8, strlen(utf8), &f));
	CHECK(!input_is_text("x", "a\nb\n\xc3(", 6, &f));
	CHECK(!input_is_text("x", "a\n\n\nb\0", 6, &f));
	CHECK(!input_is_text("x", "\xed\xa0\x80", 3, &f));   /* UTF-16 surrogate */
	CHECK(!input_is_text("x", "\xc0\xaf", 2, &f));        /* overlong */
	CHECK_INT(f.nerrors, 4);
	CHECK_INT(f.errors[0].line, 3);
	CHECK_STR(f.errors[0].message, "invalid UTF-8");
	CHECK_INT(f.errors[1].line, 4);
	findings_free(&f);
}

/* The check reads 8 bytes at a time and counts lines only at a fault: faults inside, across and
 * after such words, with the line each is on. */
TEST(core_text_check_words)
{
	int line = -1;
	CHECK_INT(text_check("12345678\nabcdefgh\n", 18, &line), TEXT_OK);
	CHECK_INT(line, 0);
	const char across[] = "1234567\xc3\xa9" "bcdefgh\n\n\xe2\x82\xac"; /* é across words */
	CHECK_INT(text_check(across, sizeof across - 1, &line), TEXT_OK);
	const char late[] = "12345678\n2345678\n3456789\xe9";
	CHECK_INT(text_check(late, sizeof late - 1, &line), TEXT_BAD_UTF8);
	CHECK_INT(line, 3);
	const char nul[] = "1234\n67\0" "12345678";
	CHECK_INT(text_check(nul, sizeof nul - 1, &line), TEXT_NUL);
	CHECK_INT(line, 2);
	const char cut[] = "12345678\n\xe2\x82";                       /* truncated at the end */
	CHECK_INT(text_check(cut, sizeof cut - 1, &line), TEXT_BAD_UTF8);
	CHECK_INT(line, 2);
	CHECK_INT(text_check("\t\r\x01\x7f", 4, &line), TEXT_OK);       /* controls are text */
}

TEST(core_utf8_mend)
{
	size_t n;
	/* a Latin-1 byte, a truncated sequence, a surrogate, an overlong: each byte one U+FFFD */
	const char bad[] = "caf\xe9\n\xe2\x82 \xed\xa0\x80\xc0\xaf ok \xc3\xa9";
	char *m = utf8_mend(bad, sizeof bad - 1, &n);
	const char want[] = "caf\xef\xbf\xbd\n\xef\xbf\xbd\xef\xbf\xbd "
	                    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd ok \xc3\xa9";
	CHECK_INT(n, sizeof want - 1);
	CHECK(memcmp(m, want, n) == 0 && m[n] == '\0');
	free(m);
}

/* Latin-1 in the files being linted is replaced and warned about once, at its first line; a NUL
 * byte is still an error, with no warning; bulwark's own files stay strict. */
TEST(core_input_mend)
{
	struct findings f = { 0 };
	char *t = xstrdup("FROM a\n# caf\xe9\nRUN echo \xff\n"), *u = xstrdup("ok\n");
	size_t n = strlen(t), un = 3;
	input_mend("Dockerfile", &t, &n, &f);
	input_mend("other", &u, &un, &f);
	CHECK_STR(t, "FROM a\n# caf\xef\xbf\xbd\nRUN echo \xef\xbf\xbd\n");
	CHECK_INT(n, strlen(t));
	CHECK_STR(u, "ok\n");
	CHECK_INT(f.nerrors, 0);
	CHECK_INT(f.nwarnings, 1);
	CHECK_STR(f.warnings[0].input, "Dockerfile");
	CHECK_INT(f.warnings[0].line, 2);
	CHECK_STR(f.warnings[0].message, "invalid UTF-8 replaced with U+FFFD");
	free(t);
	free(u);
	findings_free(&f);

	char dir[] = "/tmp/bulwark-mend.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	test_put_file(dir, "latin1", "FROM a\n\xe9\n");
	test_put_file(dir, "nul", "FROM a\n\xe9\nb");
	char *latin1 = xasprintf("%s/latin1", dir), *nul = xasprintf("%s/nul", dir);
	FILE *fp = fopen(nul, "ab");
	if (fp) {
		fputs("\n", fp);
		fputc('\0', fp);
		fclose(fp);
	}
	CHECK(input_read_lint(latin1, &t, &n, &f));
	CHECK_STR(t, "FROM a\n\xef\xbf\xbd\n");
	free(t);
	CHECK(!input_read(latin1, &t, &n, &f));
	CHECK(!input_read_lint(nul, &t, &n, &f));
	CHECK_INT(f.nwarnings, 1);
	CHECK_INT(f.warnings[0].line, 2);
	CHECK_INT(f.nerrors, 2);
	CHECK_STR(f.errors[0].message, "invalid UTF-8");
	CHECK_STR(f.errors[1].message, "binary data (NUL byte), not a text file");
	CHECK_INT(f.errors[1].line, 4);
	unlink(latin1);
	unlink(nul);
	rmdir(dir);
	free(latin1);
	free(nul);
	findings_free(&f);
}

TEST(core_input_missing)
{
	struct findings f = { 0 };
	char *t;
	size_t n;
	CHECK(!input_read("/nonexistent/Dockerfile", &t, &n, &f));
	CHECK_STR(f.errors[0].message, "no such file");
	CHECK(!input_read("/", &t, &n, &f));
	CHECK_STR(f.errors[1].message, "is a directory");
	findings_free(&f);
}

TEST(core_ignore_scan)
{
	const char *text = "FROM a\n"
	                   "# bulwark:ignore=BW-D001,DL3007 because\n"
	                   "\n"
	                   "# another comment\n"
	                   "RUN x\n"
	                   "RUN y # bulwark:ignore=BW-D041\n"
	                   "# hadolint ignore=DL3008\n"
	                   "RUN z\n";
	struct ignores ig = { 0 };
	ignores_scan(&ig, text, strlen(text));
	CHECK_INT(ig.n, 3);
	CHECK_INT(ig.v[0].first, 5);
	CHECK_INT(ig.v[0].nids, 2);
	CHECK_STR(ig.v[0].ids[1], "DL3007");
	CHECK_STR(ig.v[0].reason, "because");
	CHECK_INT(ig.v[1].first, 6);
	CHECK(ig.v[1].reason == NULL);
	CHECK_INT(ig.v[2].first, 8);
	CHECK_STR(ig.v[2].ids[0], "DL3008");
	ignores_free(&ig);
}

TEST(core_input_kind)
{
	CHECK_INT(input_kind_of("a/Dockerfile"), IK_DOCKERFILE);
	CHECK_INT(input_kind_of("Containerfile"), IK_DOCKERFILE);
	CHECK_INT(input_kind_of("x/api.Dockerfile"), IK_DOCKERFILE);
	CHECK_INT(input_kind_of("Dockerfile.prod"), IK_DOCKERFILE);
	CHECK_INT(input_kind_of("compose.yaml"), IK_COMPOSE);
	CHECK_INT(input_kind_of("docker-compose.prod.yml"), IK_COMPOSE);
	CHECK_INT(input_kind_of("compose.override.yml"), IK_COMPOSE_OVERRIDE);
	CHECK_INT(input_kind_of("values.yaml"), IK_NONE);
	CHECK_INT(input_kind_of("Dockerfile.go"), IK_DOCKERFILE);
	CHECK_INT(input_kind_of("README.md"), IK_NONE);
	CHECK_INT(input_kind_of("src/model/dockerfile.c"), IK_NONE);
	CHECK_INT(input_kind_of("web.dockerfile"), IK_DOCKERFILE);
}

static struct ynode *doc(const char *text, int *line, char **msg)
{
	return yaml_load_doc(text, strlen(text), line, msg);
}

TEST(yaml_doc_lines)
{
	int line;
	char *msg;
	struct ynode *r = doc("a:\n  b: 1\nc:\n  x\nd:\ne: [1, {f: g}]\n", &line, &msg);
	CHECK(r && !msg && r->kind == Y_MAP && r->n == 4);
	if (r && r->n == 4) {
		CHECK_INT(r->pairs[1].kline, 3);
		CHECK_INT(r->pairs[1].val->line, 3);        /* a value has its key's line */
		CHECK_INT(y_scalar_line(r->pairs[1].val), 4);   /* and its own */
		CHECK_STR(y_scalar(r->pairs[1].val), "x");
		CHECK(r->pairs[2].val->kind == Y_NULL);
		CHECK_STR(y_scalar(r->pairs[2].val), "");
		CHECK_INT(y_scalar_line(r->pairs[2].val), 0);   /* empty: no line of its own */
		CHECK_INT(y_scalar_line(r->pairs[3].val), 0);   /* a collection: none either */
		CHECK_STR(y_text(y_get(r->pairs[0].val, "b")), "1");
	}
	y_free(r);
}

TEST(yaml_doc_errors)
{
	int line;
	char *msg;
	struct ynode *r = doc("a: 1\n--- [\n", &line, &msg);   /* only the first document is read */
	CHECK(r && !msg);
	y_free(r);
	CHECK(!doc("", &line, &msg) && !msg);
	CHECK(!doc("a: 1\na: 2\n", &line, &msg) && msg);
	CHECK_INT(line, 2);
	CHECK(msg && strstr(msg, "already defined at line 1"));
	free(msg);
	/* libfyaml 0.8's document API crashed on these bytes */
	CHECK(!doc("ser:\n     ? -- er:\t     ? - /\n", &line, &msg) && msg);
	CHECK_INT(line, 2);
	free(msg);
	CHECK(!doc("a: &x [1]\nb: *y\n", &line, &msg) && msg);
	free(msg);
}

static int config_error(const char *text, const char *want)
{
	struct findings out = { 0 };
	struct config *c = config_parse("c.yaml", text, strlen(text), &out);
	CHECK(!c && out.nerrors == 1);
	config_free(c);
	return test_first_error(&out, want);
}

TEST(config_errors)
{
	CHECK_INT(config_error("ser:\n     ? -- er:\t     ? - /\n", "invalid YAML: "), 2);
	CHECK_INT(config_error("fail-on: high\nfail-on: low\n", "already defined at line 1"), 2);
	CHECK_INT(config_error("fail-on: severe\n", "fail-on: expected"), 1);
	CHECK_INT(config_error("ignore:\n  - rule: BW-D001\n    expires: soon\n", "expires"), 3);
	CHECK_INT(config_error("severity:\n  BW-X999: low\n", "unknown rule BW-X999"), 2);
	CHECK_INT(config_error("ignore:\n  - {reason: x}\n", "needs a rule id"), 2);
	CHECK_INT(config_error("ignore:\n  - [BW-D001]\n", "a rule id or a mapping"), 2);
	CHECK_INT(config_error("ignore:\n  - rule: BW-D001\n    paths: {a: b}\n", "paths: expected"), 3);
	CHECK_INT(config_error("ignore:\n  - rule: BW-D001\n    reason: [x]\n", "reason: expected"), 3);
	CHECK_INT(config_error("- fail-on\n", "expected a mapping at the top level"), 1);
	CHECK_INT(config_error("severity: [BW-D001]\n", "severity: expected a mapping"), 1);
	CHECK_INT(config_error("ignore:\n  - rule: BW-D001\n    Rule: x\n",
	                       "ignore: unknown key Rule (did you mean rule?)"), 3);
	CHECK_INT(config_error("\n\nzzz: 1\n", "unknown key zzz (known: fail-on, ignore, severity, "
	                       "trusted-registries)"), 3);
	CHECK_INT(config_error("trusted-registries:\n  - ok.io\n  - quay.io/acme\n",
	                       "trusted-registries: expected a registry"), 3);
	CHECK_INT(config_error("trusted-registries: {a: b}\n", "trusted-registries: expected"), 1);
	CHECK_INT(config_error("trusted-registries: ['**']\n", "trusted-registries: expected"), 1);
}

/* The list as the Dockerfile models get it: NULL-terminated, wildcards kept; none without it. */
TEST(config_trusted_registries)
{
	struct findings out = { 0 };
	const char *text = "trusted-registries: [Registry.example.com:5000, '*.corp.example', 'q*']\n";
	struct config *c = config_parse("c.yaml", text, strlen(text), &out);
	const char *const *r = config_registries(c);
	CHECK(c && out.nerrors == 0 && r && c->ntrusted == 3 && !r[3]);
	if (c && r && c->ntrusted == 3) {
		CHECK_STR(r[0], "Registry.example.com:5000");
		CHECK_STR(r[1], "*.corp.example");
		CHECK_STR(r[2], "q*");
	}
	config_free(c);
	c = config_parse("c.yaml", "fail-on: low\n", 13, &out);
	CHECK(c && !config_registries(c) && !config_registries(NULL));
	config_free(c);
	findings_free(&out);
}

static void add_finding(struct findings *out, const char *id, int line)
{
	finding_add(out, rule_find(id), (struct loc){ "Dockerfile", line }, NULL, "%s", id);
}

/* An empty file is an empty config; every problem is reported, in line order. */
TEST(config_all_errors)
{
	struct findings out = { 0 };
	struct config *c = config_parse("c.yaml", "# nothing yet\n", 14, &out);
	CHECK(c && out.nerrors == 0 && c->fail_on == -1 && !c->nignores);
	config_free(c);
	const char *text = "severity:\n  BW-D002: severe\nignore:\n  - rule: BW-X1\n    paht: a\n"
	                   "fail_on: none\n";
	c = config_parse("c.yaml", text, strlen(text), &out);
	CHECK(!c && out.nerrors == 4);
	const int lines[] = { 2, 4, 5, 6 };
	for (size_t i = 0; i < out.nerrors && i < 4; i++)
		CHECK_INT(out.errors[i].line, lines[i]);
	if (out.nerrors == 4)
		CHECK_STR(out.errors[3].message, "unknown key fail_on (did you mean fail-on?)");
	findings_free(&out);
}

/* Peers' ids: an alias, a CIS number naming several rules, another tool's check we lack. */
TEST(config_peer_ids)
{
	struct findings out = { 0 };
	const char *text = "fail-on: none\nignore:\n  - DL3059\n  - 4.1\nseverity:\n  DL3008: high\n";
	struct config *c = config_parse("c.yaml", text, strlen(text), &out);
	CHECK(c && out.nerrors == 0 && out.nwarnings == 1);
	if (out.nwarnings) {
		CHECK_INT(out.warnings[0].line, 3);
		CHECK_STR(out.warnings[0].message, "ignore: DL3059 is hadolint's id for a check bulwark "
		                                   "does not adopt ('bulwark explain DL3059' says why); "
		                                   "it changes nothing");
	}
	CHECK(c && c->fail_on == FAIL_ON_NONE);
	findings_free(&out);
	add_finding(&out, "BW-D004", 1);
	add_finding(&out, "BW-C019", 2);
	add_finding(&out, "BW-D034", 3);
	add_finding(&out, "BW-D002", 4);
	if (c)
		config_apply(c, &out, "2026-01-01");
	CHECK(out.n == 4 && out.v[0].suppressed && out.v[1].suppressed && !out.v[2].suppressed &&
	      !out.v[3].suppressed);
	CHECK(out.n == 4 && out.v[2].severity == SEV_HIGH);
	findings_free(&out);
	config_free(c);
	CHECK(rule_peer_tool("DL3059") && rule_peer_tool("1.1.18") && rule_peer_tool("CIS-DI-0005"));
	CHECK(!rule_peer_tool("DL305") && !rule_peer_tool("4.") && !rule_peer_tool("1.2.3.4") &&
	      !rule_peer_tool("BW-D999") && !rule_peer_tool(".4"));
}

/* A library opened on first use: its slots filled, once; a missing library or symbol named. */
static double (*dl_cos)(double), (*dl_none)(double);
static int after_calls;
static bool after_ok(char *err, size_t n)
{
	(void)err, (void)n;
	return ++after_calls > 0;
}
TEST(core_dynlib)
{
	static const struct dynlib_sym cos_sym[] = { { "cos", (void **)&dl_cos } };
	static const struct dynlib_sym none_sym[] = { { "cos", (void **)&dl_cos },
	                                              { "no_such_function", (void **)&dl_none } };
	static struct dynlib libm = DYNLIB("libm.so.6", cos_sym, after_ok);
	static struct dynlib libm2 = DYNLIB("libm.so.6", none_sym, NULL);
	static struct dynlib gone = DYNLIB("libbulwark-none.so.1", cos_sym, NULL);
	const char *err = NULL;
	CHECK(dynlib_ready(&libm, &err) && dynlib_ready(&libm, &err));
	CHECK(dl_cos && dl_cos(0.0) == 1.0);
	CHECK_INT(after_calls, 1);
	CHECK(!dynlib_ready(&libm2, &err));
	CHECK_STR(err, "libm.so.6 has no no_such_function");
	CHECK(!dynlib_ready(&gone, &err));
	CHECK(strncmp(err, "cannot load libbulwark-none.so.1: ", 34) == 0);
}

/* The one edit distance behind "did you mean": case ignored, long words out of reach. */
TEST(core_edit_distance)
{
	CHECK_INT(str_edit_distance("FORM", "FROM"), 2);
	CHECK_INT(str_edit_distance("fail_on", "fail-on"), 1);
	CHECK_INT(str_edit_distance("runn", "RUN"), 1);
	CHECK_INT(str_edit_distance("", "ARG"), 3);
	char long_word[70];
	memset(long_word, 'a', sizeof long_word - 1);
	long_word[sizeof long_word - 1] = '\0';
	CHECK(str_edit_distance(long_word, "a") == SIZE_MAX);
}
