/* Parsing passwd(5), group(5), shadow(5) and BSD master.passwd(5) lines. Only what the image
 * rules read is kept: the name, the numeric id, and whether the password field is empty. */
#include "collect/accounts.h"
#include "util/util.h"
#include <string.h>

enum img_acctdb accounts_db(const char *path)
{
	if (strcmp(path, "/etc/passwd") == 0)
		return ACCT_PASSWD;
	if (strcmp(path, "/etc/group") == 0)
		return ACCT_GROUP;
	if (strcmp(path, "/etc/shadow") == 0 || strcmp(path, "/etc/master.passwd") == 0)
		return ACCT_SHADOW;
	return ACCT_NONE;
}

/* Up to max fields of the line [s, end); returns the count. Field i is [f[i], e[i]). */
static size_t fields(const char *s, const char *end, const char **f, const char **e, size_t max)
{
	size_t n = 0;
	while (n < max) {
		const char *c = memchr(s, ':', (size_t)(end - s));
		f[n] = s;
		e[n++] = c ? c : end;
		if (!c)
			break;
		s = c + 1;
	}
	return n;
}

/* A decimal id up to 2^32-1, as getpwent reads one; false for anything else. */
static bool parse_id(const char *s, const char *end, unsigned *out)
{
	unsigned long long v = 0;
	if (s == end)
		return false;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned)(*s - '0');
		if (v > 0xffffffffull)
			return false;
	}
	*out = (unsigned)v;
	return true;
}

static bool entry(enum img_acctdb db, const char *s, const char *end, int line,
                  struct img_file *f, size_t *cap)
{
	const char *fs[3], *fe[3];
	size_t n = fields(s, end, fs, fe, 3);
	if (n < (db == ACCT_SHADOW ? 2u : 3u))
		return true;
	if (f->naccounts >= ACCOUNTS_MAX)
		return false;
	struct img_account a = { .name = xstrndup(fs[0], (size_t)(fe[0] - fs[0])), .line = line };
	if (db == ACCT_SHADOW)
		a.empty_password = fe[1] == fs[1];
	else
		a.has_id = parse_id(fs[2], fe[2], &a.id);
	GROW(f->accounts, *cap, f->naccounts);
	f->accounts[f->naccounts++] = a;
	return true;
}

void accounts_parse(enum img_acctdb db, const char *s, size_t n, struct img_file *f)
{
	const char *end = s + n;
	size_t cap = 0;
	for (int line = 1; s < end; line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		if (le > s && le[-1] == '\r')
			le--;
		if (le > s && *s != '#' && *s != '+' && *s != '-' && !entry(db, s, le, line, f, &cap)) {
			struct img_file none = { .accounts = f->accounts, .naccounts = f->naccounts };
			img_file_clear(&none);
			f->accounts = NULL;
			f->naccounts = 0;
			f->flags |= IMGF_ACCOUNTS_SKIPPED;
			return;
		}
		s = nl ? nl + 1 : end;
	}
}
