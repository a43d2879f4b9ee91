#include "model/fleet.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

void fleet_inv_container(struct fleet_inv *v, const char *id, const char *name,
                         const char *image, const char *digest, const char *state)
{
	if (!id)
		return;
	GROW(v->containers, v->cap_containers, v->ncontainers);
	v->containers[v->ncontainers++] = (struct fleet_container){ xstrdup(id), xstrdup(name),
		xstrdup(image), xstrdup(digest), xstrdup(state) };
}

struct fleet_image *fleet_inv_image(struct fleet_inv *v, const char *digest, const char *ref)
{
	if (!digest)
		return NULL;
	for (size_t i = 0; i < v->nimages; i++)
		if (!strcmp(v->images[i].digest, digest))
			return &v->images[i];
	GROW(v->images, v->cap_images, v->nimages);
	struct fleet_image *im = &v->images[v->nimages++];
	*im = (struct fleet_image){ .digest = xstrdup(digest), .ref = xstrdup(ref) };
	return im;
}

void fleet_inv_pkg(struct fleet_image *im, const struct fleet_pkg *p)
{
	GROW(im->pkgs, im->cap_pkgs, im->npkgs);
	im->pkgs[im->npkgs++] = (struct fleet_pkg){ xstrdup(p->ecosystem), xstrdup(p->name),
		xstrdup(p->version), xstrdup(p->kind), xstrdup(p->source), xstrdup(p->source_version),
		p->scheme };
}

static void pkg_free(struct fleet_pkg *p)
{
	free(p->ecosystem), free(p->name), free(p->version), free(p->kind);
	free(p->source), free(p->source_version);
}

void fleet_inv_free(struct fleet_inv *v)
{
	for (size_t i = 0; i < v->ncontainers; i++) {
		struct fleet_container *c = &v->containers[i];
		free(c->id), free(c->name), free(c->image), free(c->image_digest), free(c->state);
	}
	for (size_t i = 0; i < v->nimages; i++) {
		for (size_t j = 0; j < v->images[i].npkgs; j++)
			pkg_free(&v->images[i].pkgs[j]);
		free(v->images[i].pkgs), free(v->images[i].digest), free(v->images[i].ref);
	}
	free(v->containers);
	free(v->images);
	memset(v, 0, sizeof *v);
}

static void vuln_free(struct fleet_vuln *x)
{
	free(x->id), free(x->severity), free(x->package), free(x->ecosystem);
	free(x->installed), free(x->fixed);
	for (size_t i = 0; i < x->nimages; i++)
		free(x->images[i].digest), free(x->images[i].ref);
	for (size_t i = 0; i < x->nhosts; i++)
		free(x->hosts[i]);
	free(x->images), free(x->hosts);
}

void fleet_free(struct fleet *f)
{
	for (size_t i = 0; i < f->nhosts; i++) {
		free(f->hosts[i].name);
		free(f->hosts[i].machine_id);
		free(f->hosts[i].engine_id);
		free(f->hosts[i].last_run);
	}
	for (size_t i = 0; i < f->nrules; i++) {
		free(f->rules[i].rule);
		free(f->rules[i].severity);
	}
	for (size_t i = 0; i < f->ndays; i++)
		free(f->days[i].day);
	for (size_t i = 0; i < f->nvulns; i++)
		vuln_free(&f->vulns[i]);
	free(f->hosts);
	free(f->rules);
	free(f->cells);
	free(f->days);
	free(f->vulns);
}
