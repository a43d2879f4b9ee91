/* The runtime watch's detection over synthetic snapshots: each alert kind fires on the
 * behaviour it names and stays quiet on what the baseline holds. */
#include "test.h"
#include "model/watch.h"
#include "pipeline/watch_detect.h"
#include "report/watch.h"
#include "util/util.h"
#include <stdlib.h>

static char *sleep_argv[] = { "sleep", "600" };
static char *nc_argv[] = { "/tmp/busybox", "nc", "-l", "-p", "8080" };
static char *sh_argv[] = { "sh" };
static char *py_argv[] = { "python3", "-c", "x" };
static char *runc_argv[] = { "runc", "init" };

static struct watch_proc proc(int pid, const char *exe, char **argv, size_t argc)
{
	return (struct watch_proc){ .pid = pid, .ppid = 1, .start = 1000 + (unsigned)pid,
		.exe = (char *)exe, .exe_dev = 2049, .exe_ino = 77, .argv = argv, .argc = argc,
		.cap_eff = 0xa80425fb, .fd = { WFD_FILE, WFD_PIPE, WFD_PIPE } };
}

/* A container of n processes and m sockets (the caller's arrays). */
static struct watch_container ctr(struct watch_proc *p, size_t n, struct watch_sock *k, size_t m)
{
	struct watch_container c = { .procs = p, .nprocs = n, .socks = k, .nsocks = m };
	memcpy(c.id, "c0ffee", 7);
	return c;
}

static const struct watch_who who = { "web", "c0ffee", "busybox:1" };

/* The baseline learned from one sleeping busybox with a listener on tcp 80. */
static void learned(struct watch_base *b)
{
	struct watch_proc p[] = { proc(10, "/bin/busybox", sleep_argv, 2) };
	struct watch_sock k[] = { { .proto = WP_TCP6, .kind = WS_LISTEN, .lport = 80, .pid = 10 } };
	struct watch_container c = ctr(p, 1, k, 1);
	watch_base_init(b, "sha256:abc");
	watch_learn(b, &c);
}

/* The kinds raised by c against the learned baseline, as "kind,kind". */
static char *kinds(struct watch_container *c, struct watch_alerts *out)
{
	struct watch_base b;
	learned(&b);
	watch_compare(&b, c, &who, 5, out);
	watch_base_free(&b);
	struct buf s = { 0 };
	for (size_t i = 0; i < out->n; i++)
		buf_printf(&s, "%s%s", i ? "," : "", watch_kind_name(out->v[i].kind));
	return buf_take(&s);
}

#define EXPECT(c, want)                                       \
	do {                                                  \
		struct watch_alerts al_ = { 0 };              \
		char *k_ = kinds(&(c), &al_);                 \
		CHECK_STR(k_, want);                          \
		free(k_);                                     \
		watch_alerts_free(&al_);                      \
	} while (0)

TEST(watch_learn_baseline)
{
	struct watch_base b;
	learned(&b);
	CHECK_INT(b.nexes, 1);
	CHECK_STR(b.exes[0].path, "/bin/busybox");
	CHECK_INT(b.exes[0].ino, 77);
	CHECK_INT(b.nports, 1);
	CHECK_STR(b.ports[0].proto, "tcp");
	CHECK_INT(b.ports[0].port, 80);
	CHECK_INT(b.cap_eff, 0xa80425fb);
	CHECK(b.has_uid && b.min_uid == 0 && !b.packet && !b.tty_shell && b.changed);
	watch_base_free(&b);
}

TEST(watch_quiet_when_as_learned)
{
	struct watch_proc p[] = { proc(10, "/bin/busybox", sleep_argv, 2),
	                          proc(11, "/bin/busybox", sleep_argv, 2) };
	struct watch_sock k[] = { { .proto = WP_TCP, .kind = WS_LISTEN, .lport = 80, .pid = 11 } };
	struct watch_container c = ctr(p, 2, k, 1);
	EXPECT(c, "");
}

TEST(watch_new_process)
{
	struct watch_proc p[] = { proc(10, "/bin/busybox", sleep_argv, 2),
	                          proc(12, "/tmp/busybox", nc_argv, 5) };
	struct watch_container c = ctr(p, 2, NULL, 0);
	struct watch_alerts a = { 0 };
	char *k = kinds(&c, &a);
	CHECK_STR(k, "new-process");
	free(k);
	if (a.n == 1) {
		CHECK_INT(a.v[0].severity, SEV_MEDIUM);
		CHECK_STR(a.v[0].name, "web");
		CHECK_STR(a.v[0].image, "busybox:1");
		CHECK_STR(a.v[0].message, "/tmp/busybox runs and was not seen while learning");
		CHECK_STR(watch_alert_get(&a.v[0], "pid"), "12");
		CHECK_STR(watch_alert_get(&a.v[0], "cmdline"), "/tmp/busybox nc -l -p 8080");
		CHECK_STR(a.v[0].key, "new-process c0ffee 12 1012 exe");
	}
	watch_alerts_free(&a);
}

TEST(watch_new_listener)
{
	struct watch_proc p[] = { proc(10, "/bin/busybox", sleep_argv, 2),
	                          proc(12, "/bin/busybox", nc_argv + 1, 4) };
	/* tcp and tcp6 on one port are one listener; udp on the learned port is another */
	struct watch_sock k[] = {
		{ .proto = WP_TCP, .kind = WS_LISTEN, .lport = 8080, .pid = 12, .local = "0.0.0.0" },
		{ .proto = WP_TCP6, .kind = WS_LISTEN, .lport = 8080, .pid = 12, .local = "::" },
		{ .proto = WP_UDP, .kind = WS_LISTEN, .lport = 80, .pid = 12, .local = "0.0.0.0" },
		{ .proto = WP_TCP, .kind = WS_ESTABLISHED, .lport = 80, .rport = 5555, .pid = 10 },
	};
	struct watch_container c = ctr(p, 2, k, 4);
	struct watch_alerts a = { 0 };
	char *s = kinds(&c, &a);
	CHECK_STR(s, "new-listener,new-listener");
	free(s);
	if (a.n == 2) {
		CHECK_STR(a.v[0].message, "new listener on tcp port 8080 by /bin/busybox");
		CHECK_STR(watch_alert_get(&a.v[0], "port"), "8080");
		CHECK_STR(watch_alert_get(&a.v[0], "address"), "0.0.0.0");
		CHECK_STR(watch_alert_get(&a.v[0], "cmdline"), "nc -l -p 8080");
		CHECK_STR(watch_alert_get(&a.v[1], "proto"), "udp");
	}
	watch_alerts_free(&a);
}

TEST(watch_packet_socket)
{
	struct watch_proc p[] = { proc(10, "/bin/busybox", sleep_argv, 2) };
	struct watch_sock k[] = { { .proto = WP_PACKET, .kind = WS_PACKET, .pkt_type = 3,
	                            .pkt_proto = 0x0003, .pid = 10 } };
	struct watch_container c = ctr(p, 1, k, 1);
	EXPECT(c, "packet-socket");
	/* learned: quiet */
	struct watch_base b;
	learned(&b);
	watch_learn(&b, &c);
	struct watch_alerts a = { 0 };
	watch_compare(&b, &c, &who, 5, &a);
	CHECK_INT(a.n, 0);
	watch_alerts_free(&a);
	watch_base_free(&b);
}

TEST(watch_shell)
{
	struct watch_proc p[] = { proc(10, "/bin/busybox", sleep_argv, 2),
	                          proc(13, "/bin/busybox", sh_argv, 1) };
	struct watch_container c = ctr(p, 2, NULL, 0);
	EXPECT(c, "");   /* a shell on pipes: a script */
	p[1].fd[0] = WFD_TTY;
	EXPECT(c, "shell");
	p[1].fd[0] = WFD_SOCKET;   /* a socket, but no network connection: a unix one */
	EXPECT(c, "shell");
	/* a shell on a terminal seen while learning (docker run -it sh) is no alert */
	struct watch_base b;
	learned(&b);
	p[1].fd[0] = WFD_TTY;
	watch_learn(&b, &c);
	struct watch_alerts a = { 0 };
	watch_compare(&b, &c, &who, 5, &a);
	CHECK_INT(a.n, 0);
	watch_alerts_free(&a);
	watch_base_free(&b);
}

TEST(watch_network_shell)
{
	struct watch_proc p[] = { proc(10, "/bin/busybox", sleep_argv, 2),
	                          proc(13, "/bin/busybox", sh_argv, 1) };
	struct watch_sock k[] = { { .proto = WP_TCP, .kind = WS_ESTABLISHED, .lport = 40000,
	                            .rport = 4444, .pid = 13 } };
	struct watch_container c = ctr(p, 2, k, 1);
	EXPECT(c, "");   /* a connection, but the shell reads a pipe */
	p[1].fd[1] = WFD_SOCKET;
	EXPECT(c, "network-shell");
	p[1] = proc(13, "/usr/bin/python3", py_argv, 3);
	p[1].fd[0] = WFD_SOCKET;
	EXPECT(c, "new-process,network-shell");
	struct watch_alerts a = { 0 };
	free(kinds(&c, &a));
	if (a.n == 2) {
		CHECK_INT(a.v[1].severity, SEV_CRITICAL);
		CHECK_STR(a.v[1].message, "python3 13 has a network socket as its stdin");
	}
	watch_alerts_free(&a);
}

TEST(watch_dropped_executed)
{
	struct watch_proc p[] = { proc(10, "/bin/busybox", sleep_argv, 2),
	                          proc(14, "/memfd:x (deleted)", sleep_argv, 2) };
	p[1].flags = WATCH_EXE_MEMFD | WATCH_EXE_DELETED;
	struct watch_container c = ctr(p, 2, NULL, 0);
	struct watch_alerts a = { 0 };
	char *s = kinds(&c, &a);
	CHECK_STR(s, "dropped-executed");   /* not new-process as well */
	free(s);
	if (a.n == 1) {
		CHECK_INT(a.v[0].severity, SEV_CRITICAL);
		CHECK_STR(a.v[0].message, "process 14 runs from memory (memfd): /memfd:x (deleted)");
	}
	watch_alerts_free(&a);
	p[1].exe = "/dev/shm/x";
	p[1].flags = WATCH_EXE_SHM;
	EXPECT(c, "dropped-executed");
	p[1].exe = "/bin/busybox (deleted)";
	p[1].flags = WATCH_EXE_DELETED;
	EXPECT(c, "dropped-executed");
	p[1].exe = "/bin/busybox";
	p[1].flags = 0;
	EXPECT(c, "");
}

TEST(watch_runtime_process_ignored)
{
	struct watch_proc p[] = { proc(10, "/bin/busybox", sleep_argv, 2),
	                          proc(15, "/memfd:runc_cloned:/proc/self/exe (deleted)",
	                               runc_argv, 2) };
	p[1].flags = WATCH_EXE_MEMFD | WATCH_EXE_DELETED;
	p[1].cap_eff = ~0ull;
	struct watch_container c = ctr(p, 2, NULL, 0);
	EXPECT(c, "");
}

TEST(watch_privilege)
{
	struct watch_proc p[] = { proc(10, "/bin/busybox", sleep_argv, 2) };
	struct watch_container c = ctr(p, 1, NULL, 0);
	p[0].cap_eff |= 1ull << 21;   /* CAP_SYS_ADMIN */
	EXPECT(c, "privilege");
	struct watch_alerts a = { 0 };
	free(kinds(&c, &a));
	if (a.n == 1)
		CHECK_STR(a.v[0].message, "process 10 has capabilities not seen while learning (200000)");
	watch_alerts_free(&a);
	p[0].cap_eff = 0;   /* fewer: fine */
	EXPECT(c, "");
	p[0].tracer_pid = 99;
	EXPECT(c, "privilege");
	p[0].tracer_pid = 0;
	/* a lower uid than learned */
	struct watch_base b;
	watch_base_init(&b, "sha256:abc");
	p[0].euid = 1000;
	watch_learn(&b, &c);
	CHECK_INT(b.min_uid, 1000);
	p[0].euid = 0;
	watch_compare(&b, &c, &who, 5, &a);
	CHECK_INT(a.n, 1);
	if (a.n == 1) {
		CHECK_INT(a.v[0].kind, WK_PRIVILEGE);
		CHECK_STR(a.v[0].message,
		          "process 10 runs as uid 0, below the lowest seen while learning (1000)");
	}
	watch_alerts_free(&a);
	p[0].euid = 1000;
	watch_compare(&b, &c, &who, 5, &a);
	CHECK_INT(a.n, 0);
	watch_alerts_free(&a);
	watch_base_free(&b);
}

TEST(watch_exec)
{
	struct watch_alerts a = { 0 };
	struct watch_exec x = { .exec_id = "e1", .cmd = "id", .known = true, .user = "1000",
	                        .container_user = "" };
	watch_exec_alert(&x, &who, 7, &a);
	x.user = "";   /* the container's user: the image's default, root */
	watch_exec_alert(&x, &who, 7, &a);
	x.user = "app";
	x.tty = true;
	watch_exec_alert(&x, &who, 7, &a);
	x.known = false;   /* not inspected: neither root nor interactive is known */
	watch_exec_alert(&x, &who, 7, &a);
	CHECK_INT(a.n, 4);
	if (a.n == 4) {
		CHECK_INT(a.v[0].kind, WK_EXEC);
		CHECK_INT(a.v[0].severity, SEV_HIGH);
		CHECK_STR(a.v[0].message, "exec into web: id");
		CHECK_STR(watch_alert_get(&a.v[0], "user"), "1000");
		CHECK_STR(a.v[0].key, "exec c0ffee e1");
		CHECK_INT(a.v[1].severity, SEV_CRITICAL);
		CHECK_STR(a.v[1].message, "exec into web: id as root");
		CHECK_STR(watch_alert_get(&a.v[1], "user"), "root");
		CHECK_INT(a.v[2].severity, SEV_CRITICAL);
		CHECK_STR(a.v[2].message, "exec into web: id (interactive)");
		CHECK_STR(watch_alert_get(&a.v[2], "tty"), "true");
		CHECK_INT(a.v[3].severity, SEV_HIGH);
		CHECK(!watch_alert_get(&a.v[3], "user"));
	}
	watch_alerts_free(&a);
}

TEST(watch_seen_once)
{
	struct watch_seen s = { 0 };
	CHECK_INT(watch_seen_add(&s, "new-process c 12 1012 exe", 1), 1);
	CHECK_INT(watch_seen_add(&s, "new-process c 12 1012 exe", 2), 0);
	CHECK_INT(watch_seen_add(&s, "new-process c 12 2000 exe", 2), 1);   /* pid reused */
	watch_seen_prune(&s, NULL, 2);
	CHECK_INT(s.n, 2);
	watch_seen_prune(&s, NULL, 3);
	CHECK_INT(s.n, 0);
	CHECK_INT(watch_seen_add(&s, "new-process c 12 1012 exe", 4), 1);
	watch_seen_free(&s);
}

TEST(watch_cmdline_redacted)
{
	char *argv[] = { "mysql", "-uroot", "--password=Xk9mQ2vLr7pqW3", "db" };
	struct watch_proc p = { .argv = argv, .argc = 4 };
	char *s = watch_cmdline(&p);
	CHECK(!strstr(s, "Xk9mQ2vLr7pqW3"));
	CHECK(str_prefix(s, "mysql -uroot --password="));
	CHECK(str_suffix(s, " db"));
	free(s);
}

/* The text alert quotes a container's own process data: its control bytes are escaped. */
TEST(watch_text_alert_escapes_controls)
{
	struct watch_alerts a = { 0 };
	struct watch_who evil = { "web\033]0;x\007", "c", "app:1" };
	struct watch_alert *al = watch_alert_add(&a, 0, WK_NEW_PROCESS, SEV_MEDIUM, &evil, "k",
	                                         "new process \033[2J");
	watch_alert_ev(al, "cmdline", "sh\r\n-c id");
	char *text = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&text, &n);
	CHECK_INT(report_watch_text(fp, al), 0);
	fclose(fp);
	CHECK_STR(text, "1970-01-01T00:00:00.000Z medium new-process web\\x1b]0;x\\x07: new process "
	                "\\x1b[2J (cmdline=sh\\r\\n-c id)\n");
	free(text);
	watch_alerts_free(&a);
}
