/* Language-package sources: which paths each wants and what each parser reads from inputs
 * written here, as exact package lists (kind name version purl). Binaries and archives are
 * built by the test (tests/unit/test_pkg_bin.c). */
#include "test.h"
#include "test_pkg_lang.h"
#include "collect/pkg_source.h"
#include "util/util.h"
#include <stdlib.h>

char *pkg_lines(const struct pkg_inv *inv)
{
	struct buf b = { 0 };
	buf_adds(&b, "");
	for (size_t i = 0; i < inv->npkgs; i++) {
		const struct pkg *p = &inv->pkgs[i];
		buf_printf(&b, "%s %s %s %s\n", pkg_kind_name(p->kind), p->name, p->version,
		           p->purl ? p->purl : "-");
	}
	return buf_take(&b);
}

bool pkg_parse_as(const char *path, unsigned mode, const char *data, size_t len,
                  const char *want, const char *want_err)
{
	const struct pkg_source *s = pkg_source_for(path, mode);
	if (!s) {
		fprintf(stderr, "  no source wants %s\n", path);
		return false;
	}
	struct pkg_inv inv = { 0 };
	char err[256] = "";
	char *copy = xmalloc(len + 1);   /* as the walker hands it: NUL-terminated at len */
	memcpy(copy, data, len);
	copy[len] = '\0';
	bool ok = s->parse(path, copy, len, 3, &inv, err, sizeof err);
	char *got = pkg_lines(&inv);
	bool same = strcmp(got, want) == 0 && ok == !want_err &&
	            (!want_err || strstr(err, want_err));
	for (size_t i = 0; i < inv.npkgs; i++)
		same = same && str_eq(inv.pkgs[i].path, path) && inv.pkgs[i].layer == 3;
	if (!same)
		fprintf(stderr, "  %s (%s): got ok=%d err=\"%s\"\n%s  expected err=%s\n%s", path,
		        s->name, ok, err, got, want_err ? want_err : "(none)", want);
	free(got), free(copy);
	pkg_inv_clear(&inv);
	return same;
}

#define PARSE(path, text, want) CHECK(pkg_parse_as(path, 0644, text, strlen(text), want, NULL))
#define PARSE_ERR(path, text, want, e) CHECK(pkg_parse_as(path, 0644, text, strlen(text), want, e))

static const char *source_name(const char *path, unsigned mode)
{
	const struct pkg_source *s = pkg_source_for(path, mode);
	return s ? s->name : "none";
}

TEST(pkg_lang_wants)
{
	CHECK_STR(source_name("/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA", 0644),
	          "python metadata");
	CHECK_STR(source_name("/usr/lib/python3.11/site-packages/x-1.0.egg-info/PKG-INFO", 0644),
	          "python metadata");
	CHECK_STR(source_name("/usr/lib/python3/dist-packages/x-1.0.egg-info", 0644),
	          "python metadata");
	CHECK_STR(source_name("/usr/lib/python3/dist-packages/x-1.0.dist-info/RECORD", 0644), "none");
	CHECK_STR(source_name("/app/node_modules/lodash/package.json", 0644), "npm package.json");
	CHECK_STR(source_name("/app/node_modules/@types/node/package.json", 0644),
	          "npm package.json");
	CHECK_STR(source_name("/app/node_modules/a/node_modules/b/package.json", 0644),
	          "npm package.json");
	CHECK_STR(source_name("/app/node_modules/rxjs/ajax/package.json", 0644), "none");
	CHECK_STR(source_name("/app/node_modules/@types/package.json", 0644), "none");
	CHECK_STR(source_name("/app/package.json", 0644), "none");
	CHECK_STR(source_name("/app/package-lock.json", 0644), "npm lock file");
	CHECK_STR(source_name("/app/npm-shrinkwrap.json", 0644), "npm lock file");
	CHECK_STR(source_name("/app/node_modules/.package-lock.json", 0644), "none");
	CHECK_STR(source_name("/app/yarn.lock", 0644), "yarn.lock");
	CHECK_STR(source_name("/app/node_modules/x/yarn.lock", 0644), "none");
	CHECK_STR(source_name("/opt/app.JAR", 0644), "java archive");
	CHECK_STR(source_name("/usr/local/tomcat/webapps/ROOT.war", 0644), "java archive");
	CHECK_STR(source_name("/usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec", 0644),
	          "gemspec");
	CHECK_STR(source_name("/usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec",
	                      0644), "gemspec");
	CHECK_STR(source_name("/usr/lib/ruby/gems/3.1.0/gems/rake-13.0.6/rake.gemspec", 0644), "none");
	CHECK_STR(source_name("/var/www/vendor/composer/installed.json", 0644),
	          "composer installed.json");
	CHECK_STR(source_name("/usr/local/bin/app", 0755), "go or rust binary");
	CHECK_STR(source_name("/usr/local/bin/app", 0644), "none");
}

TEST(pkg_lang_python)
{
	PARSE("/usr/lib/python3/dist-packages/Django-4.2.1.dist-info/METADATA",
	      "Metadata-Version: 2.1\nName: Django\nVersion: 4.2.1\nSummary: x\n"
	      "Requires-Dist: asgiref (<4,>=3.6.0)\n\nName: not-a-header\nVersion: 9\n",
	      "pypi Django 4.2.1 pkg:pypi/django@4.2.1\n");
	PARSE("/usr/lib/python3/site-packages/zope_Interface-5.0.egg-info/PKG-INFO",
	      "Metadata-Version: 1.1\r\nname:   zope_Interface  \r\nVersion: 5.0+local.1\r\n",
	      "pypi zope_Interface 5.0+local.1 pkg:pypi/zope-interface@5.0%2Blocal.1\n");
	PARSE("/usr/lib/python3/dist-packages/six-1.16.0.egg-info",
	      "Metadata-Version: 1.0\nName: six\nVersion: 1.16.0\n", "pypi six 1.16.0 pkg:pypi/six@1.16.0\n");
	PARSE_ERR("/x/a.dist-info/METADATA", "Name: a\n\nVersion: 1\n", "", "no Version header");
	PARSE_ERR("/x/a.dist-info/METADATA", "", "", "no Name header");
	PARSE_ERR("/x/a.dist-info/METADATA", "Name: a\x01" "b\nVersion: 1\n", "", NULL);
}

TEST(pkg_lang_npm_package)
{
	PARSE("/app/node_modules/@types/node/package.json",
	      "{\"name\": \"@types/node\", \"version\": \"20.1.0\", \"main\": \"x\"}",
	      "npm @types/node 20.1.0 pkg:npm/%40types/node@20.1.0\n");
	PARSE("/app/node_modules/x/package.json", "{\"name\": \"x\"}", "");
	PARSE("/app/node_modules/x/package.json", "{\"name\": \"x\", \"version\": 3}", "");
	PARSE_ERR("/app/node_modules/x/package.json", "{\n\"name\": \"x\",\n", "", "line 3");
	PARSE_ERR("/app/node_modules/x/package.json", "[1]", "", "not a JSON object");
}

TEST(pkg_lang_npm_lock)
{
	/* v1: nesting, dev-only, an alias, a git dependency. */
	PARSE("/app/package-lock.json",
	      "{\"lockfileVersion\": 1, \"dependencies\": {"
	      " \"a\": {\"version\": \"1.0.0\", \"dependencies\": {\"b\": {\"version\": \"2.0.0\"}}},"
	      " \"jest\": {\"version\": \"29.0.0\", \"dev\": true},"
	      " \"str\": {\"version\": \"npm:string-width@4.2.3\"},"
	      " \"g\": {\"version\": \"github:u/g#abc\"}}}",
	      "npm a 1.0.0 pkg:npm/a@1.0.0\nnpm b 2.0.0 pkg:npm/b@2.0.0\n"
	      "npm string-width 4.2.3 pkg:npm/string-width@4.2.3\n");
	/* v3: install paths; the root, links and dev-only entries are not packages; "dependencies"
	 * (v2's copy for old npm) is not read twice. */
	PARSE("/app/package-lock.json",
	      "{\"lockfileVersion\": 3, \"packages\": {"
	      " \"\": {\"name\": \"app\", \"version\": \"1.0.0\"},"
	      " \"node_modules/@s/a\": {\"version\": \"1.2.3\"},"
	      " \"node_modules/@s/a/node_modules/b\": {\"version\": \"0.1.0\"},"
	      " \"node_modules/w\": {\"resolved\": \"packages/w\", \"link\": true},"
	      " \"packages/w\": {\"name\": \"w\", \"version\": \"0.0.1\"},"
	      " \"node_modules/d\": {\"version\": \"5.0.0\", \"dev\": true},"
	      " \"node_modules/al\": {\"name\": \"real\", \"version\": \"7.0.0\"}},"
	      " \"dependencies\": {\"zz\": {\"version\": \"1.0.0\"}}}",
	      "npm @s/a 1.2.3 pkg:npm/%40s/a@1.2.3\nnpm b 0.1.0 pkg:npm/b@0.1.0\n"
	      "npm real 7.0.0 pkg:npm/real@7.0.0\n");
	PARSE_ERR("/app/package-lock.json", "{\"packages\": ", "", "line 1");
}

TEST(pkg_lang_yarn_lock)
{
	PARSE("/app/yarn.lock",
	      "# THIS IS AN AUTOGENERATED FILE.\n# yarn lockfile v1\n\n\n"
	      "\"@babel/code-frame@^7.0.0\", \"@babel/code-frame@^7.10.4\":\n"
	      "  version \"7.12.13\"\n  resolved \"https://registry.yarnpkg.com/x\"\n"
	      "  dependencies:\n    \"@babel/highlight\" \"^7.10.4\"\n\n"
	      "lodash@^4.17.21:\r\n  version \"4.17.21\"\r\n\n"
	      "gitdep@git+https://x/y.git:\n  version \"file:../x\"\n"
	      "\"string-width-cjs@npm:string-width@^4.2.0\":\n  version \"4.2.3\"\n"
	      "\"@al/x@npm:@real/y@^1\", \"@al/x@npm:@real/y@^1.1\":\n  version \"1.2.0\"\n",
	      "npm @babel/code-frame 7.12.13 pkg:npm/%40babel/code-frame@7.12.13\n"
	      "npm lodash 4.17.21 pkg:npm/lodash@4.17.21\n"
	      "npm string-width 4.2.3 pkg:npm/string-width@4.2.3\n"
	      "npm @real/y 1.2.0 pkg:npm/%40real/y@1.2.0\n");
	/* yarn 2+ writes YAML. */
	PARSE("/app/yarn.lock",
	      "__metadata:\n  version: 6\n  cacheKey: 8\n\n"
	      "\"app@workspace:.\":\n  version: 0.0.0-use.local\n\n"
	      "\"ms@npm:2.1.2, ms@npm:^2.1.1\":\n  version: 2.1.2\n  resolution: \"ms@npm:2.1.2\"\n\n"
	      "\"@types/node@npm:*\":\n  version: 20.1.0\n",
	      "npm ms 2.1.2 pkg:npm/ms@2.1.2\nnpm @types/node 20.1.0 pkg:npm/%40types/node@20.1.0\n");
}

TEST(pkg_lang_composer)
{
	const char *want = "composer monolog/monolog 2.9.1 pkg:composer/monolog/monolog@2.9.1\n"
	                   "composer symfony/console v6.3.0 pkg:composer/symfony/console@v6.3.0\n";
	PARSE("/var/www/vendor/composer/installed.json",
	      "{\"packages\": [{\"name\": \"monolog/monolog\", \"version\": \"2.9.1\"},"
	      " {\"name\": \"symfony/console\", \"version\": \"v6.3.0\"}, {\"name\": \"x/noversion\"}],"
	      " \"dev\": true}", want);
	PARSE("/var/www/vendor/composer/installed.json",
	      "[{\"name\": \"monolog/monolog\", \"version\": \"2.9.1\"},"
	      " {\"name\": \"symfony/console\", \"version\": \"v6.3.0\"}]", want);
	PARSE_ERR("/var/www/vendor/composer/installed.json", "{\"x\": 1}", "", "packages");
	PARSE_ERR("/var/www/vendor/composer/installed.json", "[{]", "", "line 1");
}

TEST(pkg_lang_gemspec)
{
	PARSE("/usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec",
	      "# -*- encoding: utf-8 -*-\n# stub: rake 13.0.6 ruby lib\n\n"
	      "Gem::Specification.new do |s|\n  s.name = \"rake\".freeze\n"
	      "  s.version = \"13.0.6\"\n  s.summary = \"x\"\nend\n",
	      "gem rake 13.0.6 pkg:gem/rake@13.0.6\n");
	PARSE("/usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec",
	      "Gem::Specification.new do |spec|\n  spec.name = 'json'\n  spec.version == 'no'\n"
	      "  spec.version = '2.6.1'\nend\n", "gem json 2.6.1 pkg:gem/json@2.6.1\n");
	PARSE("/g/specifications/old-0.9.gemspec",
	      "Gem::Specification.new do |s|\n  s.name = %q{old}\n  s.version = \"0.9.2\"\nend\n",
	      "gem old 0.9.2 pkg:gem/old@0.9.2\n");
	/* Nothing readable inside: the file name, as RubyGems writes it. */
	PARSE("/g/specifications/net-http-persistent-4.0.2.gemspec", "Gem::Specification.new(x)\n",
	      "gem net-http-persistent 4.0.2 pkg:gem/net-http-persistent@4.0.2\n");
	PARSE_ERR("/g/specifications/noversion.gemspec", "  s.name = \"noversion\"\n", "",
	          "no gem name and version");
}

/* The fields every language package carries. */
TEST(pkg_lang_fields)
{
	const struct pkg_source *s = pkg_source_for("/x/node_modules/a/package.json", 0644);
	struct pkg_inv inv = { 0 };
	char err[64];
	const char text[] = "{\"name\": \"a\", \"version\": \"1.0.0\"}";
	CHECK(s && s->parse("/x/node_modules/a/package.json", text, sizeof text - 1, 2, &inv, err,
	                    sizeof err));
	CHECK_INT(inv.npkgs, 1);
	if (inv.npkgs == 1) {
		CHECK_INT(inv.pkgs[0].kind, PKG_NPM);
		CHECK_STR(inv.pkgs[0].ecosystem, "npm");
		CHECK_INT(inv.pkgs[0].scheme, VERS_SEMVER);
		CHECK_STR(inv.pkgs[0].path, "/x/node_modules/a/package.json");
		CHECK_INT(inv.pkgs[0].layer, 2);
	}
	pkg_inv_clear(&inv);
}
