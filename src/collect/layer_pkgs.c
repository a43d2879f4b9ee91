/* Packages in the layer pass: each layer's package files parsed into its own inventory (so the
 * layer cache can hold them), then the final filesystem's inventory assembled from the files
 * no later layer deletes or replaces. */
#include "collect/layer_int.h"
#include "collect/pkg_os.h"
#include "collect/pkg_source.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static void os_clear(struct pkg_os *os)
{
	free(os->id), free(os->version_id), free(os->codename), free(os->ecosystem);
	memset(os, 0, sizeof *os);
}

static struct pkg_os os_copy(const struct pkg_os *o)
{
	return (struct pkg_os){ xstrdup(o->id), xstrdup(o->version_id), xstrdup(o->codename),
	                        xstrdup(o->ecosystem), o->known };
}

void layer_pkgs_note(struct layer_facts *f, const char *path, char *msg)
{
	GROW(f->pnotes, f->cap_pnotes, f->npnotes);
	f->pnotes[f->npnotes++] = (struct layer_pkgnote){ xstrdup(path), msg };
}

void layer_pkgs_file(struct layer_facts *f, const struct pkg_source *s, const char *path,
                     const char *data, size_t len)
{
	char err[256] = "";
	struct pkg_os keep = f->inv.os;       /* an os-release's fields go to f->os, by path */
	bool had = f->inv.have_os;
	memset(&f->inv.os, 0, sizeof f->inv.os);
	f->inv.have_os = false;
	if (!s->parse(path, data, len, 0, &f->inv, err, sizeof err))
		layer_pkgs_note(f, path, xasprintf("%s: %s; the packages read before it are kept",
		                                   s->name, err[0] ? err : "malformed"));
	if (f->inv.have_os) {
		GROW(f->os, f->cap_os, f->nos);
		f->os[f->nos++] = (struct layer_os){ xstrdup(path), f->inv.os };
	} else {
		os_clear(&f->inv.os);
	}
	f->inv.os = keep;
	f->inv.have_os = had;
}

void layer_pkgs_drop(struct layer_facts *f, const char *path)
{
	size_t k = 0;
	for (size_t i = 0; i < f->inv.npkgs; i++) {
		if (str_eq(f->inv.pkgs[i].path, path)) {
			struct pkg_inv one = { .pkgs = xmalloc(sizeof(struct pkg)), .npkgs = 1, .cap = 1 };
			one.pkgs[0] = f->inv.pkgs[i];
			pkg_inv_clear(&one);     /* frees that package's strings */
		} else {
			f->inv.pkgs[k++] = f->inv.pkgs[i];
		}
	}
	f->inv.npkgs = k;
	for (size_t i = 0; i < f->nos; i++)
		if (str_eq(f->os[i].path, path)) {
			free(f->os[i].path);
			os_clear(&f->os[i].os);
			f->os[i--] = f->os[--f->nos];
		}
	for (size_t i = 0; i < f->npnotes; i++)
		if (str_eq(f->pnotes[i].path, path)) {
			free(f->pnotes[i].path), free(f->pnotes[i].msg);
			f->pnotes[i--] = f->pnotes[--f->npnotes];
		}
}

void layer_pkgs_free(struct layer_facts *f)
{
	pkg_inv_clear(&f->inv);
	for (size_t i = 0; i < f->nos; i++) {
		free(f->os[i].path);
		os_clear(&f->os[i].os);
	}
	free(f->os);
	for (size_t i = 0; i < f->npnotes; i++)
		free(f->pnotes[i].path), free(f->pnotes[i].msg);
	free(f->pnotes);
}

/* ---- assembly ---- */

static bool visible(const struct layer_facts *const *L, size_t n, size_t i, const char *path)
{
	for (size_t j = i + 1; j < n; j++)
		if (L[j] && layer_hides(L[j], path, false))
			return false;
	return true;
}

static void pkg_copy(struct pkg_inv *out, const struct pkg *p, size_t layer)
{
	struct pkg *q = pkg_inv_add(out, p->kind, p->name, p->version);
	if (!q)
		return;
	q->source = xstrdup(p->source);
	q->source_version = xstrdup(p->source_version);
	q->ecosystem = xstrdup(p->ecosystem);
	q->purl = xstrdup(p->purl);
	q->arch = xstrdup(p->arch);
	q->path = xstrdup(p->path);
	q->layer = layer;
	q->scheme = p->scheme;
}

/* The distribution: /etc/os-release before /usr/lib/os-release, each from where it is visible. */
static void pick_os(const struct layer_facts *const *L, size_t n, struct pkg_inv *out)
{
	static const char *const order[] = { "/etc/os-release", "/usr/lib/os-release" };
	for (size_t o = 0; o < 2 && !out->have_os; o++)
		for (size_t i = n; i-- > 0 && !out->have_os;)
			for (size_t k = 0; L[i] && k < L[i]->nos; k++)
				if (str_eq(L[i]->os[k].path, order[o]) && visible(L, n, i, order[o])) {
					out->os = os_copy(&L[i]->os[k].os);
					out->have_os = true;
					break;
				}
}

static bool is_os_pkg(enum pkg_kind k)
{
	return k == PKG_DPKG || k == PKG_APK || k == PKG_RPM;
}

void layer_pkgs_assemble(const char *image, const struct layer_facts *const *L, size_t n,
                         struct pkg_inv *out, struct findings *errs)
{
	size_t nos = 0;
	for (size_t i = 0; i < n; i++) {
		if (!L[i])
			continue;
		for (size_t k = 0; k < L[i]->inv.npkgs; k++) {
			const struct pkg *p = &L[i]->inv.pkgs[k];
			if (visible(L, n, i, p->path)) {
				pkg_copy(out, p, i);
				nos += is_os_pkg(p->kind);
			}
		}
		out->capped |= L[i]->inv.capped;
		for (size_t k = 0; errs && k < L[i]->npnotes; k++)
			if (visible(L, n, i, L[i]->pnotes[k].path))
				findings_warn(errs, image, 0, "%s (layer %zu): %s", L[i]->pnotes[k].path, i,
				              L[i]->pnotes[k].msg);
	}
	pick_os(L, n, out);
	pkg_os_label(out);
	if (!errs)
		return;
	if (out->capped)
		findings_warn(errs, image, 0, "more packages than the %zu the inventory keeps; the "
		              "rest are not checked", out->npkgs);
	if (out->have_os && !out->os.known)
		findings_warn(errs, image, 0, "os-release names a distribution bulwark does not map to "
		              "a vulnerability ecosystem (ID=%s VERSION_ID=%s); its %zu OS packages are "
		              "not matched", out->os.id ? out->os.id : "", out->os.version_id ?
		              out->os.version_id : "", nos);
	else if (!out->have_os && nos)
		findings_warn(errs, image, 0, "no os-release in the image: the distribution of its %zu "
		              "OS packages is unknown and they are not matched", nos);
}
