/* The registry's HTTP side: one handle per client for the small requests (its connection is
 * kept), authentication as the registry's challenge asks, manifests and configs checked against
 * their digests. */
#include "collect/registry_int.h"
#include "collect/curl_api.h"
#include "util/crypto_api.h"
#include "collect/http_header.h"
#include "util/digest.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define SMALL_MAX (8u << 20)      /* manifests, indexes, configs, tokens */

static const char ACCEPT[] = "Accept: application/vnd.oci.image.index.v1+json, "
	"application/vnd.oci.image.manifest.v1+json, "
	"application/vnd.docker.distribution.manifest.list.v2+json, "
	"application/vnd.docker.distribution.manifest.v2+json";

struct resp { struct buf body; char *digest, *challenge; bool too_big; };

static void header_into(const char *line, size_t n, const char *name, char **out)
{
	const char *v;
	size_t len;
	if (http_header(line, n, name, &v, &len)) {
		free(*out);
		*out = xstrndup(v, len);
	}
}

static size_t on_header(char *line, size_t size, size_t n, void *arg)
{
	struct resp *r = arg;
	(void)size;
	header_into(line, n, "Docker-Content-Digest", &r->digest);
	header_into(line, n, "WWW-Authenticate", &r->challenge);
	return n;
}

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct resp *r = arg;
	(void)size;
	if (r->body.len + n > SMALL_MAX) {
		r->too_big = true;
		return 0;
	}
	buf_add(&r->body, p, n);
	return n;
}

static void resp_free(struct resp *r)
{
	free(r->body.s);
	free(r->digest);
	free(r->challenge);
	memset(r, 0, sizeof *r);
}

/* TLS trust and the transport limits, on any handle of this client. */
void reg_handle_setup(const struct reg_client *c, CURL *h)
{
	const char *proto = c->plain ? "http" : "https";
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, proto);
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, proto);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)(c->timeout * 1000));
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, (long)c->timeout);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "bulwark");
	if (c->ca)
		curl_easy_setopt(h, CURLOPT_CAINFO, c->ca);
	if (c->cert && c->key) {
		curl_easy_setopt(h, CURLOPT_SSLCERT, c->cert);
		curl_easy_setopt(h, CURLOPT_SSLKEY, c->key);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, c->auth);
	if (!c->auth && c->user) {
		curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->secret);
	}
}

/* GET url into r; the status, or -1 with *err. */
static long get(struct reg_client *c, const char *url, struct curl_slist *hdrs, struct resp *r,
                char **err)
{
	char ebuf[CURL_ERROR_SIZE] = "";
	long status = 0;
	memset(r, 0, sizeof *r);
	reg_handle_setup(c, c->h);
	curl_easy_setopt(c->h, CURLOPT_URL, url);
	curl_easy_setopt(c->h, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, hdrs ? hdrs : c->auth);
	curl_easy_setopt(c->h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c->h, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c->h, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c->h, CURLOPT_ERRORBUFFER, ebuf);
	CURLcode rc = curl_easy_perform(c->h);
	curl_easy_setopt(c->h, CURLOPT_ERRORBUFFER, NULL);
	curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &status);
	if (rc == CURLE_OK)
		return status;
	*err = r->too_big ? xasprintf("%s: larger than %u MiB", url, SMALL_MAX >> 20)
	                  : xasprintf("%s: %s", url, *ebuf ? ebuf : curl_easy_strerror(rc));
	resp_free(r);
	return -1;
}

/* The registry's error text from a JSON error body ({"errors":[{"message":...}]}), or "". */
static char *reason(const struct resp *r, long status)
{
	json_t *j = r->body.s ? json_loadb(r->body.s, r->body.len, 0, NULL) : NULL;
	const char *m = json_string_value(json_object_get(json_array_get(
		json_object_get(j, "errors"), 0), "message"));
	char *s = xasprintf("HTTP %ld%s%s", status, m ? ": " : "", m ? m : "");
	json_decref(j);
	return s;
}

static void escape_into(struct buf *b, const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    strchr("-._~", *s))
			buf_addc(b, *s);
		else
			buf_printf(b, "%%%02X", (unsigned char)*s);
}

/* Bearer: a pull token for the repository from the realm, with the credentials if any. */
static bool token(struct reg_client *c, const struct reg_challenge *ch, char **err)
{
	struct buf u = { 0 };
	struct resp r;
	if (!ch->realm || !(str_prefix(ch->realm, "https://") ||
	                    (c->plain && str_prefix(ch->realm, "http://")))) {
		*err = xasprintf("%s: the token realm \"%s\" is not an https URL", c->host,
		                 ch->realm ? ch->realm : "");
		return false;
	}
	buf_adds(&u, ch->realm);
	buf_adds(&u, strchr(ch->realm, '?') ? "&" : "?");
	if (ch->service) {
		buf_adds(&u, "service=");
		escape_into(&u, ch->service);
		buf_adds(&u, "&");
	}
	buf_adds(&u, "scope=repository:");
	escape_into(&u, c->name);
	buf_adds(&u, ":pull");
	long st = get(c, u.s, NULL, &r, err);
	free(u.s);
	if (st < 0)
		return false;
	json_t *j = st == 200 ? json_loadb(r.body.s ? r.body.s : "", r.body.len, 0, NULL) : NULL;
	const char *t = json_string_value(json_object_get(j, "token"));
	if (!t)
		t = json_string_value(json_object_get(j, "access_token"));
	if (t && *t) {
		char *h = xasprintf("Authorization: Bearer %s", t);
		c->auth = curl_slist_append(NULL, h);
		explicit_bzero(h, strlen(h));
		free(h);
	} else {
		char *why = st == 200 ? xstrdup("no token in the answer") : reason(&r, st);
		*err = xasprintf("%s: token for %s: %s", c->host, c->name, why);
		free(why);
	}
	json_decref(j);
	if (r.body.s)
		explicit_bzero(r.body.s, r.body.len);
	resp_free(&r);
	return c->auth != NULL;
}

/* The credentials are tried once here, so a refusal is said as one, not as a missing manifest. */
static bool basic_accepted(struct reg_client *c, char **err)
{
	struct resp r;
	char *url = xasprintf("%s/v2/", c->base);
	long st = get(c, url, NULL, &r, err);
	free(url);
	resp_free(&r);
	if (st == 401 || st == 403)
		*err = xasprintf("%s: the registry refused the credentials docker login left for it "
		                 "(HTTP %ld)", c->host, st);
	return st == 200;
}

/* GET /v2/ tells whether and how to authenticate. */
static bool authenticate(struct reg_client *c, char **err)
{
	struct resp r;
	char *url = xasprintf("%s/v2/", c->base);
	long st = get(c, url, NULL, &r, err);
	free(url);
	if (st == 200 || st < 0) {
		resp_free(&r);
		return st == 200;
	}
	struct reg_challenge ch;
	bool ok = false;
	if (st != 401 || !r.challenge || !reg_challenge_parse(r.challenge, &ch)) {
		char *why = reason(&r, st);
		*err = xasprintf("%s: GET /v2/: %s", c->host, why);
		free(why);
		resp_free(&r);
		return false;
	}
	resp_free(&r);
	int found = reg_credentials(c->host, &c->user, &c->secret, err);
	if (found < 0)
		ok = false;
	else if (!strcmp(ch.scheme, "bearer"))
		ok = token(c, &ch, err);
	else if (!strcmp(ch.scheme, "basic") && found)
		ok = basic_accepted(c, err);
	else
		*err = xasprintf("%s: the registry asks for %s authentication%s", c->host, ch.scheme,
		                 found ? ", which bulwark does not speak"
		                       : " and docker login has left no credentials for it");
	reg_challenge_free(&ch);
	return ok;
}

static char *certs_file(const struct reg_client *c, const char *dir, const char *name)
{
	struct stat st;
	char *p = xasprintf("%s/%s/%s", dir, c->host, name);
	if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
		return p;
	free(p);
	return NULL;
}

struct reg_client *reg_open(const struct reg_ref *ref, const struct reg_opts *o, char **err)
{
	const char *why = NULL;
	if (o->insecure && !reg_host_loopback(ref->host)) {
		*err = xasprintf("%s: --insecure (plain HTTP) is allowed only for a registry on this "
		                 "machine (localhost, 127.0.0.0/8, ::1)", ref->host);
		return NULL;
	}
	if (!curl_api_load(&why)) {
		*err = xasprintf("libcurl: %s", why);
		return NULL;
	}
	struct reg_client *c = xcalloc(1, sizeof *c);
	const char *dir = o->certs_d ? o->certs_d : "/etc/docker/certs.d";
	c->host = xstrdup(ref->host);
	c->name = xstrdup(ref->name);
	c->plain = o->insecure;
	c->timeout = o->timeout > 0 ? o->timeout : 30;
	c->base = xasprintf("%s://%s", c->plain ? "http" : "https", ref->host);
	c->ca = o->ca ? xstrdup(o->ca) : certs_file(c, dir, "ca.crt");
	c->cert = certs_file(c, dir, "client.cert");
	c->key = certs_file(c, dir, "client.key");
	c->h = curl_easy_init();
	if (c->h && authenticate(c, err))
		return c;
	if (!c->h)
		*err = xstrdup("libcurl: cannot make a handle");
	reg_close(c);
	return NULL;
}

void reg_close(struct reg_client *c)
{
	if (!c)
		return;
	if (c->h)
		curl_easy_cleanup(c->h);
	curl_slist_free_all(c->auth);
	if (c->secret)
		explicit_bzero(c->secret, strlen(c->secret));
	free(c->secret);
	free(c->user);
	free(c->host);
	free(c->name);
	free(c->base);
	free(c->ca);
	free(c->cert);
	free(c->key);
	free(c);
}

/* GET of a manifest or blob that must hash to ref (when it is a digest), at most max bytes:
 * the HTTP status (200 with r's body checked), or -1 with *err; *got (malloc'd) the body's
 * digest. A status other than 200 sets *err too. */
static long fetch(struct reg_client *c, const char *kind, const char *ref, bool manifest,
                  size_t max, struct resp *r, char **got, char **err)
{
	char *url = xasprintf("%s/v2/%s/%s/%s", c->base, c->name, kind, ref);
	struct curl_slist *h = c->auth ? NULL : curl_slist_append(NULL, ACCEPT);
	if (c->auth && manifest)
		h = curl_slist_append(curl_slist_append(NULL, c->auth->data), ACCEPT);
	long st = get(c, url, h, r, err);
	curl_slist_free_all(h);
	free(url);
	*got = NULL;
	if (st < 0)
		return -1;
	*got = sha256_digest(r->body.s ? r->body.s : "", r->body.len);
	const char *what = manifest ? "manifest" : "blob";
	if (st != 200) {
		char *why = reason(r, st);
		*err = xasprintf("%s/%s: %s %s: %s", c->host, c->name, what, ref, why);
		free(why);
	} else if (r->body.len > max) {
		*err = xasprintf("%s/%s: %s %s: larger than %zu bytes", c->host, c->name, what, ref,
		                 max);
		st = -1;
	} else if (str_prefix(ref, "sha256:") && strcmp(ref, *got)) {
		*err = xasprintf("%s/%s: %s %s: the registry sent bytes whose digest is %s", c->host,
		                 c->name, what, ref, *got);
		st = -1;
	}
	return st;
}

static json_t *get_json(struct reg_client *c, const char *kind, const char *ref, bool manifest,
                        char **digest, long *status, char **err)
{
	struct resp r;
	char *got = NULL;
	json_t *j = NULL;
	long st = fetch(c, kind, ref, manifest, SMALL_MAX, &r, &got, err);
	if (status)
		*status = st;
	if (st == 200) {
		json_error_t je;
		if (!(j = json_loadb(r.body.s ? r.body.s : "", r.body.len, 0, &je)) ||
		    !json_is_object(j)) {
			*err = xasprintf("%s/%s: %s %s: not a JSON object (line %d column %d)", c->host,
			                 c->name, manifest ? "manifest" : "blob", ref, je.line,
			                 je.column);
			json_decref(j);
			j = NULL;
		}
	}
	if (j && digest) {
		*digest = got;
		got = NULL;
	}
	free(got);
	resp_free(&r);   /* zeroed already when the request failed */
	return j;
}

json_t *reg_manifest(struct reg_client *c, const char *reference, char **digest, char **err)
{
	return get_json(c, "manifests", reference, true, digest, NULL, err);
}

json_t *reg_manifest_opt(struct reg_client *c, const char *reference, char **digest,
                         bool *missing, char **err)
{
	long st = 0;
	json_t *j = get_json(c, "manifests", reference, true, digest, &st, err);
	*missing = st == 404;
	return j;
}

json_t *reg_blob_json(struct reg_client *c, const char *digest, char **err)
{
	return get_json(c, "blobs", digest, false, NULL, NULL, err);
}

unsigned char *reg_blob_bytes(struct reg_client *c, const char *digest, size_t max, size_t *n,
                              char **err)
{
	struct resp r;
	char *got = NULL;
	unsigned char *out = NULL;
	*n = 0;
	if (!str_prefix(digest, "sha256:")) {   /* only a digest checks what was sent */
		*err = xasprintf("%s/%s: blob \"%s\" is not a sha256 digest", c->host, c->name,
		                 digest);
		return NULL;
	}
	long st = fetch(c, "blobs", digest, false, max < SMALL_MAX ? max : SMALL_MAX, &r, &got,
	                err);
	if (st == 200) {
		*n = r.body.len;
		out = xmalloc(*n ? *n : 1);
		if (*n)
			memcpy(out, r.body.s, *n);
	}
	free(got);
	resp_free(&r);   /* zeroed already when the request failed */
	return out;
}
