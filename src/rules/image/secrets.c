/* Secrets and credentials in the image's files: whatever a layer holds, anyone who pulls the
 * image can read, including what a later layer deleted. */
#include "rules/image/i_util.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_secret(const struct rule *self, const struct image_cfg *im,
                         struct findings *out)
{
	IMG_FILES(im, f) {
		for (size_t i = 0; i < f->nsecrets; i++) {
			const struct img_secret *s = &f->secrets[i];
			if ((f->flags & IMGF_PRIVATE_KEY) && strstr(s->kind_id, "private-key"))
				continue;   /* BW-I004 reports the key file */
			char *what = xasprintf("%s holds %s", f->path, s->kind_name);
			i_report(out, self, im, f, s->line, s->evidence, what);
			out->v[out->n - 1].severity = s->severity > self->severity ? s->severity
			                                                         : self->severity;
			free(what);
		}
	}
}

const struct rule rule_i_secret = {
	.id = "BW-I003",
	.title = "Secret in an image file",
	.severity = SEV_HIGH,
	.rationale = "Every layer of an image is shipped to everyone who pulls it. A credential in "
	             "any file of any layer can be extracted with docker save and tar, even when a "
	             "later layer deletes the file: deleting only hides it from the final "
	             "filesystem. (The finding's severity follows the kind of secret: a private key "
	             "or cloud key is critical.)",
	.remediation = "Revoke the credential now. Then rebuild without it: pass secrets at build "
	               "time with RUN --mount=type=secret and at run time through the environment or "
	               "a secrets store; never COPY them, and never rely on deleting them later.",
	.check_image = check_secret,
};

static void check_private_key(const struct rule *self, const struct image_cfg *im,
                              struct findings *out)
{
	IMG_FILES(im, f) {
		if (!(f->flags & IMGF_PRIVATE_KEY))
			continue;
		char *what = xasprintf("%s holds a private key", f->path);
		i_report(out, self, im, f, 0, NULL, what);
		free(what);
	}
}

const struct rule rule_i_private_key = {
	.id = "BW-I004",
	.title = "Private key in the image",
	.severity = SEV_CRITICAL,
	.rationale = "A private key (TLS, SSH, signing) in an image is published with it. Whoever "
	             "pulls the image can impersonate the server, log in where the key is "
	             "authorised, or sign as its owner.",
	.remediation = "Remove the key from every layer (rebuild; deleting it in a later layer does "
	               "not help), replace and revoke it, and mount keys at run time as secrets.",
	.check_image = check_private_key,
};

/* Files that exist to hold credentials, by where they live. */
static const char *const cred_paths[] = {
	".aws/credentials", ".kube/config", ".netrc", ".git-credentials", ".npmrc", ".pypirc",
	".htpasswd", ".docker/config.json", ".config/gcloud/credentials.db",
};

static const char *cred_kind(const struct img_file *f)
{
	for (size_t i = 0; i < sizeof cred_paths / sizeof *cred_paths; i++)
		if (i_path_ends(f->path, cred_paths[i]))
			return cred_paths[i];
	return NULL;
}

static void check_cred_file(const struct rule *self, const struct image_cfg *im,
                            struct findings *out)
{
	IMG_FILES(im, f) {
		const char *k = f->type == IMG_FILE ? cred_kind(f) : NULL;
		if (!k || f->nsecrets)
			continue;
		/* a docker config.json without stored auths holds no credential */
		if (!strcmp(k, ".docker/config.json") && !(f->flags & IMGF_DOCKER_AUTH))
			continue;
		char *what = xasprintf("credential file %s is in the image", f->path);
		i_report(out, self, im, f, 0, NULL, what);
		free(what);
	}
}

const struct rule rule_i_cred_file = {
	.id = "BW-I005",
	.title = "Credential file in the image",
	.severity = SEV_HIGH,
	.rationale = "Cloud, registry, package-manager and cluster credential files (.aws/"
	             "credentials, .docker/config.json with auths, .kube/config, .netrc, .npmrc, "
	             ".pypirc, .git-credentials, .htpasswd) end up in images when a build copies a "
	             "home directory or a whole context. Their contents are readable by anyone who "
	             "pulls the image.",
	.remediation = "Exclude them in .dockerignore, use RUN --mount=type=secret for build-time "
	               "credentials, rebuild, and rotate what was exposed.",
	.check_image = check_cred_file,
};

static void check_shadow(const struct rule *self, const struct image_cfg *im,
                         struct findings *out)
{
	IMG_FILES(im, f) {
		if (!(f->flags & IMGF_SHADOW_HASH))
			continue;
		char *what = xasprintf("%s holds password hashes", f->path);
		i_report(out, self, im, f, 0, NULL, what);
		free(what);
	}
}

const struct rule rule_i_shadow = {
	.id = "BW-I006",
	.title = "Password hash in /etc/shadow",
	.severity = SEV_HIGH,
	.rationale = "A password hash in an image's shadow file means an account there has a "
	             "password, the same in every container, and the hash can be cracked offline by "
	             "anyone who pulls the image. Base images lock every account (* or !).",
	.remediation = "Do not set passwords in the image (chpasswd, passwd); lock accounts with "
	               "passwd -l or usermod -p '*', and authenticate users outside the container.",
	.check_image = check_shadow,
};
