/* Which Docker daemon to talk to, decided as the docker CLI decides it: flags, environment,
 * contexts, then the default socket. */
#include "collect/engine.h"
#include "util/crypto_api.h"
#include "util/digest.h"
#include "util/util.h"
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_MAX (16u << 20)   /* config.json and meta.json: far beyond any real one */
#define DEFAULT_SOCK "/var/run/docker.sock"

enum scheme { S_UNIX, S_TCP, S_HTTP, S_HTTPS, S_OTHER };

/* A host without a scheme is tcp, as in the CLI; a bare absolute path is taken as a socket. */
static enum scheme scheme_of(const char *host, const char **rest)
{
	static const struct { const char *p; enum scheme s; } tab[] = {
		{ "unix://", S_UNIX }, { "tcp://", S_TCP }, { "http://", S_HTTP }, { "https://", S_HTTPS },
	};
	for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
		if (str_iprefix(host, tab[i].p)) {
			*rest = host + strlen(tab[i].p);
			return tab[i].s;
		}
	*rest = host;
	if (host[0] == '/')
		return S_UNIX;
	return strstr(host, "://") ? S_OTHER : S_TCP;
}

static char *home_path(const char *sub)
{
	const char *home = getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw && pw->pw_dir ? pw->pw_dir : "/";
	}
	return xasprintf("%s/%s", home, sub);
}

char *engine_config_dir(void)
{
	const char *d = getenv("DOCKER_CONFIG");
	return d && *d ? xstrdup(d) : home_path(".docker");
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Non-blocking open: a FIFO planted where a file belongs must not hang the audit. */
int engine_slurp(const char *path, size_t max, char **text, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), e = 0;
	struct stat st;
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0)
		e = errno;
	else if (!S_ISREG(st.st_mode))
		e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	else if ((size_t)st.st_size > max)
		e = EFBIG;
	struct buf b = { 0 };
	ssize_t r = 0;
	if (!e)
		buf_reserve(&b, (size_t)st.st_size);
	while (!e && (r = read(fd, b.s + b.len, b.cap - b.len - 1)) > 0) {
		b.len += (size_t)r;
		if (b.len > max)
			e = EFBIG;
		else if (b.len + 1 == b.cap)
			buf_reserve(&b, 65536);
	}
	if (!e && r < 0)
		e = errno;
	close(fd);
	if (e) {
		free(b.s);
		return e;
	}
	b.s[b.len] = '\0';
	*len = b.len;
	*text = buf_take(&b);
	return 0;
}

static const char *errno_text(int e)
{
	return e == EFBIG ? "larger than 16 MiB" : engine_errno_text(e);
}

const char *engine_errno_text(int e)
{
	return e == ENOENT ? "no such file" : e == EINVAL ? "not a regular file" :
	       e == EISDIR ? "is a directory" : strerror(e);
}

void engine_context_dir(const char *name, char hex[65])
{
	sha256_hex(name, strlen(name), hex);   /* "" only without a working libcrypto */
}

char *engine_json_error(const json_error_t *je)
{
	char text[JSON_ERROR_TEXT_LENGTH];
	snprintf(text, sizeof text, "%s", je->text);
	char *near = strstr(text, " near '");
	if (near)
		*near = '\0';
	for (char *p = text; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return xasprintf("malformed JSON at line %d column %d: %s", je->line, je->column, text);
}

static json_t *parse_object(const char *text, size_t len, const char *path, char **err)
{
	json_error_t je;
	json_t *j = json_loadb(text, len, 0, &je);
	if (!j) {
		char *m = engine_json_error(&je);
		*err = xasprintf("%s: %s", path, m);
		free(m);
		return NULL;
	}
	if (!json_is_object(j)) {
		*err = xasprintf("%s: expected a JSON object", path);
		json_decref(j);
		return NULL;
	}
	return j;
}

int engine_meta_parse(const char *text, size_t len, const char *path, struct engine_endpoint *ep,
                      char **err)
{
	json_t *j = parse_object(text, len, path, err);
	if (!j)
		return -1;
	json_t *docker = json_object_get(json_object_get(j, "Endpoints"), "docker");
	json_t *host = json_object_get(docker, "Host");
	json_t *skip = json_object_get(docker, "SkipTLSVerify");
	int rc = -1;
	if (!json_is_string(host) || !json_string_length(host) || strlen(json_string_value(host)) !=
	    json_string_length(host))
		*err = xasprintf("%s: Endpoints.docker.Host is missing or not a string", path);
	else if (skip && !json_is_boolean(skip) && !json_is_null(skip))
		*err = xasprintf("%s: Endpoints.docker.SkipTLSVerify is not a boolean", path);
	else {
		free(ep->host);
		ep->host = xstrdup(json_string_value(host));
		ep->tls_verify = !json_is_true(skip);
		rc = 0;
	}
	json_decref(j);
	return rc;
}

int engine_config_parse(const char *text, size_t len, const char *path, char **name, char **err)
{
	*name = NULL;
	json_t *j = parse_object(text, len, path, err);
	if (!j)
		return -1;
	json_t *cur = json_object_get(j, "currentContext");
	int rc = 0;
	if (json_is_string(cur) && json_string_length(cur) &&
	    strlen(json_string_value(cur)) == json_string_length(cur))
		*name = xstrdup(json_string_value(cur));
	else if (cur && !json_is_null(cur) && !(json_is_string(cur) && !json_string_length(cur))) {
		*err = xasprintf("%s: currentContext is not a context name", path);
		rc = -1;
	}
	json_decref(j);
	return rc;
}

static char *file_in(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	if (is_file(p))
		return p;
	free(p);
	return NULL;
}

static void set_files(struct engine_endpoint *ep, const char *dir)
{
	ep->ca = file_in(dir, "ca.pem");
	ep->cert = file_in(dir, "cert.pem");
	ep->key = file_in(dir, "key.pem");
}

/* TLS for --host, DOCKER_HOST and the default socket: DOCKER_TLS_VERIFY turns it on with
 * verification; an explicit DOCKER_CERT_PATH holding certificates turns it on without (as the
 * Go client's FromEnv does). Certificates only in ~/.docker are ignored then, as by the CLI.
 * https:// is TLS, verified, with the system's CAs unless those variables say otherwise. */
static void env_tls(struct engine_endpoint *ep)
{
	const char *rest;
	enum scheme s = scheme_of(ep->host, &rest);
	if (s != S_TCP && s != S_HTTPS)
		return;
	const char *v = getenv("DOCKER_TLS_VERIFY"), *cp = getenv("DOCKER_CERT_PATH");
	bool verify = v && *v, explicit_dir = cp && *cp;
	char *dir = explicit_dir ? xstrdup(cp) : home_path(".docker");
	if (verify || explicit_dir)
		set_files(ep, dir);
	free(dir);
	ep->tls = s == S_HTTPS || verify || ep->ca || ep->cert || ep->key;
	ep->tls_verify = s == S_HTTPS || verify;
	if (!ep->tls) {
		free(ep->ca), free(ep->cert), free(ep->key);
		ep->ca = ep->cert = ep->key = NULL;
	}
}

static int from_context(struct engine_endpoint *ep, const char *name, char **err)
{
	char hex[65], *cfg = engine_config_dir(), *text = NULL;
	size_t len = 0;
	engine_context_dir(name, hex);
	char *meta = xasprintf("%s/contexts/meta/%s/meta.json", cfg, hex);
	int rc = -1;
	int e = engine_slurp(meta, CONFIG_MAX, &text, &len);
	if (e)
		*err = e == ENOENT ? xasprintf("unknown context \"%s\": %s: no such file", name, meta)
		                   : xasprintf("context \"%s\": %s: %s", name, meta, errno_text(e));
	else if (engine_meta_parse(text, len, meta, ep, err) == 0) {
		const char *rest;
		enum scheme s = scheme_of(ep->host, &rest);
		char *tls = xasprintf("%s/contexts/tls/%s/docker", cfg, hex);
		bool skip = !ep->tls_verify;
		if (s == S_TCP || s == S_HTTPS) {
			set_files(ep, tls);
			ep->tls = s == S_HTTPS || skip || ep->ca || ep->cert || ep->key;
		}
		ep->tls_verify = ep->tls && !skip;
		free(tls);
		ep->source = xasprintf("context %s", name);
		rc = 0;
	}
	free(text);
	free(meta);
	free(cfg);
	return rc;
}

/* currentContext of config.json; a missing file means none. */
static int current_context(char **name, char **err)
{
	char *cfg = engine_config_dir(), *path = xasprintf("%s/config.json", cfg), *text = NULL;
	size_t len = 0;
	int rc = 0, e = engine_slurp(path, CONFIG_MAX, &text, &len);
	*name = NULL;
	if (!e)
		rc = engine_config_parse(text, len, path, name, err);
	else if (e != ENOENT) {
		*err = xasprintf("%s: %s", path, errno_text(e));
		rc = -1;
	}
	free(text);
	free(path);
	free(cfg);
	return rc;
}

static void set_host(struct engine_endpoint *ep, const char *host, const char *source)
{
	ep->host = xstrdup(host);
	ep->source = xstrdup(source);
	env_tls(ep);
}

static bool rootless_socket(char **host)
{
	const char *run = getenv("XDG_RUNTIME_DIR");
	struct stat st;
	if (geteuid() == 0 || !run || !*run)
		return false;
	char *sock = xasprintf("%s/docker.sock", run);
	bool ok = stat(sock, &st) == 0 && S_ISSOCK(st.st_mode);
	*host = ok ? xasprintf("unix://%s", sock) : NULL;
	free(sock);
	return ok;
}

int engine_endpoint_resolve(struct engine_endpoint *ep, const char *host_flag,
                            const char *context_flag, char **err)
{
	*ep = (struct engine_endpoint){ 0 };
	*err = NULL;
	if (host_flag && *host_flag) {
		set_host(ep, host_flag, "--host");
		return 0;
	}
	const char *dh = getenv("DOCKER_HOST"), *dc = getenv("DOCKER_CONTEXT");
	char *name = NULL;
	if (context_flag && *context_flag)
		name = xstrdup(context_flag);
	else if (!(dh && *dh)) {
		if (dc && *dc)
			name = xstrdup(dc);
		else if (current_context(&name, err) != 0)
			return -1;
	}
	if (name && !str_eq(name, "default")) {
		int rc = from_context(ep, name, err);
		free(name);
		if (rc != 0)
			engine_endpoint_free(ep);
		return rc;
	}
	free(name);
	char *rl = NULL;
	if (dh && *dh)
		set_host(ep, dh, "DOCKER_HOST");
	else if (rootless_socket(&rl))
		set_host(ep, rl, "rootless socket");
	else
		set_host(ep, "unix://" DEFAULT_SOCK, "default");
	free(rl);
	return 0;
}

void engine_endpoint_free(struct engine_endpoint *ep)
{
	free(ep->host);
	free(ep->source);
	free(ep->ca);
	free(ep->cert);
	free(ep->key);
	*ep = (struct engine_endpoint){ 0 };
}

/* host[:port] as curl will read it: a name or address, IPv6 in brackets, a numeric port. Anything
 * else ('@', '#', '?', spaces) could point curl somewhere other than the host as written. */
static bool valid_authority(const char *a, size_t n, bool *has_port)
{
	size_t i = 0;
	if (n && a[0] == '[') {
		i = 1;
		while (i < n && a[i] != ']')
			if (!isxdigit((unsigned char)a[i]) && a[i] != ':' && a[i] != '.')
				return false;
			else
				i++;
		if (i == n)
			return false;
		i++;
	} else {
		while (i < n && a[i] != ':')
			if (!isalnum((unsigned char)a[i]) && a[i] != '.' && a[i] != '-' && a[i] != '_')
				return false;
			else
				i++;
	}
	*has_port = i < n;
	if (i < n) {
		if (a[i] != ':' || i + 1 == n || n - i - 1 > 5)
			return false;
		for (size_t k = i + 1; k < n; k++)
			if (!isdigit((unsigned char)a[k]))
				return false;
		return atoi(a + i + 1) > 0 && atoi(a + i + 1) < 65536;
	}
	return true;
}

static bool valid_base_path(const char *p)
{
	for (; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("/._~-", *p))
			return false;
	return true;
}

int engine_endpoint_target(const struct engine_endpoint *ep, char **sock, char **base, char **err)
{
	const char *rest;
	enum scheme s = scheme_of(ep->host, &rest);
	*sock = *base = NULL;
	switch (s) {
	case S_UNIX:
		*sock = xstrdup(*rest ? rest : DEFAULT_SOCK);
		*base = xstrdup("http://localhost");
		return 0;
	case S_OTHER:
		*err = xasprintf("%s: unsupported endpoint (use a unix:// or tcp:// host)", ep->host);
		return -1;
	case S_TCP: case S_HTTP: case S_HTTPS:
		break;
	}
	size_t n = strcspn(rest, "/");
	const char *path = rest + n;
	bool port = false;
	if (!valid_authority(rest, n, &port) || !valid_base_path(path)) {
		*err = xasprintf("%s: not a valid host address", ep->host);
		return -1;
	}
	bool tls = s == S_HTTPS || (s == S_TCP && ep->tls);
	size_t plen = strlen(path);
	while (plen && path[plen - 1] == '/')
		plen--;
	const char *dflt = port || s != S_TCP ? "" : tls ? ":2376" : ":2375";
	const char *name = n == 0 || rest[0] == ':' ? "localhost" : "";   /* "tcp://:2375" */
	*base = xasprintf("%s://%s%.*s%s%.*s", tls ? "https" : "http", name, (int)n, rest, dflt,
	                  (int)plen, path);
	return 0;
}
