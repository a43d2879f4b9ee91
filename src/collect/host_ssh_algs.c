/* sshd's defaults for the keywords the rules read, and Ciphers/MACs/KexAlgorithms values
 * resolved against the default list as sshd resolves them: "+names" appends, "^names" puts
 * first, "-patterns" removes, a plain list replaces; a name is listed once. */
#include "collect/host_ssh_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* OpenSSH 9.x's compiled-in values (Debian's build: `sshd -T` with an empty config). The
 * algorithm lists change between releases; older ones offered more SHA-1. */
static const char *const defaults[SK__COUNT] = {
	[SK_PASSWORD_AUTH] = "yes",
	[SK_KBDINT_AUTH] = "yes",
	[SK_PERMIT_EMPTY] = "no",
	[SK_PERMIT_ROOT] = "prohibit-password",
	[SK_CIPHERS] = "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
	               "aes128-gcm@openssh.com,aes256-gcm@openssh.com",
	[SK_MACS] = "umac-64-etm@openssh.com,umac-128-etm@openssh.com,"
	            "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"
	            "hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,"
	            "hmac-sha2-256,hmac-sha2-512,hmac-sha1",
	[SK_KEX] = "sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,curve25519-sha256,"
	           "curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,"
	           "ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,"
	           "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"
	           "diffie-hellman-group14-sha256",
	[SK_X11] = "no",
	[SK_MAX_AUTH_TRIES] = "6",
	[SK_AUTH_KEYS_FILE] = ".ssh/authorized_keys .ssh/authorized_keys2",
	[SK_USE_PAM] = "no",
	[SK_STRICT_MODES] = "yes",
};

const char *ssh_default(enum ssh_key k)
{
	return defaults[k];
}

/* name is in the comma-separated list */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && !strncmp(p, name, n))
			return true;
		p += len + (p[len] == ',');
	}
	return false;
}

/* Each name of add not already in b, appended. */
static void cat(struct buf *b, const char *add)
{
	char *copy = xstrdup(add), *s = copy, *name;
	while ((name = strsep(&s, ","))) {
		if (!*name || (b->s && listed(b->s, name)))
			continue;
		buf_printf(b, "%s%s", b->len ? "," : "", name);
	}
	free(copy);
}

/* sshd's pattern list: a name matching a "!pattern" is kept whatever else matches. */
static bool removed(const char *name, const char *patterns)
{
	char *copy = xstrdup(patterns), *s = copy, *p;
	bool hit = false;
	while ((p = strsep(&s, ","))) {
		bool neg = *p == '!';
		if (!glob_match(p + neg, name))
			continue;
		if (neg) {
			hit = false;
			break;
		}
		hit = true;
	}
	free(copy);
	return hit;
}

char *ssh_algs_resolve(enum ssh_key k, const char *spec)
{
	const char *def = defaults[k];
	struct buf b = { 0 };
	if (*spec == '-') {
		char *copy = xstrdup(def), *s = copy, *name;
		while ((name = strsep(&s, ",")))
			if (!removed(name, spec + 1))
				buf_printf(&b, "%s%s", b.len ? "," : "", name);
		free(copy);
	} else if (*spec == '+') {
		cat(&b, def);
		cat(&b, spec + 1);
	} else if (*spec == '^') {
		cat(&b, spec + 1);
		cat(&b, def);
	} else {
		cat(&b, spec);
	}
	if (!b.len) {
		free(b.s);
		return NULL;
	}
	return buf_take(&b);
}
