/* The engine's AuthZReq body, decoded once and bounded: a request the plugin cannot read is
 * denied by the caller, never guessed at. */
#include "authz/authz_int.h"
#include "util/base64.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* Strict: only trailing padding, and no length a valid encoding cannot have. */
unsigned char *authz_b64_decode(const char *s, size_t len, size_t *out_len)
{
	while (len && s[len - 1] == '=')
		len--;
	if (len % 4 == 1 || memchr(s, '=', len))
		return NULL;
	unsigned char *out = xmalloc(len / 4 * 3 + 3);
	size_t n = b64_decode((const uint8_t *)s, len, out, len / 4 * 3 + 2, false);
	if (n == SIZE_MAX) {
		free(out);
		return NULL;
	}
	out[n] = '\0';
	*out_len = n;
	return out;
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 32) >= 'a' && (c | 32) <= 'f')
		return (c | 32) - 'a' + 10;
	return -1;
}

static char *url_decode(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
			*o++ = (char)(hex(s[i + 1]) << 4 | hex(s[i + 2]));
			i += 2;
		} else
			*o++ = s[i] == '+' ? ' ' : s[i];
	}
	*o = '\0';
	return out;
}

char *authz_query_get(const char *query, const char *key)
{
	size_t klen = strlen(key);
	for (const char *p = query; p && *p;) {
		size_t n = strcspn(p, "&");
		if (n > klen && !strncmp(p, key, klen) && p[klen] == '=')
			return url_decode(p + klen + 1, n - klen - 1);
		p += n + (p[n] == '&');
	}
	return NULL;
}

/* "/v1.41/containers/create?name=x" -> "/containers/create", "name=x". */
static void split_uri(struct authz_req *r)
{
	const char *u = r->uri;
	if (u[0] == '/' && u[1] == 'v' && u[2] >= '0' && u[2] <= '9') {
		size_t n = 2 + strspn(u + 2, "0123456789.");
		if (u[n] == '/' || u[n] == '\0' || u[n] == '?')
			u += n;
	}
	size_t n = strcspn(u, "?");
	r->path = n ? xstrndup(u, n) : xstrdup("/");
	r->query = u[n] == '?' ? xstrdup(u + n + 1) : NULL;
}

static const char *get_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

bool authz_req_decode(struct authz_req *r, const char *buf, size_t len, const char **why)
{
	memset(r, 0, sizeof *r);
	if (len > AUTHZ_MAX_REQUEST) {
		*why = "request too large";
		return false;
	}
	r->root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(r->root)) {
		*why = "request is not a JSON object";
		return false;
	}
	r->user = get_str(r->root, "User");
	r->method = get_str(r->root, "RequestMethod");
	/* the engine sends "RequestUri"; the plugin documentation spells it "RequestURI" */
	r->uri = get_str(r->root, "RequestUri");
	if (!r->uri)
		r->uri = get_str(r->root, "RequestURI");
	if (!r->method || !*r->method || !r->uri || r->uri[0] != '/') {
		*why = "request has no RequestMethod or RequestURI";
		return false;
	}
	split_uri(r);
	json_t *b = json_object_get(r->root, "RequestBody");
	if (b && !json_is_null(b)) {
		if (!json_is_string(b) ||
		    !(r->body = authz_b64_decode(json_string_value(b), json_string_length(b),
		                                 &r->body_len))) {
			*why = "RequestBody is not valid base64";
			return false;
		}
	}
	return true;
}

void authz_req_free(struct authz_req *r)
{
	json_decref(r->root);
	free(r->path);
	free(r->query);
	free(r->body);
	memset(r, 0, sizeof *r);
}
