/* `bulwark authz serve`: the engine's AuthZ plugin protocol over HTTP on a unix socket, served
 * by libmicrohttpd's epoll thread pool. The signal handling and the policy swap live here too. */
#include "authz/mhd_api.h"
#include "authz/server.h"
#include "util/util.h"
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* The engine forwards bodies up to 1 MiB; we allow 2 MiB base64-encoded plus the JSON around it. */
#define MAX_REQUEST ((size_t)(2 << 20) / 3 * 4 + 64 * 1024)

/* A policy and the requests still using it: the last one to let go frees it. */
struct policy_ref { struct authz_policy *p; atomic_int refs; };

struct server {
	_Atomic(struct policy_ref *) cur;
	pthread_mutex_t pin;     /* makes "load cur, take a reference" one step against a swap */
	struct audit_log *audit;
	struct authz_volumes *vols;   /* kept across policy reloads */
};

struct request { struct buf body; bool too_big; };

static struct policy_ref *policy_get(struct server *s)
{
	pthread_mutex_lock(&s->pin);
	struct policy_ref *r = atomic_load(&s->cur);
	atomic_fetch_add(&r->refs, 1);
	pthread_mutex_unlock(&s->pin);
	return r;
}

static void policy_put(struct policy_ref *r)
{
	if (atomic_fetch_sub(&r->refs, 1) == 1) {
		authz_policy_free(r->p);
		free(r);
	}
}

static void policy_swap(struct server *s, struct authz_policy *p)
{
	struct policy_ref *r = xcalloc(1, sizeof *r);
	r->p = p;
	atomic_init(&r->refs, 1);   /* the server's own reference */
	pthread_mutex_lock(&s->pin);
	struct policy_ref *old = atomic_exchange(&s->cur, r);
	pthread_mutex_unlock(&s->pin);
	if (old)
		policy_put(old);
}

/* Prints the errors; NULL when the policy is invalid. */
static struct authz_policy *policy_load(const char *path)
{
	if (!path)
		return authz_policy_default();
	struct findings errs = {0};
	struct authz_policy *p = authz_policy_load(path, &errs);
	for (size_t i = 0; i < errs.nerrors; i++)
		fprintf(stderr, "bulwark: %s:%d: %s\n", errs.errors[i].input, errs.errors[i].line,
		        errs.errors[i].message);
	if (!p && errs.nerrors == 0)
		fprintf(stderr, "bulwark: %s: invalid policy\n", path);
	findings_free(&errs);
	return p;
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (!s)
		return MHD_NO;
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(s), s, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result deny(struct MHD_Connection *c, unsigned status, const char *msg)
{
	return reply(c, status, json_pack("{s:b, s:s, s:s}", "Allow", 0, "Msg", msg, "Err", ""));
}

static enum MHD_Result authz_req(struct server *s, struct MHD_Connection *c, struct request *q)
{
	if (q->too_big) {
		struct authz_decision d = {.rule = "request", .msg = "bulwark: denied by request "
		                           "(plugin request too large): the body exceeds 2 MiB"};
		audit_write(s->audit, &d);
		return deny(c, MHD_HTTP_CONTENT_TOO_LARGE, d.msg);
	}
	struct policy_ref *r = policy_get(s);
	struct authz_decision d;
	authz_decide_seen(r->p, s->vols, q->body.s ? q->body.s : "", q->body.len, &d);
	policy_put(r);
	audit_write(s->audit, &d);
	if (!d.allow && !d.msg)
		d.msg = xstrdup("bulwark: denied");
	enum MHD_Result ret = reply(c, MHD_HTTP_OK, json_pack("{s:b, s:s, s:s}", "Allow", d.allow,
	                                                       "Msg", d.msg ? d.msg : "", "Err", ""));
	authz_decision_free(&d);
	return ret;
}

static enum MHD_Result route(struct server *s, struct MHD_Connection *c, const char *url,
                             const char *method, struct request *q)
{
	bool post = str_eq(method, "POST");
	if (post && str_eq(url, "/AuthZPlugin.AuthZReq"))
		return authz_req(s, c, q);
	if (q->too_big)
		return reply(c, MHD_HTTP_CONTENT_TOO_LARGE, json_pack("{s:s}", "Err", "request too large"));
	if (post && str_eq(url, "/Plugin.Activate"))
		return reply(c, MHD_HTTP_OK, json_pack("{s:[s]}", "Implements", "authz"));
	if (post && str_eq(url, "/AuthZPlugin.AuthZRes")) {
		authz_volumes_response(s->vols, q->body.s ? q->body.s : "", q->body.len);
		return reply(c, MHD_HTTP_OK, json_pack("{s:b, s:s, s:s}", "Allow", 1, "Msg", "", "Err", ""));
	}
	return reply(c, MHD_HTTP_NOT_FOUND, json_pack("{s:s}", "Err", "not found"));
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *data,
                              size_t *size, void **con_cls)
{
	(void)version;
	struct request *q = *con_cls;
	if (!q) {
		*con_cls = xcalloc(1, sizeof *q);
		return MHD_YES;
	}
	if (*size > 0) {
		if (q->body.len + *size > MAX_REQUEST)
			q->too_big = true;
		else
			buf_add(&q->body, data, *size);
		*size = 0;
		return MHD_YES;
	}
	return route(cls, c, url, method, q);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode code)
{
	(void)cls, (void)c, (void)code;
	struct request *q = *con_cls;
	if (q) {
		free(q->body.s);
		free(q);
	}
	*con_cls = NULL;
}

/* The parent directory is made only when missing; only a stale socket is ever unlinked. */
static int listen_unix(const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	if (strlen(path) >= sizeof sa.sun_path) {
		fprintf(stderr, "bulwark: socket path too long: %s\n", path);
		return -1;
	}
	strcpy(sa.sun_path, path);
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		struct stat st;
		if (stat(dir, &st) != 0 && mkdir(dir, 0755) != 0)
			fprintf(stderr, "bulwark: cannot create %s: %s\n", dir, strerror(errno));
	}
	free(dir);
	struct stat st;
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			fprintf(stderr, "bulwark: %s exists and is not a socket\n", path);
			return -1;
		}
		unlink(path);
	}
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 512) != 0) {
		fprintf(stderr, "bulwark: cannot listen on %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static struct MHD_Daemon *start(struct server *s, int fd, unsigned threads)
{
	return MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL, NULL,
	                        handle, s, MHD_OPTION_LISTEN_SOCKET, fd,
	                        MHD_OPTION_THREAD_POOL_SIZE, threads,
	                        MHD_OPTION_NOTIFY_COMPLETED, completed, s,
	                        MHD_OPTION_CONNECTION_TIMEOUT, 30u,
	                        MHD_OPTION_CONNECTION_LIMIT, 1024u, MHD_OPTION_END);
}

/* The main thread only waits for signals. */
static void wait_signals(struct server *s, const sigset_t *set, const char *policy)
{
	for (;;) {
		int sig = sigwaitinfo(set, NULL);
		if (sig == SIGTERM || sig == SIGINT)
			return;
		if (sig != SIGHUP)
			continue;
		struct authz_policy *p = policy_load(policy);
		if (!p) {
			fprintf(stderr, "bulwark: reload rejected; the previous policy stays in force\n");
			continue;
		}
		policy_swap(s, p);
		fprintf(stderr, "bulwark: policy reloaded\n");
	}
}

int authz_server_run(const struct authz_server_opts *o)
{
	const char *path = o->socket ? o->socket : "/run/docker/plugins/bulwark.sock";
	const char *why = NULL;
	if (!mhd_api_load(&why)) {
		fprintf(stderr, "bulwark: authz serve: %s\n", why);
		return 2;
	}
	struct authz_policy *p = policy_load(o->policy);
	if (!p)
		return 2;
	struct server s = {.audit = audit_open(o->audit_log), .vols = authz_volumes_new()};
	pthread_mutex_init(&s.pin, NULL);
	policy_swap(&s, p);
	int rc = 2, fd = s.audit ? listen_unix(path) : -1;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);   /* before MHD's threads exist: they inherit it */
	sigdelset(&set, SIGPIPE);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = o->threads ? o->threads : cores > 0 ? (unsigned)cores : 1;
	struct MHD_Daemon *d = fd >= 0 ? start(&s, fd, threads) : NULL;
	if (d) {
		fprintf(stderr, "bulwark: authz plugin serving on %s (%u threads)\n", path, threads);
		wait_signals(&s, &set, o->policy);
		MHD_stop_daemon(d);
		rc = 0;
	} else if (fd >= 0) {
		fprintf(stderr, "bulwark: cannot start the HTTP server on %s\n", path);
	}
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	policy_put(atomic_load(&s.cur));
	pthread_mutex_destroy(&s.pin);
	audit_close(s.audit);
	authz_volumes_free(s.vols);
	return rc;
}
