/* Whether the host waits for a reboot: the flag file Debian and Ubuntu packages leave
 * (/var/run/reboot-required, with the packages that asked in its .pkgs), and a running kernel
 * older than the newest one installed of the same flavour (/boot/vmlinuz-RELEASE, and dpkg's
 * linux-image-RELEASE packages). */
#include "collect/host_patch_int.h"
#include "util/util.h"
#include "util/vers.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const flags[] = { "/var/run/reboot-required", "/run/reboot-required" };

static void read_flag(struct host_patch *p, const struct hroot *r, struct findings *errs)
{
	for (size_t i = 0; i < sizeof flags / sizeof *flags && !p->reboot_flag; i++) {
		if (!hfs_exists(r, flags[i]))
			continue;
		p->reboot_flag = xstrdup(flags[i]);
		char *pkgs_path = xasprintf("%s.pkgs", flags[i]);
		char *text = host_read(r, pkgs_path, errs);
		struct hlines it;
		char *line;
		if (text)
			hlines_init(&it, text, pkgs_path, errs);
		while (text && (line = hlines_next(&it)) && p->nreboot_pkgs < HOST_MAX_ENTRIES) {
			line = str_trim(line);
			bool seen = false;
			for (size_t j = 0; j < p->nreboot_pkgs && !seen; j++)
				seen = strcmp(p->reboot_pkgs[j], line) == 0;
			if (!*line || seen)
				continue;
			grow((void **)&p->reboot_pkgs, &p->cap_reboot_pkgs, p->nreboot_pkgs + 1,
			     sizeof *p->reboot_pkgs);
			p->reboot_pkgs[p->nreboot_pkgs++] = xstrdup(line);
		}
		free(text);
		free(pkgs_path);
	}
}

/* What follows the leading version numbers: "amd64" in 6.1.0-18-amd64, "generic" in
 * 5.15.0-91-generic, "fc39.x86_64" in 6.5.6-300.fc39.x86_64. */
static const char *flavour(const char *rel)
{
	while (isdigit((unsigned char)*rel) || *rel == '.' || *rel == '-' || *rel == '+')
		rel++;
	return rel;
}

struct newest { const char *running; char *rel, *from; };

static void consider(struct newest *n, const char *rel, const char *from)
{
	if (!isdigit((unsigned char)*rel) || strcmp(flavour(rel), flavour(n->running)) != 0)
		return;
	/* rpm's segment-wise ordering is the one kernel releases follow (sort -V). */
	if (vers_cmp(VERS_RPM, rel, n->rel ? n->rel : n->running) <= 0)
		return;
	free(n->rel), free(n->from);
	n->rel = xstrdup(rel);
	n->from = xstrdup(from);
}

void hp_reboot(struct host *h, const struct hp_db *db, const struct hroot *r,
               struct findings *errs)
{
	struct host_patch *p = &h->patch;
	read_flag(p, r, errs);
	if (!h->kernel.v || !*h->kernel.v)
		return;
	struct newest n = { h->kernel.v, NULL, NULL };
	size_t cnt = 0;
	char **names = hfs_list(r, "/boot", HOST_MAX_ENTRIES, &cnt);
	for (size_t i = 0; names && i < cnt; i++) {
		if (str_prefix(names[i], "vmlinuz-")) {
			char *from = xasprintf("/boot/%s", names[i]);
			consider(&n, names[i] + 8, from);
			free(from);
		}
	}
	hfs_list_free(names, cnt);
	for (size_t i = 0; i < db->inv.npkgs; i++) {
		const char *name = db->inv.pkgs[i].name;
		if (str_prefix(name, "linux-image-"))
			consider(&n, name + 12, HP_STATUS);
	}
	p->kernel_newer = n.rel;
	p->kernel_newer_from = n.from;
}
