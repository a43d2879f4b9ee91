/* sshd_config read as sshd reads it: Include globs expanded in place, the first value of a
 * keyword wins, lines after a Match apply only to its connections (`Match all`'s to all of
 * them, over the rest), an included file cannot change its includer's Match. */
#include "collect/host_ssh_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum kind { K_FLAG, K_ROOT, K_INT, K_ALGS, K_FILES };

static const struct kw {
	const char *name;
	enum ssh_key key;
	enum kind kind;
	bool in_match;           /* allowed inside a Match block */
} kws[] = {
	{ "passwordauthentication", SK_PASSWORD_AUTH, K_FLAG, true },
	{ "kbdinteractiveauthentication", SK_KBDINT_AUTH, K_FLAG, true },
	{ "challengeresponseauthentication", SK_KBDINT_AUTH, K_FLAG, true },
	{ "permitemptypasswords", SK_PERMIT_EMPTY, K_FLAG, true },
	{ "permitrootlogin", SK_PERMIT_ROOT, K_ROOT, true },
	{ "ciphers", SK_CIPHERS, K_ALGS, false },
	{ "macs", SK_MACS, K_ALGS, false },
	{ "kexalgorithms", SK_KEX, K_ALGS, false },
	{ "x11forwarding", SK_X11, K_FLAG, true },
	{ "maxauthtries", SK_MAX_AUTH_TRIES, K_INT, true },
	{ "authorizedkeysfile", SK_AUTH_KEYS_FILE, K_FILES, true },
	{ "usepam", SK_USE_PAM, K_FLAG, false },
	{ "strictmodes", SK_STRICT_MODES, K_FLAG, false },
};

struct pstate {
	struct host_ssh *x;
	const struct hroot *r;
	struct findings *errs;
	bool active;             /* the line applies at start (outside Match, or in Match all) */
	bool never;              /* included from an inactive Match: its own Match never applies */
	long blk;                /* the Match block lines go to; -1 outside one */
	size_t nread;
};

static void bad(struct pstate *ps, struct loc at, const char *fmt, const char *what)
{
	char *input = hroot_real(ps->r, at.path);
	char *msg = xasprintf(fmt, what);
	findings_error(ps->errs, input, at.line, "sshd would refuse this line: %s", msg);
	free(msg);
	free(input);
}

static char *norm_flag(const char *a)
{
	return !strcasecmp(a, "yes") ? xstrdup("yes") : !strcasecmp(a, "no") ? xstrdup("no") : NULL;
}

static char *norm_root(const char *a)
{
	static const char *const ok[] = { "yes", "no", "prohibit-password", "forced-commands-only" };
	if (!strcasecmp(a, "without-password"))
		return xstrdup("prohibit-password");
	for (size_t i = 0; i < 4; i++)
		if (!strcasecmp(a, ok[i]))
			return xstrdup(ok[i]);
	return NULL;
}

/* sshd takes a decimal from 0 to INT_MAX. */
static char *norm_int(const char *a)
{
	const char *d = a + (*a == '+');
	if (!*d || strspn(d, "0123456789") != strlen(d))
		return NULL;
	d += strspn(d, "0");
	if (strlen(d) > 10 || (strlen(d) == 10 && strcmp(d, "2147483647") > 0))
		return NULL;
	return xstrdup(*d ? d : "0");
}

/* AuthorizedKeysFile: every name, "none" only alone. */
static char *norm_files(char **v, int n)
{
	struct buf b = { 0 };
	for (int i = 0; i < n; i++) {
		if (!*v[i] || (!strcasecmp(v[i], "none") && n > 1)) {
			free(b.s);
			return NULL;
		}
		buf_printf(&b, "%s%s", i ? " " : "", v[i]);
	}
	return buf_take(&b);
}

/* The value a line sets, as sshd -T prints it; NULL (and an error) when sshd rejects it. */
static char *value(struct pstate *ps, const struct kw *k, char **v, int n, struct loc at)
{
	char *out = NULL;
	if (n < 1 || !*v[0]) {
		bad(ps, at, "%s has no value", k->name);
		return NULL;
	}
	if (k->kind != K_FILES && n > 1) {
		bad(ps, at, "%s has extra arguments at the end of the line", k->name);
		return NULL;
	}
	switch (k->kind) {
	case K_FLAG: out = norm_flag(v[0]); break;
	case K_ROOT: out = norm_root(v[0]); break;
	case K_INT: out = norm_int(v[0]); break;
	case K_ALGS: out = ssh_algs_resolve(k->key, v[0]); break;
	case K_FILES: out = norm_files(v, n); break;
	}
	if (!out)
		bad(ps, at, "%s: unsupported value", k->name);
	return out;
}

static void put(struct ssh_value *slot, const char *v, enum ssh_origin o, struct loc at)
{
	if (slot->origin != SSH_UNSET)
		return;
	*slot = (struct ssh_value){ xstrdup(v), o, at };
}

static void setting(struct pstate *ps, const struct kw *k, const char *rest, struct loc at)
{
	char **v, *store;
	int n = ssh_args(rest, &v, &store);
	if (n < 0) {
		bad(ps, at, "%s: unterminated quote", k->name);
		return;
	}
	if (!ps->active && !k->in_match) {
		bad(ps, at, "%s is not allowed within a Match block", k->name);
	} else {
		char *val = value(ps, k, v, n, at);
		if (val && ps->active)
			put(&ps->x->eff[k->key], val, SSH_FILE, at);
		if (val && ps->blk >= 0 && k->in_match)
			put(&ps->x->match[ps->blk].set[k->key], val, SSH_FILE, at);
		free(val);
	}
	free(v);
	free(store);
}

/* The condition as written, up to a comment; "all" applies at start as well. */
static void match(struct pstate *ps, const char *rest, struct loc at)
{
	char *copy = xstrdup(rest), *s = copy, *w, *first = NULL;
	struct buf cond = { 0 };
	int words = 0;
	while (s && (w = ssh_word(&s)) && *w && *w != '#') {
		buf_printf(&cond, "%s%s", words ? " " : "", w);
		if (!words++)
			first = w;
	}
	bool all = words == 1 && !strcasecmp(first, "all");
	struct host_ssh *x = ps->x;
	GROW(x->match, x->cap_match, x->nmatch);
	x->match[x->nmatch] = (struct ssh_match){ .cond = cond.s ? buf_take(&cond) : xstrdup(""),
	                                          .all = all && !ps->never, .loc = at };
	ps->blk = (long)x->nmatch++;
	ps->active = all && !ps->never;
	if (!words)
		bad(ps, at, "%s has no condition", "Match");
	free(copy);
}

static void read_file(struct pstate *ps, const char *path, int depth);

static void include(struct pstate *ps, const char *rest, struct loc at, int depth)
{
	char **v, *store;
	int n = ssh_args(rest, &v, &store);
	if (n <= 0)
		bad(ps, at, n < 0 ? "%s: unterminated quote" : "%s has no file name", "Include");
	for (int i = 0; i < n; i++) {
		/* relative names are relative to /etc/ssh, not to the including file */
		char *pat = v[i][0] == '/' ? xstrdup(v[i]) : xasprintf("/etc/ssh/%s", v[i]);
		size_t nm;
		char **m = ssh_glob(ps->r, pat, &nm);
		for (size_t j = 0; j < nm; j++) {
			if (depth + 1 > SSH_MAX_DEPTH) {
				bad(ps, at, "%s: too many nested includes", "Include");
				break;
			}
			struct pstate sub = *ps;
			sub.never = !ps->active;
			read_file(&sub, m[j], depth + 1);
			ps->nread = sub.nread;
		}
		hfs_list_free(m, nm);
		free(pat);
	}
	free(v);
	free(store);
}

static const struct kw *lookup(const char *name)
{
	for (size_t i = 0; i < sizeof kws / sizeof *kws; i++)
		if (!strcasecmp(kws[i].name, name))
			return &kws[i];
	return NULL;
}

static void line(struct pstate *ps, char *s, struct loc at, int depth)
{
	size_t len = strlen(s);
	while (len > 0 && strchr(" \t\r\n\f", s[len - 1]))
		s[--len] = '\0';
	char *kw = ssh_word(&s);
	if (kw && !*kw)
		kw = ssh_word(&s);
	if (!kw || !*kw || *kw == '#')
		return;
	if (!s || !*s) {
		bad(ps, at, "%s has no value", kw);
		return;
	}
	const struct kw *k = lookup(kw);
	if (k)
		setting(ps, k, s, at);
	else if (!strcasecmp(kw, "match"))
		match(ps, s, at);
	else if (!strcasecmp(kw, "include"))
		include(ps, s, at, depth);
}

static const char *keep_path(struct host_ssh *x, const char *path)
{
	GROW(x->files, x->cap_files, x->nfiles);
	return x->files[x->nfiles++] = xstrdup(path);
}

static void read_file(struct pstate *ps, const char *path, int depth)
{
	if (ps->nread >= SSH_MAX_FILES)
		return;
	char *text = host_read(ps->r, path, ps->errs);
	if (!text)
		return;
	ps->nread++;
	const char *kept = keep_path(ps->x, path);
	char *input = hroot_real(ps->r, path), *s;
	struct hlines it;
	hlines_init(&it, text, input, ps->errs);
	while ((s = hlines_next(&it)))
		line(ps, s, (struct loc){ kept, it.line }, depth);
	free(input);
	free(text);
}

/* For each connection sshd applies the matching blocks again, over the values it started
 * with: `Match all`'s first value wins over the lines outside Match blocks. */
static void match_all(struct host_ssh *x)
{
	for (int k = 0; k < SK__COUNT; k++)
		for (size_t i = 0; i < x->nmatch; i++) {
			const struct ssh_value *v = &x->match[i].set[k];
			if (!x->match[i].all || v->origin == SSH_UNSET)
				continue;
			free(x->eff[k].v);
			x->eff[k] = (struct ssh_value){ xstrdup(v->v), v->origin, v->loc };
			break;
		}
}

bool ssh_read_config(struct host_ssh *x, const struct hroot *r, const char *path,
                     struct findings *errs)
{
	if (!hfs_exists(r, path))
		return false;
	struct pstate ps = { x, r, errs, true, false, -1, 0 };
	read_file(&ps, path, 0);
	match_all(x);
	return x->nfiles > 0;
}
