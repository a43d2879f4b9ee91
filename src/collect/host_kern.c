/* Kernel settings a container host depends on and the modules it has loaded: /proc/sys and
 * /proc/modules of the live machine, or of a copy that holds them. Then time synchronisation
 * and log forwarding (host_kern_time.c, host_kern_logs.c). */
#include "collect/host_kern_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* The settings the rules read; a kernel without one simply lacks its file. */
static const char *const SYSCTLS[] = {
	"kernel.dmesg_restrict", "kernel.kptr_restrict", "kernel.randomize_va_space",
	"fs.protected_hardlinks", "fs.protected_symlinks", "fs.protected_fifos",
	"fs.protected_regular", "fs.suid_dumpable", "kernel.unprivileged_bpf_disabled",
	"kernel.yama.ptrace_scope", "user.max_user_namespaces", "kernel.unprivileged_userns_clone",
	"kernel.apparmor_restrict_unprivileged_userns",
	"net.ipv4.conf.all.accept_redirects", "net.ipv4.conf.all.send_redirects",
	"net.ipv4.conf.default.send_redirects", "net.ipv4.conf.all.accept_source_route",
	"net.ipv6.conf.all.accept_redirects", "net.ipv6.conf.all.accept_source_route",
};
enum { NSYSCTLS = sizeof SYSCTLS / sizeof *SYSCTLS, MAX_MODULES = 10000 };

static char *sysctl_path(const char *name)
{
	char *p = xasprintf("/proc/sys/%s", name);
	for (char *c = p + strlen("/proc/sys/"); *c; c++)
		if (*c == '.')
			*c = '/';
	return p;
}

static void read_sysctls(struct host_kern *k, const struct hroot *r, struct findings *errs)
{
	k->sysctls = xcalloc(NSYSCTLS, sizeof *k->sysctls);
	for (size_t i = 0; i < NSYSCTLS; i++) {
		struct host_sysctl *s = &k->sysctls[k->nsysctls++];
		s->name = SYSCTLS[i];
		s->path = sysctl_path(SYSCTLS[i]);
		s->value = host_read_line(r, s->path, errs);
	}
	k->sysctl_known = true;
}

/* "name size refcount deps state address": the first field of each line. */
static void read_modules(struct host_kern *k, const struct hroot *r, struct findings *errs)
{
	static const char PATH[] = "/proc/modules";
	char *text = host_read(r, PATH, errs), *line;
	if (!text)
		return;
	char *input = hroot_real(r, PATH);
	struct hlines it;
	hlines_init(&it, text, input, errs);
	while ((line = hlines_next(&it)) && k->nmodules < MAX_MODULES) {
		size_t n = strcspn(line, " \t");
		if (!n)
			continue;
		GROW(k->modules, k->cap_modules, k->nmodules);
		k->modules[k->nmodules++] = (struct host_module){ xstrndup(line, n), it.line };
	}
	k->modules_known = true;
	k->modules_path = xstrdup(PATH);
	free(input);
	free(text);
}

void host_kern_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs)
{
	struct host_kern *k = &h->kern;
	if (live || hfs_is_dir(r, "/proc/sys"))
		read_sysctls(k, r, errs);
	else
		host_skipped(errs, "kernel settings (/proc/sys)");
	if (live || hfs_exists(r, "/proc/modules"))
		read_modules(k, r, errs);
	else
		host_skipped(errs, "loaded kernel modules (/proc/modules)");
	host_kern_time(k, r, live, errs);
	host_kern_logs(k, r, errs);
	k->known = k->sysctl_known || k->modules_known || k->time_known || k->logs_known;
}
