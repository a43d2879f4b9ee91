/* os-release(5): KEY=value lines, the value maybe quoted in shell style. ID, VERSION_ID and
 * VERSION_CODENAME name the distribution, which is mapped to the OSV ecosystem of its
 * packages (the ecosystem list of the OSV schema). */
#include "collect/pkg_os.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* The value of s[0..n) unquoted: "…" with \" \\ \$ \` escapes, '…' literal, or bare. */
static char *unquote(const char *s, size_t n)
{
	struct buf b = { 0 };
	buf_reserve(&b, n);
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
		char q = s[0];
		for (size_t i = 1; i + 1 < n; i++) {
			if (q == '"' && s[i] == '\\' && i + 2 < n && strchr("\"\\$`", s[i + 1]))
				i++;
			buf_addc(&b, s[i]);
		}
	} else {
		buf_add(&b, s, n);
	}
	return buf_take(&b);
}

/* "3.19.1" -> "3.19": the first two dot-separated parts. */
static char *major_minor(const char *v)
{
	const char *dot = strchr(v, '.');
	dot = dot ? strchr(dot + 1, '.') : NULL;
	return dot ? xstrndup(v, (size_t)(dot - v)) : xstrdup(v);
}

static char *major(const char *v)
{
	return xstrndup(v, strcspn(v, "."));
}

/* The OSV ecosystem of a distribution, or NULL when bulwark does not map it. */
static char *ecosystem(const char *id, const char *vid, const char *version, const char *pretty)
{
	char *r = NULL, *m = NULL;
	if (str_eq(id, "debian"))
		r = *vid ? xasprintf("Debian:%s", vid) : xstrdup("Debian");    /* testing/sid: no ID */
	else if (str_eq(id, "ubuntu") && *vid)
		r = xasprintf("Ubuntu:%s%s", vid, strstr(version, "LTS") ? ":LTS" : "");
	else if (str_eq(id, "alpine") && *vid)
		r = xasprintf("Alpine:v%s", m = major_minor(vid));
	else if (str_eq(id, "rhel") && *vid)
		r = xasprintf("Red Hat:enterprise_linux:%s", m = major(vid));
	else if (str_eq(id, "rocky") && *vid)
		r = xasprintf("Rocky Linux:%s", m = major(vid));
	else if (str_eq(id, "almalinux") && *vid)
		r = xasprintf("AlmaLinux:%s", m = major(vid));
	else if ((str_eq(id, "sles") || str_eq(id, "sles_sap") || str_eq(id, "sle-micro")) &&
	         str_prefix(pretty, "SUSE "))
		r = xasprintf("SUSE:%s", pretty + 5);
	else if (str_prefix(id, "opensuse") && str_prefix(pretty, "openSUSE "))
		r = xasprintf("openSUSE:%s", pretty + 9);
	else if (str_eq(id, "photon") && *vid)
		r = xasprintf("Photon OS:%s", vid);
	else if (str_eq(id, "mageia") && *vid)
		r = xasprintf("Mageia:%s", vid);
	else if (str_eq(id, "wolfi"))
		r = xstrdup("Wolfi");
	else if (str_eq(id, "chainguard"))
		r = xstrdup("Chainguard");
	free(m);
	return r;
}

enum { K_ID, K_VID, K_CODE, K_VERSION, K_PRETTY, K_N };
static const char *const keys[K_N] = { "ID", "VERSION_ID", "VERSION_CODENAME", "VERSION",
                                       "PRETTY_NAME" };

bool pkg_osrel_parse(PKG_PARSE_ARGS)
{
	(void)path, (void)layer, (void)err, (void)errlen;
	char *v[K_N] = { 0 };
	struct pkg_lines l = { data, data + len, 0 };
	const char *p;
	size_t n;
	while (pkg_next_line(&l, &p, &n)) {
		const char *eq = memchr(p, '=', n);
		if (!eq || n > 4096)
			continue;
		for (int k = 0; k < K_N; k++)
			if (strlen(keys[k]) == (size_t)(eq - p) && memcmp(p, keys[k], (size_t)(eq - p)) == 0) {
				free(v[k]);
				v[k] = unquote(eq + 1, (size_t)(p + n - eq - 1));
			}
	}
	const char *e[K_N];
	for (int k = 0; k < K_N; k++)
		e[k] = v[k] ? v[k] : "";
	free(inv->os.id), free(inv->os.version_id), free(inv->os.codename), free(inv->os.ecosystem);
	inv->os.ecosystem = ecosystem(e[K_ID], e[K_VID], e[K_VERSION], e[K_PRETTY]);
	inv->os.known = inv->os.ecosystem != NULL;
	inv->os.id = v[K_ID], inv->os.version_id = v[K_VID], inv->os.codename = v[K_CODE];
	inv->have_os = true;
	free(v[K_VERSION]);
	free(v[K_PRETTY]);
	return true;
}
