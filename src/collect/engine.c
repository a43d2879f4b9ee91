/* The live engine over libcurl: one multi handle whose connection cache keeps connections to
 * the daemon alive, a fixed pool of easy handles (one per request in flight), API version
 * negotiation at connect time. engine_get is engine_get_many of one. */
#include "collect/curl_api.h"
#include "collect/engine.h"
#include "util/util.h"
#include "util/version.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PARALLEL_MAX 64
#define MESSAGE_MAX 500     /* bytes of an engine's error message we repeat */

struct slot {
	CURL *h;
	struct engine *e;
	size_t idx;                 /* which request of the batch */
	const char *path;
	struct buf body;
	bool too_big;
	char errbuf[CURL_ERROR_SIZE];
};

struct engine {
	char *name, *api;           /* api NULL while connecting: paths go unversioned */
	char *replay;               /* the recording's directory; NULL for a live engine */
	json_t *version;
	double timeout;
	int parallel;
	bool connecting;            /* errors then name the endpoint */
	char *sock, *base;
	CURLM *multi;
	struct slot *slots;
};

/* "1.41": digits, a dot, digits; nothing else. */
static bool api_parse(const char *s, long *major, long *minor)
{
	char *end;
	if (!s || *s < '0' || *s > '9')
		return false;
	*major = strtol(s, &end, 10);
	if (*end != '.' || end[1] < '0' || end[1] > '9' || end - s > 6)
		return false;
	const char *m = end + 1;
	*minor = strtol(m, &end, 10);
	return *end == '\0' && end - m <= 6;
}

int engine_api_cmp(const char *a, const char *b)
{
	long am, an, bm, bn;
	bool va = api_parse(a, &am, &an), vb = api_parse(b, &bm, &bn);
	if (!va || !vb)
		return (int)va - (int)vb;
	return am != bm ? (am > bm) - (am < bm) : (an > bn) - (an < bn);
}

/* Engine text we repeat: control characters would reach a terminal, and length is capped. */
static char *clean(const char *s)
{
	struct buf b = { 0 };
	size_t n = strlen(s), i = 0;
	while (i < n && b.len < MESSAGE_MAX) {
		size_t k = utf8_seq((const unsigned char *)s + i, n - i);
		if (k <= 1)
			buf_addc(&b, (unsigned char)s[i] < 0x20 || s[i] == 0x7f || k == 0 ? '?' : s[i]);
		else
			buf_add(&b, s + i, k);
		i += k ? k : 1;
	}
	if (i < n)
		buf_adds(&b, "...");
	return b.s ? buf_take(&b) : xstrdup("");
}

static size_t on_body(char *p, size_t size, size_t nmemb, void *ud)
{
	struct slot *s = ud;
	size_t n = size * nmemb;
	if (s->body.len + n > ENGINE_BODY_MAX) {
		s->too_big = true;
		return 0;   /* curl ends the transfer with CURLE_WRITE_ERROR */
	}
	buf_add(&s->body, p, n);
	return n;
}

static bool is_https(const struct engine *e)
{
	return str_prefix(e->base, "https://");
}

static bool setup_handle(struct engine *e, struct slot *s, const struct engine_endpoint *ep)
{
	CURL *h = s->h = curl_easy_init();
	long ms = (long)(e->timeout * 1000);
	char ua[64];
	if (!h)
		return false;
	snprintf(ua, sizeof ua, "bulwark/%s", bulwark_version);
	s->e = e;
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PRIVATE, s);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(h, CURLOPT_USERAGENT, ua);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, ms > 0 ? ms : 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, ms > 0 ? ms : 1L);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)ENGINE_BODY_MAX);
	curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	/* Only ever the endpoint: no redirects, no proxy from the environment, only http(s). */
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_PROXY, "");
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	if (e->sock)
		curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, e->sock);
	if (is_https(e)) {
		curl_easy_setopt(h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, ep->tls_verify ? 1L : 0L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, ep->tls_verify ? 2L : 0L);
		if (ep->ca)
			curl_easy_setopt(h, CURLOPT_CAINFO, ep->ca);
		if (ep->cert) {
			curl_easy_setopt(h, CURLOPT_SSLCERT, ep->cert);
			curl_easy_setopt(h, CURLOPT_SSLCERTTYPE, "PEM");
		}
		if (ep->key) {
			curl_easy_setopt(h, CURLOPT_SSLKEY, ep->key);
			curl_easy_setopt(h, CURLOPT_SSLKEYTYPE, "PEM");
		}
	}
	return true;
}

/* Why a transfer failed, in words a user can act on. */
static char *transport_reason(const struct slot *s, CURLcode code)
{
	long os = 0;
	curl_off_t got = 0, want = -1;
	curl_easy_getinfo(s->h, CURLINFO_OS_ERRNO, &os);
	const char *detail = s->errbuf[0] ? s->errbuf : curl_easy_strerror(code);
	switch (code) {
	case CURLE_OPERATION_TIMEDOUT:
		return xasprintf("timed out after %g s", s->e->timeout);
	case CURLE_PARTIAL_FILE:
		curl_easy_getinfo(s->h, CURLINFO_SIZE_DOWNLOAD_T, &got);
		curl_easy_getinfo(s->h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &want);
		if (want >= 0)
			return xasprintf("truncated response: the connection closed after %lld of %lld "
			                 "bytes", (long long)got, (long long)want);
		return xasprintf("truncated response: the connection closed after %lld bytes",
		                 (long long)got);
	case CURLE_FILESIZE_EXCEEDED:
		return xasprintf("response larger than %u MiB", ENGINE_BODY_MAX >> 20);
	case CURLE_WRITE_ERROR:
		if (s->too_big)
			return xasprintf("response larger than %u MiB", ENGINE_BODY_MAX >> 20);
		break;
	case CURLE_GOT_NOTHING:
		return xstrdup("the connection closed without a response");
	case CURLE_COULDNT_CONNECT:
		return xasprintf("connection failed: %s", os ? strerror((int)os) : detail);
	case CURLE_SEND_ERROR: case CURLE_RECV_ERROR:
		return xasprintf("connection error: %s", os ? strerror((int)os) : detail);
	default:
		break;
	}
	return xasprintf("%s", detail);
}

/* A non-2xx answer: the engine's {"message": ...} when it sent one. */
static char *status_reason(const struct slot *s, long status)
{
	json_t *j = s->body.len ? json_loadb(s->body.s, s->body.len, 0, NULL) : NULL;
	json_t *m = json_object_get(j, "message");
	char *msg = json_is_string(m) ? clean(json_string_value(m)) : NULL, *r;
	if (status >= 300 && status < 400)
		r = xasprintf("HTTP %ld redirect, not followed", status);
	else
		r = msg && *msg ? xasprintf("HTTP %ld: %s", status, msg) : xasprintf("HTTP %ld", status);
	free(msg);
	json_decref(j);
	return r;
}

/* A 2xx answer: JSON (any Content-Type it claims must say so) or nothing. */
static int parse_body(struct slot *s, json_t **out, char **why)
{
	const char *ct = NULL;
	if (!s->body.len || str_eq(s->path, "/_ping"))
		return 0;
	curl_easy_getinfo(s->h, CURLINFO_CONTENT_TYPE, &ct);
	if (ct && !str_iprefix(ct, "application/json")) {
		char *c = clean(ct);
		*why = xasprintf("not JSON (Content-Type: %s)", c);
		free(c);
		return -1;
	}
	json_error_t je;
	*out = json_loadb(s->body.s, s->body.len, 0, &je);
	if (!*out) {
		*why = engine_json_error(&je);
		return -1;
	}
	return 0;
}

static char *message(const struct engine *e, const char *path, const char *why, bool transport)
{
	if (!e->connecting)
		return xasprintf("GET %s: %s", path, why);
	if (transport && str_eq(path, "/_ping")) {
		static const char failed[] = "connection failed: ";
		const char *bare = str_prefix(why, failed) ? why + strlen(failed) : why;
		return xasprintf("cannot connect to %s: %s", e->name, bare);
	}
	return xasprintf("%s: GET %s: %s", e->name, path, why);
}

static void finish(struct slot *s, CURLcode code, int *status, json_t **out, char **err)
{
	size_t i = s->idx;
	char *why = NULL;
	long http = 0;
	if (code != CURLE_OK) {
		status[i] = -1;
		why = transport_reason(s, code);
	} else {
		curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &http);
		status[i] = (int)http;
		if (http < 200 || http > 299)
			why = status_reason(s, http);
		else if (parse_body(s, &out[i], &why) != 0)
			status[i] = -1;
	}
	if (why)
		err[i] = message(s->e, s->path, why, code != CURLE_OK);
	free(why);
	free(s->body.s);
	s->body = (struct buf){ 0 };
	s->path = NULL;
}

/* A path as the API takes it: absolute, printable ASCII that needs no escaping in a URL. */
static bool valid_path(const char *p)
{
	if (*p != '/')
		return false;
	for (const unsigned char *u = (const unsigned char *)p; *u; u++)
		if (*u <= ' ' || *u >= 0x7f || strchr("\"#<>\\^`{|}", *u))
			return false;
	return true;
}

static bool start(struct engine *e, struct slot *s, size_t i, const char *path)
{
	char *url = e->api ? xasprintf("%s/v%s%s", e->base, e->api, path)
	                   : xasprintf("%s%s", e->base, path);
	s->idx = i;
	s->path = path;
	s->too_big = false;
	s->errbuf[0] = '\0';
	curl_easy_setopt(s->h, CURLOPT_URL, url);
	free(url);
	return curl_multi_add_handle(e->multi, s->h) == CURLM_OK;
}

static struct slot *free_slot(struct engine *e)
{
	for (int k = 0; k < e->parallel; k++)
		if (!e->slots[k].path)
			return &e->slots[k];
	return NULL;
}

/* Take every finished transfer off the multi handle; returns how many. */
static size_t reap(struct engine *e, int *status, json_t **out, char **err)
{
	CURLMsg *m;
	int left;
	size_t done = 0;
	while ((m = curl_multi_info_read(e->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		char *priv = NULL;
		CURL *h = m->easy_handle;
		CURLcode code = m->data.result;
		curl_easy_getinfo(h, CURLINFO_PRIVATE, &priv);
		curl_multi_remove_handle(e->multi, h);
		finish((struct slot *)priv, code, status, out, err);
		done++;
	}
	return done;
}

/* A multi-handle failure (out of memory, bad state) ends every request still in flight. */
static size_t abort_all(struct engine *e, CURLMcode mc, int *status, char **err)
{
	size_t n = 0;
	for (int k = 0; k < e->parallel; k++) {
		struct slot *s = &e->slots[k];
		if (!s->path)
			continue;
		curl_multi_remove_handle(e->multi, s->h);
		status[s->idx] = -1;
		err[s->idx] = message(e, s->path, curl_multi_strerror(mc), true);
		free(s->body.s);
		s->body = (struct buf){ 0 };
		s->path = NULL;
		n++;
	}
	return n;
}

static void live_many(struct engine *e, const char *const *paths, size_t n, int *status,
                      json_t **out, char **err)
{
	size_t next = 0, active = 0;
	while (next < n || active) {
		while (next < n && (int)active < e->parallel) {
			size_t i = next++;
			struct slot *s = free_slot(e);
			if (!valid_path(paths[i])) {
				status[i] = -1;
				err[i] = message(e, paths[i], "not a valid API path", false);
			} else if (!start(e, s, i, paths[i])) {
				status[i] = -1;
				err[i] = message(e, paths[i], "cannot start the request", true);
				s->path = NULL;
			} else
				active++;
		}
		int still = 0;
		CURLMcode mc = curl_multi_perform(e->multi, &still);
		if (mc == CURLM_OK)
			active -= reap(e, status, out, err);
		else
			active -= abort_all(e, mc, status, err);
		if (active && still)
			curl_multi_poll(e->multi, NULL, 0, 1000, NULL);
	}
}

/* A handle for a streamed transfer: the live handles' connection settings (endpoint, TLS),
 * no overall timeout or size cap (a saved image may be gigabytes); the caller sets the rest. */
CURL *engine_stream_handle(struct engine *e, char **url, const char *path)
{
	if (e->replay || !e->slots || !valid_path(path))
		return NULL;
	CURL *h = curl_easy_duphandle(e->slots[0].h);
	if (!h)
		return NULL;
	*url = e->api ? xasprintf("%s/v%s%s", e->base, e->api, path)
	              : xasprintf("%s%s", e->base, path);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 0L);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)0);
	/* a stalled stream: under 1 byte/s for the request timeout */
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, (long)(e->timeout > 1 ? e->timeout : 1));
	curl_easy_setopt(h, CURLOPT_URL, *url);
	return h;
}

void engine_get_many(struct engine *e, const char *const *paths, size_t n, int *status,
                     json_t **out, char **err)
{
	for (size_t i = 0; i < n; i++) {
		status[i] = -1;
		out[i] = NULL;
		err[i] = NULL;
	}
	if (!e->replay) {
		live_many(e, paths, n, status, out, err);
		return;
	}
	for (size_t i = 0; i < n; i++)
		status[i] = engine_replay_read(e->replay, paths[i], &out[i], &err[i]);
}

int engine_get(struct engine *e, const char *path, json_t **out, char **err)
{
	int status;
	engine_get_many(e, &path, 1, &status, out, err);
	return status;
}

/* As the CLI: the server's ApiVersion, capped at ours and never below the oldest we speak. */
static int negotiate(struct engine *e, json_t *ver, char **why)
{
	const char *v = json_string_value(json_object_get(ver, "ApiVersion"));
	const char *min = json_string_value(json_object_get(ver, "MinAPIVersion"));
	long major, minor;
	if (!json_is_object(ver)) {
		*why = xstrdup("GET /version: expected a JSON object");
		return -1;
	}
	if (v && !api_parse(v, &major, &minor)) {
		char *c = clean(v);
		*why = xasprintf("GET /version: ApiVersion \"%s\" is not a version", c);
		free(c);
		return -1;
	}
	if (!v || engine_api_cmp(v, ENGINE_API_MIN) < 0)
		v = ENGINE_API_MIN;
	else if (engine_api_cmp(v, ENGINE_API_MAX) > 0)
		v = ENGINE_API_MAX;
	if (min && api_parse(min, &major, &minor) && engine_api_cmp(min, v) > 0) {
		*why = xasprintf("the engine's oldest API version is %ld.%ld; bulwark speaks %s to %s",
		                 major, minor, ENGINE_API_MIN, ENGINE_API_MAX);
		return -1;
	}
	api_parse(v, &major, &minor);
	e->api = xasprintf("%ld.%ld", major, minor);
	return 0;
}

static struct engine *engine_new(const char *name)
{
	struct engine *e = xcalloc(1, sizeof *e);
	e->name = xstrdup(name);
	return e;
}

static bool live_setup(struct engine *e, const struct engine_endpoint *ep,
                       const struct engine_opts *o, char **err)
{
	e->timeout = o && o->timeout > 0 ? o->timeout : 10;
	if (e->timeout > 86400)
		e->timeout = 86400;
	e->parallel = o && o->parallel > 0 ? o->parallel : 8;
	if (e->parallel > PARALLEL_MAX)
		e->parallel = PARALLEL_MAX;
	if (engine_endpoint_target(ep, &e->sock, &e->base, err) != 0)
		return false;
	const char *why = NULL;
	if (!curl_api_load(&why)) {
		*err = xasprintf("%s: %s", e->name, why);
		return false;
	}
	e->multi = curl_multi_init();
	e->slots = xcalloc((size_t)e->parallel, sizeof *e->slots);
	bool ok = e->multi != NULL;
	for (int k = 0; ok && k < e->parallel; k++)
		ok = setup_handle(e, &e->slots[k], ep);
	if (!ok) {
		*err = xasprintf("%s: cannot set up libcurl", e->name);
		return false;
	}
	curl_multi_setopt(e->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)e->parallel);
	curl_multi_setopt(e->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)e->parallel);
	curl_multi_setopt(e->multi, CURLMOPT_MAXCONNECTS, (long)e->parallel);
	return true;
}

struct engine *engine_connect(const struct engine_endpoint *ep, const struct engine_opts *o,
                              char **err)
{
	struct engine *e = engine_new(ep->host);
	json_t *ping = NULL;
	char *why = NULL;
	*err = NULL;
	if (!live_setup(e, ep, o, err))
		goto fail;
	e->connecting = true;
	int st = engine_get(e, "/_ping", &ping, err);
	json_decref(ping);
	if (st < 200 || st > 299)
		goto fail;
	st = engine_get(e, "/version", &e->version, err);
	if (st < 200 || st > 299)
		goto fail;
	if (negotiate(e, e->version, &why) != 0) {
		*err = xasprintf("%s: %s", e->name, why);
		free(why);
		goto fail;
	}
	e->connecting = false;
	return e;
fail:
	engine_close(e);
	return NULL;
}

struct engine *engine_replay(const char *dir, char **err)
{
	struct stat st;
	char *why = NULL;
	*err = NULL;
	if (stat(dir, &st) != 0) {
		*err = xasprintf("%s: %s", dir, engine_errno_text(errno));
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		*err = xasprintf("%s: not a directory", dir);
		return NULL;
	}
	struct engine *e = engine_new(dir);
	e->replay = xstrdup(dir);
	int rc = engine_replay_read(dir, "/version", &e->version, err);
	if (rc == 404)
		e->api = xstrdup(ENGINE_API_MAX);
	else if (rc < 0)
		goto fail;
	else if (negotiate(e, e->version, &why) != 0) {
		*err = xasprintf("%s/version.json: %s", dir, why);
		free(why);
		goto fail;
	}
	return e;
fail:
	engine_close(e);
	return NULL;
}

const char *engine_api_version(const struct engine *e)
{
	return e->api;
}

const char *engine_name(const struct engine *e)
{
	return e->name;
}

const json_t *engine_version(const struct engine *e)
{
	return e->version;
}

void engine_close(struct engine *e)
{
	if (!e)
		return;
	for (int k = 0; e->slots && k < e->parallel; k++)
		if (e->slots[k].h)
			curl_easy_cleanup(e->slots[k].h);
	if (e->multi)
		curl_multi_cleanup(e->multi);
	json_decref(e->version);
	free(e->slots);
	free(e->name);
	free(e->api);
	free(e->replay);
	free(e->sock);
	free(e->base);
	free(e);
}
