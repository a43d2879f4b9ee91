/* dpkg's database: /var/lib/dpkg/status (every package dpkg knows; only those whose Status says
 * "installed" are) and the files of /var/lib/dpkg/status.d/ that distroless images carry instead
 * (one or more stanzas each, no Status). Stanzas are "Field: value" lines, continued by lines
 * that start with a space or tab, separated by blank lines (deb-control(5)). */
#include "collect/pkg_os.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct field { const char *s; size_t n; };
struct stanza { struct field pkg, ver, src, status, arch; int line; bool any; };

static bool field(const char *s, size_t n, const char *key, struct field *out)
{
	size_t k = strlen(key);
	if (n <= k || s[k] != ':' || strncasecmp(s, key, k) != 0)
		return false;
	s += k + 1, n -= k + 1;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*out = (struct field){ s, n };
	return true;
}

/* The state, Status's last word, is "installed". */
static bool installed(struct field st)
{
	static const char w[] = "installed";
	size_t k = sizeof w - 1;
	return st.n >= k && memcmp(st.s + st.n - k, w, k) == 0 &&
	       (st.n == k || st.s[st.n - k - 1] == ' ');
}

static char *dup(struct field f)
{
	return xstrndup(f.s, f.n);
}

/* "+bN" at the end: a binNMU, rebuilt without a new source upload (Debian policy 5.6.12). */
static size_t strip_binnmu(const char *v, size_t n)
{
	size_t i = n;
	while (i && v[i - 1] >= '0' && v[i - 1] <= '9')
		i--;
	return i < n && i >= 2 && v[i - 1] == 'b' && v[i - 2] == '+' ? i - 2 : n;
}

struct dpkg {
	const char *path;
	size_t layer;
	struct pkg_inv *inv;
	bool need_status, faulted;
	char *err; size_t errlen;
};

static void add(struct dpkg *d, const struct stanza *s)
{
	char *name = dup(s->pkg), *ver = dup(s->ver);
	struct pkg *p = pkg_inv_add(d->inv, PKG_DPKG, name, ver);
	if (p) {
		/* Source: name [(version)] */
		struct field sn = s->src.n ? s->src : s->pkg, sv = { 0 };
		const char *open = memchr(sn.s, '(', sn.n);
		if (open && s->src.n) {
			const char *close = memchr(open, ')', (size_t)(sn.s + sn.n - open));
			if (close)
				sv = (struct field){ open + 1, (size_t)(close - open - 1) };
			sn.n = (size_t)(open - sn.s);
			while (sn.n && sn.s[sn.n - 1] == ' ')
				sn.n--;
		}
		if (!sv.n)
			sv = (struct field){ s->ver.s, strip_binnmu(s->ver.s, s->ver.n) };
		p->source = dup(sn);
		p->source_version = dup(sv);
		p->arch = s->arch.n ? dup(s->arch) : NULL;
		p->path = xstrdup(d->path);
		p->layer = d->layer;
		p->scheme = VERS_DPKG;
	}
	free(name);
	free(ver);
}

static void finish(struct dpkg *d, struct stanza *s)
{
	if (!s->any || (d->need_status && !installed(s->status)))
		goto out;
	if (!s->pkg.n)
		pkg_fault(d->err, d->errlen, &d->faulted, "line %d: a stanza without Package", s->line);
	else if (!s->ver.n)
		pkg_fault(d->err, d->errlen, &d->faulted, "line %d: package %.*s has no Version",
		          s->line, (int)(s->pkg.n < 64 ? s->pkg.n : 64), s->pkg.s);
	else if (!pkg_field_ok(s->pkg.s, s->pkg.n, false) || !pkg_field_ok(s->ver.s, s->ver.n, false) ||
	         !pkg_field_ok(s->src.s, s->src.n, true) || !pkg_field_ok(s->arch.s, s->arch.n, true))
		pkg_fault(d->err, d->errlen, &d->faulted, "line %d: a field longer than %u bytes or "
		          "holding a NUL", s->line, PKG_FIELD_MAX);
	else
		add(d, s);
out:
	memset(s, 0, sizeof *s);
}

bool pkg_dpkg_parse(PKG_PARSE_ARGS)
{
	struct dpkg d = { path, layer, inv, !str_prefix(path, "/var/lib/dpkg/status.d/"), false,
	                  err, errlen };
	struct pkg_lines l = { data, data + len, 0 };
	struct stanza s = { 0 };
	const char *p;
	size_t n;
	while (pkg_next_line(&l, &p, &n)) {
		if (n == 0) {
			finish(&d, &s);
			continue;
		}
		if (*p == ' ' || *p == '\t')     /* continuation (Description, Conffiles …) */
			continue;
		if (!s.any)
			s.any = true, s.line = l.line;
		(void)(field(p, n, "Package", &s.pkg) || field(p, n, "Version", &s.ver) ||
		       field(p, n, "Source", &s.src) || field(p, n, "Status", &s.status) ||
		       field(p, n, "Architecture", &s.arch));
	}
	finish(&d, &s);
	return !d.faulted;
}
