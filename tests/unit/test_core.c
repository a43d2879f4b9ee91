/* Unit tests of the pipeline's own pieces: globs, input checks, inline pragmas, discovery names. */
#include "test.h"
#include "collect/discover.h"
#include "core/ignore.h"
#include "core/input.h"
#include "util/util.h"
#include <stdlib.h>

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
