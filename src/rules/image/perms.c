/* File modes in the image: setuid/setgid programs and world-writable paths. */
#include "rules/image/i_util.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* setuid/setgid programs that distributions ship on purpose. */
static const char *const known_suid[] = {
	"su", "passwd", "chsh", "chfn", "gpasswd", "newgrp", "mount", "umount", "chage", "expiry",
	"unix_chkpwd", "ping", "ping6", "wall", "write", "ssh-agent", "crontab", "sudo", "pkexec",
	"fusermount", "fusermount3", "newuidmap", "newgidmap", "busybox", "dotlockfile",
	"pam_timestamp_check", "ssh-keysign", "Xorg.wrap", "bsd-write", "mount.nfs", "traceroute6.iputils",
};

static bool known(const char *path)
{
	const char *b = i_base(path);
	for (size_t i = 0; i < sizeof known_suid / sizeof *known_suid; i++)
		if (!strcmp(b, known_suid[i]))
			return true;
	return false;
}

static void check_suid(const struct rule *self, const struct image_cfg *im, struct findings *out)
{
	IMG_FILES(im, f) {
		if (f->type != IMG_FILE || !(f->mode & 06000) || !f->visible)
			continue;
		char ev[8], *what = xasprintf("%s is %s (mode %04o)%s", f->path,
		                              (f->mode & 04000) ? "setuid" : "setgid", f->mode & 07777,
		                              known(f->path) ? ", a program distributions ship so" : "");
		snprintf(ev, sizeof ev, "%04o", f->mode & 07777);
		i_report(out, self, im, f, 0, ev, what);
		if (known(f->path))
			out->v[out->n - 1].severity = SEV_INFO;
		free(what);
	}
}

const struct rule rule_i_suid = {
	.id = "BW-I010",
	.title = "setuid or setgid file in the image",
	.severity = SEV_HIGH,
	.cis = "4.8",
	.cis8 = "4.8",
	.aliases = ALIASES("CIS-DI-0008"),
	.rationale = "A setuid or setgid program runs with its owner's or group's rights whoever "
	             "starts it: a bug in it, or an unexpected one added by a build, is a way to "
	             "root inside the container. Programs distributions ship setuid (su, passwd, "
	             "mount, ping, ...) are reported as info; others as high.",
	.remediation = "Remove the bits in the Dockerfile: RUN find / -xdev -perm /6000 -type f "
	               "-exec chmod a-s {} + (after installing packages), keeping only what the "
	               "application needs; run containers with no-new-privileges.",
	.check_image = check_suid,
};

static void check_world_writable(const struct rule *self, const struct image_cfg *im,
                                 struct findings *out)
{
	IMG_FILES(im, f) {
		bool dir = f->type == IMG_DIR;
		if (!(f->mode & 0002) || (dir && (f->mode & 01000)) || !f->visible ||
		    (f->type != IMG_FILE && !dir))
			continue;
		char ev[8], *what = xasprintf("%s %s is world-writable (mode %04o)%s",
		                              dir ? "directory" : "file", f->path, f->mode & 07777,
		                              dir ? " without the sticky bit" : "");
		snprintf(ev, sizeof ev, "%04o", f->mode & 07777);
		i_report(out, self, im, f, 0, ev, what);
		free(what);
	}
}

const struct rule rule_i_world_writable = {
	.id = "BW-I011",
	.title = "World-writable file or directory in the image",
	.severity = SEV_MEDIUM,
	.rationale = "Any user in the container can change a world-writable file (a script, a "
	             "library, a configuration) that another user, often root, later runs or "
	             "reads. A world-writable directory without the sticky bit lets any user "
	             "delete or replace others' files in it.",
	.remediation = "chmod o-w the file, or give directories the sticky bit (chmod 1777) when they "
	               "must be shared, as /tmp is.",
	.check_image = check_world_writable,
};
