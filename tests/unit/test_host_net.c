/* The listening-socket collector: the socket tables, cgroup paths and docker-proxy's flags
 * parsed from text, then the live machine: a listener this test opens is found and mapped to
 * this process, and a loopback one is not reported. */
#include "test.h"
#include "collect/host.h"
#include "collect/host_net_int.h"
#include "rules/rule.h"
#include "util/util.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static const char TCP[] =
	"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
	"timeout inode\n"
	"   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0 "
	"       0 1001 1 0000000000000000 100 0 0 10 0\n"
	"   1: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0 "
	"       0 1002 1 0000000000000000 100 0 0 10 0\n"
	"   2: 0500000A:0050 0600000A:D431 01 00000000:00000000 00:00000000 00000000     0 "
	"       0 1003 1 0000000000000000 100 0 0 10 0\n";

static const char TCP6[] =
	"  sl  local_address                         remote_address                        st "
	"tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
	"   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A "
	"00000000:00000000 00:00000000 00000000     0        0 2001 1 0000000000000000 100 0 0 "
	"10 0\n"
	"   1: 00000000000000000000000001000000:0CEA 00000000000000000000000000000000:0000 0A "
	"00000000:00000000 00:00000000 00000000     0        0 2002 1 0000000000000000 100 0 0 "
	"10 0\n"
	"   2: 0000000000000000FFFF00000100007F:0CEB 00000000000000000000000000000000:0000 0A "
	"00000000:00000000 00:00000000 00000000     0        0 2003 1 0000000000000000 100 0 0 "
	"10 0\n";

static const char UDP[] =
	"   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
	"timeout inode ref pointer drops\n"
	"  100: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0 "
	"       0 3001 2 0000000000000000 0\n"
	"  101: 0500000A:9C40 08080808:0035 01 00000000:00000000 00:00000000 00000000     0 "
	"       0 3002 2 0000000000000000 0\n"
	"  102: 00000000:12B5 00000000:0000 07 00000000:00000000 00:00000000 00000000     0 "
	"       0 0 2 0000000000000000 0\n";

static void parse(struct host_net *n, const char *text, const char *path)
{
	struct findings errs = { 0 };
	char *t = xstrdup(text);
	host_net_parse(n, t, path, &errs);
	CHECK_INT(errs.nerrors, 0);
	findings_free(&errs);
	free(t);
}

/* The hex words are in this machine's order: the fixtures are little-endian. */
static bool little_endian(void)
{
	unsigned x = 1;
	return *(unsigned char *)&x == 1;
}

TEST(host_net_tables)
{
	struct host_net n = { 0 };
	if (!little_endian())
		return;
	parse(&n, TCP, "/proc/net/tcp");
	parse(&n, TCP6, "/proc/net/tcp6");
	parse(&n, UDP, "/proc/net/udp");
	CHECK_INT(n.n, 7);   /* the established tcp socket and the connected udp one are not */
	if (n.n != 7)
		return;
	const char *want[] = { "0.0.0.0:22", "127.0.0.1:631", "[::]:8080", "[::1]:3306",
	                       "[::ffff:127.0.0.1]:3307", "0.0.0.0:68", "0.0.0.0:4789" };
	const char *proto[] = { "tcp", "tcp", "tcp6", "tcp6", "tcp6", "udp", "udp" };
	const bool lo[] = { false, true, false, true, true, false, false };
	const bool any[] = { true, false, true, false, false, true, true };
	const unsigned long ino[] = { 1001, 1002, 2001, 2002, 2003, 3001, 0 };
	const int line[] = { 2, 3, 2, 3, 4, 2, 4 };
	for (size_t i = 0; i < 7; i++) {
		char *ep = host_listener_endpoint(&n.v[i]);
		CHECK_STR(ep, want[i]);
		CHECK_STR(n.v[i].proto, proto[i]);
		CHECK_INT(n.v[i].loopback, lo[i]);
		CHECK_INT(n.v[i].any, any[i]);
		CHECK_INT(n.v[i].inode, ino[i]);
		CHECK_INT(n.v[i].loc.line, line[i]);
		free(ep);
	}
	host_net_free(&n);
}

TEST(host_net_cgroup_paths)
{
	const char *id = "3f4e9b2a0c1d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f";
	char *text[] = {
		xasprintf("0::/system.slice/docker-%s.scope\n", id),
		xasprintf("12:pids:/docker/%s\n1:name=systemd:/docker/%s\n", id, id),
		xstrdup("0::/system.slice/nginx.service\n"),
		xstrdup("11:memory:/user.slice\n1:name=systemd:/user.slice/user-1000.slice/"
		        "user@1000.service/app.slice/web.service\n0::/\n"),
		xstrdup("0::/user.slice/user-1000.slice/session-4.scope\n"),
		xstrdup("0::/\n"),
	};
	const char *unit[] = { NULL, NULL, "nginx.service", "web.service", "session-4.scope",
	                       NULL };
	const char *container[] = { id, id, NULL, NULL, NULL, NULL };
	for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
		struct host_proc p = { 0 };
		host_net_cgroup(&p, text[i]);
		if (unit[i])
			CHECK_STR(p.unit, unit[i]);
		else
			CHECK(!p.unit);
		if (container[i])
			CHECK_STR(p.container, container[i]);
		else
			CHECK(!p.container);
		host_proc_free(&p);
		free(text[i]);
	}
}

TEST(host_net_proxy_flags)
{
	static const char argv[] = "/usr/bin/docker-proxy\0-proto\0tcp\0-host-ip\0000.0.0.0\0"
	                           "-host-port\0008080\0-container-ip\000172.17.0.2\0"
	                           "-container-port\00080\0-use-listen-fd\0";
	struct host_proxy x = { 0 };
	host_net_proxy(&x, argv, sizeof argv - 1);
	CHECK(x.set);
	CHECK_STR(x.proto, "tcp");
	CHECK_STR(x.host_ip, "0.0.0.0");
	CHECK_STR(x.container_ip, "172.17.0.2");
	CHECK_INT(x.host_port, 8080);
	CHECK_INT(x.container_port, 80);
	struct host_proc p = { .proxy = x };
	host_proc_free(&p);

	static const char eq[] = "docker-proxy\0--proto=udp\0--container-ip=10.0.0.2\0"
	                         "--container-port=53\0--host-port\00053\0";
	struct host_proxy y = { 0 };
	host_net_proxy(&y, eq, sizeof eq - 1);
	CHECK(y.set);
	CHECK_STR(y.proto, "udp");
	CHECK_STR(y.container_ip, "10.0.0.2");
	CHECK_INT(y.container_port, 53);
	CHECK_INT(y.host_port, 53);
	CHECK(!y.host_ip);
	p = (struct host_proc){ .proxy = y };
	host_proc_free(&p);

	static const char none[] = "docker-proxy\0-host-port\0008080\0";
	struct host_proxy z = { 0 };
	host_net_proxy(&z, none, sizeof none - 1);
	CHECK(!z.set);
	p = (struct host_proc){ .proxy = z };
	host_proc_free(&p);
}

/* A listening tcp socket on addr (network order), an ephemeral port; -1 when impossible. */
static int listen_on(uint32_t addr, unsigned *port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = addr };
	socklen_t len = sizeof sa;
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) || listen(fd, 1) ||
	    getsockname(fd, (struct sockaddr *)&sa, &len)) {
		close(fd);
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

static const struct host_listener *find_port(const struct host_net *n, unsigned port)
{
	for (size_t i = 0; i < n->n; i++)
		if (n->v[i].port == port && !strcmp(n->v[i].proto, "tcp"))
			return &n->v[i];
	return NULL;
}

/* The BW-H040 finding whose message names endpoint, or NULL. */
static const struct finding *finding_for(const struct findings *f, const char *endpoint)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].rule->id, "BW-H040") && strstr(f->v[i].message, endpoint))
			return &f->v[i];
	return NULL;
}

/* The live machine, as `bulwark audit` on it sees it: no traffic is sent to either socket. */
TEST(host_net_live_listener)
{
	unsigned wport = 0, lport = 0;
	int wide = listen_on(htonl(INADDR_ANY), &wport);
	int lo = listen_on(htonl(INADDR_LOOPBACK), &lport);
	if (wide < 0 || lo < 0) {
		printf("# skip host_net_live_listener: cannot listen here\n");
		if (wide >= 0)
			close(wide);
		if (lo >= 0)
			close(lo);
		return;
	}
	struct host h;
	struct findings errs = { 0 }, out = { 0 };
	struct host_inputs in = { .root = "", .live = true };
	host_collect(&h, &in, &errs);
	CHECK(h.net.known);
	CHECK(h.net.procs_read);
	const struct host_listener *w = find_port(&h.net, wport), *l = find_port(&h.net, lport);
	CHECK(w && l);
	if (w && l) {
		CHECK_STR(w->addr, "0.0.0.0");
		CHECK(!w->loopback && w->any);
		CHECK_INT(w->proc.pid, getpid());
		CHECK_STR(w->proc.comm, "unit_tests");
		CHECK_STR(l->addr, "127.0.0.1");
		CHECK(l->loopback);
		CHECK_INT(l->proc.pid, getpid());
	}
	out.cur = (struct target){ TK_HOST, "h", NULL };
	rules_run_host(&h, &out);
	char *wide_ep = xasprintf("0.0.0.0:%u/tcp", wport), *lo_ep = xasprintf(":%u/", lport);
	char *who = xasprintf("unit_tests (pid %d", (int)getpid());
	const struct finding *f = finding_for(&out, wide_ep);
	CHECK(f != NULL);
	if (f)
		CHECK(strstr(f->message, who) != NULL);
	CHECK(finding_for(&out, lo_ep) == NULL);
	free(wide_ep);
	free(lo_ep);
	free(who);
	findings_free(&out);
	findings_free(&errs);
	host_free(&h);
	close(wide);
	close(lo);
}

/* ---- ss(8) as the oracle: the same listening sockets, read at (nearly) the same time ---- */

/* "tcp * 22": the family folded, the wildcard addresses made one (ss prints "*" for a socket
 * that takes both families), an interface suffix ("%eth0") dropped. */
static char *norm(const char *proto, const char *addr, unsigned port)
{
	char *a = xstrdup(addr), *pct = strchr(a, '%');
	if (pct)
		*pct = '\0';
	if (*a == '[') {
		memmove(a, a + 1, strlen(a));
		a[strcspn(a, "]")] = '\0';
	}
	const char *shown = !strcmp(a, "0.0.0.0") || !strcmp(a, "::") ? "*" : a;
	char *s = xasprintf("%.3s %s %u", proto, shown, port);
	free(a);
	return s;
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, duplicates dropped, joined by newlines. */
static char *joined(char **v, size_t n)
{
	struct buf b = { 0 };
	qsort(v, n, sizeof *v, cmp_strp);
	for (size_t i = 0; i < n; i++)
		if (!i || strcmp(v[i], v[i - 1]))
			buf_printf(&b, "%s\n", v[i]);
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return b.s ? buf_take(&b) : xstrdup("");
}

/* ss -Hltun: "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*"; NULL when ss cannot run. */
static char *ss_listeners(void)
{
	FILE *p = popen("ss -Hltun 2>/dev/null", "r");
	char line[512], **v = NULL;
	size_t n = 0, cap = 0;
	if (!p)
		return NULL;
	while (fgets(line, sizeof line, p) && n < 100000) {
		char netid[16], local[256];
		if (sscanf(line, "%15s %*s %*s %*s %255s", netid, local) != 2)
			continue;
		char *colon = strrchr(local, ':');
		if (!colon || !strcmp(colon + 1, "0") || !strcmp(colon + 1, "*"))
			continue;
		*colon = '\0';
		GROW(v, cap, n);
		v[n++] = norm(netid, local, (unsigned)atoi(colon + 1));
	}
	if (pclose(p) != 0) {
		for (size_t i = 0; i < n; i++)
			free(v[i]);
		free(v);
		return NULL;
	}
	return joined(v, n);
}

static char *our_listeners(void)
{
	struct host h;
	struct findings errs = { 0 };
	struct host_inputs in = { .root = "", .live = true };
	host_collect(&h, &in, &errs);
	char **v = xcalloc(h.net.n + 1, sizeof *v);
	for (size_t i = 0; i < h.net.n; i++)
		v[i] = norm(h.net.v[i].proto, h.net.v[i].addr, h.net.v[i].port);
	char *s = joined(v, h.net.n);
	findings_free(&errs);
	host_free(&h);
	return s;
}

/* Other programs on the machine open and close sockets between the two reads: a few tries. */
TEST(host_net_live_matches_ss)
{
	unsigned port = 0;
	int fd = listen_on(htonl(INADDR_ANY), &port);
	/* a bound udp socket and a tcp one on IPv6 loopback, where the machine has IPv6 */
	int udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in ua = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	if (udp >= 0)
		bind(udp, (struct sockaddr *)&ua, sizeof ua);
	int v6 = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in6 sa6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	if (v6 >= 0 && (bind(v6, (struct sockaddr *)&sa6, sizeof sa6) || listen(v6, 1)))
		close(v6), v6 = -1;
	char *ss = NULL, *ours = NULL;
	bool same = false;
	for (int try = 0; try < 5 && !same; try++) {
		free(ss);
		free(ours);
		ours = our_listeners();
		ss = ss_listeners();
		same = !ss || !strcmp(ss, ours);
	}
	if (!ss || fd < 0) {
		printf("# skip host_net_live_matches_ss: no ss, or cannot listen here\n");
	} else {
		char *mine = xasprintf("tcp * %u\n", port);
		CHECK(strstr(ours, mine) != NULL);
		if (!same)
			fprintf(stderr, "  ss:\n%s  bulwark:\n%s", ss, ours);
		CHECK(same);
		free(mine);
	}
	free(ss);
	free(ours);
	if (fd >= 0)
		close(fd);
	if (udp >= 0)
		close(udp);
	if (v6 >= 0)
		close(v6);
}
