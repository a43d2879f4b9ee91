/* host_collect: who the host is, its security modules, then the parts in their own files
 * (mounts, audit rules, users and groups, Docker files). */
#include "collect/host_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char DEFAULT_DATA_ROOT[] = "/var/lib/docker";
static const char APPARMOR_FLAG[] = "/sys/module/apparmor/parameters/enabled";
static const char SELINUX_ENFORCE[] = "/sys/fs/selinux/enforce";

/* With userns-remap the daemon reports <root>/<uid>.<gid>; the partition and the audit rules
 * are about the directory above it. */
static bool remap_dir(const char *base)
{
	size_t a = strspn(base, "0123456789");
	return a > 0 && base[a] == '.' && base[a + 1 + strspn(base + a + 1, "0123456789")] == '\0' &&
	       isdigit((unsigned char)base[a + 1]);
}

static char *data_root(const char *given)
{
	char *p = host_path_norm(given && *given ? given : DEFAULT_DATA_ROOT);
	if (!p)
		return xstrdup(DEFAULT_DATA_ROOT);
	char *slash = strrchr(p, '/');
	if (slash && slash != p && remap_dir(slash + 1))
		*slash = '\0';
	return p;
}

static void set_str(struct host_str *s, char *v, const char *from)
{
	s->v = v;
	s->loc = (struct loc){ v ? from : NULL, 0 };
}

static void hostname(struct host *h, const struct hroot *r, const char *given,
                     struct findings *errs)
{
	char buf[256];
	if (given && *given) {
		set_str(&h->hostname, xstrdup(given), NULL);
		return;
	}
	set_str(&h->hostname, host_read_line(r, "/etc/hostname", errs), "/etc/hostname");
	if (!h->hostname.v && !r->root[0] && gethostname(buf, sizeof buf) == 0) {
		buf[sizeof buf - 1] = '\0';
		set_str(&h->hostname, xstrdup(buf), NULL);
	}
}

/* A shell-style value: quotes dropped, backslash escapes inside double quotes resolved. */
static char *unquote(char *v)
{
	char q = (*v == '"' || *v == '\'') ? *v++ : 0;
	char *o = v, *start = v;
	for (; *v && *v != q; v++) {
		if (q == '"' && *v == '\\' && v[1])
			v++;
		*o++ = *v;
	}
	*o = '\0';
	return start;
}

/* PRETTY_NAME="Debian GNU/Linux 12 (bookworm)" gives the name. */
static char *pretty_name(char *text, const char *input, struct findings *errs)
{
	struct hlines it;
	char *line;
	hlines_init(&it, text, input, errs);
	while ((line = hlines_next(&it))) {
		char *v = str_trim(line);
		if (!str_prefix(v, "PRETTY_NAME="))
			continue;
		v = str_trim(unquote(v + strlen("PRETTY_NAME=")));
		return *v ? xstrdup(v) : NULL;
	}
	return NULL;
}

static void os_release(struct host *h, const struct hroot *r, struct findings *errs)
{
	static const char *const files[] = { "/etc/os-release", "/usr/lib/os-release" };
	for (size_t i = 0; i < 2 && !h->os.v; i++) {
		char *text = host_read(r, files[i], errs);
		if (!text)
			continue;
		char *input = hroot_real(r, files[i]);
		set_str(&h->os, pretty_name(text, input, errs), files[i]);
		free(input);
		free(text);
	}
}

/* Known when the flag file is there, or when sysfs is but the module is not (not built in). */
static void security_modules(struct host *h, const struct hroot *r, struct findings *errs)
{
	char *aa = host_read_line(r, APPARMOR_FLAG, errs);
	h->apparmor = (struct host_lsm){ aa || hfs_is_dir(r, "/sys/module"), aa && aa[0] == 'Y',
	                                 { APPARMOR_FLAG, 0 } };
	free(aa);
	bool se = hfs_exists(r, SELINUX_ENFORCE);
	h->selinux = (struct host_lsm){ se || hfs_is_dir(r, "/sys/fs"), se, { SELINUX_ENFORCE, 0 } };
	if (se) {
		char *e = host_read_line(r, SELINUX_ENFORCE, errs);
		h->selinux_enforcing = e && e[0] == '1';
		free(e);
	}
}

void host_skipped(struct findings *errs, const char *what)
{
	findings_warn(errs, "host", 0, "%s not checked: live-only, and this is not the live machine",
	              what);
}

int host_collect(struct host *h, const struct host_inputs *in, struct findings *errs)
{
	size_t errors = errs->nerrors;
	struct hroot r;
	struct hids ids;
	struct hstats stats;
	memset(h, 0, sizeof *h);
	hroot_open(&r, in->root, errs);
	h->data_root = data_root(in->data_root);
	hostname(h, &r, in->hostname, errs);
	set_str(&h->kernel, host_read_line(&r, "/proc/sys/kernel/osrelease", errs),
	        "/proc/sys/kernel/osrelease");
	os_release(h, &r, errs);
	security_modules(h, &r, errs);
	host_collect_mounts(h, &r, errs);
	host_collect_audit(h, &r, in->live, errs);
	hids_load(&ids, &r, errs);
	host_docker_group(h, &ids);
	hstats_load(&stats, in->stat_overrides, errs);
	host_collect_files(h, in, &(struct hctx){ &r, &ids, &stats, errs });
	host_ssh_collect(h, &r, in->live, errs);
	host_ssh_keyfiles(h, &r, &stats, errs);
	host_fw_collect(h, &r, in->live, errs);
	host_net_collect(h, &r, in->live, errs);
	host_patch_collect(h, &r, in->live, errs);
	host_kern_collect(h, &r, in->live, errs);
	hstats_free(&stats);
	hids_free(&ids);
	hroot_close(&r);
	return errs->nerrors > errors ? -1 : 0;
}
