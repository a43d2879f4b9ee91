/* How each package manager's packages name a version (pkg_managers.c points at these). */
#include "rules/dockerfile/pkg_pins.h"
#include "util/util.h"
#include <ctype.h>
#include <string.h>

bool apt_pinned(const char *p)
{
	return strchr(p, '=') || strchr(p, '/') || str_suffix(p, ".deb");
}

/* pkg=1.2.3-r0, pkg~1.2, pkg>1.2, a local .apk file or a path */
bool apk_pinned(const char *p)
{
	return strpbrk(p, "=~<>/") || str_suffix(p, ".apk");
}

/* name-1.2.3, name-1.2*, a .rpm file, a path or URL; @groups and modules are not packages */
bool rpm_pinned(const char *p)
{
	if (p[0] == '@' || strchr(p, '/') || str_suffix(p, ".rpm"))
		return true;
	for (const char *d = strchr(p + 1, '-'); d; d = strchr(d + 1, '-'))
		if (isdigit((unsigned char)d[1]))
			return true;
	return false;
}

bool zypper_pinned(const char *p)
{
	return strpbrk(p, "=<>/") || str_suffix(p, ".rpm");
}

/* a module with a stream: nodejs:18 */
bool module_pinned(const char *p)
{
	return strchr(p, ':') != NULL;
}

static bool has_prefix_of(const char *p, const char *const *l)
{
	for (; *l; l++)
		if (str_prefix(p, *l))
			return true;
	return false;
}

/* name@1.2.3, @scope/name@^1, a git URL with #ref, a tarball, a folder */
bool npm_pinned(const char *p)
{
	static const char *const git[] = { "git://", "git+ssh://", "git+http://", "git+https://",
		"github:", "gitlab:", "bitbucket:", "gist:", NULL };
	static const char *const local[] = { "/", "./", "../", "~/", "file:", "http://",
		"https://", NULL };
	const char *at, *name = p;
	if (has_prefix_of(p, git))
		return strchr(p, '#') != NULL;
	if (has_prefix_of(p, local) || str_suffix(p, ".tgz") || str_suffix(p, ".tar")
	    || str_suffix(p, ".tar.gz"))
		return true;
	if (p[0] == '@' && !(name = strchr(p, '/')))
		return false;
	if (p[0] != '@' && strchr(p, '/'))           /* user/repo on GitHub */
		return strchr(p, '#') != NULL;
	at = strchr(name, '@');
	return at && at[1] && strcmp(at + 1, "latest");
}

static const char *const pip_vcs[] = { "git+", "hg+", "svn+", "bzr+", NULL };

/* A VCS URL pins with @ref after its path, a tag or commit (a branch named main, master, trunk
 * or HEAD moves); its #egg= or #subdirectory= fragment says nothing of the version. The path
 * starts after the host (an @ before it is a user), the ref may hold slashes (@refs/tags/v1). */
static bool vcs_pinned(const char *url)
{
	static const char *const moving[] = { "main", "master", "trunk", "HEAD", NULL };
	const char *sep = strstr(url, "://");
	size_t n = strcspn(url, "#"), path = 0, at = 0;
	if (sep && sep < url + n)
		path = (size_t)(sep - url) + 3 + strcspn(sep + 3, "/#");
	else
		for (size_t i = 0; i < n; i++)   /* user@host:org/repo.git: after the last ':' */
			if (url[i] == ':')
				path = i;
	for (size_t i = path; i < n; i++)
		if (url[i] == '@')
			at = i;
	if (!at || at + 1 >= n)
		return false;
	for (const char *const *m = moving; *m; m++)
		if (strlen(*m) == n - at - 1 && !strncmp(url + at + 1, *m, n - at - 1))
			return false;
	return true;
}

/* The URL of a direct reference, "name @ git+https://...", or NULL. */
static const char *direct_url(const char *p)
{
	const char *at = strchr(p, '@');
	if (!at)
		return NULL;
	for (at++; *at == ' ' || *at == '\t'; at++)
		;
	return strchr(at, ':') ? at : NULL;
}

/* pkg==1.2, pkg>=1,<2, pkg~=1.4, a VCS URL with @ref, a wheel, sdist, path or URL */
bool pip_pinned(const char *p)
{
	static const char *const files[] = { ".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", NULL };
	const char *url = has_prefix_of(p, pip_vcs) ? p : direct_url(p);
	if (url)
		return has_prefix_of(url, pip_vcs) ? vcs_pinned(url) : true;
	if (strpbrk(p, "=<>!~"))
		return true;
	if (strchr(p, '/') || p[0] == '.')
		return true;
	for (const char *const *f = files; *f; f++)
		if (str_suffix(p, *f))
			return true;
	return false;
}

/* gem:1.2.3, a local .gem file or path */
bool gem_pinned(const char *p)
{
	return strchr(p, ':') || strchr(p, '/') || str_suffix(p, ".gem");
}

/* pkg@v1.2.3, a local package (./cmd/x) or .go file; pkg and pkg@latest float */
bool go_pinned(const char *p)
{
	const char *at = strrchr(p, '@');
	if (p[0] == '.' || p[0] == '/' || str_suffix(p, ".go"))
		return true;
	return at && at[1] && strcmp(at + 1, "latest");
}

/* go run: only a module path (a dot in its first element: example.com/x) is fetched; other
 * import paths are the standard library's or the current module's */
bool go_run_pinned(const char *p)
{
	size_t first = strcspn(p, "/@");
	return !memchr(p, '.', first) || go_pinned(p);
}
