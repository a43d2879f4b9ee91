/* CycloneDX and SPDX JSON documents into a package inventory. bulwark's own properties
 * (bulwark:path …, report/sbom_cdx.c) and annotations (report/sbom_spdx.c) are read back, and
 * the source package as Trivy records it. */
#include "collect/distro.h"
#include "collect/sbom_read.h"
#include "util/util.h"
#include <jansson.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NESTING 32   /* CycloneDX components inside components */

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void replace(char **field, const char *value)
{
	if (value && *value) {
		free(*field);
		*field = xstrdup(value);
	}
}

/* Trivy splits the source version as rpm does: epoch, version, release. */
struct split_src { const char *epoch, *version, *release; };

/* One "bulwark:KEY" (or Trivy's) property of a package. */
static void pkg_prop(struct pkg *p, struct split_src *t, const char *key, const char *value)
{
	if (str_eq(key, "bulwark:ecosystem"))
		replace(&p->ecosystem, value);
	else if (str_eq(key, "bulwark:source") || str_eq(key, "aquasecurity:trivy:SrcName"))
		replace(&p->source, value);
	else if (str_eq(key, "bulwark:source_version"))
		replace(&p->source_version, value);
	else if (str_eq(key, "bulwark:path"))
		replace(&p->path, value);
	else if (str_eq(key, "bulwark:layer_index") && value)
		p->layer = (size_t)strtoull(value, NULL, 10);
	else if (str_eq(key, "aquasecurity:trivy:SrcEpoch"))
		t->epoch = value;
	else if (str_eq(key, "aquasecurity:trivy:SrcVersion"))
		t->version = value;
	else if (str_eq(key, "aquasecurity:trivy:SrcRelease"))
		t->release = value;
}

/* [epoch:]version[-release], once every property is seen. */
static void split_src_apply(struct pkg *p, const struct split_src *t)
{
	if (!t->version || !*t->version)
		return;
	bool epoch = t->epoch && *t->epoch && !str_eq(t->epoch, "0");
	bool rel = t->release && *t->release;
	free(p->source_version);
	p->source_version = xasprintf("%s%s%s%s%s", epoch ? t->epoch : "", epoch ? ":" : "",
	                              t->version, rel ? "-" : "", rel ? t->release : "");
}

static void os_set(struct pkg_inv *inv, const char *name, const char *version, const char *eco)
{
	if (inv->have_os || !name)
		return;
	inv->have_os = true;
	inv->os.id = xstrdup(name);
	for (char *c = inv->os.id; *c; c++)
		*c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
	inv->os.version_id = xstrdup(version);
	inv->os.ecosystem = eco && *eco ? xstrdup(eco) : distro_ecosystem(name, version, NULL, NULL);
	inv->os.known = inv->os.ecosystem != NULL;
}

static void cdx_components(json_t *list, struct pkg_inv *inv, int depth);

static void cdx_component(json_t *c, struct pkg_inv *inv, int depth)
{
	json_t *props = json_object_get(c, "properties"), *pr;
	size_t i;
	if (str_eq(jstr(c, "type"), "operating-system")) {
		const char *eco = NULL;
		json_array_foreach(props, i, pr)
			if (str_eq(jstr(pr, "name"), "bulwark:ecosystem"))
				eco = jstr(pr, "value");
		os_set(inv, jstr(c, "name"), jstr(c, "version"), eco);
	} else {
		struct pkg *p = sbom_pkg_from_purl(inv, jstr(c, "purl"), jstr(c, "version"));
		struct split_src t = { 0 };
		json_array_foreach(props, i, pr)
			if (p)
				pkg_prop(p, &t, jstr(pr, "name"), jstr(pr, "value"));
		if (p)
			split_src_apply(p, &t);
	}
	cdx_components(json_object_get(c, "components"), inv, depth + 1);
}

static void cdx_components(json_t *list, struct pkg_inv *inv, int depth)
{
	size_t i;
	json_t *c;
	if (depth < MAX_NESTING)
		json_array_foreach(list, i, c)
			cdx_component(c, inv, depth);
}

/* "bulwark:KEY=VALUE", or Trivy's "SrcName: glibc". */
static void spdx_note(struct pkg *p, struct split_src *t, const char *text)
{
	static const struct { const char *prefix, *key; } trivy[] = {
		{ "SrcName: ", "aquasecurity:trivy:SrcName" },
		{ "SrcEpoch: ", "aquasecurity:trivy:SrcEpoch" },
		{ "SrcVersion: ", "aquasecurity:trivy:SrcVersion" },
		{ "SrcRelease: ", "aquasecurity:trivy:SrcRelease" },
	};
	const char *eq = text ? strchr(text, '=') : NULL;
	if (eq && str_prefix(text, "bulwark:")) {
		char *key = xstrndup(text, (size_t)(eq - text));
		pkg_prop(p, t, key, eq + 1);
		free(key);
	}
	for (size_t i = 0; text && i < sizeof trivy / sizeof *trivy; i++)
		if (str_prefix(text, trivy[i].prefix))
			pkg_prop(p, t, trivy[i].key, text + strlen(trivy[i].prefix));
}

static const char *spdx_purl(json_t *pk)
{
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(pk, "externalRefs"), i, r)
		if (str_eq(jstr(r, "referenceType"), "purl"))
			return jstr(r, "referenceLocator");
	return NULL;
}

static void spdx_package(json_t *pk, struct pkg_inv *inv)
{
	size_t i;
	json_t *a;
	const char *purpose = jstr(pk, "primaryPackagePurpose");
	/* the JSON schema's spelling, and the tag-value one some tools write in JSON too */
	if (str_eq(purpose, "OPERATING_SYSTEM") || str_eq(purpose, "OPERATING-SYSTEM")) {
		const char *eco = NULL;
		json_array_foreach(json_object_get(pk, "annotations"), i, a) {
			const char *t = jstr(a, "comment");
			if (str_prefix(t, "bulwark:ecosystem="))
				eco = t + 18;
		}
		os_set(inv, jstr(pk, "name"), jstr(pk, "versionInfo"), eco);
		return;
	}
	struct pkg *p = sbom_pkg_from_purl(inv, spdx_purl(pk), jstr(pk, "versionInfo"));
	struct split_src t = { 0 };
	json_array_foreach(json_object_get(pk, "annotations"), i, a)
		if (p)
			spdx_note(p, &t, jstr(a, "comment"));
	if (p)
		split_src_apply(p, &t);
}

static bool os_kind(enum pkg_kind k)
{
	return k == PKG_DPKG || k == PKG_APK || k == PKG_RPM;
}

static int parse_doc(json_t *doc, struct pkg_inv *inv, char *err, size_t errlen)
{
	const char *fmt = jstr(doc, "bomFormat"), *spdx = jstr(doc, "spdxVersion");
	if (str_eq(fmt, "CycloneDX")) {
		const char *v = jstr(doc, "specVersion");
		if (!str_eq(v, "1.4") && !str_eq(v, "1.5") && !str_eq(v, "1.6"))
			return fail(err, errlen, "CycloneDX specVersion %s is not read (1.4 to 1.6)",
			            v ? v : "missing");
		json_t *top = json_object_get(json_object_get(doc, "metadata"), "component");
		cdx_components(json_object_get(top, "components"), inv, 0);
		cdx_components(json_object_get(doc, "components"), inv, 0);
	} else if (spdx) {
		if (!str_eq(spdx, "SPDX-2.2") && !str_eq(spdx, "SPDX-2.3"))
			return fail(err, errlen, "%s is not read (SPDX-2.2, SPDX-2.3)", spdx);
		size_t i;
		json_t *pk;
		json_array_foreach(json_object_get(doc, "packages"), i, pk)
			spdx_package(pk, inv);
	} else {
		return fail(err, errlen, "not a CycloneDX or SPDX JSON document (no bomFormat or "
		            "spdxVersion)");
	}
	for (size_t i = 0; i < inv->npkgs; i++)   /* "pkg:deb/debian/x@1" without a distro */
		if (!inv->pkgs[i].ecosystem && os_kind(inv->pkgs[i].kind) && inv->os.ecosystem)
			inv->pkgs[i].ecosystem = xstrdup(inv->os.ecosystem);
	return 0;
}

int sbom_parse(const char *data, size_t n, struct pkg_inv *inv, char *err, size_t errlen)
{
	if (n > SBOM_MAX_BYTES)
		return fail(err, errlen, "larger than %u MiB", SBOM_MAX_BYTES >> 20);
	json_error_t je;
	json_t *doc = json_loadb(data, n, 0, &je);
	if (!doc)
		return fail(err, errlen, "line %d: %s", je.line, je.text);
	int rc = json_is_object(doc) ? parse_doc(doc, inv, err, errlen)
	       : fail(err, errlen, "not a CycloneDX or SPDX JSON document (not an object)");
	json_decref(doc);
	return rc;
}

int sbom_read(const char *path, struct pkg_inv *inv, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return fail(err, errlen, "cannot read: %s", strerror(errno));
	struct buf b = { 0 };
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0 && b.len <= SBOM_MAX_BYTES)
		buf_add(&b, chunk, got);
	bool bad = ferror(fp);
	fclose(fp);
	int rc = bad ? fail(err, errlen, "cannot read: %s", strerror(EIO))
	       : sbom_parse(b.s ? b.s : "", b.len, inv, err, errlen);
	free(b.s);
	return rc;
}
