/* Checks that read a structure or a file format around the anchor: key blocks, credential files,
 * configuration values. */
#include "secret/secret_int.h"
#include <ctype.h>
#include <string.h>

static bool b64ch(uint8_t c) { return isalnum(c) || c == '+' || c == '/' || c == '='; }

static size_t skip_blank(const struct vctx *v, size_t i)
{
	for (;;) {
		if (i < v->len && (v->t[i] == ' ' || v->t[i] == '\t' || v->t[i] == '\r' || v->t[i] == '\n'))
			i++;
		else if (i + 1 < v->len && v->t[i] == '\\' && (v->t[i + 1] == 'n' || v->t[i + 1] == 'r'))
			i += 2;   /* a key inside a JSON or YAML string */
		else
			return i;
	}
}

/* Armor headers ("Proc-Type: 4,ENCRYPTED", "Version: ...") before the base64 body. */
static size_t skip_headers(const struct vctx *v, size_t i, bool *encrypted)
{
	for (;;) {
		size_t k = i;
		while (k < v->len && v->t[k] != '\n' && v->t[k] != '\\' && v->t[k] != ':')
			k++;
		if (k >= v->len || v->t[k] != ':')
			return i;
		if (mem_icase(v->t + i, k - i, "Proc-Type") &&
		    mem_icase(v->t + k, v->len - k > 40 ? 40 : v->len - k, "ENCRYPTED"))
			*encrypted = true;
		while (k < v->len && v->t[k] != '\n' && !(v->t[k] == '\\' && k + 1 < v->len && v->t[k + 1] == 'n'))
			k++;
		i = skip_blank(v, k);
	}
}

/* "-----BEGIN ... PRIVATE KEY-----" with a real base64 body, through its END line. */
void check_pem(struct vctx *v)
{
	size_t hl = strlen(v->d->re), s = v->e - hl;
	bool enc = false;
	if (v->e < hl)
		return;
	size_t i = skip_headers(v, skip_blank(v, v->e), &enc), body = 0;
	while (i < v->len) {
		if (b64ch(v->t[i]))
			body++, i++;
		else if (i + 1 < v->len && (v->t[i] == '\\' || isspace(v->t[i])))
			i = v->t[i] == '\\' ? (v->t[i + 1] == 'n' || v->t[i + 1] == 'r' ? i + 2 : v->len)
			                    : i + 1;
		else
			break;
	}
	if (body < 64)
		return;
	size_t end = i;
	if (i + 8 <= v->len && !memcmp(v->t + i, "-----END", 8)) {
		const uint8_t *close = memmem(v->t + i + 8, v->len - i - 8, "-----", 5);
		if (close)
			end = (size_t)(close - v->t) + 5;
	}
	while (end > s && isspace(v->t[end - 1]))
		end--;
	const struct kdef *d = v->d;
	if (enc && !strcmp(d->k.id, "pem-rsa-private-key"))
		d = kdef_by_id("pem-encrypted-private-key");
	vconfirm(v, d, s, end - s);
}

/* PuTTY .ppk: the header line, then the key's public and private lines. */
void check_putty(struct vctx *v)
{
	size_t s = v->e;
	while (s > 0 && v->t[s - 1] != '\n' && v->e - s < 40)
		s--;
	const uint8_t *priv = memmem(v->t + v->e, v->len - v->e, "Private-Lines:", 14);
	if (!priv)
		return;
	const uint8_t *mac = memmem(priv, (size_t)(v->t + v->len - priv), "Private-MAC:", 12);
	size_t end = (size_t)((mac ? mac : priv) - v->t);
	while (end < v->len && v->t[end] != '\n' && v->t[end] != '\r')
		end++;
	vconfirm(v, v->d, s, end - s);
}

/* A service-account key file: "private_key" holds a PEM key, "type" says service_account. */
void check_gcp(struct vctx *v)
{
	size_t s = v->e - 10;   /* "-----BEGIN" */
	if (v->e < 10 || (!mem_icase(v->t, v->len, "service_account") &&
	                  !mem_icase(v->t, v->len, "gserviceaccount.com")))
		return;
	size_t i = s;
	while (i < v->len && v->t[i] != '"')
		i += v->t[i] == '\\' ? 2 : 1;
	if (i >= v->len || i - s < 100 || !memmem(v->t + s, i - s, "PRIVATE KEY", 11))
		return;
	vconfirm(v, v->d, s, i - s);
}

static bool printable(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return n > 0;
}

/* base64 of "user:password", both parts present and the password not a filler. */
static bool user_pass(const uint8_t *s, size_t n, bool need_colon)
{
	uint8_t dec[1024];
	size_t dn = b64_decode(s, n, dec, sizeof dec, false);
	if (dn == SIZE_MAX || !printable(dec, dn))
		return false;
	if (!need_colon)
		return dn >= 4 && !is_template(dec, dn);
	const uint8_t *c = memchr(dec, ':', dn);
	return c && c > dec && (size_t)(c + 1 - dec) < dn && !is_template(c + 1, dn - (size_t)(c + 1 - dec)) &&
	       !is_decoy(c + 1, dn - (size_t)(c + 1 - dec));
}

static size_t b64_run(const struct vctx *v, size_t i)
{
	while (i < v->len && b64ch(v->t[i]))
		i++;
	return i;
}

/* docker config.json: "auth": "<base64 of user:password>" */
void check_docker_auth(struct vctx *v)
{
	size_t s = v->e, r = b64_run(v, s);
	if (r - s >= 8 && r < v->len && v->t[r] == '"' && user_pass(v->t + s, r - s, true))
		vconfirm(v, v->d, s, r - s);
}

/* .npmrc _auth (base64 user:password) and _password (base64 password). */
void check_npmrc_auth(struct vctx *v)
{
	uint8_t q;
	size_t s = value_start(v, &q);
	if (s == SIZE_MAX)
		return;
	size_t r = b64_run(v, s);
	bool auth = !strcmp(v->d->k.id, "npmrc-auth");
	if (r - s >= 4 && (r == v->len || !isalnum(v->t[r]) ) && user_pass(v->t + s, r - s, auth))
		vconfirm(v, v->d, s, r - s);
}

/* kubeconfig client-key-data: base64 of a PEM private key ("-----BEGIN" is "LS0tLS1CRUdJTi"). */
void check_kube_key(struct vctx *v)
{
	uint8_t q;
	size_t s = value_start(v, &q);
	if (s == SIZE_MAX || v->len - s < 14 || memcmp(v->t + s, "LS0tLS1CRUdJTi", 14))
		return;
	size_t r = b64_run(v, s);
	if (r - s >= 64)
		vconfirm(v, v->d, s, r - s);
}

/* A bare or quoted value: the rest of the token. */
static bool plain_value(const struct vctx *v, size_t min, size_t *s, size_t *n)
{
	uint8_t q;
	size_t i = value_start(v, &q), k;
	if (i == SIZE_MAX)
		return false;
	for (k = i; k < v->len && k - i < 512; k++) {
		uint8_t c = v->t[k];
		if (q ? c == q || c == '\n' : isspace(c) || c == '"' || c == '\'' || c == '#' ||
		                              c == ',' || c == ';')
			break;
		if (c < 0x20)
			return false;
	}
	if (q && (k >= v->len || v->t[k] != q))
		return false;
	*s = i;
	*n = k - i;
	return *n >= min && !is_template(v->t + i, *n) && !placeholder_value(v->t + i, *n);
}

void check_plain_value(struct vctx *v)
{
	size_t s, n;
	if (plain_value(v, 8, &s, &n))
		vconfirm(v, v->d, s, n);
}

static bool before_has(const struct vctx *v, size_t span, const char *word)
{
	size_t from = v->e > span ? v->e - span : 0;
	return mem_icase(v->t + from, v->e - from, word) != NULL;
}

/* kubeconfig: "token:" under a user entry. */
void check_kube_token(struct vctx *v)
{
	size_t s, n;
	if (before_has(v, 400, "user:") && plain_value(v, 16, &s, &n))
		vconfirm(v, v->d, s, n);
}

/* .netrc: machine HOST login USER password PASS */
void check_netrc(struct vctx *v)
{
	size_t s, n;
	if ((before_has(v, 300, "machine") || before_has(v, 300, "default")) &&
	    before_has(v, 300, "login") && plain_value(v, 1, &s, &n))
		vconfirm(v, v->d, s, n);
}

/* .pypirc: password = ... in a [pypi]-style section. */
void check_pypirc(struct vctx *v)
{
	size_t s, n;
	if ((before_has(v, 1024, "[pypi") || before_has(v, 1024, "[testpypi") ||
	     before_has(v, 1024, "repository")) && plain_value(v, 4, &s, &n))
		vconfirm(v, v->d, s, n);
}

/* Looks like code, not a literal: attribute chains, calls, paths, URLs. */
static bool code_like(const uint8_t *s, size_t n, bool quoted)
{
	if (memmem(s, n, "://", 3) || (n && (s[0] == '/' || s[0] == '.' || s[0] == '~')))
		return true;
	if (quoted)
		return false;
	bool digit = false, ident = isalpha(s[0]) || s[0] == '_';
	for (size_t i = 0; i < n; i++) {
		if (strchr("()[]{}<>", s[i]))
			return true;
		digit |= isdigit(s[i]) != 0;
		ident &= isalnum(s[i]) || s[i] == '_' || s[i] == '.';
	}
	return ident && !digit;
}

static bool uuid_like(const uint8_t *s, size_t n)
{
	if (n != 36)
		return false;
	for (size_t i = 0; i < n; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-' : !isxdigit(s[i]))
			return false;
	return true;
}

static bool hex_only(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit(s[i]))
			return false;
	return true;
}

static int classes(const uint8_t *s, size_t n)
{
	int up = 0, lo = 0, dg = 0, ot = 0;
	for (size_t i = 0; i < n; i++) {
		up |= isupper(s[i]) != 0;
		lo |= islower(s[i]) != 0;
		dg |= isdigit(s[i]) != 0;
		ot |= !isalnum(s[i]);
	}
	return up + lo + dg + ot;
}

/* password= / secret= / api_key= with a literal value random enough to be a credential. */
void check_generic(struct vctx *v)
{
	uint8_t q;
	size_t s, n;
	if (!plain_value(v, 8, &s, &n))
		return;
	value_start(v, &q);
	const uint8_t *t = v->t + s;
	bool pw = !strcmp(v->d->k.id, "generic-password");
	if (code_like(t, n, q != 0) || uuid_like(t, n) || mem_icase(t, n, "password"))
		return;
	if (hex_only(t, n) && (n == 40 || n == 64) &&
	    (before_has(v, 48, "sha") || before_has(v, 48, "hash") || before_has(v, 48, "digest") ||
	     before_has(v, 48, "checksum")))
		return;
	double h = entropy(t, n);
	if (pw ? h < 2.5 || classes(t, n) < 2 : n < 16 || h < 3.3 || classes(t, n) < 2)
		return;
	vconfirm(v, v->d, s, n);
}
