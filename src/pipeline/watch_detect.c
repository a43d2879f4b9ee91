/* Detection of the runtime watch: every check compares one process or socket with the image's
 * baseline. Severity follows what the behaviour usually means: code run from memory, a shell
 * on a network socket and ptrace are attacks; a new program or port is drift. */
#include "pipeline/watch_detect.h"
#include "secret/classify.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;
	return s ? s + 1 : path ? path : "";
}

static bool name_in(const char *name, const char *const *set)
{
	if (*name == '-')   /* a login shell's argv[0] */
		name++;
	for (; *set; set++)
		if (!strcmp(name, *set))
			return true;
	return false;
}

static const char *const shells[] = { "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh",
	"tcsh", "csh", "fish", NULL };

static bool interp_name(const char *n)
{
	static const char *const prefixes[] = { "python", "perl", "ruby", "php", "node", "lua",
		NULL };
	for (const char *const *p = prefixes; *p; p++)
		if (str_prefix(n, *p))
			return true;
	return false;
}

bool watch_proc_is_runtime(const struct watch_proc *p)
{
	if (p->exe && str_prefix(p->exe, "/memfd:runc_cloned"))
		return true;
	return p->argc >= 2 && !strcmp(base_name(p->argv[0]), "runc") && !strcmp(p->argv[1], "init");
}

bool watch_proc_is_shell(const struct watch_proc *p)
{
	return name_in(base_name(p->exe), shells) ||
	       (p->argc && name_in(base_name(p->argv[0]), shells));
}

bool watch_proc_is_interp(const struct watch_proc *p)
{
	return watch_proc_is_shell(p) || interp_name(base_name(p->exe)) ||
	       (p->argc && interp_name(base_name(p->argv[0])));
}

/* tcp6 listens for tcp too: one port, whatever the family. */
static const char *port_proto(enum watch_proto p)
{
	return p == WP_UDP || p == WP_UDP6 ? "udp" : "tcp";
}

void watch_learn(struct watch_base *b, const struct watch_container *c)
{
	for (size_t i = 0; i < c->nprocs; i++) {
		const struct watch_proc *p = &c->procs[i];
		if (watch_proc_is_runtime(p))
			continue;
		if (p->exe)
			watch_base_exe_add(b, p->exe, p->exe_dev, p->exe_ino);
		if ((p->cap_eff | b->cap_eff) != b->cap_eff) {
			b->cap_eff |= p->cap_eff;
			b->changed = true;
		}
		if (!b->has_uid || p->euid < b->min_uid) {
			b->min_uid = p->euid;
			b->has_uid = b->changed = true;
		}
		if (!b->tty_shell && p->fd[0] == WFD_TTY && watch_proc_is_shell(p))
			b->tty_shell = b->changed = true;
	}
	for (size_t i = 0; i < c->nsocks; i++) {
		const struct watch_sock *k = &c->socks[i];
		if (k->kind == WS_LISTEN)
			watch_base_port_add(b, port_proto(k->proto), k->lport);
		else if (k->kind == WS_PACKET && !b->packet)
			b->packet = b->changed = true;
	}
}

struct cmp {
	const struct watch_container *c;
	const struct watch_who *who;
	int64_t now;
	struct watch_alerts *out;
	size_t first;   /* out's alerts from this comparison start here */
};

/* An alert unless this comparison raised the same one already (tcp and tcp6 on one port). */
static struct watch_alert *raise_alert(struct cmp *x, enum watch_kind k, enum severity sev,
                                 const char *key, const char *msg)
{
	char *full = xasprintf("%s %s %s", watch_kind_name(k), x->who->id ? x->who->id : "", key);
	for (size_t i = x->first; i < x->out->n; i++)
		if (!strcmp(x->out->v[i].key, full)) {
			free(full);
			return NULL;
		}
	free(full);
	return watch_alert_add(x->out, x->now, k, sev, x->who, key, "%s", msg);
}

static void proc_ev(struct watch_alert *al, const struct watch_proc *p)
{
	if (!al || !p)
		return;
	char *cmd = watch_cmdline(p);
	watch_alert_ev(al, "pid", "%d", p->pid);
	watch_alert_ev(al, "exe", "%s", p->exe ? p->exe : "");
	watch_alert_ev(al, "cmdline", "%s", cmd);
	watch_alert_ev(al, "uid", "%u", p->euid);
	free(cmd);
}

static void proc_alert(struct cmp *x, const struct watch_proc *p, enum watch_kind k,
                       enum severity sev, const char *what, const char *msg)
{
	char key[96];
	snprintf(key, sizeof key, "%d %llu %s", p->pid, p->start, what);
	struct watch_alert *al = raise_alert(x, k, sev, key, msg);
	proc_ev(al, p);
}

/* Whether the container holds an established tcp or udp connection: a socket on a shell's
 * stdin is then taken for a network one (fd kinds do not tell unix from inet). */
static bool has_connection(const struct watch_container *c)
{
	for (size_t i = 0; i < c->nsocks; i++)
		if (c->socks[i].kind == WS_ESTABLISHED)
			return true;
	return false;
}

static void check_exe(struct cmp *x, const struct watch_base *b, const struct watch_proc *p)
{
	const char *where = p->flags & WATCH_EXE_MEMFD ? "memory (memfd)" :
	                    p->flags & WATCH_EXE_SHM ? "/dev/shm" :
	                    p->flags & WATCH_EXE_DELETED ? "a deleted file" : NULL;
	char *msg;
	if (where) {
		msg = xasprintf("process %d runs from %s: %s", p->pid, where, p->exe ? p->exe : "?");
		proc_alert(x, p, WK_DROPPED_EXECUTED, SEV_CRITICAL, "exe", msg);
	} else if (p->exe && !watch_base_exe_find(b, p->exe)) {
		msg = xasprintf("%s runs and was not seen while learning", p->exe);
		proc_alert(x, p, WK_NEW_PROCESS, SEV_MEDIUM, "exe", msg);
	} else {
		return;
	}
	free(msg);
}

static void check_shell(struct cmp *x, const struct watch_base *b, const struct watch_proc *p)
{
	bool sock = p->fd[0] == WFD_SOCKET || p->fd[1] == WFD_SOCKET;
	char *msg = NULL;
	if (sock && has_connection(x->c) && watch_proc_is_interp(p)) {
		msg = xasprintf("%s %d has a network socket as its %s", base_name(p->exe), p->pid,
		                p->fd[0] == WFD_SOCKET ? "stdin" : "stdout");
		proc_alert(x, p, WK_NETWORK_SHELL, SEV_CRITICAL, "net", msg);
	} else if (watch_proc_is_shell(p) && (p->fd[0] == WFD_SOCKET ||
	                                      (p->fd[0] == WFD_TTY && !b->tty_shell))) {
		msg = xasprintf("shell %d reads a %s", p->pid,
		                p->fd[0] == WFD_TTY ? "terminal" : "socket");
		proc_alert(x, p, WK_SHELL, SEV_HIGH, "shell", msg);
	}
	free(msg);
}

static void check_priv(struct cmp *x, const struct watch_base *b, const struct watch_proc *p)
{
	char *msg;
	uint64_t more = p->cap_eff & ~b->cap_eff;
	if (more) {
		msg = xasprintf("process %d has capabilities not seen while learning (%llx)", p->pid,
		                (unsigned long long)more);
		proc_alert(x, p, WK_PRIVILEGE, SEV_HIGH, "caps", msg);
		free(msg);
	}
	if (b->has_uid && p->euid < b->min_uid) {
		msg = xasprintf("process %d runs as uid %u, below the lowest seen while learning (%u)",
		                p->pid, p->euid, b->min_uid);
		proc_alert(x, p, WK_PRIVILEGE, SEV_HIGH, "uid", msg);
		free(msg);
	}
	if (p->tracer_pid) {
		msg = xasprintf("process %d is traced by process %d (ptrace)", p->pid, p->tracer_pid);
		proc_alert(x, p, WK_PRIVILEGE, SEV_CRITICAL, "ptrace", msg);
		free(msg);
	}
}

static const struct watch_proc *holder(const struct watch_container *c, int pid)
{
	for (size_t i = 0; pid && i < c->nprocs; i++)
		if (c->procs[i].pid == pid)
			return &c->procs[i];
	return NULL;
}

static void check_sock(struct cmp *x, const struct watch_base *b, const struct watch_sock *k)
{
	const struct watch_proc *p = holder(x->c, k->pid);
	if (p && watch_proc_is_runtime(p))
		return;
	char key[96], *msg;
	struct watch_alert *al;
	if (k->kind == WS_LISTEN && !watch_base_port_has(b, port_proto(k->proto), k->lport)) {
		snprintf(key, sizeof key, "%d %llu %s/%u", k->pid, p ? p->start : 0,
		         port_proto(k->proto), k->lport);
		msg = xasprintf("new listener on %s port %u%s%s", port_proto(k->proto), k->lport,
		                p && p->exe ? " by " : "", p && p->exe ? p->exe : "");
		al = raise_alert(x, WK_NEW_LISTENER, SEV_HIGH, key, msg);
		if (al) {
			watch_alert_ev(al, "proto", "%s", port_proto(k->proto));
			watch_alert_ev(al, "port", "%u", k->lport);
			watch_alert_ev(al, "address", "%s", k->local);
		}
	} else if (k->kind == WS_PACKET && !b->packet) {
		snprintf(key, sizeof key, "%d %llu packet", k->pid, p ? p->start : 0);
		msg = xasprintf("packet socket opened%s%s", p && p->exe ? " by " : "",
		                p && p->exe ? p->exe : "");
		al = raise_alert(x, WK_PACKET_SOCKET, SEV_HIGH, key, msg);
		if (al) {
			watch_alert_ev(al, "type", "%s", k->pkt_type == 3 ? "raw" : "dgram");
			watch_alert_ev(al, "ethertype", "%04x", k->pkt_proto);
		}
	} else {
		return;
	}
	proc_ev(al, p);
	free(msg);
}

void watch_compare(const struct watch_base *b, const struct watch_container *c,
                   const struct watch_who *who, int64_t now_ms, struct watch_alerts *out)
{
	struct cmp x = { c, who, now_ms, out, out->n };
	for (size_t i = 0; i < c->nprocs; i++) {
		const struct watch_proc *p = &c->procs[i];
		if (watch_proc_is_runtime(p))
			continue;
		check_exe(&x, b, p);
		check_shell(&x, b, p);
		check_priv(&x, b, p);
	}
	for (size_t i = 0; i < c->nsocks; i++)
		check_sock(&x, b, &c->socks[i]);
}

static bool user_is_root(const char *u)
{
	size_t n = strcspn(u, ":");
	return n == 0 || (n == 4 && !strncmp(u, "root", 4)) || (n == 1 && u[0] == '0');
}

void watch_exec_alert(const struct watch_exec *x, const struct watch_who *who, int64_t now_ms,
                      struct watch_alerts *out)
{
	const char *user = !x->known ? NULL : x->user && *x->user ? x->user : x->container_user;
	bool root = user && user_is_root(user);
	bool interactive = x->known && (x->tty || x->stdin_open);
	const char *cmd = x->cmd ? x->cmd : "";
	struct watch_alert *al = watch_alert_add(out, now_ms, WK_EXEC,
		root || interactive ? SEV_CRITICAL : SEV_HIGH, who, x->exec_id ? x->exec_id : cmd,
		"exec into %s: %s%s%s", who->name ? who->name : "?", cmd,
		interactive ? " (interactive)" : "", root ? " as root" : "");
	struct watch_proc p = { .argv = (char **)&cmd, .argc = 1 };
	char *red = watch_cmdline(&p);
	watch_alert_ev(al, "command", "%s", red);
	free(red);
	if (x->exec_id)
		watch_alert_ev(al, "exec_id", "%s", x->exec_id);
	if (x->known) {
		watch_alert_ev(al, "user", "%s", user && *user ? user : "root");
		watch_alert_ev(al, "tty", "%s", x->tty ? "true" : "false");
		watch_alert_ev(al, "stdin", "%s", x->stdin_open ? "true" : "false");
	}
}

struct cut { size_t off, len; char *with; };
struct redact { struct cut v[32]; size_t n; };

static int by_off(const void *a, const void *b)
{
	const struct cut *x = a, *y = b;
	return x->off < y->off ? -1 : x->off > y->off;
}

static void on_secret(void *ud, const struct secret_match *m)
{
	struct redact *r = ud;
	if (r->n < sizeof r->v / sizeof *r->v) {
		r->v[r->n].off = (size_t)m->offset;
		r->v[r->n].len = m->len;
		r->v[r->n].with = secret_evidence(m);
		r->n++;
	}
}

char *watch_cmdline(const struct watch_proc *p)
{
	struct buf b = { 0 };
	for (size_t i = 0; i < p->argc; i++) {
		if (i)
			buf_addc(&b, ' ');
		buf_adds(&b, p->argv[i]);
	}
	char *s = buf_take(&b);
	if (!s)
		return xstrdup("");
	struct redact r = { .n = 0 };
	secret_classify_text(s, strlen(s), on_secret, &r);
	if (!r.n)
		return s;
	qsort(r.v, r.n, sizeof *r.v, by_off);
	size_t at = 0, len = strlen(s);   /* an overlapping match is dropped */
	for (size_t i = 0; i < r.n; i++) {
		if (r.v[i].off >= at && r.v[i].off + r.v[i].len <= len) {
			buf_add(&b, s + at, r.v[i].off - at);
			buf_adds(&b, r.v[i].with);
			at = r.v[i].off + r.v[i].len;
		}
		free(r.v[i].with);
	}
	buf_adds(&b, s + at);
	free(s);
	return buf_take(&b);
}
