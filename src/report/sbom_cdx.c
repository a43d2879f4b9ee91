/* CycloneDX 1.5 JSON: the image as metadata.component (a container), its distribution as an
 * operating-system component, each package as a library with its purl. What CycloneDX has no
 * field for (file, layer, OSV ecosystem, source package) goes in properties named bulwark:…,
 * which collect/sbom_read.c reads back. */
#include "report/sbom_int.h"
#include "util/util.h"
#include "util/version.h"
#include <string.h>

static void prop(json_t *props, const char *name, const char *value)
{
	if (value && *value)
		json_array_append_new(props, json_pack("{s:s,s:o}", "name", name, "value",
		                                       sbom_str(value)));
}

static void set(json_t *o, const char *key, const char *value)
{
	if (value && *value)
		json_object_set_new(o, key, sbom_str(value));
}

static json_t *component(const struct sbom_subject *s, const struct sbom_item *it)
{
	const struct pkg *p = it->p;
	json_t *c = json_object(), *props = json_array();
	set(c, "bom-ref", it->ref);
	set(c, "type", "library");
	json_object_set_new(c, "name", sbom_str(p->name));
	set(c, "version", p->version);
	set(c, "purl", p->purl);
	prop(props, "bulwark:kind", pkg_kind_name(p->kind));
	prop(props, "bulwark:ecosystem", p->ecosystem);
	prop(props, "bulwark:source", p->source);
	prop(props, "bulwark:source_version", p->source_version);
	prop(props, "bulwark:path", p->path);
	char idx[24];
	snprintf(idx, sizeof idx, "%zu", p->layer);
	if (p->path) {   /* a layer says where that file came from */
		prop(props, "bulwark:layer", sbom_layer(s, p));
		prop(props, "bulwark:layer_index", idx);
	}
	json_object_set_new(c, "properties", props);
	return c;
}

static json_t *os_component(const struct pkg_os *os)
{
	json_t *c = json_object(), *props = json_array();
	char *ref = xasprintf("bulwark:os/%s@%s", os->id ? os->id : "unknown",
	                      os->version_id ? os->version_id : "");
	set(c, "bom-ref", ref);
	set(c, "type", "operating-system");
	json_object_set_new(c, "name", sbom_str(os->id ? os->id : "unknown"));
	set(c, "version", os->version_id);
	prop(props, "bulwark:os:codename", os->codename);
	prop(props, "bulwark:ecosystem", os->ecosystem);
	if (json_array_size(props))
		json_object_set_new(c, "properties", props);
	else
		json_decref(props);
	free(ref);
	return c;
}

/* The image: its config digest as version and SHA-256 hash. */
static json_t *image_component(const struct sbom_subject *s)
{
	json_t *c = json_object();
	set(c, "bom-ref", "bulwark:image");
	set(c, "type", "container");
	json_object_set_new(c, "name", sbom_str(s->name ? s->name : "image"));
	set(c, "version", s->id);
	if (s->id && str_prefix(s->id, "sha256:") && strlen(s->id) == 71)
		json_object_set_new(c, "hashes", json_pack("[{s:s,s:s}]", "alg", "SHA-256",
		                                           "content", s->id + 7));
	return c;
}

int sbom_write_cdx(FILE *fp, const struct sbom_subject *s, const struct pkg_inv *inv)
{
	char uuid[37], when[21];
	sbom_uuid(s, "cyclonedx", uuid);
	sbom_time(s->created, when);
	char *serial = xasprintf("urn:uuid:%s", uuid);
	json_t *tool = json_pack("{s:s,s:s,s:s}", "type", "application", "name", "bulwark",
	                         "version", bulwark_version);
	json_t *meta = json_pack("{s:s,s:{s:[o]},s:o}", "timestamp", when, "tools", "components",
	                         tool, "component", image_component(s));
	json_t *head = json_pack("{s:s,s:s,s:s,s:i,s:o}", "bomFormat", "CycloneDX",
	                         "specVersion", "1.5", "serialNumber", serial, "version", 1,
	                         "metadata", meta);
	free(serial);
	sbom_open(fp, head);
	json_decref(head);
	sbom_array(fp, "components");
	size_t n, k = 0;
	if (inv->have_os)
		sbom_elem(fp, os_component(&inv->os), k++);
	struct sbom_item *items = sbom_items(inv, &n);
	for (size_t i = 0; i < n; i++)
		sbom_elem(fp, component(s, &items[i]), k++);
	sbom_items_free(items, n);
	sbom_array_end(fp, k);
	return sbom_close(fp);
}
