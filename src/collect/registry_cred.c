/* Registry credentials where docker login leaves them: a credential helper named in
 * config.json (credHelpers for the host, else credsStore), else the file's own auths entry. */
#include "collect/registry.h"
#include "collect/engine.h"
#include "util/base64.h"
#include "util/util.h"
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#define CONFIG_MAX (16u << 20)
#define HELPER_OUT_MAX (1u << 20)

extern char **environ;

/* auths keys are written as the CLI wrote them: "host", "https://host", "https://host/v1/". */
static json_t *auth_entry(json_t *auths, const char *host)
{
	const char *k;
	json_t *v;
	bool hub = !strcmp(host, "registry-1.docker.io");
	json_object_foreach(auths, k, v) {
		const char *h = str_prefix(k, "https://") ? k + 8 : str_prefix(k, "http://") ? k + 7 : k;
		size_t n = strcspn(h, "/");
		if ((strlen(host) == n && !strncmp(h, host, n)) ||
		    (hub && (!strncmp(h, "index.docker.io", n) || !strncmp(h, "docker.io", n))))
			return v;
	}
	return NULL;
}

static int from_auths(json_t *entry, char **user, char **secret, char **err, const char *path)
{
	const char *a = json_string_value(json_object_get(entry, "auth"));
	const char *tok = json_string_value(json_object_get(entry, "identitytoken"));
	if (tok && *tok) {
		*user = xstrdup("<token>");
		*secret = xstrdup(tok);
		return 1;
	}
	if (!a || !*a)
		return 0;
	size_t n = strlen(a);
	char *d = xmalloc(n + 1);
	size_t m = b64_decode((const uint8_t *)a, n, (uint8_t *)d, n, false);
	char *colon = m != SIZE_MAX ? memchr(d, ':', m) : NULL;
	if (!colon) {
		free(d);
		*err = xasprintf("%s: an auths entry is not base64 of user:password", path);
		return -1;
	}
	*user = xstrndup(d, (size_t)(colon - d));
	*secret = xstrndup(colon + 1, m - (size_t)(colon - d) - 1);
	explicit_bzero(d, n + 1);
	free(d);
	return 1;
}

/* docker-credential-NAME get, the server on stdin, {"Username","Secret"} on stdout. */

/* A helper that exits without reading its stdin must not kill bulwark with SIGPIPE: the signal
 * is blocked in this thread only (the process's disposition is left alone), and one it raised
 * is taken back before the mask is restored. */
static void write_unsignalled(int fd, const char *p, size_t n)
{
	sigset_t pipe_set, old, pending;
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	sigemptyset(&pending);
	sigpending(&pending);
	bool was_pending = sigismember(&pending, SIGPIPE);
	if (write(fd, p, n) < 0 && errno == EPIPE && !was_pending) {
		struct timespec zero = { 0, 0 };
		sigtimedwait(&pipe_set, NULL, &zero);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}
static int from_helper(const char *name, const char *host, char **user, char **secret,
                       char **err)
{
	int in[2], out[2];
	char *prog = xasprintf("docker-credential-%s", name);
	char *argv[] = { prog, "get", NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	if (pipe(in) || pipe(out)) {
		*err = xasprintf("%s: %s", prog, strerror(errno));
		free(prog);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	int rc = posix_spawnp(&pid, prog, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	if (rc) {
		close(in[1]);
		close(out[0]);
		*err = xasprintf("%s: %s", prog, strerror(rc));
		free(prog);
		return -1;
	}
	write_unsignalled(in[1], host, strlen(host));
	close(in[1]);
	struct buf b = { 0 };
	char tmp[4096];
	ssize_t n;
	while ((n = read(out[0], tmp, sizeof tmp)) > 0 && b.len < HELPER_OUT_MAX)
		buf_add(&b, tmp, (size_t)n);
	close(out[0]);
	int st = 0;
	waitpid(pid, &st, 0);
	json_t *j = b.s && WIFEXITED(st) && !WEXITSTATUS(st) ? json_loads(b.s, 0, NULL) : NULL;
	const char *u = json_string_value(json_object_get(j, "Username"));
	const char *s = json_string_value(json_object_get(j, "Secret"));
	int found = u && s && *s;
	if (found) {
		*user = xstrdup(u);
		*secret = xstrdup(s);
	}
	if (b.s)
		explicit_bzero(b.s, b.len);
	free(b.s);
	json_decref(j);
	free(prog);
	return found;   /* a helper that knows nothing of host: anonymous, as the CLI */
}

int reg_credentials(const char *host, char **user, char **secret, char **err)
{
	char *dir = engine_config_dir(), *path = xasprintf("%s/config.json", dir), *text = NULL;
	size_t len = 0;
	int e = engine_slurp(path, CONFIG_MAX, &text, &len), rc = 0;
	*user = *secret = NULL;
	if (e) {
		if (e != ENOENT)
			*err = xasprintf("%s: %s", path, engine_errno_text(e));
		rc = e == ENOENT ? 0 : -1;
	} else {
		json_error_t je;
		json_t *cfg = json_loadb(text, len, 0, &je);
		const char *helper = json_string_value(json_object_get(
			json_object_get(cfg, "credHelpers"), host));
		if (!helper)
			helper = json_string_value(json_object_get(cfg, "credsStore"));
		if (!cfg) {
			char *why = engine_json_error(&je);
			*err = xasprintf("%s: %s", path, why);
			free(why);
			rc = -1;
		} else if (helper && *helper) {
			rc = from_helper(helper, host, user, secret, err);
		} else {
			json_t *ent = auth_entry(json_object_get(cfg, "auths"), host);
			rc = ent ? from_auths(ent, user, secret, err, path) : 0;
		}
		json_decref(cfg);
		explicit_bzero(text, len);
	}
	free(text);
	free(path);
	free(dir);
	return rc;
}
