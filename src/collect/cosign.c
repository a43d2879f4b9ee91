/* The payload is kept as the exact bytes that were signed: it is parsed only to read what it
 * names, never re-serialized, so the signature is checked over what the signer hashed. */
#include "collect/cosign.h"
#include "util/base64.h"
#include "util/digest.h"
#include "util/util.h"
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

char *cosign_sig_tag(const char *digest)
{
	return sha256_digest_valid(digest) ? xasprintf("sha256-%s.sig", digest + 7) : NULL;
}

size_t cosign_layers(json_t *manifest, struct cosign_layer *v, size_t max)
{
	json_t *ls = json_object_get(manifest, "layers"), *l;
	size_t i, n = 0;
	json_array_foreach(ls, i, l) {
		const char *mt = json_string_value(json_object_get(l, "mediaType"));
		if (n == max || !mt || strcmp(mt, COSIGN_LAYER_TYPE))
			continue;
		json_t *ann = json_object_get(l, "annotations");
		v[n].digest = json_string_value(json_object_get(l, "digest"));
		v[n].sig_b64 = json_string_value(json_object_get(ann, COSIGN_SIG_ANNOTATION));
		n++;
	}
	return n;
}

static char *str_at(json_t *o, const char *a, const char *b)
{
	const char *s = json_string_value(json_object_get(b ? json_object_get(o, a) : o, b ? b : a));
	return s ? xstrdup(s) : NULL;
}

bool cosign_payload_parse(const void *p, size_t n, struct sig_payload *out)
{
	memset(out, 0, sizeof *out);
	json_t *j = json_loadb(p, n, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(j)) {
		json_decref(j);
		return false;
	}
	json_t *crit = json_object_get(j, "critical");
	out->type = str_at(crit, "type", NULL);
	out->digest = str_at(crit, "image", "docker-manifest-digest");
	out->reference = str_at(crit, "identity", "docker-reference");
	json_decref(j);
	return true;
}

bool cosign_sig_decode(const char *b64, struct sig_entry *e)
{
	size_t n = b64 ? strlen(b64) : 0, got;
	if (!n) {
		e->problem = xstrdup("a signature layer has no signature annotation");
		return false;
	}
	if (n > 4 * 4096) {
		e->problem = xstrdup("a signature is longer than 16 KiB of base64");
		return false;
	}
	e->sig = xmalloc(n);
	got = b64_decode((const uint8_t *)b64, n, e->sig, n, false);
	if (got == SIZE_MAX || !got) {
		e->problem = xstrdup("a signature annotation is not base64");
		free(e->sig);
		e->sig = NULL;
		return false;
	}
	e->nsig = got;
	return true;
}

/* The image's digest: its manifest's (an index's, for a multi-platform image: cosign signs
 * what the tag names). */
static char *image_digest(struct reg_client *c, const struct reg_ref *r, char **err)
{
	char *d = NULL;
	json_t *m = reg_manifest(c, r->reference, &d, err);
	json_decref(m);
	return m ? d : NULL;
}

static void read_sigs(struct reg_client *c, json_t *man, struct sig_image *im)
{
	struct cosign_layer v[COSIGN_MAX_SIGS];
	size_t n = cosign_layers(man, v, COSIGN_MAX_SIGS);
	for (size_t i = 0; i < n; i++) {
		struct sig_entry *e = sig_image_add(im);
		char *err = NULL;
		if (!v[i].digest) {
			e->problem = xstrdup("a signature layer has no digest");
			continue;
		}
		e->payload = reg_blob_bytes(c, v[i].digest, COSIGN_PAYLOAD_MAX, &e->npayload, &err);
		if (!e->payload) {
			e->problem = err;
			continue;
		}
		e->parsed = cosign_payload_parse(e->payload, e->npayload, &e->fields);
		cosign_sig_decode(v[i].sig_b64, e);
	}
}

static void unreachable(struct sig_image *im, char *err)
{
	im->fetch = SIG_UNREACHABLE;
	im->error = err ? err : xstrdup("the registry could not be read");
}

int cosign_collect(const char *ref, const struct reg_opts *o, struct sig_image *im, char **err)
{
	struct reg_ref r;
	char *e = NULL;
	memset(im, 0, sizeof *im);
	im->ref = xstrdup(ref);
	if (reg_ref_parse(ref, &r, err))
		return -1;
	if (o->insecure && !reg_host_loopback(r.host)) {   /* a usage error, not a verdict */
		*err = xasprintf("%s: --insecure (plain HTTP) is allowed only for a registry on this "
		                 "machine (localhost, 127.0.0.0/8, ::1)", r.host);
		reg_ref_free(&r);
		return -1;
	}
	struct reg_client *c = reg_open(&r, o, &e);
	char *tag = NULL;
	json_t *man = NULL;
	bool missing = false;
	if (c && (im->digest = image_digest(c, &r, &e)) && (tag = cosign_sig_tag(im->digest)))
		man = reg_manifest_opt(c, tag, NULL, &missing, &e);
	if (man) {
		read_sigs(c, man, im);
	} else if (missing) {
		im->fetch = SIG_MISSING;
		free(e);
	} else {
		unreachable(im, e);
	}
	json_decref(man);
	free(tag);
	reg_close(c);
	reg_ref_free(&r);
	return 0;
}
