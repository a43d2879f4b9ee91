/* The package inventory's constructors and destructors. */
#include "model/pkg.h"
#include "model/vuln.h"
#include <stdlib.h>
#include <string.h>

#define PKG_INV_MAX 200000   /* bounds memory whatever the image holds */

struct pkg *pkg_inv_add(struct pkg_inv *inv, enum pkg_kind kind, const char *name,
                        const char *version)
{
	if (inv->npkgs >= PKG_INV_MAX) {
		inv->capped = true;
		return NULL;
	}
	if (inv->npkgs == inv->cap) {
		size_t cap = inv->cap ? inv->cap * 2 : 64;
		struct pkg *v = realloc(inv->pkgs, cap * sizeof *v);
		if (!v)
			abort();
		inv->pkgs = v, inv->cap = cap;
	}
	struct pkg *p = &inv->pkgs[inv->npkgs++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->name = strdup(name ? name : "");
	p->version = strdup(version ? version : "");
	if (!p->name || !p->version)
		abort();
	return p;
}

static void pkg_clear(struct pkg *p)
{
	free(p->name), free(p->version), free(p->source), free(p->source_version);
	free(p->ecosystem), free(p->purl), free(p->path), free(p->arch);
	for (size_t i = 0; i < p->ncands; i++)
		vuln_rec_clear(&p->cands[i]);
	free(p->cands);
}

void pkg_inv_clear(struct pkg_inv *inv)
{
	for (size_t i = 0; i < inv->npkgs; i++)
		pkg_clear(&inv->pkgs[i]);
	free(inv->pkgs);
	free(inv->os.id), free(inv->os.version_id), free(inv->os.codename), free(inv->os.ecosystem);
	memset(inv, 0, sizeof *inv);
}

const char *pkg_kind_name(enum pkg_kind k)
{
	static const char *const names[] = { "dpkg", "apk", "rpm", "pypi", "npm", "go", "maven",
		"gem", "cargo", "composer" };
	return (size_t)k < sizeof names / sizeof *names ? names[k] : "unknown";
}
