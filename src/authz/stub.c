/* TEMPORARY stand-in for the decision engine, deleted when the real one lands: allows everything
 * but a container create whose body asks for "Privileged":true. */
#include "authz/authz.h"
#include "util/util.h"
#include <jansson.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

struct authz_policy { int dummy; };

struct authz_policy *authz_policy_load(const char *path, struct findings *errs)
{
	if (!path || !*path) {
		findings_error(errs, path ? path : "", 0, "no policy file");
		return NULL;
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		findings_error(errs, path, 0, "cannot open policy");
		return NULL;
	}
	char line[64] = "";
	bool bad = fgets(line, sizeof line, f) && strstr(line, "invalid");
	fclose(f);
	if (bad) {
		findings_error(errs, path, 1, "invalid policy");
		return NULL;
	}
	return xcalloc(1, sizeof(struct authz_policy));
}
struct authz_policy *authz_policy_default(void) { return xcalloc(1, sizeof(struct authz_policy)); }
const char *authz_policy_default_text(void) { return "# stub\n"; }
void authz_policy_free(struct authz_policy *p) { free(p); }

static char *body_of(json_t *req)
{
	const char *b64 = json_string_value(json_object_get(req, "RequestBody"));
	if (!b64)
		return NULL;
	size_t n = strlen(b64);
	char *out = xmalloc(n / 4 * 3 + 4);
	int m = EVP_DecodeBlock((unsigned char *)out, (const unsigned char *)b64, (int)n);
	if (m < 0) {
		free(out);
		return NULL;
	}
	out[m] = '\0';
	return out;
}

void authz_decide(const struct authz_policy *p, const char *req, size_t len,
                  struct authz_decision *d)
{
	(void)p;
	memset(d, 0, sizeof *d);
	json_t *j = json_loadb(req, len, 0, NULL);
	if (!json_is_object(j)) {
		d->msg = xstrdup("bulwark: denied by request (malformed plugin request): not JSON");
		d->rule = xstrdup("request");
		json_decref(j);
		return;
	}
	d->user = xstrdup(json_string_value(json_object_get(j, "User")));
	const char *uri = json_string_value(json_object_get(j, "RequestUri"));   /* the engine's spelling */
	d->target = xstrdup(uri);
	d->action = xstrdup(uri && strstr(uri, "/containers/create") ? "container.create" : "other");
	d->role = xstrdup("default");
	char *body = body_of(j);
	d->allow = true;
	if (body && str_eq(d->action, "container.create") && strstr(body, "\"Privileged\":true")) {
		d->allow = false;
		d->rule = xstrdup("BW-C001");
		d->msg = xstrdup("bulwark: denied by BW-C001 (privileged container) for role default: "
		                 "remove --privileged");
	}
	free(body);
	json_decref(j);
}

void authz_decision_free(struct authz_decision *d)
{
	free(d->msg);
	free(d->rule);
	free(d->user);
	free(d->role);
	free(d->action);
	free(d->target);
	memset(d, 0, sizeof *d);
}
