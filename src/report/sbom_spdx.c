/* SPDX 2.3 JSON: the document describes the image package, which contains the distribution
 * and every package. Each package has its purl as a PACKAGE-MANAGER reference; what SPDX has no
 * field for (file, layer, OSV ecosystem, source package) goes in annotations whose comment is
 * "bulwark:KEY=VALUE", which collect/sbom_read.c reads back. */
#include "report/sbom_int.h"
#include "util/util.h"
#include "util/version.h"
#include <ctype.h>
#include <string.h>

struct ctx { FILE *fp; const struct sbom_subject *s; char when[21]; char *tool; size_t k; };

/* SPDXRef-Package-N-NAME: N keeps it unique, NAME (letters, digits, '.', '-') readable. */
static char *spdx_id(size_t n, const char *name)
{
	char *id = xasprintf("SPDXRef-Package-%zu-%.64s", n, name);
	for (char *c = id + 16; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '.' && *c != '-')
			*c = '-';
	return id;
}

static void annotate(struct ctx *c, json_t *notes, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	char *text = xasprintf("bulwark:%s=%s", key, value);
	json_array_append_new(notes, json_pack("{s:s,s:s,s:s,s:o}", "annotationDate", c->when,
	                                       "annotationType", "OTHER", "annotator", c->tool,
	                                       "comment", sbom_str(text)));
	free(text);
}

/* The fields every package has; version may be NULL. */
static json_t *package(const char *id, const char *name, const char *version, const char *purpose)
{
	json_t *p = json_pack("{s:s,s:o}", "SPDXID", id, "name", sbom_str(name));
	if (version && *version)
		json_object_set_new(p, "versionInfo", sbom_str(version));
	json_object_set_new(p, "downloadLocation", json_string("NOASSERTION"));
	json_object_set_new(p, "filesAnalyzed", json_false());
	json_object_set_new(p, "primaryPackagePurpose", json_string(purpose));
	return p;
}

static void emit(struct ctx *c, json_t *p, const char *id, json_t *rels)
{
	sbom_elem(c->fp, p, c->k++);
	json_array_append_new(rels, json_pack("{s:s,s:s,s:s}", "spdxElementId", "SPDXRef-Image",
	                                      "relationshipType", "CONTAINS",
	                                      "relatedSpdxElement", id));
}

static void pkg_out(struct ctx *c, const struct sbom_item *it, size_t n, json_t *rels)
{
	const struct pkg *p = it->p;
	char *id = spdx_id(n, p->name);
	json_t *o = package(id, p->name, p->version, "LIBRARY");
	if (p->purl && *p->purl)
		json_object_set_new(o, "externalRefs", json_pack("[{s:s,s:s,s:o}]",
			"referenceCategory", "PACKAGE-MANAGER", "referenceType", "purl",
			"referenceLocator", sbom_str(p->purl)));
	json_t *notes = json_array();
	annotate(c, notes, "kind", pkg_kind_name(p->kind));
	annotate(c, notes, "ecosystem", p->ecosystem);
	annotate(c, notes, "source", p->source);
	annotate(c, notes, "source_version", p->source_version);
	annotate(c, notes, "path", p->path);
	char idx[24];
	snprintf(idx, sizeof idx, "%zu", p->layer);
	if (p->path) {   /* a layer says where that file came from */
		annotate(c, notes, "layer", sbom_layer(c->s, p));
		annotate(c, notes, "layer_index", idx);
	}
	json_object_set_new(o, "annotations", notes);
	emit(c, o, id, rels);
	free(id);
}

static void os_out(struct ctx *c, const struct pkg_os *os, json_t *rels)
{
	json_t *o = package("SPDXRef-OperatingSystem", os->id ? os->id : "unknown", os->version_id,
	                    "OPERATING_SYSTEM");
	json_t *notes = json_array();
	annotate(c, notes, "os:codename", os->codename);
	annotate(c, notes, "ecosystem", os->ecosystem);
	if (json_array_size(notes))
		json_object_set_new(o, "annotations", notes);
	else
		json_decref(notes);
	emit(c, o, "SPDXRef-OperatingSystem", rels);
}

static json_t *image_package(const struct sbom_subject *s)
{
	json_t *p = package("SPDXRef-Image", s->name ? s->name : "image", s->id, "CONTAINER");
	if (s->id && str_prefix(s->id, "sha256:") && strlen(s->id) == 71)
		json_object_set_new(p, "checksums", json_pack("[{s:s,s:s}]", "algorithm", "SHA256",
		                                              "checksumValue", s->id + 7));
	return p;
}

/* https://spdx.org/spdxdocs/bulwark/NAME-UUID, NAME reduced to characters a path keeps. */
static char *doc_namespace(const struct sbom_subject *s)
{
	char uuid[37];
	sbom_uuid(s, "spdx", uuid);
	char *ns = xasprintf("https://spdx.org/spdxdocs/bulwark/%.100s-%s",
	                     s->name ? s->name : "image", uuid);
	for (char *c = ns + 34; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr(".-_", *c))
			*c = '-';
	return ns;
}

int sbom_write_spdx(FILE *fp, const struct sbom_subject *s, const struct pkg_inv *inv)
{
	struct ctx c = { fp, s, "", xasprintf("Tool: bulwark-%s", bulwark_version), 0 };
	sbom_time(s->created, c.when);
	char *ns = doc_namespace(s);
	json_t *head = json_pack("{s:s,s:s,s:s,s:o,s:s,s:{s:s,s:[s]}}", "spdxVersion", "SPDX-2.3",
	                         "dataLicense", "CC0-1.0", "SPDXID", "SPDXRef-DOCUMENT", "name",
	                         sbom_str(s->name ? s->name : "image"), "documentNamespace", ns,
	                         "creationInfo", "created", c.when, "creators", c.tool);
	free(ns);
	sbom_open(fp, head);
	json_decref(head);
	json_t *rels = json_array();
	json_array_append_new(rels, json_pack("{s:s,s:s,s:s}", "spdxElementId", "SPDXRef-DOCUMENT",
	                                      "relationshipType", "DESCRIBES",
	                                      "relatedSpdxElement", "SPDXRef-Image"));
	sbom_array(fp, "packages");
	sbom_elem(fp, image_package(s), c.k++);
	if (inv->have_os)
		os_out(&c, &inv->os, rels);
	size_t n;
	struct sbom_item *items = sbom_items(inv, &n);
	for (size_t i = 0; i < n; i++)
		pkg_out(&c, &items[i], i + 1, rels);
	sbom_items_free(items, n);
	sbom_array_end(fp, c.k);
	sbom_array(fp, "relationships");
	size_t i;
	json_t *e;
	json_array_foreach(rels, i, e)
		sbom_elem(fp, json_incref(e), i);
	sbom_array_end(fp, json_array_size(rels));
	json_decref(rels);
	free(c.tool);
	return sbom_close(fp);
}
