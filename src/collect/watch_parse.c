/* The small /proc/PID files the watch reads: stat, status, cgroup, and the fd and exe links. */
#include "collect/watch_proc.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool watch_parse_stat(const char *text, int *ppid, unsigned long long *start)
{
	/* comm is whatever the process named itself: the last ')' ends it */
	const char *p = strrchr(text, ')');
	if (!p)
		return false;
	p++;
	unsigned long long v[20];
	for (int i = 0; i < 20; i++) {
		while (*p == ' ')
			p++;
		if (i == 0) {                    /* the state letter */
			if (!isalpha((unsigned char)*p))
				return false;
			p++;
			v[0] = 0;
			continue;
		}
		char *end;
		errno = 0;
		v[i] = strtoull(p, &end, 10);
		if (end == p || errno || (*end != ' ' && *end != '\n' && *end))
			return false;
		p = end;
	}
	if (v[1] > 0x7fffffff)
		return false;
	*ppid = (int)v[1];
	*start = v[19];
	return true;
}

/* The value after "Key:" when line starts with it, else NULL. */
static const char *field(const char *line, const char *key)
{
	size_t n = strlen(key);
	if (strncmp(line, key, n) || line[n] != ':')
		return NULL;
	return line + n + 1;
}

static bool two_ids(const char *v, unsigned *real, unsigned *eff)
{
	char *end;
	unsigned long a = strtoul(v, &end, 10);
	if (end == v)
		return false;
	const char *q = end;
	unsigned long b = strtoul(q, &end, 10);
	if (end == q || a > 0xffffffffUL || b > 0xffffffffUL)
		return false;
	*real = (unsigned)a;
	*eff = (unsigned)b;
	return true;
}

bool watch_parse_status(const char *text, struct watch_proc *p)
{
	bool uid = false, gid = false;
	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		const char *v;
		char *end;
		if ((v = field(l, "Uid")))
			uid = two_ids(v, &p->uid, &p->euid);
		else if ((v = field(l, "Gid")))
			gid = two_ids(v, &p->gid, &p->egid);
		else if ((v = field(l, "CapEff")))
			p->cap_eff = strtoull(v, &end, 16);
		else if ((v = field(l, "NoNewPrivs")))
			p->no_new_privs = strtol(v, &end, 10) != 0;
		else if ((v = field(l, "TracerPid"))) {
			long t = strtol(v, &end, 10);
			p->tracer_pid = t > 0 && t <= 0x7fffffff ? (int)t : 0;
		}
	}
	return uid && gid;
}

static int cmp_id(const void *key, const void *elem)
{
	return strncmp(key, *(const char *const *)elem, WATCH_ID_LEN);
}

static bool wanted(const char *s, const char *const *ids, size_t nids)
{
	return !ids || bsearch(s, ids, nids, sizeof *ids, cmp_id);
}

/* The last run of exactly 64 hex digits (lowercase, as ids are) in [p, end) that is wanted. */
static const char *line_id(const char *p, const char *end, const char *const *ids, size_t nids)
{
	const char *found = NULL;
	while (p < end) {
		size_t k = 0, lower = 0;
		while (p + k < end && isxdigit((unsigned char)p[k]))
			lower += !isupper((unsigned char)p[k++]);
		if (k == WATCH_ID_LEN && lower == k && wanted(p, ids, nids))
			found = p;
		p += k ? k : 1;
	}
	return found;
}

bool watch_parse_cgroup(const char *text, const char *const *ids, size_t nids,
                        char id[WATCH_ID_LEN + 1], const char **path, size_t *pathlen)
{
	for (const char *l = text; *l;) {
		const char *nl = strchr(l, '\n'), *end = nl ? nl : l + strlen(l);
		/* "HIERARCHY:CONTROLLERS:PATH"; the path may hold ':' itself */
		const char *c1 = memchr(l, ':', (size_t)(end - l));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(end - c1 - 1)) : NULL;
		const char *found = c2 ? line_id(c2 + 1, end, ids, nids) : NULL;
		if (found) {
			memcpy(id, found, WATCH_ID_LEN);
			id[WATCH_ID_LEN] = '\0';
			*path = c2 + 1;
			*pathlen = (size_t)(end - c2 - 1);
			return true;
		}
		if (!nl)
			break;
		l = nl + 1;
	}
	return false;
}

enum watch_fd watch_fd_kind(const char *link)
{
	if (!link)
		return WFD_NONE;
	if (!strncmp(link, "socket:[", 8))
		return WFD_SOCKET;
	if (!strncmp(link, "pipe:[", 6))
		return WFD_PIPE;
	if (!strncmp(link, "/dev/pts/", 9) || !strncmp(link, "/dev/tty", 8) ||
	    !strcmp(link, "/dev/console"))
		return WFD_TTY;
	return WFD_FILE;
}

unsigned watch_exe_flags(const char *exe)
{
	static const char deleted[] = " (deleted)";
	size_t n = exe ? strlen(exe) : 0, d = sizeof deleted - 1;
	unsigned f = 0;
	if (!exe)
		return 0;
	if (!strncmp(exe, "/memfd:", 7))
		f |= WATCH_EXE_MEMFD;
	if (!strncmp(exe, "/dev/shm/", 9))
		f |= WATCH_EXE_SHM;
	if (n >= d && !strcmp(exe + n - d, deleted))
		f |= WATCH_EXE_DELETED;
	return f;
}

unsigned long watch_link_inode(const char *link, const char *prefix)
{
	size_t n = strlen(prefix);
	if (!link || strncmp(link, prefix, n) || link[n] != '[' || !isdigit((unsigned char)link[n + 1]))
		return 0;
	char *end;
	errno = 0;
	unsigned long v = strtoul(link + n + 1, &end, 10);
	return !errno && end[0] == ']' && !end[1] ? v : 0;
}
