#include "fixture_signature.h"
#include "collect/cosign.h"
#include "rules/rule.h"
#include "util/util.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *slurp(const char *dir, const char *name, size_t *n)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(p, "rb");
	unsigned char *s = xmalloc(1 << 16);
	*n = fp ? fread(s, 1, 1 << 16, fp) : 0;
	if (fp)
		fclose(fp);
	free(p);
	return s;
}

static void add_sig(const char *dir, json_t *j, struct sig_image *im)
{
	struct sig_entry *e = sig_image_add(im);
	const char *pf = json_string_value(json_object_get(j, "payload"));
	e->payload = slurp(dir, pf ? pf : "", &e->npayload);
	e->parsed = cosign_payload_parse(e->payload, e->npayload, &e->fields);
	cosign_sig_decode(json_string_value(json_object_get(j, "signature")), e);
}

void fixture_signature_run(const char *dir, struct findings *out)
{
	char *path = xasprintf("%s/signature.json", dir);
	json_t *j = json_load_file(path, 0, NULL), *v;
	struct sig_image im = { 0 };
	size_t i, nkeys = json_array_size(json_object_get(j, "keys"));
	struct sig_key *keys = xcalloc(nkeys + 1, sizeof *keys);
	const char *fetch = json_string_value(json_object_get(j, "fetch"));
	if (!j) {
		findings_error(out, path, 0, "cannot read the signature description");
		free(path);
		free(keys);
		return;
	}
	im.ref = xstrdup(json_string_value(json_object_get(j, "ref")));
	im.digest = xstrdup(json_string_value(json_object_get(j, "digest")));
	im.error = xstrdup(json_string_value(json_object_get(j, "error")));
	im.fetch = !fetch || !strcmp(fetch, "fetched") ? SIG_FETCHED
	         : !strcmp(fetch, "missing") ? SIG_MISSING : SIG_UNREACHABLE;
	json_array_foreach(json_object_get(j, "signatures"), i, v)
		add_sig(dir, v, &im);
	json_array_foreach(json_object_get(j, "keys"), i, v) {
		char *kp = xasprintf("%s/%s", dir, json_string_value(v)), *err = NULL;
		if (cosign_read_key(kp, &keys[i], &err))
			findings_error(out, kp, 0, "%s", err);
		free(err);
		free(kp);
	}
	im.keys = keys;
	im.nkeys = nkeys;
	im.identity = json_string_value(json_object_get(j, "identity"));
	out->cur = (struct target){ TK_IMAGE, im.ref, im.digest, NULL };
	rules_run_signature(&im, out);
	out->cur = (struct target){ 0 };
	for (i = 0; i < nkeys; i++)
		cosign_key_free(&keys[i]);
	free(keys);
	sig_image_free(&im);
	json_decref(j);
	free(path);
}
