/* Which files of a layer are worth keeping, by path and mode, and the facts read from the
 * content of the few whose content decides (keys, shadow hashes, account entries, registry
 * credentials). */
#include "collect/accounts.h"
#include "collect/layer_int.h"
#include "util/util.h"
#include <jansson.h>
#include <string.h>

static const char *const cache_dirs[] = {
	"/var/cache/apt/archives", "/var/lib/apt/lists", "/var/cache/apk", "/var/cache/yum",
	"/var/cache/dnf", "/root/.cache/pip", "/root/.npm", "/usr/local/share/.cache/yarn",
	"/root/.cache/yarn",
};

static const char *const cred_names[] = { ".htpasswd", ".netrc", ".git-credentials", ".npmrc",
                                          ".pypirc" };
static const char *const ssh_keys[] = { "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519" };
static const char *const sources[] = { ".c", ".cc", ".cpp", ".h", ".hpp", ".go", ".rs", ".java",
                                       ".kt", ".scala", ".cs" };

#define N(a) (sizeof(a) / sizeof *(a))

static bool in_list(const char *s, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, v[i]) == 0)
			return true;
	return false;
}

/* Is the directory holding base named bin or sbin ("/usr/sbin/sshd")? */
static bool in_bin_dir(const char *path, const char *base)
{
	size_t dl = (size_t)(base - path);
	if (dl < 2)
		return false;
	const char *d = path + dl - 1;       /* the '/' before base */
	const char *s = d;
	while (s > path && s[-1] != '/')
		s--;
	size_t n = (size_t)(d - s);
	return (n == 3 && memcmp(s, "bin", 3) == 0) || (n == 4 && memcmp(s, "sbin", 4) == 0);
}

static const char *cache_of(const char *path, const char *base)
{
	for (size_t i = 0; i < N(cache_dirs); i++) {
		size_t l = strlen(cache_dirs[i]);
		if (strncmp(path, cache_dirs[i], l) != 0 || path[l] != '/')
			continue;
		if (i == 0 && !str_suffix(base, ".deb"))
			return NULL;
		if (i == 1 && (strcmp(base, "lock") == 0 || str_prefix(path + l, "/partial/")))
			return NULL;
		return cache_dirs[i];
	}
	return NULL;
}

static void by_name(const char *path, const char *base, struct keep_class *c)
{
	if (in_list(base, ssh_keys, N(ssh_keys)) || in_list(base, cred_names, N(cred_names)) ||
	    str_suffix(path, "/.aws/credentials") || str_suffix(path, "/.kube/config") ||
	    str_isuffix(base, ".p12") || str_isuffix(base, ".pfx")) {
		c->why = KEEP_ALWAYS;
		c->key_path = true;
	} else if (str_suffix(path, "/.docker/config.json")) {
		c->why = KEEP_ALWAYS;
		c->key_path = true;
		c->special = SPECIAL_DOCKERCFG;
	} else if (strcmp(path, "/etc/shadow") == 0 || strcmp(path, "/etc/gshadow") == 0) {
		c->why = KEEP_ALWAYS;
		c->special = SPECIAL_SHADOW;
		c->acctdb = accounts_db(path);
	} else if ((c->acctdb = accounts_db(path)) != ACCT_NONE) {
		c->why = KEEP_ALWAYS;
	} else if (str_isuffix(base, ".pem") || str_isuffix(base, ".key")) {
		c->why = KEEP_IF_KEY;
		c->key_path = true;
	} else if (((strcmp(base, "sshd") == 0 || strcmp(base, "sudo") == 0) &&
	            in_bin_dir(path, base)) ||
	           strcmp(base, "sshd_config") == 0 || strcmp(base, "authorized_keys") == 0 ||
	           strcmp(base, ".env") == 0 || str_prefix(base, ".env.")) {
		c->why = KEEP_ALWAYS;
	} else if ((c->cache_dir = cache_of(path, base))) {
		c->why = KEEP_CACHE;
	} else {
		const char *dot = strrchr(base, '.');
		if (dot && dot != base && in_list(dot, sources, N(sources)))
			c->why = KEEP_SOURCE;
	}
}

void layer_classify(const char *path, enum img_ftype t, unsigned mode, struct keep_class *c)
{
	memset(c, 0, sizeof *c);
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (t == IMG_DIR) {
		if (strcmp(base, ".git") == 0 || ((mode & 0002) && !(mode & 01000)))
			c->why = KEEP_ALWAYS;
		return;
	}
	by_name(path, base, c);
	if (c->why == KEEP_ALWAYS)
		return;
	/* Symlinks are always 0777: their mode means nothing. */
	if ((t == IMG_FILE && (mode & 06000)) || (t != IMG_SYMLINK && (mode & 0002))) {
		c->why = KEEP_ALWAYS;
		c->cache_dir = NULL;
	}
	if (t != IMG_FILE && c->why != KEEP_ALWAYS)
		c->why = KEEP_NO;
}

/* ---- private key blocks ---- */

/* "-----BEGIN RSA PRIVATE KEY-----", "...OPENSSH PRIVATE KEY...", "...PGP PRIVATE KEY BLOCK...":
 * "PRIVATE KEY" with "-----BEGIN " at most 40 bytes before it on the same line. */
static bool key_at(const char *buf, size_t pos)
{
	size_t from = pos > 40 ? pos - 40 : 0;
	for (size_t i = pos; i-- > from;) {
		if (buf[i] == '\n')
			return false;
		if (i + 11 <= pos && memcmp(buf + i, "-----BEGIN ", 11) == 0)
			return true;
	}
	return false;
}

static bool key_in(const char *p, size_t n)
{
	const char *s = p, *end = p + n;
	while ((s = memmem(s, (size_t)(end - s), "PRIVATE KEY", 11))) {
		if (key_at(p, (size_t)(s - p)))
			return true;
		s += 11;
	}
	return false;
}

void keyscan_feed(struct keyscan *k, const char *p, size_t n)
{
	if (k->found || n == 0)
		return;
	/* A match across the boundary: the tail of the previous chunk and this chunk's start. */
	char win[sizeof k->tail + 64];
	size_t head = n < 64 ? n : 64;
	memcpy(win, k->tail, k->ntail);
	memcpy(win + k->ntail, p, head);
	if (key_in(win, k->ntail + head) || key_in(p, n)) {
		k->found = true;
		return;
	}
	if (n >= sizeof k->tail) {
		memcpy(k->tail, p + n - sizeof k->tail, sizeof k->tail);
		k->ntail = sizeof k->tail;
	} else {
		size_t keep = k->ntail + n > sizeof k->tail ? sizeof k->tail - n : k->ntail;
		memmove(k->tail, k->tail + k->ntail - keep, keep);
		memcpy(k->tail + keep, p, n);
		k->ntail = keep + n;
	}
}

/* ---- whole-content flags ---- */

static bool is_hash(const char *f, size_t n)
{
	static const char *const none[] = { "*", "!", "!!", "!*", "x" };
	if (n == 0)
		return false;
	for (size_t i = 0; i < N(none); i++)
		if (strlen(none[i]) == n && memcmp(f, none[i], n) == 0)
			return false;
	return true;
}

bool shadow_has_hash(const char *s, size_t n)
{
	const char *end = s + n;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		const char *c1 = memchr(s, ':', (size_t)(le - s));
		if (c1) {
			const char *f = c1 + 1;
			const char *c2 = memchr(f, ':', (size_t)(le - f));
			if (is_hash(f, (size_t)((c2 ? c2 : le) - f)))
				return true;
		}
		s = nl ? nl + 1 : end;
	}
	return false;
}

bool dockercfg_has_auth(const char *s, size_t n)
{
	json_error_t e;
	json_t *j = json_loadb(s, n, 0, &e);
	json_t *auths = json_object_get(j, "auths");
	const char *k;
	json_t *v;
	bool found = false;
	json_object_foreach(auths, k, v) {
		const char *a = json_string_value(json_object_get(v, "auth"));
		if (a && *a)
			found = true;
	}
	json_decref(j);
	return found;
}
