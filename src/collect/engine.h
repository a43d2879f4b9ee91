/* The Docker Engine API client: where the daemon is, and GETs of JSON from it (live over a unix
 * socket or tcp, or replayed from a directory of recorded answers). One engine is used by one
 * thread at a time. */
#ifndef BW_ENGINE_H
#define BW_ENGINE_H
#include <jansson.h>
#include <sys/types.h>
#include <stdbool.h>
#include <stddef.h>

struct engine_endpoint {
	char *host;      /* as given: "unix:///var/run/docker.sock", "tcp://127.0.0.1:2376";
	                    http:// and https:// are accepted too */
	char *source;    /* how it was chosen: "--host", "DOCKER_HOST", "context NAME",
	                    "rootless socket", "default" */
	bool tls, tls_verify;
	char *ca, *cert, *key;   /* PEM file paths or NULL */
};

/* Resolve as the docker CLI does. Order: host_flag; context_flag; DOCKER_HOST; DOCKER_CONTEXT;
 * "currentContext" in $DOCKER_CONFIG/config.json (default ~/.docker/config.json). A context's
 * endpoint is in $DOCKER_CONFIG/contexts/meta/<sha256 hex of its name>/meta.json
 * (Endpoints.docker.Host, SkipTLSVerify), its TLS material in contexts/tls/<sha256>/docker/
 * {ca,cert,key}.pem; the context "default" means no context. Then, when not root, the rootless
 * socket $XDG_RUNTIME_DIR/docker.sock if it exists; else unix:///var/run/docker.sock.
 * For a tcp host outside a context, DOCKER_TLS_VERIFY (non-empty) turns on verified TLS with
 * ca.pem/cert.pem/key.pem from DOCKER_CERT_PATH (default ~/.docker), as the CLI does; an explicit
 * DOCKER_CERT_PATH holding certificates without DOCKER_TLS_VERIFY is TLS unverified (as the Go
 * client's FromEnv); otherwise tcp is plain HTTP. https:// always verifies.
 * Errors (-1, *err malloc'd text naming the file): an unknown context, a malformed meta.json, a
 * malformed config.json (the CLI would warn and fall back to the default daemon; auditing a daemon
 * the user did not mean is worse than stopping). Reads the environment through getenv. */
int engine_endpoint_resolve(struct engine_endpoint *ep, const char *host_flag,
                            const char *context_flag, char **err);
void engine_endpoint_free(struct engine_endpoint *ep);

struct engine;
struct engine_opts {
	double timeout;   /* seconds per request, 0 = 10 */
	int parallel;     /* requests in flight, 0 = 8 (at most 64) */
};

/* Connect: GET /_ping, then /version; negotiate the API version as the CLI does (the server's
 * ApiVersion, capped at the newest this client knows, 1.47, never below 1.24; an engine whose
 * MinAPIVersion is above that is refused); later paths are sent as /vX.Y/path. Returns NULL with
 * *err on failure: "cannot connect to unix:///x.sock: No such file or directory",
 * "unix:///x.sock: GET /version: malformed JSON at line 1 column 9: ...",
 * "cannot connect to unix:///x.sock: timed out after 1 s". */
struct engine *engine_connect(const struct engine_endpoint *ep, const struct engine_opts *o,
                              char **err);

/* A recorded engine for fixtures and offline audits: GET /a/b?q reads DIR/a/b.json (query
 * dropped; GET /info reads DIR/info.json, GET /containers/ID/json reads
 * DIR/containers/ID/json.json). A missing file is status 404 with no error text; an unparsable
 * one is -1 with *err naming the file and place; a path with an empty, "." or ".." segment is -1.
 * /_ping needs no file. DIR/version.json, when present, gives engine_version() and the API
 * version (negotiated as by engine_connect; 1.47 without it). */
struct engine *engine_replay(const char *dir, char **err);

/* GET path (without version prefix, e.g. "/containers/json?all=1"). Returns the HTTP status with
 * *out the parsed JSON body: NULL when the body is empty or the status is not 2xx; for other than
 * 2xx *err is "GET /x: HTTP 404: <the engine's message>". Returns -1 on transport failure,
 * timeout, truncated or malformed body, a body over 256 MiB or not JSON, with *err malloc'd
 * ("GET /info: malformed JSON at line 1 column 12: <jansson text>", "GET /info: timed out after
 * 1 s", "GET /info: truncated response: ...", "GET /x: connection failed: Connection refused"). */
int engine_get(struct engine *e, const char *path, json_t **out, char **err);

/* n GETs with at most opts.parallel in flight (curl multi, connections kept alive and reused);
 * status/out/err arrays of n filled as engine_get would. Bounded memory: bodies are parsed as
 * they complete. */
void engine_get_many(struct engine *e, const char *const *paths, size_t n, int *status,
                     json_t **out, char **err);

const char *engine_api_version(const struct engine *e);   /* "1.41" */
const char *engine_name(const struct engine *e);     /* the endpoint host string (replay: DIR) */
const json_t *engine_version(const struct engine *e);     /* the GET /version answer or NULL */
void engine_close(struct engine *e);

/* Pieces of the above, exposed for engine.c, the unit tests and the fuzzer. */

#define ENGINE_API_MIN "1.24"
#define ENGINE_API_MAX "1.47"
/* A GET whose body is a byte stream (GET /images/{name}/get): pull it with engine_stream_read
 * (read(2) semantics: 0 at the end, -1 on error); engine_stream_close returns the HTTP status,
 * or -1 with *err when the transfer failed. Live engines only (NULL with *err for a replay). */
struct engine_stream;
struct engine_stream *engine_stream_open(struct engine *e, const char *path, char **err);
ssize_t engine_stream_read(void *stream, void *buf, size_t n);
int engine_stream_close(struct engine_stream *s, char **err);

#define ENGINE_BODY_MAX (256u << 20)

/* What libcurl needs for ep->host: *sock the unix socket path (NULL for tcp) and *base the URL
 * that paths are appended to ("http://localhost", "https://10.0.0.1:2376"). A tcp host without a
 * port gets 2376 with TLS, else 2375; ssh://, npipe:// and fd:// are refused. */
int engine_endpoint_target(const struct engine_endpoint *ep, char **sock, char **base, char **err);
/* A context's meta.json text (path names it in messages): ep->host and ep->tls_verify. */
int engine_meta_parse(const char *text, size_t len, const char *path, struct engine_endpoint *ep,
                      char **err);
/* The docker CLI's configuration directory: $DOCKER_CONFIG, else ~/.docker. malloc'd. */
char *engine_config_dir(void);
/* A CLI config.json text: *name the malloc'd currentContext, NULL when it has none. */
int engine_config_parse(const char *text, size_t len, const char *path, char **name, char **err);
/* The 64-hex-digit sha256 of a context name: its directory under contexts/meta and contexts/tls. */
void engine_context_dir(const char *name, char hex[65]);
/* "malformed JSON at line L column C: <text>", without jansson's quote of the input (it may be
 * part of a secret); malloc'd. */
char *engine_json_error(const json_error_t *je);
/* Read a whole regular file of at most max bytes (NUL-terminated). 0, or an errno value: ENOENT,
 * EISDIR, EINVAL (not a regular file), EFBIG (over max), ... */
int engine_slurp(const char *path, size_t max, char **text, size_t *len);
const char *engine_errno_text(int e);    /* "no such file", "is a directory", strerror */
/* Recorded answers: GET path from dir, as engine_replay describes. */
int engine_replay_read(const char *dir, const char *path, json_t **out, char **err);
/* Compare "1.41"-style versions; a malformed one sorts below every valid one. */
int engine_api_cmp(const char *a, const char *b);

/* A string member of an Engine API object, or NULL when absent or of another type. */
static inline const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

#endif
