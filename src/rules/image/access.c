/* Ways into a container that an image should not ship: an SSH server, sudo, port 22. */
#include "rules/image/i_util.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static bool ssh_server_file(const struct img_file *f)
{
	const char *b = i_base(f->path);
	return (!strcmp(b, "sshd") && f->type == IMG_FILE) || !strcmp(b, "sshd_config") ||
	       !strcmp(b, "authorized_keys") || !strcmp(b, "dropbear");
}

static void check_sshd(const struct rule *self, const struct image_cfg *im, struct findings *out)
{
	IMG_FILES(im, f) {
		if (!ssh_server_file(f) || !f->visible)
			continue;
		char *what = xasprintf("SSH server file %s is in the image", f->path);
		i_report(out, self, im, f, 0, NULL, what);
		free(what);
	}
}

const struct rule rule_i_sshd = {
	.id = "BW-I007",
	.title = "SSH server in the image",
	.severity = SEV_MEDIUM,
	.cis = "4.3",
	.rationale = "An SSH server (its binary, configuration or authorized_keys) in an image is "
	             "an extra network service with its own credentials inside every container. "
	             "docker exec gives operators a shell through the engine's access control "
	             "instead. CIS 4.3 asks that images hold only the packages they need.",
	.remediation = "Remove openssh-server (or dropbear) and authorized_keys from the image; use "
	               "docker exec for interactive access.",
	.check_image = check_sshd,
};

static void check_sudo(const struct rule *self, const struct image_cfg *im, struct findings *out)
{
	IMG_FILES(im, f) {
		if (strcmp(i_base(f->path), "sudo") || f->type != IMG_FILE || !f->visible)
			continue;
		char *what = xasprintf("%s is installed", f->path);
		i_report(out, self, im, f, 0, NULL, what);
		free(what);
	}
}

const struct rule rule_i_sudo = {
	.id = "BW-I008",
	.title = "sudo in the image",
	.severity = SEV_LOW,
	.rationale = "sudo in a container turns any process running as a sudoer into root and has "
	             "unpredictable TTY and signal behaviour; a container should start as the user "
	             "it needs, and root work belongs in the build.",
	.remediation = "Remove sudo; do root work in RUN steps before USER, or use gosu/su-exec in "
	               "an entrypoint that drops privileges.",
	.check_image = check_sudo,
};

static void check_port22(const struct rule *self, const struct image_cfg *im,
                         struct findings *out)
{
	for (size_t i = 0; i < im->nports; i++)
		if (!strcmp(im->ports[i], "22/tcp") || !strcmp(im->ports[i], "22"))
			finding_add(out, self, LOC_NONE, im->ports[i], "image %s exposes the SSH port %s",
			            im->ref, im->ports[i]);
}

const struct rule rule_i_port22 = {
	.id = "BW-I009",
	.title = "Image exposes port 22",
	.severity = SEV_MEDIUM,
	.rationale = "Exposing 22 means the image expects to run an SSH server, with credentials "
	             "and a network service in every container.",
	.remediation = "Remove EXPOSE 22 and the SSH server; use docker exec.",
	.check_image = check_port22,
};
