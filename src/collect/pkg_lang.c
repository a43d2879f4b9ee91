/* Language packages: which files hold them (the table the layer walker asks) and the one
 * constructor every parser adds through. Each parser lives in a file named for what it reads. */
#include "collect/pkg_lang_int.h"
#include "collect/pkg_purl.h"
#include "util/util.h"
#include <string.h>

#define KiB ((size_t)1 << 10)
#define MiB ((size_t)1 << 20)
#define NAME_MAX_LEN 512      /* longer than any registry allows: garbage, not a package */
#define VERSION_MAX_LEN 256

static const struct {
	const char *ecosystem;   /* OSV's name */
	enum vers_scheme scheme;
} lang[] = {
	[PKG_PYPI] = { "PyPI", VERS_PEP440 },     [PKG_NPM] = { "npm", VERS_SEMVER },
	[PKG_GO] = { "Go", VERS_SEMVER },         [PKG_MAVEN] = { "Maven", VERS_MAVEN },
	[PKG_GEM] = { "RubyGems", VERS_GEM },     [PKG_CARGO] = { "crates.io", VERS_SEMVER },
	/* Composer's versions are SemVer-like ("v1.2.3", "2.0.0-RC1"); no scheme of its own yet. */
	[PKG_COMPOSER] = { "Packagist", VERS_SEMVER },
};

static bool plain(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (!n || n > max)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

struct pkg *pkg_lang_add(struct pkg_inv *inv, enum pkg_kind kind, const char *name,
                         const char *version, const char *path, size_t layer)
{
	if (kind < PKG_PYPI || kind > PKG_COMPOSER || !name || !version ||
	    !plain(name, NAME_MAX_LEN) || !plain(version, VERSION_MAX_LEN))
		return NULL;
	struct pkg *p = pkg_inv_add(inv, kind, name, version);
	if (!p)
		return NULL;
	p->ecosystem = xstrdup(lang[kind].ecosystem);
	p->scheme = lang[kind].scheme;
	p->purl = pkg_purl(kind, name, version);
	p->path = xstrdup(path);
	p->layer = layer;
	return p;
}

/* The last path component, and the one before it (into dir, "" at the root). */
static const char *base_of(const char *path, char *dir, size_t dirlen)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	size_t end = b > path ? (size_t)(b - path - 1) : 0, start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	size_t n = end - start < dirlen ? end - start : dirlen - 1;
	memcpy(dir, path + start, n);
	dir[n] = '\0';
	return b;
}

static bool wants_python(const char *path, unsigned mode)
{
	(void)mode;
	/* An egg-info may be a plain file holding the PKG-INFO text (distutils installs). */
	return str_suffix(path, ".dist-info/METADATA") || str_suffix(path, ".egg-info/PKG-INFO") ||
	       str_suffix(path, ".egg-info");
}

/* Only a package's own manifest: …/node_modules/NAME/package.json or …/@SCOPE/NAME/…; the
 * package.json files some packages keep in subdirectories describe no installed package, and
 * the application's own, outside node_modules, is not a dependency. */
static bool wants_npm_package(const char *path, unsigned mode)
{
	(void)mode;
	const char *nm = NULL;
	for (const char *p = path; (p = strstr(p, "/node_modules/")); p++)
		nm = p;
	if (!nm || !str_suffix(path, "/package.json"))
		return false;
	const char *rest = nm + strlen("/node_modules/");
	const char *slash = strchr(rest, '/');
	if (*rest == '@' && slash)
		slash = strchr(slash + 1, '/');
	return slash && strcmp(slash, "/package.json") == 0 && slash > rest;
}

/* Lock files outside node_modules (node_modules/.package-lock.json repeats what the
 * package.json files there say). */
static bool wants_npm_lock(const char *path, unsigned mode)
{
	(void)mode;
	return !strstr(path, "/node_modules/") &&
	       (str_suffix(path, "/package-lock.json") || str_suffix(path, "/npm-shrinkwrap.json"));
}

static bool wants_yarn_lock(const char *path, unsigned mode)
{
	(void)mode;
	return !strstr(path, "/node_modules/") && str_suffix(path, "/yarn.lock");
}

static bool wants_jar(const char *path, unsigned mode)
{
	(void)mode;
	return str_isuffix(path, ".jar") || str_isuffix(path, ".war") || str_isuffix(path, ".ear");
}

/* Installed gems: …/specifications/NAME-VERSION.gemspec, and …/specifications/default/ for
 * the gems Ruby ships. */
static bool wants_gemspec(const char *path, unsigned mode)
{
	(void)mode;
	char dir[32];
	base_of(path, dir, sizeof dir);
	return str_suffix(path, ".gemspec") &&
	       (strcmp(dir, "specifications") == 0 ||
	        (strcmp(dir, "default") == 0 && strstr(path, "/specifications/default/")));
}

static bool wants_composer(const char *path, unsigned mode)
{
	(void)mode;
	return str_suffix(path, "/vendor/composer/installed.json");
}

/* Any executable may be a Go or Rust binary; only the content tells (a script or another ELF
 * parses to nothing). Asked last, so a named source takes an executable file first. */
static bool wants_binary(const char *path, unsigned mode)
{
	(void)path;
	return (mode & 0111) != 0;
}

/* Sizes: above them the walker skips the file with a warning. Manifests are small; lock files
 * of large monorepos reach a few MiB, and a JSON one costs about 6 times its size parsed (a
 * 19.8 MB package-lock.json of 57 000 packages: 118 MB peak); jars and binaries are read whole,
 * so their bound is the memory one file may take (a larger one is named in the warning). */
const struct pkg_source pkg_sources_lang[] = {
	{ "python metadata", wants_python, 1 * MiB, pkg_python_parse },
	{ "npm package.json", wants_npm_package, 1 * MiB, pkg_npm_package_parse },
	{ "npm lock file", wants_npm_lock, 32 * MiB, pkg_npm_lock_parse },
	{ "yarn.lock", wants_yarn_lock, 32 * MiB, pkg_yarn_lock_parse },
	{ "java archive", wants_jar, 128 * MiB, pkg_jar_parse },
	{ "gemspec", wants_gemspec, 256 * KiB, pkg_gemspec_parse },
	{ "composer installed.json", wants_composer, 16 * MiB, pkg_composer_parse },
	{ "go or rust binary", wants_binary, 256 * MiB, pkg_binary_parse },
	{ 0 },
};
