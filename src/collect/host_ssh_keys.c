/* authorized_keys files anyone may write: for root and every user of /etc/passwd under the
 * root, each name AuthorizedKeysFile gives (globally or in a Match block), with sshd's %h, %u,
 * %U and %% expanded and relative names taken from the home directory. */
#include "collect/host_ssh_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum { MAX_CHECKS = 20000 };

struct user { const char *name, *uid, *home; };
struct seen { char **v; size_t n, cap; };

/* Tokens first, then a name still relative is taken from the home directory, as sshd does. */
static char *expand(const char *pat, const struct user *u)
{
	struct buf b = { 0 };
	for (const char *p = pat; *p; p++) {
		if (*p != '%' || !p[1]) {
			buf_addc(&b, *p);
			continue;
		}
		switch (*++p) {
		case 'h': buf_adds(&b, u->home); break;
		case 'u': buf_adds(&b, u->name); break;
		case 'U': buf_adds(&b, u->uid); break;
		case '%': buf_addc(&b, '%'); break;
		default: buf_printf(&b, "%%%c", *p); break;
		}
	}
	char *abs = b.s && *b.s == '/' ? buf_take(&b) : xasprintf("%s/%s", u->home, b.s ? b.s : "");
	char *out = host_path_norm(abs);
	free(abs);
	free(b.s);
	return out;
}

static bool seen_add(struct seen *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], path))
			return false;
	GROW(s->v, s->cap, s->n);
	s->v[s->n++] = xstrdup(path);
	return true;
}

struct kctx { struct host_ssh *x; const struct hroot *r; const struct hstats *stats;
              struct seen seen; };

/* A regular file's mode, from the overrides or lstat; false for anything else. */
static bool file_mode(const struct kctx *c, const char *path, unsigned *mode)
{
	const struct hstat *o = hstats_find(c->stats, path);
	struct stat st;
	if (o) {
		*mode = o->mode;
		return o->type == HF_FILE;
	}
	if (hfs_lstat(c->r, path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	*mode = st.st_mode & 07777;
	return true;
}

static void check(struct kctx *c, const char *path, const struct user *u)
{
	unsigned mode;
	if (c->seen.n >= MAX_CHECKS || !seen_add(&c->seen, path) || !file_mode(c, path, &mode) ||
	    !(mode & S_IWOTH))
		return;
	struct host_ssh *x = c->x;
	GROW(x->keyfiles, x->cap_keyfiles, x->nkeyfiles);
	x->keyfiles[x->nkeyfiles++] = (struct ssh_keyfile){ xstrdup(path), xstrdup(u->name), mode };
}

static void user_files(struct kctx *c, const struct user *u)
{
	const struct host_ssh *x = c->x;
	for (size_t m = 0; m <= x->nmatch; m++) {
		const char *v = m ? x->match[m - 1].set[SK_AUTH_KEYS_FILE].v
		                  : x->eff[SK_AUTH_KEYS_FILE].v;
		char *copy = xstrdup(v), *p = copy, *name;
		while (p && (name = strsep(&p, " "))) {
			if (!*name || !strcasecmp(name, "none"))
				continue;
			char *path = expand(name, u);
			if (path)
				check(c, path, u);
			free(path);
		}
		free(copy);
	}
}

/* name:password:uid:gid:gecos:home:shell */
static bool parse_user(char *line, struct user *u)
{
	char *f[7];
	size_t n = 0;
	for (char *p = line; n < 7 && p; n++)
		f[n] = strsep(&p, ":");
	if (n < 6 || !*f[0] || *f[0] == '#' || *f[0] == '+' || *f[0] == '-' || f[5][0] != '/')
		return false;
	*u = (struct user){ f[0], f[2], f[5] };
	return true;
}

void ssh_keyfiles(struct host_ssh *x, const struct hroot *r, const struct hstats *stats,
                  struct findings *errs)
{
	struct kctx c = { x, r, stats, { 0 } };
	char *text = host_read(r, "/etc/passwd", errs);
	bool root_seen = false;
	if (text) {
		char *input = hroot_real(r, "/etc/passwd"), *line;
		struct hlines it;
		struct user u;
		hlines_init(&it, text, input, errs);
		while ((line = hlines_next(&it)) && c.seen.n < MAX_CHECKS)
			if (parse_user(line, &u)) {
				root_seen |= !strcmp(u.name, "root");
				user_files(&c, &u);
			}
		free(input);
	}
	if (!root_seen)
		user_files(&c, &(struct user){ "root", "0", "/root" });
	free(text);
	for (size_t i = 0; i < c.seen.n; i++)
		free(c.seen.v[i]);
	free(c.seen.v);
}
