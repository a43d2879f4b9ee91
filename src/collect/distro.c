/* One table from distribution to OSV ecosystem, for the image's os-release and for SBOMs. */
#include "collect/distro.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* How much of VERSION_ID the ecosystem keeps: the major number, major.minor, or all of it. */
enum keep { MAJOR = 1, MAJOR_MINOR = 2, ALL = 0, NONE = -1 };

static const struct distro {
	const char *id, *fmt;
	enum keep keep;
} distros[] = {
	{ "debian", "Debian:%s", MAJOR },
	{ "ubuntu", "Ubuntu:%s", MAJOR_MINOR },
	{ "alpine", "Alpine:v%s", MAJOR_MINOR },
	{ "rhel", "Red Hat:enterprise_linux:%s", MAJOR },
	{ "rocky", "Rocky Linux:%s", MAJOR },
	{ "almalinux", "AlmaLinux:%s", MAJOR },
	{ "photon", "Photon OS:%s", ALL },
	{ "mageia", "Mageia:%s", ALL },
	{ "wolfi", "Wolfi", NONE },
	{ "chainguard", "Chainguard", NONE },
};

/* The first n dot-separated numbers of v ("3.19.1", 2 -> "3.19"), or NULL if v starts with none. */
static char *numbers(const char *v, int n)
{
	size_t len = 0;
	for (int i = 0; i < n; i++) {
		if (i > 0 && v[len] != '.')   /* before reading past it: it may be the NUL */
			break;
		size_t d = strspn(v + len + (i > 0), "0123456789");
		if (d == 0)
			break;
		len += (i > 0) + d;
	}
	return len ? xstrndup(v, len) : NULL;
}

/* Ubuntu's LTS releases: os-release's VERSION says so; a purl does not, but they are the April
 * releases of even years. */
static bool ubuntu_lts(const char *vid, const char *version)
{
	if (version)
		return strstr(version, "LTS") != NULL;
	return atoi(vid) % 2 == 0 && str_suffix(vid, ".04");
}

/* SUSE's ecosystems are named from PRETTY_NAME ("SUSE Linux Enterprise Server 15 SP5"). */
static char *suse(const char *id, const char *pretty)
{
	if (!pretty)
		return NULL;
	if ((str_eq(id, "sles") || str_eq(id, "sles_sap") || str_eq(id, "sle-micro")) &&
	    str_prefix(pretty, "SUSE "))
		return xasprintf("SUSE:%s", pretty + 5);
	if (str_prefix(id, "opensuse") && str_prefix(pretty, "openSUSE "))
		return xasprintf("openSUSE:%s", pretty + 9);
	return NULL;
}

char *distro_ecosystem(const char *id, const char *version_id, const char *version,
                       const char *pretty)
{
	if (!id)
		return NULL;
	const char *vid = version_id ? version_id : "";
	for (size_t i = 0; i < sizeof distros / sizeof *distros; i++) {
		const struct distro *d = &distros[i];
		if (!str_ieq(id, d->id))
			continue;
		if (d->keep == NONE)
			return xstrdup(d->fmt);
		char *v = d->keep == ALL ? (*vid ? xstrdup(vid) : NULL) : numbers(vid, d->keep);
		if (!v)   /* Debian testing and sid have no VERSION_ID */
			return str_ieq(id, "debian") ? xstrdup("Debian") : NULL;
		char *e = xasprintf(d->fmt, v);
		if (str_ieq(id, "ubuntu") && ubuntu_lts(v, version)) {
			char *lts = xasprintf("%s:LTS", e);
			free(e), e = lts;
		}
		free(v);
		return e;
	}
	return suse(id, pretty);
}
