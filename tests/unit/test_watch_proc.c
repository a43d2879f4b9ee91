/* The runtime watch's process collector: its /proc parsers on their own, then a fake /proc this
 * test writes (two wanted containers, an unwanted one, a host process, processes that vanish
 * mid-tree) scanned into exact structs. */
#include "test.h"
#include "collect/watch_proc.h"
#include "util/util.h"
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define ID_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ID_B "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define ID_D "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define ID_E "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"

/* The hex words of the socket tables are in this machine's order: the fixtures are
 * little-endian. */
static bool little_endian(void)
{
	unsigned x = 1;
	return *(unsigned char *)&x == 1;
}

TEST(watch_parse_stat_fields)
{
	int ppid = -1;
	unsigned long long start = 0;
	CHECK(watch_parse_stat("42 (a) (b c)) S 7 42 42 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 "
	                       "987654 1000 2 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1\n",
	                       &ppid, &start));
	CHECK_INT(ppid, 7);
	CHECK_INT(start, 987654);
	CHECK(!watch_parse_stat("42 (x) S 7 42", &ppid, &start));        /* cut short */
	CHECK(!watch_parse_stat("42 x S 7 42 42 0 -1 1 1 0 0 0 0 0 0 0 20 0 1 0 5", &ppid, &start));
	CHECK(!watch_parse_stat("42 (x) S -7 42 42 0 -1 1 1 0 0 0 0 0 0 0 20 0 1 0 5", &ppid,
	                        &start));                               /* a sign is no pid */
}

TEST(watch_parse_status_fields)
{
	struct watch_proc p = { 0 };
	CHECK(watch_parse_status("Name:\tnc\nPPid:\t1\nTracerPid:\t31\nUid:\t1000\t1001\t1000\t1000\n"
	                         "Gid:\t50\t51\t50\t50\nCapPrm:\t00000000a80425fb\n"
	                         "CapEff:\t000001ffffffffff\nNoNewPrivs:\t1\n", &p));
	CHECK_INT(p.uid, 1000);
	CHECK_INT(p.euid, 1001);
	CHECK_INT(p.gid, 50);
	CHECK_INT(p.egid, 51);
	CHECK(p.cap_eff == 0x1ffffffffffULL);
	CHECK(p.no_new_privs);
	CHECK_INT(p.tracer_pid, 31);
	struct watch_proc q = { 0 };
	CHECK(!watch_parse_status("Name:\tx\nUid:\t0\t0\t0\t0\n", &q));   /* no Gid */
	CHECK(!watch_parse_status("Uids:\t0\t0\nGid:\t0\t0\n", &q));
}

/* The id and path the cgroup text gives for the wanted ids. */
static void cgroup_is(const char *text, const char *id_want, const char *path_want)
{
	const char *sorted[] = { ID_B, ID_A, ID_D };
	char id[WATCH_ID_LEN + 1] = "";
	const char *path = NULL;
	size_t len = 0;
	bool found = watch_parse_cgroup(text, sorted, 3, id, &path, &len);
	if (!id_want) {
		CHECK(!found);
		return;
	}
	CHECK(found);
	CHECK_STR(id, id_want);
	char *p = found ? xstrndup(path, len) : NULL;
	CHECK_STR(p, path_want);
	free(p);
}

TEST(watch_parse_cgroup_forms)
{
	/* cgroup v2 with the systemd driver */
	cgroup_is("0::/system.slice/docker-" ID_A ".scope\n", ID_A,
	          "/system.slice/docker-" ID_A ".scope");
	/* v1, cgroupfs driver: the first hierarchy that names one */
	cgroup_is("12:pids:/\n11:memory:/docker/" ID_B "\n1:name=systemd:/docker/" ID_B "\n",
	          ID_B, "/docker/" ID_B);
	/* rootless */
	cgroup_is("0::/user.slice/user-1000.slice/user@1000.service/user.slice/docker-" ID_A
	          ".scope\n", ID_A,
	          "/user.slice/user-1000.slice/user@1000.service/user.slice/docker-" ID_A ".scope");
	/* nested: the pod's own id is not a container; dind: the wanted one, not the outer */
	cgroup_is("0::/kubepods/burstable/pod0f2a9c3e-1b2d-4e5f-8a9b-0c1d2e3f4a5b/" ID_D "\n",
	          ID_D, "/kubepods/burstable/pod0f2a9c3e-1b2d-4e5f-8a9b-0c1d2e3f4a5b/" ID_D);
	cgroup_is("0::/docker/" ID_E "/docker/" ID_D "/init\n", ID_D,
	          "/docker/" ID_E "/docker/" ID_D "/init");
	cgroup_is("0::/docker/" ID_D "/docker/" ID_A "\n", ID_A, "/docker/" ID_D "/docker/" ID_A);
	/* not wanted, not 64 digits, not lowercase, or a longer hex run */
	cgroup_is("0::/system.slice/docker-" ID_E ".scope\n", NULL, NULL);
	cgroup_is("0::/docker/" ID_A "0\n", NULL, NULL);
	cgroup_is("0::/docker/0" ID_A "\n", NULL, NULL);
	cgroup_is("0::/docker/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
	          NULL, NULL);
	cgroup_is("0::/system.slice/sshd.service\n", NULL, NULL);
	cgroup_is("garbage " ID_A "\n", NULL, NULL);    /* not HIERARCHY:CONTROLLERS:PATH */
	/* ids NULL: any container */
	char id[WATCH_ID_LEN + 1];
	const char *path;
	size_t len;
	CHECK(watch_parse_cgroup("0::/docker/" ID_E "\n", NULL, 0, id, &path, &len));
	CHECK_STR(id, ID_E);
}

TEST(watch_links)
{
	CHECK_INT(watch_fd_kind("/dev/pts/3"), WFD_TTY);
	CHECK_INT(watch_fd_kind("/dev/console"), WFD_TTY);
	CHECK_INT(watch_fd_kind("/dev/tty1"), WFD_TTY);
	CHECK_INT(watch_fd_kind("socket:[123]"), WFD_SOCKET);
	CHECK_INT(watch_fd_kind("pipe:[9]"), WFD_PIPE);
	CHECK_INT(watch_fd_kind("/dev/null"), WFD_FILE);
	CHECK_INT(watch_fd_kind("anon_inode:[eventpoll]"), WFD_FILE);
	CHECK_INT(watch_fd_kind(NULL), WFD_NONE);
	CHECK_INT(watch_exe_flags("/memfd:payload (deleted)"), WATCH_EXE_MEMFD | WATCH_EXE_DELETED);
	CHECK_INT(watch_exe_flags("/dev/shm/x"), WATCH_EXE_SHM);
	CHECK_INT(watch_exe_flags("/tmp/x (deleted)"), WATCH_EXE_DELETED);
	CHECK_INT(watch_exe_flags("/nonexistent/busybox"), 0);
	CHECK_INT(watch_link_inode("socket:[4242]", "socket:"), 4242);
	CHECK_INT(watch_link_inode("net:[4026531840]", "net:"), 4026531840UL);
	CHECK_INT(watch_link_inode("socket:[4242", "socket:"), 0);
	CHECK_INT(watch_link_inode("pipe:[4242]", "socket:"), 0);
	CHECK_INT(watch_link_inode("socket:[-1]", "socket:"), 0);
}

static const char TCP[] =
	"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
	"timeout inode\n"
	"   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0 "
	"       0 9001 1 0000000000000000 100 0 0 10 0\n"
	"   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0 "
	"       0 9002 1 0000000000000000 20 4 30 10 -1\n"
	"   2: 0100007F:1F90 0100007F:C351 06 00000000:00000000 03:00000000 00000000     0 "
	"       0 0 3 0000000000000000\n";

static const char TCP6[] =
	"  sl  local_address                         remote_address                        st "
	"tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
	"   0: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A "
	"00000000:00000000 00:00000000 00000000  1000        0 9003 1 0000000000000000 100 0 0 "
	"10 0\n"
	"   1: B80D0120000000000000000001000000:01BB 0000000000000000FFFF00000500000A:D431 01 "
	"00000000:00000000 00:00000000 00000000  1000        0 9006 1 0000000000000000 20 4 30 10 "
	"-1\n";

static const char UDP[] =
	"   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
	"timeout inode ref pointer drops\n"
	"  100: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0 "
	"       0 9004 2 0000000000000000 0\n"
	"  101: 00000000:0000 00000000:0000 07 00000000:00000000 00:00000000 00000000     0 "
	"       0 9007 2 0000000000000000 0\n";

static const char PACKET[] =
	"sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n"
	"ffff8880062e0000 3      3    0003   0     1 0      0      9005\n"
	"ffff8880062e1000 3      2    88cc   2     1 0      0      9008\n";

static void sock_is(const struct watch_sock *k, enum watch_proto proto,
                    enum watch_sock_kind kind, const char *local, unsigned lport,
                    const char *remote, unsigned rport, unsigned long inode, int pid)
{
	CHECK_STR(watch_proto_name(k->proto), watch_proto_name(proto));
	CHECK_STR(watch_sock_kind_name(k->kind), watch_sock_kind_name(kind));
	CHECK_STR(k->local, local);
	CHECK_INT(k->lport, lport);
	CHECK_STR(k->remote, remote);
	CHECK_INT(k->rport, rport);
	CHECK_INT(k->inode, inode);
	CHECK_INT(k->pid, pid);
}

TEST(watch_parse_net_tables)
{
	if (!little_endian())
		return;
	struct watch_socks s = { 0 };
	watch_parse_net(&s, TCP, WP_TCP);
	watch_parse_net(&s, TCP6, WP_TCP6);
	watch_parse_net(&s, UDP, WP_UDP);
	watch_parse_net(&s, PACKET, WP_PACKET);
	watch_parse_net(&s, "header\nnot a row\n   0: 0100007F:1F90\n", WP_TCP);
	/* TIME_WAIT and the unbound udp socket are neither listening nor connected */
	CHECK_INT(s.n, 7);
	if (s.n == 7) {
		sock_is(&s.v[0], WP_TCP, WS_LISTEN, "127.0.0.1", 8080, "0.0.0.0", 0, 9001, 0);
		CHECK_INT(s.v[0].state, 0x0A);
		sock_is(&s.v[1], WP_TCP, WS_ESTABLISHED, "127.0.0.1", 8080, "127.0.0.1", 50000, 9002,
		        0);
		CHECK_INT(s.v[1].state, 0x01);
		sock_is(&s.v[2], WP_TCP6, WS_LISTEN, "::", 8081, "::", 0, 9003, 0);
		sock_is(&s.v[3], WP_TCP6, WS_ESTABLISHED, "2001:db8::1", 443, "::ffff:10.0.0.5",
		        54321, 9006, 0);
		sock_is(&s.v[4], WP_UDP, WS_LISTEN, "0.0.0.0", 68, "0.0.0.0", 0, 9004, 0);
		sock_is(&s.v[5], WP_PACKET, WS_PACKET, "", 0, "", 0, 9005, 0);
		CHECK_INT(s.v[5].pkt_type, SOCK_RAW);
		CHECK_INT(s.v[5].pkt_proto, 0x0003);     /* ETH_P_ALL */
		CHECK_INT(s.v[5].ifindex, 0);
		sock_is(&s.v[6], WP_PACKET, WS_PACKET, "", 0, "", 0, 9008, 0);
		CHECK_INT(s.v[6].pkt_type, SOCK_DGRAM);
		CHECK_INT(s.v[6].pkt_proto, 0x88cc);     /* LLDP */
		CHECK_INT(s.v[6].ifindex, 2);
	}
	CHECK(!s.truncated);
	free(s.v);
}

/* The fake /proc. */
static char root[64];

static void put(const char *rel, const char *text) { test_put_file(root, rel, text); }

static void lnk(const char *rel, const char *target)
{
	put(rel, "");                         /* the directories above it */
	char *p = xasprintf("%s/%s", root, rel);
	unlink(p);
	CHECK_INT(symlink(target, p), 0);
	free(p);
}

static void stat_file(int pid, const char *comm, int ppid, unsigned long long start)
{
	char *rel = xasprintf("%d/stat", pid);
	char *t = xasprintf("%d (%s) S %d %d %d 0 -1 4194560 120 0 0 0 3 1 0 0 20 0 1 0 %llu "
	                    "4558848 213 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 "
	                    "0 0\n", pid, comm, ppid, pid, pid, start);
	put(rel, t);
	free(t);
	free(rel);
}

static void status_file(int pid, unsigned uid, unsigned gid, int tracer, const char *cap,
                        int nnp)
{
	char *rel = xasprintf("%d/status", pid);
	char *t = xasprintf("Name:\tx\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t%d\nPid:\t%d\n"
	                    "PPid:\t1\nTracerPid:\t%d\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n"
	                    "FDSize:\t64\nCapInh:\t0000000000000000\nCapPrm:\t%s\nCapEff:\t%s\n"
	                    "NoNewPrivs:\t%d\nSeccomp:\t2\n", pid, pid, tracer, uid, uid, uid, uid,
	                    gid, gid, gid, gid, cap, cap, nnp);
	put(rel, t);
	free(t);
	free(rel);
}

static void file_at(int pid, const char *name, const char *text, size_t len)
{
	char *p = xasprintf("%s/%d/%s", root, pid, name);
	FILE *f = fopen(p, "wb");
	CHECK(f != NULL);
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
	free(p);
}

static void link_at(int pid, const char *name, const char *target)
{
	char *rel = xasprintf("%d/%s", pid, name);
	lnk(rel, target);
	free(rel);
}

static void empty_dir(int pid, const char *name)
{
	char *p = xasprintf("%s/%d/%s", root, pid, name);
	CHECK_INT(mkdir(p, 0755), 0);
	free(p);
}

#define CMDLINE(pid, lit) file_at(pid, "cmdline", lit, sizeof lit - 1)

static char *bin;                      /* a real file the first process's exe links to */

static void make_tree(void)
{
	bin = xasprintf("%s-bin", root);
	FILE *f = fopen(bin, "w");
	if (f)
		fclose(f);
	put("self/stat", "");                 /* not a process entry */
	put("sys/kernel/pid_max", "4194304\n");
	/* a host process */
	put("100/cgroup", "0::/system.slice/sshd.service\n");
	stat_file(100, "sshd", 1, 50);
	status_file(100, 0, 0, 0, "000001ffffffffff", 0);
	/* container A (v2, systemd driver): nc listening, its child, a traced memfd process */
	put("200/cgroup", "0::/system.slice/docker-" ID_A ".scope\n");
	stat_file(200, "nc", 1, 5000);
	status_file(200, 0, 0, 0, "00000000a80425fb", 0);
	CMDLINE(200, "nc\0-l\0-p\0008080\0");
	link_at(200, "exe", bin);
	link_at(200, "fd/0", "/dev/pts/0");
	link_at(200, "fd/1", "pipe:[50]");
	link_at(200, "fd/2", "/dev/null");
	link_at(200, "fd/3", "socket:[9001]");
	link_at(200, "ns/net", "net:[4026532001]");
	put("200/net/tcp", TCP);
	put("200/net/tcp6", TCP6);
	put("200/net/udp", UDP);
	put("200/net/packet", PACKET);
	put("201/cgroup", "12:memory:/docker/" ID_A "\n0::/\n");   /* v1, cgroupfs driver */
	stat_file(201, "my (odd) name", 200, 5100);
	status_file(201, 0, 0, 0, "00000000a80425fb", 0);
	CMDLINE(201, "sh\0-c\0sleep 9; exit\0");
	link_at(201, "exe", "/nonexistent/busybox");
	link_at(201, "fd/0", "socket:[9003]");
	link_at(201, "fd/7", "socket:[9001]");   /* inherited: the parent holds it first */
	link_at(201, "ns/net", "net:[4026532001]");
	put("202/cgroup", "0::/system.slice/docker-" ID_A ".scope\n");
	stat_file(202, "x", 201, 5200);
	status_file(202, 0, 0, 201, "0000000000000000", 0);
	CMDLINE(202, "x");                     /* no terminating NUL: rewritten by the process */
	link_at(202, "exe", "/memfd:payload (deleted)");
	link_at(202, "fd/4", "socket:[9005]");
	link_at(202, "ns/net", "net:[4026532001]");
	/* container B (rootless): a /dev/shm binary, its own network namespace */
	put("300/cgroup", "0::/user.slice/user-1000.slice/user@1000.service/user.slice/docker-"
	    ID_B ".scope\n");
	stat_file(300, "w", 1, 7000);
	status_file(300, 1000, 1000, 0, "0000000000000000", 1);
	CMDLINE(300, "/dev/shm/w\0");
	link_at(300, "exe", "/dev/shm/w");
	link_at(300, "fd/1", "socket:[9101]");
	link_at(300, "ns/net", "net:[4026532002]");
	put("300/net/tcp6", "header\n"
	    "   0: B80D0120000000000000000001000000:01BB 0000000000000000FFFF00000500000A:D431 01 "
	    "00000000:00000000 00:00000000 00000000  1000        0 9101 1 0000000000000000 20 4 "
	    "30 10 -1\n");
	/* container B, vanished mid-tree: no stat; stat but no status; no fd directory */
	put("301/cgroup", "0::/system.slice/docker-" ID_B ".scope\n");
	put("302/cgroup", "0::/system.slice/docker-" ID_B ".scope\n");
	stat_file(302, "y", 1, 7100);
	put("303/cgroup", "0::/system.slice/docker-" ID_B ".scope\n");
	stat_file(303, "z", 1, 7200);
	status_file(303, 0, 0, 0, "0", 0);
	/* container D nested in an unwanted E (dind); E's own process is not wanted */
	put("400/cgroup", "0::/docker/" ID_E "/docker/" ID_D "\n");
	stat_file(400, "sleep", 1, 9000);
	status_file(400, 0, 0, 0, "0", 0);
	empty_dir(400, "fd");
	put("500/cgroup", "0::/docker/" ID_E "\n");
	stat_file(500, "sleep", 1, 9100);
	status_file(500, 0, 0, 0, "0", 0);
	empty_dir(500, "fd");
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(p);
}

static void proc_is(const struct watch_proc *p, int pid, int ppid, unsigned long long start,
                    const char *exe, unsigned flags)
{
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK_INT(p->pid, pid);
	CHECK_INT(p->ppid, ppid);
	CHECK_INT(p->start, start);
	if (exe)
		CHECK_STR(p->exe, exe);
	else
		CHECK(p->exe == NULL);
	CHECK_INT(p->flags, flags);
}

static void argv_is(const struct watch_proc *p, const char *joined)
{
	struct buf b = { 0 };
	for (size_t i = 0; p && i < p->argc; i++)
		buf_printf(&b, "%s%s", i ? "|" : "", p->argv[i]);
	CHECK_STR(b.s ? b.s : "", joined);
	free(b.s);
}

static void check_a(const struct watch_container *a)
{
	CHECK_STR(a->cgroup, "/system.slice/docker-" ID_A ".scope");
	CHECK_INT(a->nprocs, 3);
	if (a->nprocs != 3)
		return;
	const struct watch_proc *p = &a->procs[0];
	struct stat st;
	CHECK_INT(stat(bin, &st), 0);
	proc_is(p, 200, 1, 5000, bin, 0);
	CHECK(p->exe_dev == (unsigned long long)st.st_dev && p->exe_ino == st.st_ino);
	argv_is(p, "nc|-l|-p|8080");
	CHECK_INT(p->uid, 0);
	CHECK_INT(p->gid, 0);
	CHECK(p->cap_eff == 0xa80425fbULL);
	CHECK(!p->no_new_privs);
	CHECK_INT(p->tracer_pid, 0);
	CHECK_INT(p->fd[0], WFD_TTY);
	CHECK_INT(p->fd[1], WFD_PIPE);
	CHECK_INT(p->fd[2], WFD_FILE);
	CHECK_INT(p->netns, 4026532001UL);
	p = &a->procs[1];
	proc_is(p, 201, 200, 5100, "/nonexistent/busybox", 0);
	CHECK(p->exe_dev == 0 && p->exe_ino == 0);    /* a link into nothing: no file */
	argv_is(p, "sh|-c|sleep 9; exit");
	CHECK_INT(p->fd[0], WFD_SOCKET);
	CHECK_INT(p->fd[1], WFD_NONE);
	p = &a->procs[2];
	proc_is(p, 202, 201, 5200, "/memfd:payload (deleted)",
	        WATCH_EXE_MEMFD | WATCH_EXE_DELETED);
	argv_is(p, "x");
	CHECK_INT(p->tracer_pid, 201);
	CHECK(p->cap_eff == 0);
	/* the namespace's sockets once, each with the process holding it */
	CHECK_INT(a->nsocks, 7);
	if (a->nsocks != 7)
		return;
	sock_is(&a->socks[0], WP_TCP, WS_LISTEN, "127.0.0.1", 8080, "0.0.0.0", 0, 9001, 200);
	sock_is(&a->socks[1], WP_TCP, WS_ESTABLISHED, "127.0.0.1", 8080, "127.0.0.1", 50000, 9002,
	        0);
	sock_is(&a->socks[2], WP_TCP6, WS_LISTEN, "::", 8081, "::", 0, 9003, 201);
	sock_is(&a->socks[3], WP_TCP6, WS_ESTABLISHED, "2001:db8::1", 443, "::ffff:10.0.0.5",
	        54321, 9006, 0);
	sock_is(&a->socks[4], WP_UDP, WS_LISTEN, "0.0.0.0", 68, "0.0.0.0", 0, 9004, 0);
	sock_is(&a->socks[5], WP_PACKET, WS_PACKET, "", 0, "", 0, 9005, 202);
	sock_is(&a->socks[6], WP_PACKET, WS_PACKET, "", 0, "", 0, 9008, 0);
}

static void check_b(const struct watch_container *b)
{
	CHECK_STR(b->cgroup,
	          "/user.slice/user-1000.slice/user@1000.service/user.slice/docker-" ID_B ".scope");
	CHECK_INT(b->nprocs, 1);
	if (b->nprocs != 1)
		return;
	const struct watch_proc *p = &b->procs[0];
	proc_is(p, 300, 1, 7000, "/dev/shm/w", WATCH_EXE_SHM);
	argv_is(p, "/dev/shm/w");
	CHECK_INT(p->uid, 1000);
	CHECK_INT(p->euid, 1000);
	CHECK_INT(p->egid, 1000);
	CHECK(p->no_new_privs);
	CHECK_INT(p->fd[0], WFD_NONE);
	CHECK_INT(p->fd[1], WFD_SOCKET);
	CHECK_INT(b->nsocks, 1);
	if (b->nsocks == 1)
		sock_is(&b->socks[0], WP_TCP6, WS_ESTABLISHED, "2001:db8::1", 443, "::ffff:10.0.0.5",
		        54321, 9101, 300);
}

TEST(watch_scan_fake_proc)
{
	if (!little_endian())
		return;
	snprintf(root, sizeof root, "/tmp/bulwark-watch.XXXXXX");
	if (!mkdtemp(root)) {
		CHECK(!"mkdtemp");
		return;
	}
	make_tree();
	const char *ids[] = { ID_D, ID_B, ID_A };
	struct watch_snapshot s;
	watch_snapshot_init(&s);
	CHECK_INT(watch_proc_scan(&s, root, ids, 3), 0);
	/* by id; E is not wanted, and the host process belongs to none */
	CHECK_INT(s.n, 3);
	CHECK_INT(s.skipped, 3);              /* 301, 302, 303 vanished mid-tree */
	CHECK(!s.truncated);
	if (s.n == 3) {
		CHECK_STR(s.v[0].id, ID_B);
		CHECK_STR(s.v[1].id, ID_A);
		CHECK_STR(s.v[2].id, ID_D);
		check_a(&s.v[1]);
		check_b(&s.v[0]);
		const struct watch_container *d = &s.v[2];
		CHECK_STR(d->cgroup, "/docker/" ID_E "/docker/" ID_D);
		CHECK_INT(d->nprocs, 1);
		if (d->nprocs == 1) {
			proc_is(&d->procs[0], 400, 1, 9000, NULL, 0);
			CHECK_INT(d->procs[0].argc, 0);
			CHECK_INT(d->procs[0].netns, 0);
		}
		CHECK_INT(d->nsocks, 0);
	}
	const struct watch_container *a = watch_container_find(&s, ID_A);
	CHECK(watch_proc_find(a, 201, 5100) != NULL);

	/* pid 201 reused: another process with its start time */
	struct watch_snapshot s2;
	watch_snapshot_init(&s2);
	stat_file(201, "cat", 1, 8000);
	CMDLINE(201, "cat\0");
	CHECK_INT(watch_proc_scan(&s2, root, ids, 3), 0);
	const struct watch_container *a2 = watch_container_find(&s2, ID_A);
	CHECK(a2 != NULL);
	CHECK(watch_proc_find(a2, 201, 5100) == NULL);
	const struct watch_proc *p = watch_proc_find(a2, 201, 8000);
	proc_is(p, 201, 1, 8000, "/nonexistent/busybox", 0);
	argv_is(p, "cat");
	watch_snapshot_free(&s2);

	/* no ids: every container, E too */
	watch_snapshot_init(&s2);
	CHECK_INT(watch_proc_scan(&s2, root, NULL, 0), 0);
	CHECK_INT(s2.n, 4);
	CHECK(watch_container_find(&s2, ID_E) != NULL);
	watch_snapshot_free(&s2);
	watch_snapshot_free(&s);

	char *gone = xasprintf("%s/none", root);
	watch_snapshot_init(&s);
	CHECK_INT(watch_proc_scan(&s, gone, ids, 3), -1);
	CHECK_INT(s.n, 0);
	watch_snapshot_free(&s);
	free(gone);
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	remove(bin);
	free(bin);
}
