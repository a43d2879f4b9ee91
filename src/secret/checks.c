/* Checks: from a candidate's end, find the secret's extent and confirm it. */
#include "secret/secret_int.h"
#include <ctype.h>
#include <string.h>

static bool has_alnum(const struct atom *a)
{
	return atom_has(a, 'a') || atom_has(a, 'A') || atom_has(a, '0');
}

static bool boundary_before(const struct vctx *v, const struct atom *first, size_t s)
{
	if (s == 0)
		return v->at_start;
	uint8_t c = v->t[s - 1];
	return !atom_has(first, c) && !(has_alnum(first) && isalnum(c));
}

/* A run (a class repeated) must not go on past its end: the token would be something longer. */
static bool boundary_after(const struct vctx *v, const struct atom *last, size_t r)
{
	if (r >= v->len || last->max <= 1)
		return true;
	uint8_t c = v->t[r];
	return !atom_has(last, c) && !(has_alnum(last) && isalnum(c));
}

/* The leftmost start whose whole shape reaches the candidate's end; -1 if none. */
static long shape_find(const struct vctx *v, size_t *start)
{
	const struct kdef *d = v->d;
	size_t lo = v->e > d->hs_sh.maxlen ? v->e - d->hs_sh.maxlen : 0;
	size_t hi = v->e > d->hs_sh.minlen ? v->e - d->hs_sh.minlen : 0;
	for (size_t s = lo; s <= hi; s++) {
		if (!boundary_before(v, &d->sh.a[0], s))
			continue;
		long r = shape_match(&d->sh, v->t, v->len, s);
		if (r < (long)v->e || !boundary_after(v, &d->sh.a[d->sh.n - 1], (size_t)r))
			continue;
		if (d->post && !d->post(v, v->t + s, (size_t)r - s))
			continue;
		*start = s;
		return r;
	}
	return -1;
}

void check_shape(struct vctx *v)
{
	size_t s;
	long r = shape_find(v, &s);
	if (r >= 0)
		vconfirm(v, v->d, s, (size_t)r - s);
}

size_t value_start(const struct vctx *v, uint8_t *q)
{
	size_t i = v->e;
	const uint8_t *t = v->t;
	*q = 0;
	if (i < v->len && v->e > 0 && t[v->e - 1] == '=' && (t[i] == '=' || t[i] == '~'))
		return SIZE_MAX;             /* == and =~ compare */
	if (i < v->len && v->e > 0 && t[v->e - 1] == ':' && t[i] == '=')
		i++;                         /* := */
	if (i < v->len && v->e > 0 && t[v->e - 1] == '=' && t[i] == '>')
		i++;                         /* => */
	while (i < v->len && i < v->e + 8 && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (i < v->len && (t[i] == '"' || t[i] == '\'' || t[i] == '`'))
		*q = t[i++];
	return i;
}

void check_value(struct vctx *v)
{
	uint8_t q;
	size_t s = value_start(v, &q);
	if (s == SIZE_MAX)
		return;
	long r = shape_match(&v->d->sh, v->t, v->len, s);
	if (r < 0 || !boundary_after(v, &v->d->sh.a[v->d->sh.n - 1], (size_t)r))
		return;
	if (q && (size_t)r < v->len && v->t[r] != q)
		return;
	if (v->d->post && !v->d->post(v, v->t + s, (size_t)r - s))
		return;
	vconfirm(v, v->d, s, (size_t)r - s);
}

/* --- posts --------------------------------------------------------------------------------- */

static int b62(uint8_t c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10
	     : c >= 'a' && c <= 'z' ? c - 'a' + 36 : -1;
}

/* GitHub and npm: 30 random characters, then their CRC32 in 6 base62 digits. */
bool post_crc62(const struct vctx *v, const uint8_t *s, size_t n)
{
	(void)v;
	const uint8_t *u = memchr(s, '_', n);
	if (!u || s + n - (u + 1) != 36)
		return false;
	const uint8_t *body = u + 1;
	uint64_t sum = 0;
	for (int i = 30; i < 36; i++)
		sum = sum * 62 + (uint64_t)b62(body[i]);
	return sum == crc32_buf(body, 30);
}

static bool mixed(const uint8_t *s, size_t n, int need)
{
	int up = 0, lo = 0, dg = 0, ot = 0;
	for (size_t i = 0; i < n; i++) {
		up |= isupper(s[i]) != 0;
		lo |= islower(s[i]) != 0;
		dg |= isdigit(s[i]) != 0;
		ot |= !isalnum(s[i]);
	}
	return up + lo + dg + ot >= need;
}

bool post_aws_secret(const struct vctx *v, const uint8_t *s, size_t n)
{
	(void)v;
	return n == 40 && mixed(s, n, 3) && entropy(s, n) >= 4.0;
}

bool post_entropy3(const struct vctx *v, const uint8_t *s, size_t n)
{
	(void)v;
	return entropy(s, n) >= 3.0 && mixed(s, n, 2);
}

bool post_doppler(const struct vctx *v, const uint8_t *s, size_t n)
{
	(void)v;
	static const char *const kinds[] = { "pt", "st", "ct", "sa", NULL };
	for (const char *const *k = kinds; *k; k++)
		if (n > 6 && !memcmp(s + 3, *k, 2))
			return true;
	return false;
}

/* A JWT's header and payload are base64url JSON objects; the header names its "alg". */
bool post_jwt(const struct vctx *v, const uint8_t *s, size_t n)
{
	(void)v;
	const uint8_t *dot = memchr(s, '.', n);
	uint8_t hdr[768];
	if (!dot)
		return false;
	size_t hn = b64_decode(s, (size_t)(dot - s), hdr, sizeof hdr, true);
	if (hn == SIZE_MAX || hn < 8 || hdr[0] != '{')
		return false;
	return mem_icase(hdr, hn, "\"alg\"") != NULL;
}

bool placeholder_value(const uint8_t *s, size_t n)
{
	static const char *const words[] = { "password", "passwd", "pass", "pwd", "secret", "token",
	                                     "changeme", "none", "null", "nil", "true", "false",
	                                     "undefined", "user", "username", "admin", "root", NULL };
	for (const char *const *w = words; *w; w++)
		if (strlen(*w) == n && !strncasecmp((const char *)s, *w, n))
			return true;
	size_t stars = 0;
	for (size_t i = 0; i < n; i++)
		stars += s[i] == '*' || s[i] == '.' || s[i] == '-';
	return stars == n;
}

/* scheme://user:password@ : a literal password, not a variable or a filler. */
bool post_url(const struct vctx *v, const uint8_t *s, size_t n)
{
	(void)v;
	const uint8_t *p = memmem(s, n, "://", 3);
	if (!p)
		return false;
	p += 3;
	const uint8_t *colon = memchr(p, ':', (size_t)(s + n - p));
	if (!colon)
		return false;
	const uint8_t *pw = colon + 1;
	size_t pn = (size_t)(s + n - 1 - pw);
	if (pn == 0 || is_template(pw, pn) || placeholder_value(pw, pn) || is_decoy(pw, pn))
		return false;
	return !memchr(pw, '{', pn) && !memchr(pw, '$', pn);
}

bool post_aws_id(const struct vctx *v, const uint8_t *s, size_t n)
{
	(void)v;
	static const char *const pre[] = { "AKIA", "ASIA", "ABIA", "ACCA", NULL };
	for (const char *const *p = pre; *p; p++)
		if (n == 20 && !memcmp(s, *p, 4))
			return true;
	return false;
}

static bool b64ch(uint8_t c) { return isalnum(c) || c == '+' || c == '/'; }

/* A secret access key is 40 base64 characters standing alone near its key id. */
static void aws_pair(struct vctx *v, size_t from, size_t to)
{
	const struct kdef *sk = kdef_by_id("aws-secret-access-key");
	for (size_t i = from; i + 40 <= to; i++) {
		if (!b64ch(v->t[i]) || (i > 0 && (b64ch(v->t[i - 1]) || v->t[i - 1] == '=')))
			continue;
		size_t k = i;
		while (k < v->len && b64ch(v->t[k]))
			k++;
		if (k - i == 40 && (k == v->len || v->t[k] != '=') && post_aws_secret(v, v->t + i, 40))
			vconfirm(v, sk, i, 40);
		i = k;
	}
}

void check_aws_id(struct vctx *v)
{
	size_t s;
	long r = shape_find(v, &s);
	if (r < 0)
		return;
	vconfirm(v, v->d, s, (size_t)r - s);
	aws_pair(v, s > 320 ? s - 320 : 0, s);
	aws_pair(v, (size_t)r, (size_t)r + 320 < v->len ? (size_t)r + 320 : v->len);
}
