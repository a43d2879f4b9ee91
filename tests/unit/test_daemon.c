/* The daemon model: daemon.json parser, dockerd flags, unit ExecStart, process choice, the merge
 * of file, flags and engine, every daemon rule both ways, and the BW-E/O/S fixtures run through
 * the collector the way the audit runs them. */
#include "test.h"
#include "collect/daemon_int.h"
#include "rules/rule.h"
#include "util/util.h"
#include <dirent.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- temporary host trees ---- */

static char *tmp_root(void)
{
	char t[] = "/tmp/bw-daemon-XXXXXX";
	return xstrdup(mkdtemp(t));
}

static void mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
}

static void put(const char *root, const char *rel, const char *data, size_t len)
{
	char *p = xasprintf("%s/%s", root, rel);
	mkdirs(p);
	FILE *f = fopen(p, "wb");
	CHECK(f != NULL);
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	free(p);
}

/* A command line "dockerd|-H|fd://" as /proc/PID/cmdline (NUL-separated). */
static void put_cmdline(const char *root, int pid, const char *words)
{
	char *rel = xasprintf("proc/%d/cmdline", pid), *w = xstrdup(words);
	size_t n = strlen(w);
	for (size_t i = 0; i < n; i++)
		if (w[i] == '|')
			w[i] = '\0';
	put(root, rel, w, n + 1);
	free(w);
	free(rel);
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(p);
}

static void rm_tree(char *root)
{
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(root);
}

/* A daemon collected from a daemon.json text, a dockerd command line and an /info answer; any
 * may be NULL. */
static void collect(struct daemon *d, const char *dj, const char *cmdline, const char *info,
                    struct findings *errs)
{
	char *root = tmp_root();
	json_t *ji = info ? json_loads(info, 0, NULL) : NULL;
	CHECK(!info || ji);
	if (dj)
		put(root, "etc/docker/daemon.json", dj, strlen(dj));
	if (cmdline)
		put_cmdline(root, 812, cmdline);
	struct daemon_inputs in = { root, NULL, NULL, ji, NULL, "unix:///var/run/docker.sock" };
	daemon_collect(d, &in, errs);
	json_decref(ji);
	rm_tree(root);
}

static struct findings run(const struct daemon *d)
{
	struct findings out = { 0 };
	out.cur = (struct target){ .kind = TK_DAEMON, .name = "unix:///var/run/docker.sock" };
	rules_run_daemon(d, &out);
	return out;
}

static int count(const struct findings *out, const char *id)
{
	int n = 0;
	for (size_t i = 0; i < out->n; i++)
		n += str_eq(out->v[i].rule->id, id);
	return n;
}

static const struct finding *first(const struct findings *out, const char *id)
{
	for (size_t i = 0; i < out->n; i++)
		if (str_eq(out->v[i].rule->id, id))
			return &out->v[i];
	return NULL;
}

/* ---- daemon.json parser ---- */

TEST(daemon_json_lines_and_nesting)
{
	const char *t = "{\n"
	                "  \"a\": 1,\n"
	                "  \"b\": [\n"
	                "    \"x\",\n"
	                "    {\"y\": null}\n"
	                "  ],\n"
	                "  \"c\":\n"
	                "    {\"d\": true, \"e\": -1.5e3}\n"
	                "}\n";
	int line = 0;
	const char *msg = NULL;
	struct dj *v = dj_parse(t, strlen(t), &line, &msg);
	CHECK(v != NULL);
	if (!v)
		return;
	CHECK_INT(v->t, DJ_OBJ);
	CHECK_INT(v->n, 3);
	const struct dj *a = dj_member(v, "a"), *b = dj_member(v, "b"), *c = dj_member(v, "c");
	CHECK(a && a->t == DJ_NUM && a->line == 2);
	CHECK_STR(a ? a->s : NULL, "1");
	CHECK(b && b->t == DJ_ARR && b->line == 3 && b->n == 2);
	if (b && b->n == 2) {
		CHECK_INT(b->v[0].line, 4);
		CHECK_STR(b->v[0].s, "x");
		CHECK_INT(b->v[1].line, 5);
		CHECK(dj_member(&b->v[1], "y") && dj_member(&b->v[1], "y")->t == DJ_NULL);
	}
	CHECK(c && c->t == DJ_OBJ && c->line == 7);   /* the key's line, not the value's */
	const struct dj *d = dj_member(c, "d");
	CHECK(d && d->t == DJ_BOOL && d->line == 8);
	CHECK_STR(dj_member(c, "e") ? dj_member(c, "e")->s : NULL, "-1.5e3");
	char *text = dj_text(b, 100);
	CHECK_STR(text, "[\"x\", {\"y\": null}]");
	free(text);
	text = dj_text(v, 10);
	CHECK_STR(text, "{\"a\": 1, \"...");
	free(text);
	dj_free(v);
}

TEST(daemon_json_errors_name_the_line)
{
	static const struct { const char *text; int line; const char *msg; } bad[] = {
		{ "{\n  \"icc\": false\n  \"iptables\": true\n}", 3, "expected ',' or '}'" },
		{ "{\n  \"icc\": false,\n}", 3, "trailing comma in object" },
		{ "{\"a\": [1,\n2,\n]}", 3, "trailing comma in array" },
		{ "{\n\"a\": \"open\n}", 2, "unterminated string" },
		{ "{'a': 1}", 1, "double quotes" },
		{ "{\"a\": tru}", 1, "unexpected word" },
		{ "{\"a\": \"\\x\"}", 1, "invalid escape" },
		{ "{\"a\": \"\\u12\"}", 1, "four hex digits" },
		{ "{\"a\": \"tab\there\"}", 1, "control character" },
		{ "{\"a\": 01}", 1, "expected ',' or '}'" },
		{ "{\"a\": -}", 1, "invalid number" },
		{ "{\"a\": 1.}", 1, "invalid number" },
		{ "{} {}", 1, "after the end" },
		{ "", 1, "unexpected end of file" },
		{ "{\n\"a\": [1, 2", 2, "end of file in array" },
		{ "{\"a\" 1}", 1, "expected ':'" },
		{ "{\"a\": \"\xff\"}", 1, "invalid UTF-8" },
		{ "\n\n  @", 3, "unexpected character" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int line = 0;
		const char *msg = NULL;
		struct dj *v = dj_parse(bad[i].text, strlen(bad[i].text), &line, &msg);
		CHECK(v == NULL);
		dj_free(v);
		if (line != bad[i].line || !msg || !strstr(msg, bad[i].msg)) {
			fprintf(stderr, "  case %zu: line %d \"%s\"\n", i, line, msg ? msg : "(null)");
			test_failed = 1;
		}
	}
}

TEST(daemon_json_depth_limit)
{
	struct buf b = { 0 };
	int line = 0;
	const char *msg = NULL;
	for (int i = 0; i < DJ_MAX_DEPTH + 1; i++)
		buf_addc(&b, '[');
	struct dj *v = dj_parse(b.s, b.len, &line, &msg);
	CHECK(v == NULL && msg && strstr(msg, "nested too deeply"));
	free(b.s);
	b = (struct buf){ 0 };
	for (int i = 0; i < DJ_MAX_DEPTH; i++)
		buf_addc(&b, '[');
	for (int i = 0; i < DJ_MAX_DEPTH; i++)
		buf_addc(&b, ']');
	v = dj_parse(b.s, b.len, &line, &msg);
	CHECK(v != NULL);
	dj_free(v);
	free(b.s);
}

TEST(daemon_json_unicode_and_duplicates)
{
	const char *t = "\xef\xbb\xbf{\"s\": \"\\u00e9\\ud83d\\ude00\\ud800x\\u0000\\n\\/\","
	                " \"k\": 1, \"k\": 2}";
	int line = 0;
	const char *msg = NULL;
	struct dj *v = dj_parse(t, strlen(t), &line, &msg);
	CHECK(v != NULL);
	if (!v)
		return;
	CHECK_STR(dj_member(v, "s")->s, "\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbdx\xef\xbf\xbd\n/");
	CHECK_STR(dj_member(v, "k")->s, "2");    /* the last one wins, as in dockerd */
	dj_free(v);
	/* Hex digits of either case, the ends of both ranges included. */
	t = "{\"s\": \"\\u00A9\\u00a9\\u00FF\\u00f0\\u0041\"}";
	v = dj_parse(t, strlen(t), &line, &msg);
	CHECK(v && str_eq(dj_member(v, "s")->s, "\xc2\xa9\xc2\xa9\xc3\xbf\xc3\xb0" "A"));
	dj_free(v);
}

TEST(daemon_json_apply_settings)
{
	struct daemon d = { 0 };
	struct findings errs = { 0 };
	const char *t = "{\n"
	                "  \"icc\": false,\n"
	                "  \"insecure-registries\": [\"a:5000\", \"10.0.0.0/8\"],\n"
	                "  \"log-opts\": {\"max-size\": \"10m\", \"max-file\": 3},\n"
	                "  \"default-ulimits\": {\n"
	                "    \"nofile\": {\"Name\": \"nofile\", \"Hard\": 2048, \"Soft\": 1024}\n"
	                "  },\n"
	                "  \"seccomp-profile\": null\n"
	                "}\n";
	daemon_json_apply(&d, "/etc/docker/daemon.json", t, strlen(t), &errs);
	CHECK_INT(errs.nerrors, 0);
	const struct d_setting *icc = daemon_get(&d, "icc");
	CHECK(icc && !icc->list && icc->src == DSRC_FILE);
	CHECK_STR(icc ? icc->value : NULL, "false");
	CHECK_INT(icc ? icc->loc.line : 0, 2);
	CHECK_STR(icc ? icc->loc.path : NULL, "/etc/docker/daemon.json");
	CHECK_STR(daemon_origin(icc), "/etc/docker/daemon.json:2 sets \"icc\": false");
	const struct d_setting *ir = daemon_get(&d, "insecure-registries");
	CHECK(ir && ir->list && ir->nitems == 2 && d_setting_has(ir, "10.0.0.0/8"));
	CHECK_STR(daemon_origin(ir), "/etc/docker/daemon.json:3 sets \"insecure-registries\": "
	                             "[\"a:5000\", \"10.0.0.0/8\"]");
	const struct d_setting *lo = daemon_get(&d, "log-opts");
	CHECK(lo && d_setting_has(lo, "max-size=10m") && d_setting_has(lo, "max-file=3"));
	const struct d_setting *ul = daemon_get(&d, "default-ulimits");
	CHECK(ul && ul->nitems == 1 && d_setting_has(ul, "nofile=1024:2048"));
	CHECK_INT(ul ? ul->loc.line : 0, 5);
	CHECK(daemon_get(&d, "seccomp-profile") == NULL);
	CHECK(d.sources == DSRC_BIT(DSRC_FILE));
	daemon_free(&d);
	findings_free(&errs);
}

TEST(daemon_json_apply_errors)
{
	struct daemon d = { 0 };
	struct findings errs = { 0 };
	const char *bad = "{\n  \"icc\": false,\n  \"hosts\": [\"fd://\",]\n}\n";
	daemon_json_apply(&d, "/etc/docker/daemon.json", bad, strlen(bad), &errs);
	CHECK_INT(errs.nerrors, 1);
	CHECK_INT(errs.nerrors ? errs.errors[0].line : 0, 3);
	CHECK_STR(errs.nerrors ? errs.errors[0].message : NULL,
	          "invalid JSON: trailing comma in array");
	CHECK_INT(d.nset, 0);
	daemon_json_apply(&d, "/x.json", "[1]", 3, &errs);
	CHECK_INT(errs.nerrors, 2);
	CHECK(errs.nerrors == 2 && strstr(errs.errors[1].message, "not a JSON object"));
	daemon_json_apply(&d, "/x.json", " \n\t", 3, &errs);   /* empty: no settings, no error */
	CHECK_INT(errs.nerrors, 2);
	daemon_free(&d);
	findings_free(&errs);
}

/* ---- dockerd flags ---- */

TEST(daemon_flags_parse_forms)
{
	char *argv[] = { "-H", "fd://", "--host=tcp://0.0.0.0:2375", "-Htcp://10.0.0.1:2376",
	                 "--icc", "false", "--iptables=false", "--tlsverify", "--insecure-registry",
	                 "a:5000", "--insecure-registry=b:5000", "-D", "--log-level", "warn",
	                 "--storage-opt", "dm.basesize=20G", "--userns-remap=default",
	                 "--live-restore", "--default-ulimit", "nofile=1024:2048", "--log-opt",
	                 "max-size=10m", "--authorization-plugin=authz", "--mystery", "x",
	                 "--lonely", "--selinux-enabled=TRUE", "-g", "/srv/docker", "stray",
	                 "--", "--icc=true" };
	struct dflag *f;
	size_t n = dflags_parse(argv, sizeof argv / sizeof *argv, &f);
	CHECK_INT(n, 20);
	CHECK_STR(dflags_get(f, n, "icc"), "false");
	CHECK_STR(dflags_get(f, n, "iptables"), "false");
	CHECK_STR(dflags_get(f, n, "tlsverify"), "true");
	CHECK_STR(dflags_get(f, n, "debug"), "true");
	CHECK_STR(dflags_get(f, n, "log-level"), "warn");
	CHECK_STR(dflags_get(f, n, "userns-remap"), "default");
	CHECK_STR(dflags_get(f, n, "live-restore"), "true");
	CHECK_STR(dflags_get(f, n, "mystery"), "x");
	CHECK_STR(dflags_get(f, n, "lonely"), "true");
	CHECK_STR(dflags_get(f, n, "selinux-enabled"), "true");
	CHECK_STR(dflags_get(f, n, "data-root"), "/srv/docker");
	CHECK_STR(dflags_get(f, n, "storage-opts"), "dm.basesize=20G");
	CHECK_STR(dflags_get(f, n, "log-opts"), "max-size=10m");
	CHECK_STR(dflags_get(f, n, "authorization-plugins"), "authz");
	CHECK_STR(dflags_get(f, n, "default-ulimits"), "nofile=1024:2048");
	CHECK_STR(f[0].key, "hosts");
	CHECK_STR(f[0].text, "-H fd://");
	CHECK_STR(f[1].text, "--host=tcp://0.0.0.0:2375");
	CHECK_STR(f[2].value, "tcp://10.0.0.1:2376");
	CHECK_STR(f[3].text, "--icc=false");
	CHECK_STR(f[5].text, "--tlsverify");
	CHECK_STR(f[8].text, "-D");
	CHECK(f[0].list && f[6].list && !f[3].list);

	struct daemon d = { 0 };
	dflags_apply(&d, f, n, (struct loc){ "/proc/812/cmdline", 0 }, "(pid 812)");
	const struct d_setting *h = daemon_get(&d, "hosts");
	CHECK(h && h->nitems == 3 && h->src == DSRC_FLAG);
	CHECK_STR(daemon_origin(h), "dockerd flags -H fd:// --host=tcp://0.0.0.0:2375 "
	                            "-H tcp://10.0.0.1:2376 (pid 812)");
	CHECK_STR(daemon_origin(daemon_get(&d, "icc")), "dockerd flag --icc=false (pid 812)");
	const struct d_setting *ir = daemon_get(&d, "insecure-registries");
	CHECK(ir && ir->nitems == 2 && d_setting_has(ir, "b:5000"));
	CHECK_STR(daemon_origin(ir), "dockerd flags --insecure-registry=a:5000 "
	                             "--insecure-registry=b:5000 (pid 812)");
	CHECK(daemon_bool(&d, "tlsverify", false));
	daemon_free(&d);
	dflags_free(f, n);
}

TEST(daemon_unit_execstart)
{
	const char *unit = "[Unit]\n"
	                   "Description=Docker\n"
	                   "ExecStart=/usr/bin/not-this\n"
	                   "\n"
	                   "[Service]\n"
	                   "# ExecStart=/usr/bin/dockerd --icc=true \\\n"
	                   "ExecStart=/usr/bin/dockerd --old\n"
	                   "ExecStart=\n"
	                   "ExecStart=-/usr/bin/dockerd -H fd:// \\\n"
	                   "  --containerd=/run/containerd/containerd.sock \\\n"
	                   "  --log-opt \"tag=my app\" $OPTIONS ${DOCKER_OPTS}\n"
	                   "ExecReload=/bin/kill -s HUP $MAINPID\n"
	                   "[Install]\n"
	                   "WantedBy=multi-user.target\n";
	char **argv;
	size_t argc;
	int line = 0;
	CHECK(dunit_execstart(unit, &argv, &argc, &line));
	CHECK_INT(line, 9);
	CHECK_INT(argc, 6);
	if (argc == 6) {
		CHECK_STR(argv[0], "/usr/bin/dockerd");
		CHECK_STR(argv[3], "--containerd=/run/containerd/containerd.sock");
		CHECK_STR(argv[5], "tag=my app");
	}
	dargv_free(argv, argc);
	CHECK(!dunit_execstart("[Service]\nExecStart=/usr/bin/containerd\n", &argv, &argc, &line));
	CHECK(!dunit_execstart("[Service]\nExecStart=/usr/bin/dockerd\nExecStart=\n", &argv, &argc,
	                       &line));
}

/* ---- collection and merge ---- */

TEST(daemon_merge_precedence)
{
	struct daemon d;
	struct findings errs = { 0 };
	collect(&d,
	        "{\n"
	        "  \"icc\": true,\n"
	        "  \"live-restore\": true,\n"
	        "  \"log-driver\": \"syslog\",\n"
	        "  \"insecure-registries\": [\"old:5000\"],\n"
	        "  \"experimental\": true\n"
	        "}\n",
	        "/usr/bin/dockerd|--icc=false|-H|fd://",
	        "{\"LiveRestoreEnabled\": true, \"LoggingDriver\": \"json-file\","
	        " \"ExperimentalBuild\": true, \"DockerRootDir\": \"/var/lib/docker\","
	        " \"RegistryConfig\": {\"InsecureRegistryCIDRs\": [\"127.0.0.0/8\"],"
	        " \"IndexConfigs\": {\"docker.io\": {\"Name\": \"docker.io\", \"Secure\": true}}}}",
	        &errs);
	CHECK_INT(errs.nerrors, 0);
	CHECK(d.sources == (DSRC_BIT(DSRC_FILE) | DSRC_BIT(DSRC_FLAG) | DSRC_BIT(DSRC_ENGINE)));
	CHECK_INT(d.pid, 812);
	/* Flags beat the file. */
	const struct d_setting *icc = daemon_get(&d, "icc");
	CHECK(icc && icc->src == DSRC_FLAG && icc->loc.line == 0);
	CHECK(icc && str_suffix(icc->loc.path, "/proc/812/cmdline"));
	CHECK_STR(daemon_origin(icc), "dockerd flag --icc=false (pid 812)");
	/* The engine agrees with the file: the file keeps the location. */
	const struct d_setting *lr = daemon_get(&d, "live-restore");
	CHECK(lr && lr->src == DSRC_FILE && lr->loc.line == 3);
	CHECK(daemon_get(&d, "experimental")->src == DSRC_FILE);
	/* The engine disagrees: it wins, and says what is not in effect. */
	const struct d_setting *ld = daemon_get(&d, "log-driver");
	CHECK(ld && ld->src == DSRC_ENGINE && ld->loc.path == NULL);
	CHECK_STR(ld ? ld->value : NULL, "json-file");
	CHECK(ld && strstr(ld->origin, "the engine reports LoggingDriver \"json-file\"; ") &&
	      strstr(ld->origin, ":4 sets \"log-driver\": \"syslog\" is not in effect"));
	const struct d_setting *ir = daemon_get(&d, "insecure-registries");
	CHECK(ir && ir->src == DSRC_ENGINE && ir->nitems == 0);
	/* Derived fields. */
	CHECK_STR(d.data_root, "/var/lib/docker");
	CHECK(d.unix_sockets && d.unix_sockets[0] && !d.unix_sockets[1]);
	CHECK_STR(d.unix_sockets ? d.unix_sockets[0] : NULL, "/var/run/docker.sock");
	daemon_free(&d);
	findings_free(&errs);
}

TEST(daemon_picks_the_engines_dockerd)
{
	char *root = tmp_root();
	struct daemon d;
	struct findings errs = { 0 };
	json_t *info = json_loads("{\"DockerRootDir\": \"/srv/docker/165536.165536\"}", 0, NULL);
	put_cmdline(root, 40, "/usr/bin/dockerd|--icc=true");
	put_cmdline(root, 300, "dockerd|--data-root=/srv/docker|--icc=false|"
	                       "--config-file=/etc/docker/other.json");
	put_cmdline(root, 7, "/usr/bin/containerd");
	put(root, "proc/8/cmdline", "", 0);
	put(root, "etc/docker/other.json", "{\"log-level\": \"warn\"}", 21);
	put(root, "etc/docker/daemon.json", "{\"log-level\": \"debug\"}", 22);
	struct daemon_inputs in = { root, NULL, NULL, info, NULL, "unix:///var/run/docker.sock" };
	CHECK_INT(daemon_collect(&d, &in, &errs), 0);
	CHECK_INT(d.pid, 300);
	CHECK_STR(daemon_str(&d, "icc"), "false");
	CHECK_STR(daemon_str(&d, "log-level"), "warn");   /* its --config-file */
	CHECK(d.daemon_json && str_suffix(d.daemon_json, "/etc/docker/other.json"));
	CHECK_STR(d.data_root, "/srv/docker/165536.165536");   /* userns-remap's subdirectory */
	daemon_free(&d);
	/* Without the engine both claim the default socket: which serves it cannot be told, so
	 * neither's flags are taken (no guess), and a warning says so. */
	in.info = NULL;
	daemon_collect(&d, &in, &errs);
	CHECK_INT(d.pid, 0);
	CHECK(daemon_str(&d, "icc") == NULL);
	CHECK_STR(daemon_str(&d, "log-level"), "debug");   /* /etc/docker/daemon.json */
	CHECK_INT(errs.nwarnings, 1);
	CHECK(errs.nwarnings && strstr(errs.warnings[0].message, "2 dockerd processes run (pid 40, "
	                                                          "300) and none is known to serve"));
	daemon_free(&d);
	findings_free(&errs);
	errs = (struct findings){ 0 };
	/* A daemon.json the user named must exist. */
	in.daemon_json = "/nonexistent-bulwark/daemon.json";
	CHECK_INT(daemon_collect(&d, &in, &errs), -1);
	CHECK_INT(errs.nerrors, 1);
	CHECK_STR(errs.nerrors ? errs.errors[0].input : NULL, "/nonexistent-bulwark/daemon.json");
	daemon_free(&d);
	json_decref(info);
	findings_free(&errs);
	rm_tree(root);
}

/* Two daemons with their own sockets and data roots: the endpoint's socket, or /info's ID and
 * DockerRootDir, choose; another daemon's flags never count. */
TEST(daemon_picks_by_socket_and_engine_id)
{
	char *root = tmp_root();
	struct daemon d;
	struct findings errs = { 0 };
	json_t *info = json_loads("{\"ID\": \"AAAA:BBBB\", \"DockerRootDir\": \"/srv/b\"}", 0, NULL);
	put_cmdline(root, 100, "/usr/bin/dockerd|-H|unix:///run/a.sock|--data-root|/srv/a|"
	                       "--icc=true");
	put_cmdline(root, 200, "/usr/bin/dockerd|--host=unix:///var/run/b.sock|--data-root=/srv/b|"
	                       "--icc=false|--config-file|/etc/b.json");
	put(root, "etc/b.json", "{\"log-level\": \"warn\"}", 21);
	put(root, "srv/b/engine-id", "AAAA:BBBB\n", 10);
	struct daemon_inputs in = { root, NULL, NULL, NULL, NULL, "unix:///var/run/a.sock" };
	/* the endpoint's socket alone (/var/run is /run), no engine answer */
	CHECK_INT(daemon_collect(&d, &in, &errs), 0);
	CHECK_INT(d.pid, 100);
	CHECK_STR(daemon_str(&d, "icc"), "true");
	daemon_free(&d);
	in.endpoint = "unix:///run/b.sock";
	daemon_collect(&d, &in, &errs);
	CHECK_INT(d.pid, 200);
	CHECK_STR(daemon_str(&d, "icc"), "false");
	CHECK_STR(daemon_str(&d, "log-level"), "warn");
	daemon_free(&d);
	CHECK_INT(errs.nwarnings, 0);
	/* a remote endpoint: neither serves it, and neither holds the engine's ID */
	in.endpoint = "tcp://10.0.0.9:2376";
	in.info = json_loads("{\"ID\": \"CCCC:DDDD\", \"DockerRootDir\": \"/srv/b\"}", 0, NULL);
	daemon_collect(&d, &in, &errs);
	CHECK_INT(d.pid, 0);
	CHECK(daemon_str(&d, "icc") == NULL);
	CHECK_INT(errs.nwarnings, 1);
	daemon_free(&d);
	json_decref(in.info);
	/* a recording (no socket): the engine-id under a data root names the daemon */
	in.endpoint = "recorded-engine";
	in.info = info;
	daemon_collect(&d, &in, &errs);
	CHECK_INT(d.pid, 200);
	daemon_free(&d);
	/* a socket of the engine that both do not listen on, but one holds its ID */
	in.endpoint = "tcp://10.0.0.9:2376";
	daemon_collect(&d, &in, &errs);
	CHECK_INT(d.pid, 200);
	daemon_free(&d);
	json_decref(info);
	findings_free(&errs);
	rm_tree(root);
}

/* A TCP endpoint is served by the daemon listening on its port, on that address or on all. */
TEST(daemon_picks_by_tcp_port)
{
	char *root = tmp_root();
	struct daemon d;
	struct findings errs = { 0 };
	put_cmdline(root, 10, "dockerd|-H|fd://|-H|tcp://0.0.0.0:2375|--icc=true");
	put_cmdline(root, 20, "dockerd|-H|unix:///run/b.sock|-H|tcp://0.0.0.0:2376|--data-root|/b|"
	                      "--icc=false");
	struct daemon_inputs in = { root, NULL, NULL, NULL, NULL, "tcp://127.0.0.1:2376" };
	daemon_collect(&d, &in, &errs);
	CHECK_INT(d.pid, 20);
	daemon_free(&d);
	in.endpoint = "tcp://localhost:2375";
	daemon_collect(&d, &in, &errs);
	CHECK_INT(d.pid, 10);
	daemon_free(&d);
	in.endpoint = "tcp://127.0.0.1:2377";
	daemon_collect(&d, &in, &errs);
	CHECK_INT(d.pid, 0);
	daemon_free(&d);
	CHECK_INT(errs.nwarnings, 1);
	findings_free(&errs);
	rm_tree(root);
}

TEST(daemon_unit_file_when_nothing_runs)
{
	char *root = tmp_root();
	struct daemon d;
	struct findings errs = { 0 };
	const char *unit = "[Service]\nType=notify\n"
	                   "ExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375 \\\n"
	                   "  -H unix:///run/user/docker.sock --tlscacert=/etc/docker/ca.pem\n";
	put(root, "lib/systemd/system/docker.service", unit, strlen(unit));
	/* The host collector hands the path without the root prefix. */
	struct daemon_inputs in = { root, NULL, "/lib/systemd/system/docker.service", NULL, NULL,
	                            "unix:///var/run/docker.sock" };
	CHECK_INT(daemon_collect(&d, &in, &errs), 0);
	const struct d_setting *h = daemon_get(&d, "hosts");
	CHECK(h && h->nitems == 3 && h->loc.line == 3);
	CHECK(h && str_suffix(h->loc.path, "/lib/systemd/system/docker.service"));
	CHECK(h && strstr(h->origin, "dockerd flags -H fd:// -H tcp://0.0.0.0:2375 "
	                             "-H unix:///run/user/docker.sock in ") &&
	      str_suffix(h->origin, "docker.service:3"));
	CHECK_STR(d.tls_ca, "/etc/docker/ca.pem");
	CHECK(d.unix_sockets && d.unix_sockets[0] && d.unix_sockets[1] && !d.unix_sockets[2]);
	CHECK_STR(d.unix_sockets ? d.unix_sockets[0] : NULL, "/var/run/docker.sock");
	CHECK_STR(d.unix_sockets ? d.unix_sockets[1] : NULL, "/run/user/docker.sock");
	struct findings out = run(&d);
	CHECK_INT(count(&out, "BW-E007"), 1);
	CHECK_INT(first(&out, "BW-E007") ? first(&out, "BW-E007")->line : 0, 3);
	findings_free(&out);
	daemon_free(&d);
	findings_free(&errs);
	rm_tree(root);
}

TEST(daemon_invalid_json_keeps_other_sources)
{
	struct daemon d;
	struct findings errs = { 0 };
	collect(&d, "{\n  \"icc\": false\n  \"iptables\": false\n}\n", "dockerd|--iptables=false",
	        "{\"LoggingDriver\": \"json-file\"}", &errs);
	CHECK_INT(errs.nerrors, 1);
	CHECK_INT(errs.nerrors ? errs.errors[0].line : 0, 3);
	CHECK(errs.nerrors && str_suffix(errs.errors[0].input, "/etc/docker/daemon.json"));
	CHECK(d.daemon_json != NULL);
	CHECK(daemon_get(&d, "icc") == NULL);
	CHECK_STR(daemon_str(&d, "iptables"), "false");
	CHECK_STR(daemon_str(&d, "log-driver"), "json-file");
	daemon_free(&d);
	findings_free(&errs);
}

TEST(daemon_counts_and_swarm)
{
	struct daemon d = { 0 };
	json_t *c = json_loads("[{\"ImageID\": \"sha256:a\", \"State\": \"running\"},"
	                       " {\"ImageID\": \"sha256:a\", \"State\": \"exited\"},"
	                       " {\"ImageID\": \"sha256:b\", \"State\": \"created\"}]", 0, NULL);
	json_t *im = json_loads("[{\"Id\": \"sha256:a\"}, {\"Id\": \"sha256:b\"},"
	                        " {\"Id\": \"sha256:c\"}, {\"Id\": \"sha256:d\"}]", 0, NULL);
	daemon_add_counts(&d, c, im);
	CHECK(d.containers_known && d.images_known);
	CHECK_INT(d.containers, 3);
	CHECK_INT(d.containers_running, 1);
	CHECK_INT(d.images, 4);
	CHECK_INT(d.images_unused, 2);
	json_t *sw = json_loads("{\"ID\": \"x\", \"Spec\": {\"EncryptionConfig\": "
	                        "{\"AutoLockManagers\": true}, \"CAConfig\": "
	                        "{\"NodeCertExpiry\": 7776000000000000}}}", 0, NULL);
	json_t *nodes = json_loads("[{\"Spec\": {\"Role\": \"manager\"}},"
	                           " {\"Spec\": {\"Role\": \"worker\"}}]", 0, NULL);
	json_t *nets = json_loads("[{\"Name\": \"bridge\", \"Driver\": \"bridge\", \"Options\":"
	                          " {\"com.docker.network.bridge.enable_icc\": \"true\"}},"
	                          " {\"Name\": \"web\", \"Id\": \"abc\", \"Driver\": \"overlay\","
	                          " \"Options\": {}},"
	                          " {\"Name\": \"db\", \"Driver\": \"overlay\","
	                          " \"Options\": {\"encrypted\": \"\"}}]", 0, NULL);
	json_t *secrets = json_loads("[]", 0, NULL);
	daemon_add_swarm(&d, sw, nodes, nets, secrets);
	CHECK(d.swarm_active && d.swarm_spec && d.autolock);
	CHECK(d.node_cert_expiry == 7776000000000000LL);
	CHECK_INT(d.swarm_managers, 1);
	CHECK_INT(d.swarm_nodes, 2);
	CHECK_INT(d.noverlays, 2);
	CHECK(d.noverlays == 2 && !d.overlays[0].encrypted && d.overlays[1].encrypted);
	CHECK_STR(d.noverlays ? d.overlays[0].id : NULL, "abc");
	CHECK(d.secrets_known && d.nsecrets == 0);
	CHECK(!d.no_default_bridge);
	CHECK_STR(daemon_str(&d, "icc"), "true");
	CHECK(daemon_get(&d, "icc")->src == DSRC_ENGINE);
	daemon_free(&d);
	json_decref(c);
	json_decref(im);
	json_decref(sw);
	json_decref(nodes);
	json_decref(nets);
	json_decref(secrets);
}

TEST(daemon_swarm_services_and_tasks)
{
	struct daemon d = { 0 };
	json_t *c = json_loads("[{\"State\": \"running\", \"Labels\": {\"app\": \"x\"}},"
	                       " {\"State\": \"running\", \"Labels\":"
	                       " {\"com.docker.swarm.service.id\": \"s1\"}}, {\"State\": \"exited\"}]",
	                       0, NULL);
	json_t *svc = json_loads("[{\"ID\": \"s1\"}, {\"ID\": \"s2\"}]", 0, NULL);
	daemon_add_services(&d, NULL);
	CHECK(!d.services_known && !d.tasks_known);
	daemon_add_counts(&d, c, NULL);
	daemon_add_services(&d, svc);
	CHECK(d.tasks_known && d.ntasks == 1);
	CHECK(d.services_known && d.nservices == 2);
	daemon_free(&d);
	json_decref(c);
	json_decref(svc);
}

/* ---- rules, both ways ---- */

struct rcase { const char *id, *dj, *cmdline, *info; int want; };

#define LINUX "\"OSType\": \"linux\""
#define SECCOMP "\"SecurityOptions\": [\"name=seccomp,profile=builtin\"]"

static const struct rcase rcases[] = {
	{ "BW-E001", NULL, NULL, "{\"ServerVersion\": \"24.0.7\", " LINUX "}", 1 },
	{ "BW-E001", "{}", NULL, NULL, 0 },
	{ "BW-E002", "{\"icc\": true}", NULL, NULL, 1 },
	{ "BW-E002", "{}", NULL, NULL, 1 },
	{ "BW-E002", "{\"icc\": false}", NULL, NULL, 0 },
	{ "BW-E002", "{\"bridge\": \"none\"}", NULL, NULL, 0 },
	{ "BW-E002", "{\"icc\": true}", "dockerd|--icc=false", NULL, 0 },
	{ "BW-E003", "{\"log-level\": \"debug\"}", NULL, NULL, 1 },
	{ "BW-E003", "{\"debug\": true}", NULL, NULL, 1 },
	{ "BW-E003", NULL, "dockerd|-l|error", NULL, 1 },
	{ "BW-E003", "{\"log-level\": \"INFO\"}", NULL, NULL, 0 },
	{ "BW-E003", "{}", NULL, NULL, 0 },
	{ "BW-E004", "{\"iptables\": false}", NULL, NULL, 1 },
	{ "BW-E004", "{}", NULL, NULL, 0 },
	{ "BW-E005", "{\"insecure-registries\": [\"a:5000\", \"10.0.0.0/8\"]}", NULL, NULL, 2 },
	{ "BW-E005", NULL, NULL, "{\"RegistryConfig\": {\"InsecureRegistryCIDRs\": [\"127.0.0.0/8\","
	             " \"::1/128\", \"192.168.0.0/16\"], \"IndexConfigs\": {}}}", 1 },
	{ "BW-E005", "{\"insecure-registries\": []}", NULL, NULL, 0 },
	{ "BW-E005", NULL, NULL, "{\"RegistryConfig\": {\"InsecureRegistryCIDRs\": [\"127.0.0.0/8\"]}}",
	  0 },
	{ "BW-E006", "{\"storage-driver\": \"aufs\"}", NULL, NULL, 1 },
	{ "BW-E006", "{\"storage-driver\": \"aufs\"}", NULL, "{\"Driver\": \"overlay2\"}", 0 },
	{ "BW-E007", "{\"hosts\": [\"tcp://0.0.0.0:2375\", \":2376\", \"fd://\"]}", NULL, NULL, 2 },
	{ "BW-E007", NULL, "dockerd|-H|tcp://127.0.0.1:2375|-H|unix:///var/run/docker.sock", NULL,
	  1 },
	{ "BW-E007", "{\"hosts\": [\"tcp://0.0.0.0:2375\"], \"tls\": true}", NULL, NULL, 0 },
	{ "BW-E007", "{\"hosts\": [\"tcp://0.0.0.0:2376\"], \"tlsverify\": true}", NULL, NULL, 0 },
	{ "BW-E007", "{\"hosts\": [\"unix:///var/run/docker.sock\"]}", NULL, NULL, 0 },
	{ "BW-E008", "{\"hosts\": [\"tcp://0.0.0.0:2376\"], \"tls\": true}", NULL, NULL, 1 },
	{ "BW-E008", "{\"hosts\": [\"tcp://0.0.0.0:2376\"]}", "dockerd|--tlsverify", NULL, 0 },
	{ "BW-E008", "{\"hosts\": [\"tcp://0.0.0.0:2375\"]}", NULL, NULL, 0 },
	{ "BW-E009", "{}", NULL, NULL, 1 },
	{ "BW-E009", NULL, "dockerd|--default-ulimit|nproc=1024:2048", NULL, 0 },
	{ "BW-E010", "{}", NULL, "{\"SecurityOptions\": []}", 1 },
	{ "BW-E010", "{\"userns-remap\": \"default\"}", NULL, "{\"SecurityOptions\": []}", 1 },
	{ "BW-E010", "{\"userns-remap\": \"default\"}", NULL, NULL, 0 },
	{ "BW-E010", "{}", NULL, "{\"SecurityOptions\": [\"name=userns\"]}", 0 },
	{ "BW-E010", "{}", NULL, "{\"SecurityOptions\": [\"name=rootless\"]}", 0 },
	{ "BW-E011", "{\"cgroup-parent\": \"/batch\"}", NULL, NULL, 1 },
	{ "BW-E011", "{\"cgroup-parent\": \"/docker\"}", NULL, NULL, 0 },
	{ "BW-E012", "{\"storage-driver\": \"devicemapper\", \"storage-opts\": [\"dm.basesize=20G\"]}",
	  NULL, NULL, 1 },
	{ "BW-E012", "{\"storage-opts\": [\"dm.basesize=20G\"]}", NULL, NULL, 0 },
	{ "BW-E013", "{}", NULL, NULL, 1 },
	{ "BW-E013", NULL, "dockerd|--authorization-plugin=authz", NULL, 0 },
	{ "BW-E014", "{}", NULL, NULL, 1 },
	{ "BW-E014", "{\"log-driver\": \"none\"}", NULL, NULL, 1 },
	{ "BW-E014", "{\"log-driver\": \"gelf\"}", NULL, NULL, 0 },
	{ "BW-E015", "{}", NULL, NULL, 1 },
	{ "BW-E015", "{\"no-new-privileges\": true}", NULL, NULL, 0 },
	{ "BW-E015", "{}", NULL, "{\"SecurityOptions\": [\"name=no-new-privileges\"]}", 0 },
	{ "BW-E016", "{}", NULL, NULL, 1 },
	{ "BW-E016", "{\"live-restore\": true}", NULL, NULL, 0 },
	{ "BW-E016", "{}", NULL, "{\"Swarm\": {\"LocalNodeState\": \"active\"}}", 0 },
	{ "BW-E017", "{}", NULL, NULL, 1 },
	{ "BW-E017", "{\"userland-proxy\": false}", NULL, NULL, 0 },
	{ "BW-E018", "{\"seccomp-profile\": \"unconfined\"}", NULL, NULL, 1 },
	{ "BW-E018", "{}", NULL, "{" LINUX ", \"SecurityOptions\": [\"name=apparmor\"]}", 1 },
	{ "BW-E018", "{\"seccomp-profile\": \"unconfined\"}", NULL, "{" SECCOMP "}", 0 },
	{ "BW-E018", "{}", NULL, "{\"OSType\": \"windows\", \"SecurityOptions\": []}", 0 },
	{ "BW-E019", "{\"experimental\": true}", NULL, NULL, 1 },
	{ "BW-E019", "{}", NULL, NULL, 0 },
	{ "BW-E021", "{\"storage-driver\": \"devicemapper\"}", NULL, NULL, 1 },
	{ "BW-E021", "{}", NULL, "{\"Driver\": \"overlay2\"}", 0 },
	{ "BW-S001", NULL, NULL, "{\"Swarm\": {\"LocalNodeState\": \"active\", "
	             "\"ControlAvailable\": true, \"Managers\": 2}}", 1 },
	{ "BW-S001", NULL, NULL, "{\"Swarm\": {\"LocalNodeState\": \"active\", "
	             "\"ControlAvailable\": true, \"Managers\": 9}}", 1 },
	{ "BW-S001", NULL, NULL, "{\"Swarm\": {\"LocalNodeState\": \"active\", "
	             "\"ControlAvailable\": true, \"Managers\": 3}}", 0 },
	{ "BW-S001", NULL, NULL, "{\"Swarm\": {\"LocalNodeState\": \"active\", "
	             "\"ControlAvailable\": false, \"Managers\": 0}}", 0 },
	{ "BW-S004", NULL, NULL, "{\"Swarm\": {\"LocalNodeState\": \"active\", \"Cluster\": "
	             "{\"Spec\": {\"EncryptionConfig\": {\"AutoLockManagers\": false}}}}}", 1 },
	{ "BW-S004", NULL, NULL, "{\"Swarm\": {\"LocalNodeState\": \"inactive\", \"Cluster\": "
	             "{\"Spec\": {\"EncryptionConfig\": {\"AutoLockManagers\": false}}}}}", 0 },
	{ "BW-S005", NULL, NULL, "{\"Swarm\": {\"LocalNodeState\": \"active\", \"Cluster\": "
	             "{\"Spec\": {\"CAConfig\": {\"NodeCertExpiry\": 31536000000000000}}}}}", 1 },
	{ "BW-S005", NULL, NULL, "{\"Swarm\": {\"LocalNodeState\": \"active\", \"Cluster\": "
	             "{\"Spec\": {\"CAConfig\": {\"NodeCertExpiry\": 7776000000000000}}}}}", 0 },
};

TEST(daemon_rules_both_ways)
{
	for (size_t i = 0; i < sizeof rcases / sizeof *rcases; i++) {
		const struct rcase *r = &rcases[i];
		struct daemon d;
		struct findings errs = { 0 };
		collect(&d, r->dj, r->cmdline, r->info, &errs);
		struct findings out = run(&d);
		int got = count(&out, r->id);
		if (got != r->want || errs.nerrors) {
			fprintf(stderr, "  rcases[%zu] %s: %d findings, expected %d (%zu errors)\n", i,
			        r->id, got, r->want, errs.nerrors);
			test_failed = 1;
		}
		findings_free(&out);
		findings_free(&errs);
		daemon_free(&d);
	}
}

TEST(daemon_rules_nothing_known)
{
	struct daemon d;
	struct findings errs = { 0 };
	collect(&d, NULL, NULL, NULL, &errs);
	CHECK_INT(d.sources, 0);
	struct findings out = run(&d);
	CHECK_INT(out.n, 0);
	findings_free(&out);
	daemon_free(&d);
	findings_free(&errs);
}

TEST(daemon_rule_messages)
{
	struct daemon d;
	struct findings errs = { 0 };
	collect(&d, "{\n  \"icc\": true,\n  \"insecure-registries\": [\"r:5000\"]\n}\n",
	        "dockerd|--iptables=false", "{\"ServerVersion\": \"24.0.7\", \"KernelVersion\":"
	        " \"6.1.0\", \"OperatingSystem\": \"Debian GNU/Linux 12\", " LINUX ","
	        " \"Architecture\": \"x86_64\"}", &errs);
	struct findings out = run(&d);
	const struct finding *f = first(&out, "BW-E002");
	CHECK(f && f->line == 2 && str_suffix(f->path, "/etc/docker/daemon.json"));
	CHECK(f && strstr(f->message, "containers on the default bridge can reach each other "
	                              "(icc true): ") &&
	      str_suffix(f->message, "/etc/docker/daemon.json:2 sets \"icc\": true"));
	f = first(&out, "BW-E004");
	CHECK_STR(f ? f->message : NULL, "Docker may not manage iptables rules (iptables false): "
	                                 "dockerd flag --iptables=false (pid 812)");
	f = first(&out, "BW-E005");
	CHECK(f && f->line == 3 && str_eq(f->evidence, "r:5000"));
	f = first(&out, "BW-E017");
	CHECK(f && !f->path);
	CHECK_STR(f ? f->message : NULL, "published ports go through the userland proxy "
	                                 "(docker-proxy) (userland-proxy true): default (not set)");
	f = first(&out, "BW-E001");
	CHECK_STR(f ? f->message : NULL, "Docker Engine 24.0.7 (API unknown, linux/x86_64) on "
	                                 "Debian GNU/Linux 12, kernel 6.1.0");
	findings_free(&out);
	daemon_free(&d);
	findings_free(&errs);
}

static void trust_case(const char *value, int want)
{
	struct daemon d;
	struct findings errs = { 0 };
	if (value)
		setenv("DOCKER_CONTENT_TRUST", value, 1);
	else
		unsetenv("DOCKER_CONTENT_TRUST");
	collect(&d, "{}", NULL, NULL, &errs);
	struct findings out = run(&d);
	if (count(&out, "BW-E020") != want) {
		fprintf(stderr, "  DOCKER_CONTENT_TRUST=%s: expected %d\n", value ? value : "(unset)",
		        want);
		test_failed = 1;
	}
	findings_free(&out);
	daemon_free(&d);
}

TEST(daemon_rule_content_trust)
{
	char *saved = xstrdup(getenv("DOCKER_CONTENT_TRUST"));
	trust_case(NULL, 1);
	trust_case("", 1);
	trust_case("0", 1);
	trust_case("false", 1);
	trust_case("1", 0);
	trust_case("true", 0);
	trust_case("yes", 0);   /* the CLI takes any value it cannot parse as true */
	if (saved)
		setenv("DOCKER_CONTENT_TRUST", saved, 1);
	else
		unsetenv("DOCKER_CONTENT_TRUST");
	free(saved);
}

TEST(daemon_rules_sprawl_and_swarm_lists)
{
	struct daemon d;
	struct findings errs = { 0 };
	struct buf c = { 0 }, im = { 0 };
	collect(&d, "{}", NULL, "{\"Swarm\": {\"LocalNodeState\": \"active\"}}", &errs);
	buf_adds(&c, "[{\"ImageID\": \"i0\", \"State\": \"running\"}");
	buf_adds(&im, "[{\"Id\": \"i0\"}");
	for (int i = 1; i <= 11; i++) {
		buf_printf(&c, ", {\"ImageID\": \"i0\", \"State\": \"exited\"}");
		buf_printf(&im, ", {\"Id\": \"i%d\"}", i);
	}
	buf_adds(&c, "]");
	buf_adds(&im, "]");
	json_t *jc = json_loads(c.s, 0, NULL), *ji = json_loads(im.s, 0, NULL);
	json_t *nets = json_loads("[{\"Name\": \"ingress\", \"Driver\": \"overlay\"}]", 0, NULL);
	json_t *secrets = json_loads("[]", 0, NULL);
	daemon_add_counts(&d, jc, ji);
	daemon_add_swarm(&d, NULL, NULL, nets, secrets);
	struct findings out = run(&d);
	CHECK_INT(count(&out, "BW-O001"), 1);
	CHECK_INT(count(&out, "BW-O002"), 1);
	CHECK_INT(count(&out, "BW-S002"), 1);
	CHECK_INT(count(&out, "BW-S003"), 1);
	CHECK_INT(count(&out, "BW-E002"), 0);   /* /networks has no default bridge */
	CHECK_STR(first(&out, "BW-O001") ? first(&out, "BW-O001")->message : NULL,
	          "11 of 12 images are not used by any container, running or stopped");
	CHECK_STR(first(&out, "BW-O002") ? first(&out, "BW-O002")->message : NULL,
	          "11 of 12 containers are not running");
	findings_free(&out);
	daemon_free(&d);
	/* The same counts without swarm mode: the swarm rules stay quiet. */
	collect(&d, "{}", NULL, "{\"Swarm\": {\"LocalNodeState\": \"inactive\"}}", &errs);
	json_array_remove(jc, 1);
	daemon_add_counts(&d, jc, ji);
	out = run(&d);
	CHECK_INT(count(&out, "BW-O002"), 0);
	CHECK_INT(count(&out, "BW-S002") + count(&out, "BW-S003") + count(&out, "BW-S001"), 0);
	findings_free(&out);
	daemon_free(&d);
	json_decref(jc);
	json_decref(ji);
	json_decref(nets);
	json_decref(secrets);
	free(c.s);
	free(im.s);
	findings_free(&errs);
}

/* ---- fixtures: tests/fixtures/BW-{E,O,S}* run as the audit runs them ---- */

static json_t *load_engine(const char *dir, const char *name)
{
	char *p = xasprintf("%s/engine/%s", dir, name);
	json_t *j = access(p, F_OK) == 0 ? json_load_file(p, 0, NULL) : NULL;
	if (access(p, F_OK) == 0 && !j) {
		fprintf(stderr, "  %s: invalid JSON\n", p);
		test_failed = 1;
	}
	free(p);
	return j;
}

static void apply_env(const char *dir)
{
	char *p = xasprintf("%s/env", dir), line[512];
	FILE *f = fopen(p, "r");
	unsetenv("DOCKER_CONTENT_TRUST");
	while (f && fgets(line, sizeof line, f)) {
		char *s = str_trim(line), *eq = strchr(s, '=');
		if (*s && *s != '#' && eq) {
			*eq = '\0';
			setenv(s, eq + 1, 1);
		}
	}
	if (f)
		fclose(f);
	free(p);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lines of a file or of findings, sorted, one string. */
static char *sorted(char **v, size_t n)
{
	struct buf b = { 0 };
	buf_add(&b, "", 0);
	if (n)
		qsort(v, n, sizeof *v, cmp_str);
	for (size_t i = 0; i < n; i++) {
		buf_printf(&b, "%s\n", v[i]);
		free(v[i]);
	}
	free(v);
	return buf_take(&b);
}

static char *expected_lines(const char *dir)
{
	char *p = xasprintf("%s/expected", dir), line[256], **v = NULL;
	size_t n = 0, cap = 0;
	FILE *f = fopen(p, "r");
	while (f && fgets(line, sizeof line, f)) {
		char *s = str_trim(line);
		if (*s && *s != '#') {
			GROW(v, cap, n);
			v[n++] = xstrdup(s);
		}
	}
	if (f)
		fclose(f);
	free(p);
	return f ? sorted(v, n) : NULL;
}

static char *actual_lines(const struct findings *out, const char *rule)
{
	char **v = xcalloc(out->n + out->nerrors + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < out->n; i++)
		if (str_eq(out->v[i].rule->id, rule))
			v[n++] = xasprintf("%s %d", rule, out->v[i].line);
	for (size_t i = 0; i < out->nerrors; i++)
		v[n++] = xasprintf("error %d", out->errors[i].line);
	return sorted(v, n);
}

static const char *const units[] = { "etc/systemd/system/docker.service",
                                     "lib/systemd/system/docker.service",
                                     "usr/lib/systemd/system/docker.service" };

static bool fixture_case(const char *dir, const char *rule)
{
	char *root = xasprintf("%s/root", dir), *unit = NULL;
	struct findings out = { 0 };
	struct daemon d;
	json_t *info = load_engine(dir, "info.json"), *version = load_engine(dir, "version.json");
	json_t *cs = load_engine(dir, "containers/json.json"), *ims = load_engine(dir,
	                                                                           "images/json.json");
	json_t *sw = load_engine(dir, "swarm.json"), *nodes = load_engine(dir, "nodes.json");
	json_t *nets = load_engine(dir, "networks.json"), *secrets = load_engine(dir, "secrets.json");
	json_t *services = load_engine(dir, "services.json");
	for (size_t i = 0; !unit && i < sizeof units / sizeof *units; i++) {
		char *p = xasprintf("%s/%s", root, units[i]);
		if (access(p, F_OK) == 0)
			unit = xasprintf("/%s", units[i]);
		free(p);
	}
	apply_env(dir);
	struct daemon_inputs in = { root, NULL, unit, info, version, "unix:///var/run/docker.sock" };
	daemon_collect(&d, &in, &out);
	if (cs || ims)
		daemon_add_counts(&d, cs, ims);
	if (sw || nodes || nets || secrets)
		daemon_add_swarm(&d, sw, nodes, nets, secrets);
	daemon_add_services(&d, services);
	out.cur = (struct target){ .kind = TK_DAEMON, .name = "unix:///var/run/docker.sock" };
	rules_run_daemon(&d, &out);
	char *want = expected_lines(dir), *got = actual_lines(&out, rule);
	bool ok = want && !strcmp(want, got);
	if (!ok)
		fprintf(stderr, "  %s\n  expected:\n%s  got:\n%s", dir, want ? want : "(no file)\n",
		        got);
	for (size_t i = 0; !ok && i < out.n; i++)
		fprintf(stderr, "    %s %s:%d %s\n", out.v[i].rule->id,
		        out.v[i].path ? out.v[i].path : "-", out.v[i].line, out.v[i].message);
	json_t *all[] = { info, version, cs, ims, sw, nodes, nets, secrets, services };
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		json_decref(all[i]);
	free(want);
	free(got);
	daemon_free(&d);
	findings_free(&out);
	free(unit);
	free(root);
	return ok;
}

static char **list_dir(const char *path, size_t *n)
{
	DIR *dp = opendir(path);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	while (dp && (e = readdir(dp)))
		if (e->d_name[0] != '.') {
			GROW(v, cap, *n);
			v[(*n)++] = xstrdup(e->d_name);
		}
	if (dp)
		closedir(dp);
	if (*n)
		qsort(v, *n, sizeof *v, cmp_str);
	return v;
}

TEST(daemon_fixtures)
{
	char *saved = xstrdup(getenv("DOCKER_CONTENT_TRUST"));
	size_t nrules, cases = 0;
	char **rules = list_dir("tests/fixtures", &nrules);
	for (size_t i = 0; i < nrules; i++) {
		if (!str_prefix(rules[i], "BW-E") && !str_prefix(rules[i], "BW-O") &&
		    !str_prefix(rules[i], "BW-S"))
			continue;
		CHECK(rule_find(rules[i]) != NULL);
		char *rdir = xasprintf("tests/fixtures/%s", rules[i]);
		size_t ncase;
		char **names = list_dir(rdir, &ncase);
		bool fires = false, passes = false;
		for (size_t k = 0; k < ncase; k++) {
			char *dir = xasprintf("%s/%s", rdir, names[k]);
			if (!fixture_case(dir, rules[i]))
				test_failed = 1;
			fires |= str_prefix(names[k], "fires");
			passes |= str_prefix(names[k], "passes");
			cases++;
			free(dir);
			free(names[k]);
		}
		if (!fires || !passes) {
			fprintf(stderr, "  %s needs a fires and a passes case\n", rules[i]);
			test_failed = 1;
		}
		free(names);
		free(rdir);
	}
	/* Every daemon rule has its fixtures. */
	for (size_t i = 0; i < rules_count; i++) {
		bool found = false;
		if (!rules_all[i]->check_daemon)
			continue;
		for (size_t k = 0; k < nrules && !found; k++)
			found = !strcmp(rules[k], rules_all[i]->id);
		if (!found) {
			fprintf(stderr, "  %s has no fixtures\n", rules_all[i]->id);
			test_failed = 1;
		}
	}
	for (size_t i = 0; i < nrules; i++)
		free(rules[i]);
	free(rules);
	CHECK(cases > 50);
	if (saved)
		setenv("DOCKER_CONTENT_TRUST", saved, 1);
	else
		unsetenv("DOCKER_CONTENT_TRUST");
	free(saved);
}

/* Every flag dockerd spells differently from daemon.json or parses as a boolean or a list: its
 * key, "0" read as a boolean, a list gathering each occurrence, a value taken even when it starts
 * with '-', and its short form. */
TEST(daemon_flags_table)
{
	static const struct { const char *flag; char sh; const char *key; char kind; } t[] = {
		{ "host", 'H', "hosts", 'l' }, { "debug", 'D', "debug", 'b' },
		{ "log-level", 'l', "log-level", 's' }, { "icc", 0, "icc", 'b' },
		{ "iptables", 0, "iptables", 'b' }, { "ip6tables", 0, "ip6tables", 'b' },
		{ "ip-forward", 0, "ip-forward", 'b' }, { "ip-masq", 0, "ip-masq", 'b' },
		{ "ipv6", 0, "ipv6", 'b' }, { "insecure-registry", 0, "insecure-registries", 'l' },
		{ "registry-mirror", 0, "registry-mirrors", 'l' },
		{ "storage-driver", 's', "storage-driver", 's' },
		{ "storage-opt", 0, "storage-opts", 'l' }, { "tls", 0, "tls", 'b' },
		{ "tlsverify", 0, "tlsverify", 'b' }, { "default-ulimit", 0, "default-ulimits", 'l' },
		{ "authorization-plugin", 0, "authorization-plugins", 'l' },
		{ "log-opt", 0, "log-opts", 'l' }, { "live-restore", 0, "live-restore", 'b' },
		{ "userland-proxy", 0, "userland-proxy", 'b' },
		{ "experimental", 0, "experimental", 'b' },
		{ "no-new-privileges", 0, "no-new-privileges", 'b' },
		{ "graph", 'g', "data-root", 's' }, { "bridge", 'b', "bridge", 's' },
		{ "selinux-enabled", 0, "selinux-enabled", 'b' }, { "rootless", 0, "rootless", 'b' },
		{ "group", 'G', "group", 's' }, { "pidfile", 'p', "pidfile", 's' },
		{ "exec-opt", 0, "exec-opts", 'l' }, { "dns", 0, "dns", 'l' },
		{ "dns-opt", 0, "dns-opts", 'l' }, { "dns-search", 0, "dns-search", 'l' },
		{ "label", 0, "labels", 'l' }, { "add-runtime", 0, "runtimes", 'l' },
		{ "default-address-pool", 0, "default-address-pools", 'l' },
		{ "allow-nondistributable-artifacts", 0, "allow-nondistributable-artifacts", 'l' },
		{ "init", 0, "init", 'b' }, { "raw-logs", 0, "raw-logs", 'b' },
		{ "validate", 0, "validate", 'b' },
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char *eq = xasprintf("--%s=0", t[i].flag), *bare = xasprintf("--%s", t[i].flag);
		char *argv[] = { eq, bare, "-v" };
		struct dflag *f;
		size_t n = dflags_parse(argv, 3, &f);
		const char *want1 = t[i].kind == 'b' ? "false" : "0";
		const char *want2 = t[i].kind == 'b' ? "true" : "-v";
		bool ok = n == 2 && str_eq(f[0].key, t[i].key) && str_eq(f[1].key, t[i].key) &&
		          str_eq(f[0].value, want1) && str_eq(f[1].value, want2) &&
		          f[0].list == (t[i].kind == 'l');
		if (!ok) {
			fprintf(stderr, "  --%s: %zu flags, %s=%s\n", t[i].flag, n, n ? f[0].key : "",
			        n ? f[0].value : "");
			test_failed = 1;
		}
		dflags_free(f, n);
		if (t[i].sh) {
			char sflag[3] = { '-', t[i].sh, 0 };
			char *sargv[] = { sflag, "x" };
			n = dflags_parse(sargv, 2, &f);
			const char *want = t[i].kind == 'b' ? "true" : "x";
			if (n < 1 || !str_eq(f[0].key, t[i].key) || !str_eq(f[0].value, want)) {
				fprintf(stderr, "  -%c: %zu flags\n", t[i].sh, n);
				test_failed = 1;
			}
			dflags_free(f, n);
		}
		free(eq);
		free(bare);
	}
}

/* The daemon-wide defaults the container rules read: no-new-privileges and default-ulimits set
 * for every container, rootless; and the sockets of every host form. */
TEST(daemon_derive_defaults)
{
	struct daemon d = { 0 };
	struct findings errs = { 0 };
	const char *t = "{\"no-new-privileges\": true, \"rootless\": true,\n"
	                " \"default-ulimits\": {\"nproc\": {\"Name\": \"nproc\", \"Hard\": 9,"
	                " \"Soft\": 9}},\n"
	                " \"data-root\": \"/srv/d\",\n"
	                " \"hosts\": [\"unix://\", \"tcp://0.0.0.0:2376\", \"unix:///run/a.sock\","
	                " \"fd://\"]}\n";
	daemon_json_apply(&d, "/etc/docker/daemon.json", t, strlen(t), &errs);
	CHECK_INT(errs.nerrors, 0);
	daemon_derive(&d);
	CHECK(d.no_new_privileges && d.default_ulimits && d.rootless);
	CHECK_STR(d.data_root, "/srv/d");
	CHECK(d.unix_sockets && d.unix_sockets[0] && d.unix_sockets[1]);
	if (d.unix_sockets && d.unix_sockets[0] && d.unix_sockets[1]) {
		CHECK_STR(d.unix_sockets[0], "/var/run/docker.sock");
		CHECK_STR(d.unix_sockets[1], "/run/a.sock");
		CHECK(d.unix_sockets[2] == NULL);   /* fd:// is the default socket, once */
	}
	daemon_free(&d);

	memset(&d, 0, sizeof d);
	t = "{\"no-new-privileges\": false, \"default-ulimits\": {}, \"hosts\": [\"tcp://h:2376\"]}";
	daemon_json_apply(&d, "/etc/docker/daemon.json", t, strlen(t), &errs);
	daemon_derive(&d);
	CHECK(!d.no_new_privileges && !d.default_ulimits && !d.rootless);
	CHECK_STR(d.data_root, "/var/lib/docker");
	CHECK(d.unix_sockets == NULL || d.unix_sockets[0] == NULL);
	daemon_free(&d);
	findings_free(&errs);
}
