/* Secrets written as literal values of environment variables. */
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "secret/classify.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "an AWS access key id", "a GitHub token": the kind's name with its article (an initialism
 * takes "an" when its first letter is read with a vowel: an RSA, an SSH2, an X). */
static const char *article(const char *name)
{
	size_t caps = strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
	bool initialism = caps > 0 && (name[caps] == ' ' || name[caps] == '\0');
	return strchr(initialism ? "AEFHILMNORSX" : "AEIOUaeiou", name[0]) ? "an" : "a";
}

static void report(const struct rule *self, const struct cspec *c, const struct cs_env *e,
                   const struct secret_kind *what, struct findings *out)
{
	char ev[512];
	char *red = redact(e->value);
	snprintf(ev, sizeof ev, "%s=%s", e->key, red);
	free(red);
	if (what)
		finding_add(out, self, c_at(c, e->loc), ev,
		            "%s %s: environment variable %s holds what looks like %s %s", c_kind(c),
		            c_name(c), e->key, article(what->name), what->name);
	else
		finding_add(out, self, c_at(c, e->loc), ev,
		            "%s %s sets secret variable %s to a literal value", c_kind(c), c_name(c),
		            e->key);
}

static void check_env(const struct rule *self, const struct cspec *c, struct findings *out)
{
	for (size_t i = 0; i < c->nenv; i++) {
		const struct cs_env *e = &c->env[i];
		/* an interpolated value lives in the deploying environment, not in the file */
		if (!e->key || !e->value || e->interpolated)
			continue;
		struct secret_verdict v = secret_classify_env(e->key, e->value);
		if (v.conf != SECRET_NONE)
			report(self, c, e, v.kind, out);
	}
}

/* No CIS id and no alias: Dockle's CIS-DI-0010 inspects the image's ENV, which the Dockerfile
 * and image rules cover; this rule reads the container's own environment. */
const struct rule rule_c_env_secret = {
	.id = "BW-C020",
	.title = "Secret in an environment variable",
	.severity = SEV_HIGH,
	.rationale = "A secret written into the compose file or the container's environment ends "
	             "up in version control, in docker inspect output, in /proc/<pid>/environ and in "
	             "crash reports and logs of anything that dumps its environment. A variable whose "
	             "name has a secret word (PASSWORD, PASS, PWD, SECRET, TOKEN, *_KEY, CREDENTIAL, "
	             "AUTH) and a literal value is reported, unless the name says what it describes "
	             "(*_FILE, *_PATH, *_TTL, public or GPG keys) or the value cannot be a secret (a "
	             "$VAR reference or file path, a number, duration, switch, host name, version or "
	             "fingerprint); so is any value that is a known kind of credential (AWS, GitHub, "
	             "GitLab, Slack, Stripe and many more, a private key, a URL with a password), "
	             "whatever its name. Dockerfile ENV and ARG are judged the same way. Evidence "
	             "shows only the first characters and the length.",
	.remediation = "Move the value out of the file: use compose secrets (mounted under "
	               "/run/secrets, with the image's *_FILE variant where it has one), or "
	               "interpolate it from the deploying environment (${DB_PASSWORD:?}). Rotate any "
	               "secret that has been committed.",
	.check_cspec = check_env,
};
