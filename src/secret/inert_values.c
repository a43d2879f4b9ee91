/* Values that cannot be a secret, whatever the variable is called: TOKEN_TTL=3600,
 * PASSWORD_AUTH=false, AUTH_TOKEN_EXPIRY=15m, REDIS_HOST=cache.internal, a fingerprint. */
#include "secret/classify.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

static bool all_of(const char *v, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(set, v[i]) || !v[i])
			return false;
	return n > 0;
}

#define ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define HEX "0123456789abcdefABCDEF"

bool secret_value_is_reference(const char *v, size_t n)
{
	size_t i = 0;
	while (i + 1 < n && v[i] == '$' && v[i + 1] == '$')
		i++;       /* compose's $$ escape: the container's shell expands it */
	if (i < n && v[i] == '$') {
		if (i + 1 < n && v[i + 1] == '{')
			return memchr(v + i, '}', n - i) == v + n - 1;
		return i + 1 < n && (isalpha((unsigned char)v[i + 1]) || v[i + 1] == '_') &&
		       all_of(v + i + 1, n - i - 1, ALNUM "_");
	}
	/* a file that holds the secret: /run/secrets/db, /etc/ssl/private/tls.key */
	return n > 1 && v[0] == '/' && all_of(v, n, ALNUM "/._-+@");
}

/* [+-]digits[.digits] */
static size_t number_len(const char *v, size_t n)
{
	size_t i = n && (v[0] == '-' || v[0] == '+') ? 1 : 0, d = 0;
	while (i < n && isdigit((unsigned char)v[i]))
		i++, d++;
	if (d && i + 1 < n && v[i] == '.' && isdigit((unsigned char)v[i + 1]))
		for (i++; i < n && isdigit((unsigned char)v[i]); i++)
			;
	return d ? i : 0;
}

static bool is_number(const char *v, size_t n) { return number_len(v, n) == n; }

/* A word list with the lengths worked out at compile time; words are lower case. */
struct word { const char *w; size_t n; };
#define WORD(w) { w, sizeof w - 1 }

/* v[0..k) is u, any case: the first byte is compared before the call. */
static bool word_at(const char *v, const struct word *u)
{
	return (v[0] | 0x20) == u->w[0] && !strncasecmp(v, u->w, u->n);
}

static size_t unit_len(const char *v, size_t n)
{
	static const struct word units[] = { WORD("seconds"), WORD("second"), WORD("secs"),
		WORD("sec"), WORD("minutes"), WORD("minute"), WORD("mins"), WORD("min"),
		WORD("hours"), WORD("hour"), WORD("hrs"), WORD("hr"), WORD("days"), WORD("day"),
		WORD("weeks"), WORD("week"), WORD("years"), WORD("year"), WORD("ms"), WORD("us"),
		WORD("ns"), WORD("s"), WORD("m"), WORD("h"), WORD("d"), WORD("w"), WORD("y") };
	for (const struct word *u = units; u < units + sizeof units / sizeof *units; u++) {
		size_t k = u->n;
		if (k <= n && word_at(v, u) && (k == n || !isalpha((unsigned char)v[k])))
			return k;
	}
	return 0;
}

/* ISO 8601: P1D, PT15M, P1DT12H */
static bool is_iso_duration(const char *v, size_t n)
{
	bool t = false, any = false;
	if (n < 3 || (v[0] != 'P' && v[0] != 'p'))
		return false;
	for (size_t i = 1; i < n;) {
		if ((v[i] == 'T' || v[i] == 't') && !t) {
			t = true;
			i++;
			continue;
		}
		size_t k = number_len(v + i, n - i);
		if (!k || i + k >= n || !strchr(t ? "HMShms" : "YMWDymwd", v[i + k]))
			return false;
		i += k + 1;
		any = true;
	}
	return any;
}

/* 15m, 1h30m, 2.5s, 7d, 30 days */
static bool is_duration(const char *v, size_t n)
{
	size_t i = 0;
	if (is_iso_duration(v, n))
		return true;
	while (i < n) {
		size_t k = number_len(v + i, n - i);
		if (!k || v[i] == '-' || v[i] == '+')
			return false;
		i += k;
		if (i < n && v[i] == ' ')
			i++;
		size_t u = unit_len(v + i, n - i);
		if (!u)
			return false;
		i += u;
	}
	return n > 0;
}

static bool is_boolean(const char *v, size_t n)
{
	static const struct word words[] = { WORD("true"), WORD("false"), WORD("yes"), WORD("no"),
		WORD("on"), WORD("off"), WORD("y"), WORD("n"), WORD("enabled"), WORD("disabled"),
		WORD("enable"), WORD("disable") };
	for (const struct word *w = words; w < words + sizeof words / sizeof *words; w++)
		if (w->n == n && word_at(v, w))
			return true;
	return false;
}

/* cache.internal, db-1.example.com:5432, 10.0.0.5, localhost */
static bool is_host(const char *v, size_t n)
{
	const char *colon = memchr(v, ':', n);
	if (colon && is_number(colon + 1, (size_t)(v + n - colon - 1)))
		n = (size_t)(colon - v);
	if (n == 9 && !strncasecmp(v, "localhost", 9))
		return true;
	if (!all_of(v, n, LOWER "0123456789.-") || v[0] == '.' || v[0] == '-' || v[n - 1] == '.' ||
	    !memchr(v, '.', n) || memmem(v, n, "..", 2))
		return false;
	const char *last = memrchr(v, '.', n) + 1;
	size_t ln = (size_t)(v + n - last);
	return all_of(v, n, "0123456789.") || (ln >= 2 && all_of(last, ln, LOWER));
}

/* A URL whose authority holds no password: https://auth.example.com/realms/x */
static bool is_plain_url(const char *v, size_t n)
{
	const char *p = memmem(v, n, "://", 3);
	if (!p || p == v || !all_of(v, (size_t)(p - v), ALNUM "+.-") || memchr(v, ' ', n))
		return false;
	p += 3;
	size_t an = 0;
	while (p + an < v + n && !strchr("/?#", p[an]))
		an++;
	const char *at = memchr(p, '@', an);
	return !at || !memchr(p, ':', (size_t)(at - p));
}

/* 1.27.0, v2.4.1-rc1, 3.12.4+build5 */
static bool is_version(const char *v, size_t n)
{
	size_t i = n && (v[0] == 'v' || v[0] == 'V') ? 1 : 0, parts = 0;
	for (;;) {
		size_t d = 0;
		while (i < n && isdigit((unsigned char)v[i]))
			i++, d++;
		if (!d)
			return false;
		parts++;
		if (i < n && v[i] == '.')
			i++;
		else
			break;
	}
	if (parts < 2)
		return false;
	return i == n || ((v[i] == '-' || v[i] == '+' || v[i] == '~') &&
	                  all_of(v + i + 1, n - i - 1, ALNUM ".+~-"));
}

/* Hex groups joined by ':' or ' ' (aa:bb:..., "B42F 6819 007F ..."), or an ssh SHA256: digest. */
static bool is_fingerprint(const char *v, size_t n)
{
	if (n == 50 && !strncmp(v, "SHA256:", 7))
		return all_of(v + 7, 43, ALNUM "+/");
	size_t groups = 0, i = 0;
	while (i < n) {
		size_t g = 0;
		while (i < n && strchr(HEX, v[i]) && v[i])
			i++, g++;
		if (g != 2 && g != 4)
			return false;
		groups++;
		while (i < n && (v[i] == ':' || v[i] == ' '))
			i++;
		if (i < n && i > 0 && v[i - 1] != ':' && v[i - 1] != ' ')
			return false;
	}
	return groups >= 8 && (memchr(v, ':', n) || memchr(v, ' ', n));
}

static bool is_public_key(const char *v, size_t n)
{
	static const char *const pre[] = { "ssh-rsa ", "ssh-ed25519 ", "ssh-dss ", "ecdsa-sha2-",
	                                   "sk-ssh-", "sk-ecdsa-", "-----BEGIN PUBLIC KEY",
	                                   "-----BEGIN CERTIFICATE", "-----BEGIN PGP PUBLIC KEY",
	                                   "-----BEGIN RSA PUBLIC KEY", NULL };
	for (const char *const *p = pre; *p; p++)
		if (n >= strlen(*p) && !strncmp(v, *p, strlen(*p)))
			return true;
	return false;
}

bool secret_value_is_scalar(const char *v, size_t n)
{
	return is_number(v, n) || is_boolean(v, n) || is_duration(v, n) || is_version(v, n);
}

bool secret_value_is_inert(const char *v, size_t n)
{
	return n == 0 || secret_value_is_reference(v, n) || secret_value_is_scalar(v, n) ||
	       is_host(v, n) || is_plain_url(v, n) || is_fingerprint(v, n) || is_public_key(v, n);
}
