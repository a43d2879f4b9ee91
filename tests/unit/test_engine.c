/* Unit tests of the engine client: endpoint resolution from flags, environment and contexts; the
 * recorded engine; and, when python3 is there, the live client against tests/integration/
 * fake_daemon.py. Every test restores the environment it changed. */
#include "test.h"
#include "collect/engine.h"
#include "util/util.h"
#include <errno.h>
#include <ftw.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FAKE_DAEMON "tests/integration/fake_daemon.py"

static const char *const env_names[] = { "HOME", "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG",
	                                 "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "XDG_RUNTIME_DIR" };
#define NENV (sizeof env_names / sizeof *env_names)

/* One test's scratch: a temp directory as HOME, the Docker variables unset; done() restores. */
struct scratch { char dir[64]; char *saved[NENV]; };

static void begin(struct scratch *s)
{
	snprintf(s->dir, sizeof s->dir, "/tmp/bw-engine-XXXXXX");
	if (!mkdtemp(s->dir))
		abort();
	for (size_t i = 0; i < NENV; i++) {
		s->saved[i] = xstrdup(getenv(env_names[i]));
		unsetenv(env_names[i]);
	}
	setenv("HOME", s->dir, 1);
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(p);
}

static void done(struct scratch *s)
{
	for (size_t i = 0; i < NENV; i++) {
		if (s->saved[i])
			setenv(env_names[i], s->saved[i], 1);
		else
			unsetenv(env_names[i]);
		free(s->saved[i]);
	}
	nftw(s->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void sha256_hex(const char *s, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	EVP_Digest(s, strlen(s), md, &n, EVP_sha256(), NULL);
	for (unsigned i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

/* A context NAME under dir/.docker (the default DOCKER_CONFIG) with meta.json text. */
static void put_context(const char *dir, const char *name, const char *meta)
{
	char hex[65], *rel;
	sha256_hex(name, hex);
	rel = xasprintf(".docker/contexts/meta/%s/meta.json", hex);
	test_put_file(dir, rel, meta);
	free(rel);
}

static int resolve(struct engine_endpoint *ep, const char *host, const char *ctx, char **err)
{
	*err = NULL;
	return engine_endpoint_resolve(ep, host, ctx, err);
}

TEST(engine_context_dir_is_sha256)
{
	char hex[65];
	engine_context_dir("abc", hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(engine_endpoint_default_socket)
{
	struct scratch s;
	struct engine_endpoint ep;
	char *err;
	begin(&s);
	CHECK_INT(resolve(&ep, NULL, NULL, &err), 0);
	CHECK_STR(ep.host, "unix:///var/run/docker.sock");
	CHECK_STR(ep.source, "default");
	CHECK(!ep.tls && !ep.ca);
	engine_endpoint_free(&ep);
	done(&s);
}

TEST(engine_endpoint_host_flag_wins)
{
	struct scratch s;
	struct engine_endpoint ep;
	char *err;
	begin(&s);
	setenv("DOCKER_HOST", "tcp://10.1.1.1:2375", 1);
	setenv("DOCKER_CONTEXT", "nosuch", 1);
	CHECK_INT(resolve(&ep, "unix:///run/x.sock", "alsonosuch", &err), 0);
	CHECK_STR(ep.host, "unix:///run/x.sock");
	CHECK_STR(ep.source, "--host");
	engine_endpoint_free(&ep);
	done(&s);
}

TEST(engine_endpoint_docker_host_plain_tcp)
{
	struct scratch s;
	struct engine_endpoint ep;
	char *err;
	begin(&s);
	setenv("DOCKER_HOST", "tcp://127.0.0.1:2375", 1);
	test_put_file(s.dir, ".docker/ca.pem", "x");   /* in ~/.docker without DOCKER_TLS_VERIFY: unused */
	setenv("DOCKER_CONTEXT", "nosuch", 1);  /* DOCKER_HOST comes first */
	CHECK_INT(resolve(&ep, NULL, NULL, &err), 0);
	CHECK_STR(ep.host, "tcp://127.0.0.1:2375");
	CHECK_STR(ep.source, "DOCKER_HOST");
	CHECK(!ep.tls && !ep.tls_verify && !ep.ca && !ep.cert && !ep.key);
	engine_endpoint_free(&ep);
	done(&s);
}

TEST(engine_endpoint_tls_verify_env)
{
	struct scratch s;
	struct engine_endpoint ep;
	char *err;
	begin(&s);
	setenv("DOCKER_HOST", "tcp://docker.example:2376", 1);
	setenv("DOCKER_TLS_VERIFY", "1", 1);
	test_put_file(s.dir, ".docker/ca.pem", "x");
	test_put_file(s.dir, ".docker/cert.pem", "x");
	test_put_file(s.dir, ".docker/key.pem", "x");
	CHECK_INT(resolve(&ep, NULL, NULL, &err), 0);
	CHECK(ep.tls && ep.tls_verify);
	char *ca = xasprintf("%s/.docker/ca.pem", s.dir), *key = xasprintf("%s/.docker/key.pem", s.dir);
	CHECK_STR(ep.ca, ca);
	CHECK_STR(ep.key, key);
	free(ca);
	free(key);
	engine_endpoint_free(&ep);

	/* DOCKER_CERT_PATH moves the files; the --host flag takes the same TLS settings. */
	test_put_file(s.dir, "certs/ca.pem", "x");
	char *cp = xasprintf("%s/certs", s.dir), *want = xasprintf("%s/certs/ca.pem", s.dir);
	setenv("DOCKER_CERT_PATH", cp, 1);
	CHECK_INT(resolve(&ep, "tcp://10.0.0.9:2376", NULL, &err), 0);
	CHECK(ep.tls && ep.tls_verify);
	CHECK_STR(ep.ca, want);
	CHECK(ep.cert == NULL && ep.key == NULL);
	engine_endpoint_free(&ep);

	/* An explicit cert path with certificates but no DOCKER_TLS_VERIFY: TLS, unverified. */
	unsetenv("DOCKER_TLS_VERIFY");
	CHECK_INT(resolve(&ep, NULL, NULL, &err), 0);
	CHECK(ep.tls && !ep.tls_verify);
	CHECK_STR(ep.ca, want);
	engine_endpoint_free(&ep);

	/* A unix socket never uses TLS. */
	setenv("DOCKER_TLS_VERIFY", "1", 1);
	setenv("DOCKER_HOST", "unix:///run/docker.sock", 1);
	CHECK_INT(resolve(&ep, NULL, NULL, &err), 0);
	CHECK(!ep.tls && !ep.ca);
	engine_endpoint_free(&ep);
	free(cp);
	free(want);
	done(&s);
}

static const char *meta_remote =
	"{\"Name\":\"remote\",\"Metadata\":{\"Description\":\"lab\"},"
	"\"Endpoints\":{\"docker\":{\"Host\":\"tcp://10.0.0.5:2376\",\"SkipTLSVerify\":false}}}";

TEST(engine_endpoint_context_flag)
{
	struct scratch s;
	struct engine_endpoint ep;
	char *err, hex[65];
	begin(&s);
	put_context(s.dir, "remote", meta_remote);
	sha256_hex("remote", hex);
	char *ca = xasprintf(".docker/contexts/tls/%s/docker/ca.pem", hex);
	char *key = xasprintf(".docker/contexts/tls/%s/docker/key.pem", hex);
	test_put_file(s.dir, ca, "x");
	test_put_file(s.dir, key, "x");
	setenv("DOCKER_HOST", "tcp://1.1.1.1:2375", 1);   /* --context beats DOCKER_HOST */
	CHECK_INT(resolve(&ep, NULL, "remote", &err), 0);
	CHECK_STR(ep.host, "tcp://10.0.0.5:2376");
	CHECK_STR(ep.source, "context remote");
	CHECK(ep.tls && ep.tls_verify);
	char *want = xasprintf("%s/%s", s.dir, ca);
	CHECK_STR(ep.ca, want);
	CHECK(ep.cert == NULL && ep.key != NULL);
	engine_endpoint_free(&ep);
	free(want);
	free(ca);
	free(key);
	done(&s);
}

TEST(engine_endpoint_context_skip_verify)
{
	struct scratch s;
	struct engine_endpoint ep;
	char *err;
	begin(&s);
	char *cfg = xasprintf("%s/elsewhere", s.dir), hex[65];
	setenv("DOCKER_CONFIG", cfg, 1);
	sha256_hex("lab", hex);
	char *rel = xasprintf("elsewhere/contexts/meta/%s/meta.json", hex);
	test_put_file(s.dir, rel, "{\"Name\":\"lab\",\"Endpoints\":{\"docker\":{\"Host\":\"tcp://lab:2376\","
	                "\"SkipTLSVerify\":true}}}");
	setenv("DOCKER_CONTEXT", "lab", 1);
	CHECK_INT(resolve(&ep, NULL, NULL, &err), 0);
	CHECK_STR(ep.host, "tcp://lab:2376");
	CHECK_STR(ep.source, "context lab");
	CHECK(ep.tls && !ep.tls_verify && !ep.ca);
	engine_endpoint_free(&ep);
	free(rel);
	free(cfg);
	done(&s);
}

TEST(engine_endpoint_current_context)
{
	struct scratch s;
	struct engine_endpoint ep;
	char *err;
	begin(&s);
	put_context(s.dir, "remote", meta_remote);
	put_context(s.dir, "other", "{\"Endpoints\":{\"docker\":{\"Host\":\"unix:///other.sock\"}}}");
	test_put_file(s.dir, ".docker/config.json",
	    "{\"auths\":{\"x\":{\"auth\":\"c2VjcmV0\"}},\"currentContext\":\"remote\"}");
	CHECK_INT(resolve(&ep, NULL, NULL, &err), 0);
	CHECK_STR(ep.host, "tcp://10.0.0.5:2376");
	CHECK_STR(ep.source, "context remote");
	CHECK(!ep.tls);   /* no TLS material, no SkipTLSVerify: plain tcp */
	engine_endpoint_free(&ep);

	setenv("DOCKER_CONTEXT", "other", 1);   /* DOCKER_CONTEXT beats config.json */
	CHECK_INT(resolve(&ep, NULL, NULL, &err), 0);
	CHECK_STR(ep.host, "unix:///other.sock");
	CHECK(!ep.tls && !ep.tls_verify);
	engine_endpoint_free(&ep);

	setenv("DOCKER_HOST", "unix:///dh.sock", 1);   /* DOCKER_HOST beats both */
	CHECK_INT(resolve(&ep, NULL, NULL, &err), 0);
	CHECK_STR(ep.host, "unix:///dh.sock");
	engine_endpoint_free(&ep);
	done(&s);
}

TEST(engine_endpoint_default_context)
{
	struct scratch s;
	struct engine_endpoint ep;
	char *err;
	begin(&s);
	test_put_file(s.dir, ".docker/config.json", "{\"currentContext\":\"default\"}");
	CHECK_INT(resolve(&ep, NULL, NULL, &err), 0);
	CHECK_STR(ep.host, "unix:///var/run/docker.sock");
	CHECK_STR(ep.source, "default");
	engine_endpoint_free(&ep);
	setenv("DOCKER_HOST", "unix:///dh.sock", 1);   /* --context default: DOCKER_HOST applies */
	CHECK_INT(resolve(&ep, NULL, "default", &err), 0);
	CHECK_STR(ep.host, "unix:///dh.sock");
	CHECK_STR(ep.source, "DOCKER_HOST");
	engine_endpoint_free(&ep);
	done(&s);
}

TEST(engine_endpoint_errors)
{
	struct scratch s;
	struct engine_endpoint ep;
	char *err, hex[65];
	begin(&s);
	sha256_hex("nosuch", hex);
	CHECK_INT(resolve(&ep, NULL, "nosuch", &err), -1);
	CHECK(err && strstr(err, "unknown context \"nosuch\"") && strstr(err, hex) &&
	      strstr(err, "meta.json"));
	CHECK(ep.host == NULL);
	free(err);

	put_context(s.dir, "bad", "{\"Name\":\"bad\",\n\"Endpoints\": {\"docker\": {\"Host\": tcp}}}");
	CHECK_INT(resolve(&ep, NULL, "bad", &err), -1);
	CHECK(err && strstr(err, "meta.json: malformed JSON at line 2 column"));
	free(err);

	put_context(s.dir, "nohost", "{\"Name\":\"nohost\",\"Endpoints\":{}}");
	CHECK_INT(resolve(&ep, NULL, "nohost", &err), -1);
	CHECK(err && strstr(err, "meta.json: Endpoints.docker.Host is missing"));
	free(err);

	test_put_file(s.dir, ".docker/config.json", "{\"auths\": {\"x\": {\"auth\": \"c2VjcmV0\"}},}");
	CHECK_INT(resolve(&ep, NULL, NULL, &err), -1);
	CHECK(err && strstr(err, "config.json: malformed JSON at line 1"));
	CHECK(err && !strstr(err, "c2VjcmV0"));
	free(err);
	test_put_file(s.dir, ".docker/config.json", "{\"currentContext\": 7}");
	CHECK_INT(resolve(&ep, NULL, NULL, &err), -1);
	CHECK(err && strstr(err, "currentContext"));
	free(err);
	done(&s);
}

/* Bind a unix socket at path so that it exists as a socket. */
static int make_socket(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* The rootless socket is only for a non-root user; as root, check it from a child as nobody. */
static bool rootless_resolves_to(const char *want)
{
	struct engine_endpoint ep;
	char *err;
	if (geteuid() != 0) {
		bool ok = resolve(&ep, NULL, NULL, &err) == 0 && str_eq(ep.host, want) &&
		          str_eq(ep.source, "rootless socket");
		engine_endpoint_free(&ep);
		return ok;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(3);
		_exit(resolve(&ep, NULL, NULL, &err) == 0 && str_eq(ep.host, want) &&
		      str_eq(ep.source, "rootless socket") ? 0 : 1);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 3) {
		fprintf(stderr, "  (rootless case skipped: cannot switch to uid 65534)\n");
		return true;
	}
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

TEST(engine_endpoint_rootless)
{
	struct scratch s;
	struct engine_endpoint ep;
	char *err;
	begin(&s);
	chmod(s.dir, 0755);
	setenv("XDG_RUNTIME_DIR", s.dir, 1);
	CHECK_INT(resolve(&ep, NULL, NULL, &err), 0);   /* no socket there yet */
	CHECK_STR(ep.source, "default");
	engine_endpoint_free(&ep);
	char *sock = xasprintf("%s/docker.sock", s.dir), *want = xasprintf("unix://%s", sock);
	int fd = make_socket(sock);
	CHECK(fd >= 0);
	CHECK(rootless_resolves_to(want));
	if (geteuid() == 0) {   /* root itself keeps the system socket */
		CHECK_INT(resolve(&ep, NULL, NULL, &err), 0);
		CHECK_STR(ep.host, "unix:///var/run/docker.sock");
		engine_endpoint_free(&ep);
	}
	close(fd);
	free(sock);
	free(want);
	done(&s);
}

static void check_target(const char *host, bool tls, const char *sock, const char *base)
{
	struct engine_endpoint ep = { .host = (char *)host, .tls = tls };
	char *s = NULL, *b = NULL, *err = NULL;
	int rc = engine_endpoint_target(&ep, &s, &b, &err);
	if (!base) {
		CHECK_INT(rc, -1);
		CHECK(err && strstr(err, host));
	} else {
		CHECK_INT(rc, 0);
		if (sock)
			CHECK_STR(s, sock);
		else
			CHECK(s == NULL);
		CHECK_STR(b, base);
	}
	free(s);
	free(b);
	free(err);
}

TEST(engine_endpoint_target_urls)
{
	check_target("unix:///var/run/docker.sock", false, "/var/run/docker.sock", "http://localhost");
	check_target("unix://", false, "/var/run/docker.sock", "http://localhost");
	check_target("/run/user/1000/docker.sock", false, "/run/user/1000/docker.sock",
	             "http://localhost");
	check_target("tcp://10.0.0.1:2375", false, NULL, "http://10.0.0.1:2375");
	check_target("tcp://10.0.0.1", false, NULL, "http://10.0.0.1:2375");
	check_target("tcp://10.0.0.1", true, NULL, "https://10.0.0.1:2376");
	check_target("tcp://[::1]:2376", true, NULL, "https://[::1]:2376");
	check_target("tcp://:2375", false, NULL, "http://localhost:2375");
	check_target("10.0.0.1:2375", false, NULL, "http://10.0.0.1:2375");
	check_target("tcp://h.example:2375/base/", false, NULL, "http://h.example:2375/base");
	check_target("https://h.example", false, NULL, "https://h.example");
	check_target("http://h.example:80", false, NULL, "http://h.example:80");
	check_target("ssh://user@host", false, NULL, NULL);
	check_target("npipe:////./pipe/docker_engine", false, NULL, NULL);
	check_target("tcp://evil@10.0.0.1:2375", false, NULL, NULL);
	check_target("tcp://10.0.0.1:2375#x", false, NULL, NULL);
	check_target("tcp://10.0.0.1:99999", false, NULL, NULL);
	check_target("tcp://::1:2375", false, NULL, NULL);
}

TEST(engine_api_versions)
{
	CHECK(engine_api_cmp("1.41", "1.47") < 0);
	CHECK(engine_api_cmp("1.9", "1.10") < 0);
	CHECK(engine_api_cmp("2.0", "1.47") > 0);
	CHECK(engine_api_cmp("1.24", "1.24") == 0);
	CHECK(engine_api_cmp("x", "1.24") < 0);
	CHECK(engine_api_cmp("1.", "1.0") < 0);
	CHECK(engine_api_cmp("-1.5", "0.1") < 0);
}

TEST(engine_replay_files)
{
	struct scratch s;
	char *err;
	json_t *j;
	begin(&s);
	test_put_file(s.dir, "rec/info.json", "{\"Name\": \"rec\"}");
	test_put_file(s.dir, "rec/containers/json.json", "[{\"Id\": \"abc\"}]");
	test_put_file(s.dir, "rec/containers/abc/json.json", "{\"Id\": \"abc\"}");
	test_put_file(s.dir, "rec/containers/bad/json.json", "{\"Id\": \"bad\",\n  \"Config\": }");
	test_put_file(s.dir, "rec/version.json", "{\"ApiVersion\": \"1.41\", \"Version\": \"20.10.24\"}");
	char *dir = xasprintf("%s/rec", s.dir);
	struct engine *e = engine_replay(dir, &err);
	CHECK(e != NULL);
	if (!e) {
		done(&s);
		return;
	}
	CHECK_STR(engine_api_version(e), "1.41");
	CHECK_STR(engine_name(e), dir);
	CHECK_STR(json_string_value(json_object_get(engine_version(e), "Version")), "20.10.24");
	CHECK_INT(engine_get(e, "/info", &j, &err), 200);
	CHECK_STR(json_string_value(json_object_get(j, "Name")), "rec");
	CHECK(err == NULL);
	json_decref(j);
	CHECK_INT(engine_get(e, "/containers/json?all=1", &j, &err), 200);
	CHECK(json_is_array(j) && json_array_size(j) == 1);
	json_decref(j);
	CHECK_INT(engine_get(e, "/_ping", &j, &err), 200);
	CHECK(j == NULL && err == NULL);
	CHECK_INT(engine_get(e, "/images/json", &j, &err), 404);
	CHECK(j == NULL && err == NULL);
	CHECK_INT(engine_get(e, "/info/x", &j, &err), 404);   /* info.json is a file, not a directory */
	CHECK_INT(engine_get(e, "/containers/bad/json", &j, &err), -1);
	CHECK(j == NULL && err && strstr(err, "GET /containers/bad/json: ") &&
	      strstr(err, "rec/containers/bad/json.json: malformed JSON at line 2 column"));
	free(err);
	CHECK_INT(engine_get(e, "/containers/../../etc/passwd", &j, &err), -1);
	CHECK(err != NULL);
	free(err);
	CHECK_INT(engine_get(e, "/containers//json", &j, &err), -1);
	free(err);

	const char *paths[] = { "/containers/abc/json", "/containers/nope/json", "/containers/bad/json" };
	int st[3];
	json_t *out[3];
	char *errs[3];
	engine_get_many(e, paths, 3, st, out, errs);
	CHECK_INT(st[0], 200);
	CHECK_STR(json_string_value(json_object_get(out[0], "Id")), "abc");
	CHECK_INT(st[1], 404);
	CHECK(out[1] == NULL && errs[1] == NULL);
	CHECK_INT(st[2], -1);
	CHECK(errs[2] != NULL);
	for (int i = 0; i < 3; i++) {
		json_decref(out[i]);
		free(errs[i]);
	}
	engine_close(e);

	/* No version.json: the newest API; a newer recording is capped; a broken one is an error. */
	char *vf = xasprintf("%s/version.json", dir);
	remove(vf);
	e = engine_replay(dir, &err);
	CHECK(e && str_eq(engine_api_version(e), ENGINE_API_MAX) && engine_version(e) == NULL);
	engine_close(e);
	test_put_file(s.dir, "rec/version.json", "{\"ApiVersion\": \"1.99\"}");
	e = engine_replay(dir, &err);
	CHECK(e && str_eq(engine_api_version(e), "1.47"));
	engine_close(e);
	test_put_file(s.dir, "rec/version.json", "{\"ApiVersion\": 1.41");
	CHECK(engine_replay(dir, &err) == NULL);
	CHECK(err && strstr(err, "version.json: malformed JSON at line 1"));
	free(err);
	CHECK(engine_replay(vf, &err) == NULL);
	CHECK(err && strstr(err, "not a directory"));
	free(err);
	free(vf);
	free(dir);
	done(&s);
}

/* The live client against fake daemons, all started at once (python's start-up is the slow part)
 * from the source tree; skipped when there is no python3 or no tests/integration. */
static const char *const modes[] = { "ok", "malformed", "truncated", "stall", "gone", "empty",
	                              "reset" };
#define NMODES (sizeof modes / sizeof *modes)

struct fakes { pid_t pid[NMODES]; char *sock[NMODES]; };

static bool fakes_start(struct fakes *f, const char *dir)
{
	struct stat st;
	if (access(FAKE_DAEMON, R_OK) != 0)
		return false;
	fflush(NULL);
	for (size_t m = 0; m < NMODES; m++) {
		f->sock[m] = xasprintf("%s/%s.sock", dir, modes[m]);
		f->pid[m] = fork();
		if (f->pid[m] == 0) {
			if (!freopen("/dev/null", "w", stderr))
				_exit(127);
			execlp("python3", "python3", FAKE_DAEMON, f->sock[m], modes[m], (char *)NULL);
			_exit(127);
		}
	}
	bool up = true;
	for (size_t m = 0; m < NMODES; m++) {
		int i = 0;
		while (i++ < 200 && !(stat(f->sock[m], &st) == 0 && S_ISSOCK(st.st_mode)) &&
		       waitpid(f->pid[m], NULL, WNOHANG) == 0)
			nanosleep(&(struct timespec){ 0, 50000000 }, NULL);
		up = up && stat(f->sock[m], &st) == 0;
	}
	nanosleep(&(struct timespec){ 0, 50000000 }, NULL);   /* bound, then listening */
	return up;
}

static void fakes_stop(struct fakes *f)
{
	for (size_t m = 0; m < NMODES; m++) {
		if (f->pid[m] > 0) {
			kill(f->pid[m], SIGTERM);
			waitpid(f->pid[m], NULL, 0);
		}
		free(f->sock[m]);
	}
}

static struct engine *fake_connect(const char *sock, double timeout, char **err)
{
	char *host = xasprintf("unix://%s", sock);
	struct engine_endpoint ep = { .host = host };
	struct engine_opts o = { .timeout = timeout, .parallel = 3 };
	struct engine *e = engine_connect(&ep, &o, err);
	free(host);
	return e;
}

static void live_ok(const char *sock)
{
	char *err = NULL;
	json_t *j;
	struct engine *e = fake_connect(sock, 5, &err);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_STR(engine_api_version(e), "1.41");
	CHECK_STR(json_string_value(json_object_get(engine_version(e), "Version")), "20.10.24");
	CHECK_INT(engine_get(e, "/info", &j, &err), 200);
	CHECK_STR(json_string_value(json_object_get(j, "Driver")), "overlay2");
	json_decref(j);
	CHECK_INT(engine_get(e, "/swarm", &j, &err), 503);
	CHECK(j == NULL && err && strstr(err, "GET /swarm: HTTP 503: This node is not a swarm manager"));
	free(err);
	CHECK_INT(engine_get(e, "/containers/nope/json", &j, &err), 404);
	CHECK_STR(err, "GET /containers/nope/json: HTTP 404: No such container: nope");
	free(err);
	CHECK_INT(engine_get(e, "/containers/a b/json", &j, &err), -1);
	free(err);

	const char *paths[] = { "/containers/json?all=1", "/images/json", "/networks", "/volumes",
	                        "/containers/web/json", "/bogus", "/plugins" };
	int st[7];
	json_t *out[7];
	char *errs[7];
	engine_get_many(e, paths, 7, st, out, errs);
	CHECK_INT(st[0], 200);
	CHECK(json_array_size(out[0]) == 1);
	CHECK_INT(st[1], 200);
	CHECK(json_is_array(out[1]) && json_array_size(out[1]) == 0);
	CHECK_INT(st[2], 200);
	CHECK_INT(json_array_size(out[2]), 3);
	CHECK_INT(st[4], 200);
	CHECK_STR(json_string_value(json_object_get(out[4], "Name")), "/web");
	CHECK_INT(st[5], 404);
	CHECK_STR(errs[5], "GET /bogus: HTTP 404: page not found");
	for (int i = 0; i < 7; i++) {
		json_decref(out[i]);
		free(errs[i]);
	}
	engine_close(e);
}

/* GET path as a stream: its status, the bytes read (NUL-terminated, at most cap - 1) and err. */
static int stream_get(const char *sock, const char *path, char *got, size_t cap, char **err)
{
	struct engine *e = fake_connect(sock, 2, err);
	CHECK(e != NULL);
	if (!e)
		return -2;
	struct engine_stream *st = engine_stream_open(e, path, err);
	CHECK(st != NULL);
	size_t n = 0;
	ssize_t r;
	while (st && n + 1 < cap && (r = engine_stream_read(st, got + n, cap - 1 - n)) > 0)
		n += (size_t)r;
	got[n] = '\0';
	int status = engine_stream_close(st, err);
	engine_close(e);
	return status;
}

/* A stream is whole and 200, or its HTTP error, or the transport error of a cut answer. */
static void live_streams(const char *ok, const char *truncated)
{
	char got[8192], *err = NULL;
	CHECK_INT(stream_get(ok, "/version", got, sizeof got, &err), 200);
	CHECK(err == NULL && strstr(got, "\"Version\": \"20.10.24\"") && got[strlen(got) - 1] == '\n');
	CHECK_INT(stream_get(ok, "/containers/nope/json", got, sizeof got, &err), 404);
	CHECK_STR(err, "GET /containers/nope/json: HTTP 404: No such container: nope");
	free(err);
	err = NULL;
	CHECK_INT(stream_get(truncated, "/info", got, sizeof got, &err), -1);
	CHECK(err && str_prefix(err, "GET /info: "));
	CHECK_INT(strlen(got), 100);
	free(err);
}

/* One faulty mode: connect, GET path (gone: after the container list); the error is
 * "GET path: ..." and holds want. */
static void live_fault(const char *sock, const char *mode, const char *path, const char *want,
                       double max_secs)
{
	char *err = NULL;
	json_t *j = NULL;
	struct engine *e = fake_connect(sock, 0.5, &err);
	CHECK(e != NULL);
	if (!e)
		return;
	time_t t0 = time(NULL);
	if (str_eq(mode, "gone"))
		CHECK_INT(engine_get(e, "/containers/json", &j, &err), 200);
	json_decref(j);
	CHECK_INT(engine_get(e, path, &j, &err), -1);
	CHECK(j == NULL);
	CHECK(time(NULL) - t0 <= max_secs);
	char *pfx = xasprintf("GET %s: ", path);
	bool ok = err && str_prefix(err, pfx) && strstr(err, want);
	free(pfx);
	if (!ok) {
		fprintf(stderr, "  %s: got \"%s\", expected \"%s\"\n", mode, err ? err : "(null)", want);
		test_failed = 1;
	}
	free(err);
	/* The engine stays usable after a failure (unless it is gone). */
	if (!str_eq(mode, "gone")) {
		CHECK_INT(engine_get(e, "/version", &j, &err), 200);
		json_decref(j);
	}
	engine_close(e);
}

TEST(engine_live_fake_daemon)
{
	struct scratch s;
	struct fakes f = { 0 };
	char *err = NULL, *want;
	begin(&s);
	if (!fakes_start(&f, s.dir)) {
		fprintf(stderr, "  (skipped: no python3, or not run from the source tree)\n");
		fakes_stop(&f);
		done(&s);
		return;
	}
	live_ok(f.sock[0]);
	live_streams(f.sock[0], f.sock[2]);
	live_fault(f.sock[1], "malformed", "/info",
	           "malformed JSON at line 1 column 13: string or '}' expected near end of file", 2);
	live_fault(f.sock[2], "truncated", "/info",
	           "truncated response: the connection closed after 100 of 5000 bytes", 2);
	live_fault(f.sock[3], "stall", "/info", "timed out after 0.5 s", 3);
	/* Closed, reset or (when curl retries on a fresh connection) refused, as the race goes. */
	live_fault(f.sock[4], "gone", "/containers/x/json", "connection", 2);
	live_fault(f.sock[5], "empty", "/info", "the connection closed without a response", 2);
	live_fault(f.sock[6], "reset", "/info", "connection error: Connection reset by peer", 2);

	/* Nothing listening: the connect error names the endpoint and the reason. */
	fakes_stop(&f);
	char *sock = xasprintf("%s/ok.sock", s.dir);
	struct engine *e = fake_connect(sock, 1, &err);
	CHECK(e == NULL);
	want = xasprintf("cannot connect to unix://%s: Connection refused", sock);
	CHECK_STR(err, want);
	free(want);
	free(err);
	remove(sock);
	e = fake_connect(sock, 1, &err);
	want = xasprintf("cannot connect to unix://%s: No such file or directory", sock);
	CHECK_STR(err, want);
	free(want);
	free(err);
	free(sock);
	done(&s);
}

/* engine_slurp reads past the size stat gives (0 for /proc files), refuses more than max, a
 * directory and a FIFO without blocking. */
TEST(engine_slurp_sizes)
{
	char *text = NULL, buf[8192];
	size_t len = 0;
	FILE *fp = fopen("/proc/filesystems", "r");
	size_t want = fp ? fread(buf, 1, sizeof buf, fp) : 0;
	if (fp)
		fclose(fp);
	CHECK(want > 64);
	CHECK_INT(engine_slurp("/proc/filesystems", 1 << 20, &text, &len), 0);
	CHECK_INT(len, want);
	CHECK(text && len == want && !memcmp(text, buf, want) && text[len] == '\0');
	free(text);
	CHECK_INT(engine_slurp("/proc/filesystems", 100, &text, &len), EFBIG);
	CHECK_INT(engine_slurp("/", 100, &text, &len), EISDIR);
	CHECK_INT(engine_slurp("/nonexistent-bulwark-test", 100, &text, &len), ENOENT);
	char fifo[] = "/tmp/bw-fifo-XXXXXX";
	int fd = mkstemp(fifo);
	if (fd >= 0) {
		close(fd);
		remove(fifo);
		if (mkfifo(fifo, 0600) == 0) {
			CHECK_INT(engine_slurp(fifo, 100, &text, &len), EINVAL);
			remove(fifo);
		}
	}
}
