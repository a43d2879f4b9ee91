/* Credentials in plain files. One rule for every kind: the finding names the kind and takes its
 * severity (a private key is critical, a generic password= assignment medium), so suppressing
 * BW-K001 by path works the same for all of them. */
#include "rules/file/file_rules.h"
#include "secret/secret.h"

void file_secrets_check(const struct rule *self, const struct file_scan *fs, struct findings *out)
{
	for (size_t i = 0; i < fs->n; i++) {
		const struct file_secret *s = &fs->v[i];
		finding_add(out, self, s->loc, s->evidence, "%s (%s) in %s", s->kind->name,
		            s->kind->id, fs->path);
		out->v[out->n - 1].severity = s->kind->severity;
	}
}

const struct rule rule_k_secret_in_file = {
	.id = "BW-K001",
	.title = "Secret in a file",
	.severity = SEV_HIGH,
	.rationale = "A credential written into a file travels with it: into the build context, every "
	             "image layer built from it, backups and the repository history. Anyone who can "
	             "read the file or the image can use the key, token or password. On a "
	             "commented-out line (#, // or ; as the file's type writes comments) a "
	             "password, token or key assignment whose value is a made-up example "
	             "(my-secret-pw) is not reported; a random-looking value or a credential of a "
	             "known kind is.",
	.remediation = "Remove the secret from the file and revoke it: treat it as leaked. Pass "
	               "credentials at run time (docker secrets, a secrets manager, BuildKit "
	               "--mount=type=secret) and keep credential files out of the build context "
	               "(.dockerignore).",
	.refs = (const char *const[]){ "https://docs.docker.com/build/building/secrets/",
	                               "https://docs.docker.com/engine/swarm/secrets/", NULL },
	.check_file = file_secrets_check,
};
