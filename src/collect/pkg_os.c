/* OS package databases and /etc/os-release: which files they are, and what the distribution
 * adds to their packages (OSV ecosystem, package URL). */
#include "collect/pkg_os.h"
#include "collect/pkg_purl.h"
#include "collect/pkg_source.h"
#include "util/util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_dpkg(const char *p, unsigned m)
{
	(void)m;
	return str_eq(p, "/var/lib/dpkg/status") ||
	       (str_prefix(p, "/var/lib/dpkg/status.d/") && !strchr(p + 23, '/') && p[23] &&
	        p[23] != '.' && !str_suffix(p, ".md5sums"));   /* newer distroless: md5sums beside */
}

static bool is_apk(const char *p, unsigned m)
{
	(void)m;
	return str_eq(p, "/lib/apk/db/installed") || str_eq(p, "/usr/lib/apk/db/installed");
}

static bool is_rpmdb(const char *p, unsigned m)
{
	(void)m;
	return str_eq(p, "/var/lib/rpm/rpmdb.sqlite") || str_eq(p, "/usr/lib/sysimage/rpm/rpmdb.sqlite");
}

static bool is_rpm_bdb(const char *p, unsigned m)
{
	(void)m;
	return str_eq(p, "/var/lib/rpm/Packages") || str_eq(p, "/usr/lib/sysimage/rpm/Packages");
}

static bool is_rpm_ndb(const char *p, unsigned m)
{
	(void)m;
	return str_eq(p, "/var/lib/rpm/Packages.db") || str_eq(p, "/usr/lib/sysimage/rpm/Packages.db");
}

static bool is_osrel(const char *p, unsigned m)
{
	(void)m;
	return str_eq(p, "/etc/os-release") || str_eq(p, "/usr/lib/os-release");
}

/* Sizes: several times the largest real databases (a 3000-package dpkg status is about 4 MiB)
 * while the parsed packages of a file at the cap keep a layer's memory under 64 MiB; the rpm
 * database is copied once more for SQLite (Berkeley DB: a header put together from overflow
 * pages; ndb: nothing). */
const struct pkg_source pkg_sources_os[] = {
	{ "dpkg status", is_dpkg, 8u << 20, pkg_dpkg_parse },
	{ "apk installed", is_apk, 8u << 20, pkg_apk_parse },
	{ "rpmdb.sqlite", is_rpmdb, 32u << 20, pkg_rpmdb_parse },
	{ "rpm Berkeley DB", is_rpm_bdb, 32u << 20, pkg_rpm_bdb_parse },
	{ "rpm ndb", is_rpm_ndb, 32u << 20, pkg_rpm_ndb_parse },
	{ "os-release", is_osrel, 64u << 10, pkg_osrel_parse },
	{ 0 }
};

bool pkg_next_line(struct pkg_lines *l, const char **s, size_t *n)
{
	if (l->p >= l->end)
		return false;
	const char *nl = memchr(l->p, '\n', (size_t)(l->end - l->p));
	const char *e = nl ? nl : l->end;
	*s = l->p;
	*n = (size_t)(e - l->p);
	if (*n && (*s)[*n - 1] == '\r')
		(*n)--;
	l->p = nl ? nl + 1 : l->end;
	l->line++;
	return true;
}

bool pkg_field_ok(const char *s, size_t n, bool may_be_empty)
{
	return n == 0 ? may_be_empty : n <= PKG_FIELD_MAX && !memchr(s, 0, n);
}

void pkg_fault(char *err, size_t errlen, bool *faulted, const char *fmt, ...)
{
	if (*faulted)
		return;
	*faulted = true;
	va_list ap;
	va_start(ap, fmt);
	if (err && errlen)
		vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static void enc(struct buf *b, const char *s)
{
	pkg_purl_enc(b, s, strlen(s), false, false);
}

/* pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12; rpm carries the epoch apart. */
static char *purl(const struct pkg *p, const struct pkg_os *os)
{
	static const char *const type[] = { "deb", "apk", "rpm" };
	struct buf b = { 0 };
	buf_printf(&b, "pkg:%s/", type[p->kind]);
	if (os->id && *os->id) {
		enc(&b, os->id);
		buf_addc(&b, '/');
	}
	enc(&b, p->name);
	buf_addc(&b, '@');
	const char *v = p->version, *colon = strchr(v, ':');
	if (p->kind == PKG_RPM && colon)
		v = colon + 1;
	enc(&b, v);
	char sep = '?';
	if (p->arch) {
		buf_adds(&b, "?arch=");
		enc(&b, p->arch);
		sep = '&';
	}
	if (p->kind == PKG_RPM && colon) {
		buf_printf(&b, "%cepoch=%.*s", sep, (int)(colon - p->version), p->version);
		sep = '&';
	}
	if (os->id && *os->id && os->version_id && *os->version_id) {
		buf_printf(&b, "%cdistro=", sep);
		enc(&b, os->id);
		buf_addc(&b, '-');
		enc(&b, os->version_id);
	}
	return buf_take(&b);
}

void pkg_os_label(struct pkg_inv *inv)
{
	for (size_t i = 0; i < inv->npkgs; i++) {
		struct pkg *p = &inv->pkgs[i];
		if (p->kind != PKG_DPKG && p->kind != PKG_APK && p->kind != PKG_RPM)
			continue;
		free(p->ecosystem);
		free(p->purl);
		p->ecosystem = inv->os.ecosystem ? xstrdup(inv->os.ecosystem) : NULL;
		p->purl = purl(p, &inv->os);
	}
}
