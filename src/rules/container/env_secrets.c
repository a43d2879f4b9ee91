/* Secrets written as literal values of environment variables. */
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "util/util.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Variable names that announce a secret. Besides these, any name ending in _KEY. */
static const char *const secret_words[] = {
	"PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "ACCESS_KEY", "PRIVATE_KEY",
	"CREDENTIAL",
};

/* Names that look secret but conventionally hold a path or public material. */
static bool name_excluded(const char *k)
{
	return str_isuffix(k, "_FILE") || str_isuffix(k, "_PATH") || str_icontains(k, "PUBLIC_KEY") ||
	       str_isuffix(k, "_GPG_KEY");
}

static bool name_secret(const char *k)
{
	if (name_excluded(k))
		return false;
	for (size_t i = 0; i < sizeof secret_words / sizeof *secret_words; i++)
		if (str_icontains(k, secret_words[i]))
			return true;
	return str_isuffix(k, "_KEY");
}

/* $NAME or ${...} (also $$-escaped): resolved inside the container, not a literal secret. */
static bool value_reference(const char *v)
{
	if (v[0] != '$')
		return false;
	while (v[1] == '$')
		v++;
	if (v[1] == '{')
		return strchr(v, '}') == v + strlen(v) - 1;
	for (v++; *v; v++)
		if (!isalnum((unsigned char)*v) && *v != '_')
			return false;
	return true;
}

/* Switches such as MYSQL_RANDOM_ROOT_PASSWORD=yes name a secret but do not hold one. */
static bool value_switch(const char *v)
{
	static const char *const sw[] = { "true", "false", "yes", "no", "on", "off", "0", "1" };
	for (size_t i = 0; i < sizeof sw / sizeof *sw; i++)
		if (strcasecmp(v, sw[i]) == 0)
			return true;
	return false;
}

#define UPPER_DIGITS "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define ALNUM UPPER_DIGITS "abcdefghijklmnopqrstuvwxyz"

/* A well-known token format: prefix, then between min and max (0: any) characters of chars. */
static const struct shape {
	const char *prefix, *chars, *what;
	size_t min, max;
} shapes[] = {
	{ "AKIA", UPPER_DIGITS, "an AWS access key id", 16, 16 },
	{ "ASIA", UPPER_DIGITS, "an AWS temporary access key id", 16, 16 },
	{ "ghp_", ALNUM, "a GitHub token", 36, 0 },
	{ "gho_", ALNUM, "a GitHub token", 36, 0 },
	{ "ghs_", ALNUM, "a GitHub token", 36, 0 },
	{ "ghu_", ALNUM, "a GitHub token", 36, 0 },
	{ "ghr_", ALNUM, "a GitHub token", 36, 0 },
	{ "github_pat_", ALNUM "_", "a GitHub token", 22, 0 },
	{ "glpat-", ALNUM "_-", "a GitLab token", 20, 0 },
	{ "xoxa-", ALNUM "-", "a Slack token", 10, 0 },
	{ "xoxb-", ALNUM "-", "a Slack token", 10, 0 },
	{ "xoxo-", ALNUM "-", "a Slack token", 10, 0 },
	{ "xoxp-", ALNUM "-", "a Slack token", 10, 0 },
	{ "xoxr-", ALNUM "-", "a Slack token", 10, 0 },
	{ "xoxs-", ALNUM "-", "a Slack token", 10, 0 },
	{ "sk_live_", ALNUM, "a Stripe secret key", 16, 0 },
	{ "rk_live_", ALNUM, "a Stripe restricted key", 16, 0 },
};

static bool shape_at(const struct shape *s, const char *v, const char *p)
{
	size_t k = strlen(s->prefix), n;
	if (strncmp(p, s->prefix, k) != 0)
		return false;
	/* Not the tail of a longer word: "XAKIA..." is not an AWS key id. */
	if (p > v && isalnum((unsigned char)p[-1]))
		return false;
	n = strspn(p + k, s->chars);
	return n >= s->min && (!s->max || n == s->max);
}

/* scheme://user:password@host with a literal password. */
static bool url_password(const char *v)
{
	for (const char *p = strstr(v, "://"); p; p = strstr(p + 3, "://")) {
		const char *auth = p + 3;
		size_t alen = strcspn(auth, "/?#");
		const char *at = memrchr(auth, '@', alen);
		const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
		if (colon && colon + 1 < at && colon[1] != '$')
			return true;
	}
	return false;
}

/* What kind of secret the value looks like, or NULL. */
static const char *value_shape(const char *v)
{
	if (strstr(v, "-----BEGIN") && strstr(v, "PRIVATE KEY"))
		return "a private key";
	for (const char *p = v; *p; p++)
		for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++)
			if (shape_at(&shapes[i], v, p))
				return shapes[i].what;
	return url_password(v) ? "a URL with an inline password" : NULL;
}

static void report(const struct rule *self, const struct cspec *c, const struct cs_env *e,
                   const char *what, struct findings *out)
{
	char ev[512];
	char *red = redact(e->value);
	snprintf(ev, sizeof ev, "%s=%s", e->key, red);
	free(red);
	if (what)
		finding_add(out, self, c_at(c, e->loc), ev,
		            "%s %s: environment variable %s holds what looks like %s", c_kind(c),
		            c_name(c), e->key, what);
	else
		finding_add(out, self, c_at(c, e->loc), ev,
		            "%s %s sets secret variable %s to a literal value", c_kind(c), c_name(c),
		            e->key);
}

static void check_env(const struct rule *self, const struct cspec *c, struct findings *out)
{
	for (size_t i = 0; i < c->nenv; i++) {
		const struct cs_env *e = &c->env[i];
		const char *what;
		/* an interpolated value lives in the deploying environment, not in the file */
		if (!e->key || !e->value || !*e->value || e->interpolated ||
		    value_reference(e->value))
			continue;
		what = value_shape(e->value);
		if (what || (name_secret(e->key) && !value_switch(e->value)))
			report(self, c, e, what, out);
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
	             "crash reports and logs of anything that dumps its environment. Variables named "
	             "like *PASSWORD*, *SECRET*, *TOKEN*, *_KEY, *CREDENTIAL* with a literal value are "
	             "reported (not *_FILE/*_PATH, public or GPG keys, on/off switches or $VAR "
	             "references), as is any value shaped like a known token (AWS, GitHub, GitLab, "
	             "Slack, Stripe, a PEM private key, a URL with a password). Evidence shows only "
	             "the first characters and the length.",
	.remediation = "Move the value out of the file: use compose secrets (mounted under "
	               "/run/secrets, with the image's *_FILE variant where it has one), or "
	               "interpolate it from the deploying environment (${DB_PASSWORD:?}). Rotate any "
	               "secret that has been committed.",
	.check_cspec = check_env,
};
