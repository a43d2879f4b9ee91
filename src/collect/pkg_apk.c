/* apk's database, /lib/apk/db/installed: one record per package, "X:value" lines (P: name,
 * V: version, A: architecture, o: origin, the source package), records separated by a blank
 * line. */
#include "collect/pkg_os.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

struct rec { const char *v[4]; size_t n[4]; int line; bool any; };
static const char keys[] = "PVAo";

struct apk {
	const char *path;
	size_t layer;
	struct pkg_inv *inv;
	bool faulted;
	char *err; size_t errlen;
};

static void finish(struct apk *a, struct rec *r)
{
	if (!r->any)
		return;
	bool bad_field = false;
	for (int i = 0; i < 4; i++)
		bad_field |= !pkg_field_ok(r->v[i], r->n[i], true);
	if (!r->n[0] || !r->n[1]) {
		pkg_fault(a->err, a->errlen, &a->faulted, "line %d: a record without %s", r->line,
		          r->n[0] ? "V: (version)" : "P: (name)");
	} else if (bad_field) {
		pkg_fault(a->err, a->errlen, &a->faulted, "line %d: a field longer than %u bytes or "
		          "holding a NUL", r->line, PKG_FIELD_MAX);
	} else {
		char *name = xstrndup(r->v[0], r->n[0]), *ver = xstrndup(r->v[1], r->n[1]);
		struct pkg *p = pkg_inv_add(a->inv, PKG_APK, name, ver);
		if (p) {
			p->source = r->n[3] ? xstrndup(r->v[3], r->n[3]) : xstrdup(name);
			p->source_version = xstrdup(ver);
			p->arch = r->n[2] ? xstrndup(r->v[2], r->n[2]) : NULL;
			p->path = xstrdup(a->path);
			p->layer = a->layer;
			p->scheme = VERS_APK;
		}
		free(name);
		free(ver);
	}
	memset(r, 0, sizeof *r);
}

bool pkg_apk_parse(PKG_PARSE_ARGS)
{
	struct apk a = { path, layer, inv, false, err, errlen };
	struct pkg_lines l = { data, data + len, 0 };
	struct rec r = { 0 };
	const char *p;
	size_t n;
	while (pkg_next_line(&l, &p, &n)) {
		if (n == 0) {
			finish(&a, &r);
			continue;
		}
		if (!r.any)
			r.any = true, r.line = l.line;
		const char *k = n >= 2 && p[1] == ':' ? memchr(keys, p[0], 4) : NULL;
		if (k)
			r.v[k - keys] = p + 2, r.n[k - keys] = n - 2;
	}
	finish(&a, &r);
	return !a.faulted;
}
