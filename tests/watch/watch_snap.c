/* Prints the runtime watch's process snapshot of PROC_ROOT as lines, for
 * tests/integration/watch_proc.sh:
 *   container ID cgroup=PATH
 *   proc PID ppid=N start=N uid=R/E gid=R/E cap=HEX nnp=0|1 tracer=N fd=K,K,K flags=F exe=PATH
 *        argv=ARG ARG ...                                           (one line)
 *   sock PROTO KIND LOCAL:PORT REMOTE:PORT inode=N pid=N
 *   skipped N
 * usage: watch_snap PROC_ROOT [ID...]      (no ID: every container) */
#include "collect/watch_proc.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

static void print_proc(const struct watch_proc *p)
{
	printf("proc %d ppid=%d start=%llu uid=%u/%u gid=%u/%u cap=%llx nnp=%d tracer=%d "
	       "fd=%s,%s,%s flags=%s%s%s exe=%s argv=", p->pid, p->ppid, p->start, p->uid, p->euid,
	       p->gid, p->egid, (unsigned long long)p->cap_eff, p->no_new_privs, p->tracer_pid,
	       watch_fd_name(p->fd[0]), watch_fd_name(p->fd[1]), watch_fd_name(p->fd[2]),
	       p->flags & WATCH_EXE_MEMFD ? "memfd," : "", p->flags & WATCH_EXE_SHM ? "shm," : "",
	       p->flags & WATCH_EXE_DELETED ? "deleted," : "", p->exe ? p->exe : "-");
	for (size_t i = 0; i < p->argc; i++)
		printf("%s%s", i ? " " : "", p->argv[i]);
	printf("\n");
}

static void print_sock(const struct watch_sock *k)
{
	bool v6 = k->proto == WP_TCP6 || k->proto == WP_UDP6;
	printf("sock %s %s ", watch_proto_name(k->proto), watch_sock_kind_name(k->kind));
	if (k->proto == WP_PACKET)
		printf("type=%u proto=%04x ifindex=%d", k->pkt_type, k->pkt_proto, k->ifindex);
	else
		printf(v6 ? "[%s]:%u [%s]:%u" : "%s:%u %s:%u", k->local, k->lport, k->remote,
		       k->rport);
	printf(" inode=%lu pid=%d\n", k->inode, k->pid);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: watch_snap PROC_ROOT [ID...]\n");
		return 2;
	}
	struct watch_snapshot s;
	watch_snapshot_init(&s);
	if (watch_proc_scan(&s, argv[1], argc > 2 ? (const char *const *)argv + 2 : NULL,
	                    (size_t)(argc - 2)) != 0) {
		fprintf(stderr, "watch_snap: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	for (size_t i = 0; i < s.n; i++) {
		const struct watch_container *c = &s.v[i];
		printf("container %s cgroup=%s\n", c->id, c->cgroup);
		for (size_t j = 0; j < c->nprocs; j++)
			print_proc(&c->procs[j]);
		for (size_t j = 0; j < c->nsocks; j++)
			print_sock(&c->socks[j]);
	}
	printf("skipped %zu%s\n", s.skipped, s.truncated ? " truncated" : "");
	watch_snapshot_free(&s);
	return 0;
}
