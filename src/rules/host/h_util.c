#include "rules/host/h_util.h"
#include "util/util.h"
#include <stdio.h>

static struct loc at(const struct host_file *f)
{
	return (struct loc){ f->path, 0 };
}

/* "alice:staff", or the numbers when /etc/passwd or /etc/group do not name them. */
static const char *owner(const struct host_file *f, char *buf, size_t n)
{
	char u[16], g[16];
	snprintf(u, sizeof u, "%u", f->uid);
	snprintf(g, sizeof g, "%u", f->gid);
	snprintf(buf, n, "%s:%s", f->user ? f->user : u, f->group ? f->group : g);
	return buf;
}

void h_check_watch(const struct rule *self, const struct host *h, enum hf_kind kind,
                   struct findings *out)
{
	const struct host_file *f;
	for (size_t i = 0; (f = host_file_at(h, kind, i)); i++) {
		if (!host_file_exists(f) || host_watch_find(h, f))
			continue;
		finding_add(out, self, at(f), NULL,
		            "%s %s is not watched by any audit rule%s; add \"-w %s -k docker\" to "
		            "/etc/audit/rules.d/docker.rules",
		            host_file_type_name(f->type), f->path,
		            h->audit_read ? "" : " (no audit rules were found)", f->path);
	}
}

static bool checkable(const struct host_file *f)
{
	return host_file_exists(f) && f->type != HF_SYMLINK;
}

void h_check_owner(const struct rule *self, const struct host *h, enum hf_kind kind,
                   bool docker_ok, struct findings *out)
{
	const struct host_file *f;
	char own[160], ev[180];
	for (size_t i = 0; (f = host_file_at(h, kind, i)); i++) {
		bool group_ok = f->gid == 0 || (docker_ok && str_eq(f->group, "docker"));
		if (!checkable(f) || (f->uid == 0 && group_ok))
			continue;
		owner(f, own, sizeof own);
		snprintf(ev, sizeof ev, "%s %04o", own, f->mode);
		finding_add(out, self, at(f), ev, "%s %s is owned by %s (mode %04o); expected %s",
		            host_file_type_name(f->type), f->path, own, f->mode,
		            docker_ok ? "root:docker" : "root:root");
	}
}

void h_check_mode(const struct rule *self, const struct host *h, enum hf_kind kind,
                  unsigned max, struct findings *out)
{
	const struct host_file *f;
	char own[160], ev[180];
	for (size_t i = 0; (f = host_file_at(h, kind, i)); i++) {
		if (!checkable(f) || (f->mode & 07777 & ~max) == 0)
			continue;
		owner(f, own, sizeof own);
		snprintf(ev, sizeof ev, "%s %04o", own, f->mode);
		finding_add(out, self, at(f), ev,
		            "%s %s has mode %04o (owner %s); expected %03o or stricter",
		            host_file_type_name(f->type), f->path, f->mode, own, max);
	}
}
