/* Secret variable names, by their words: split on '_', '-', '.' and camelCase, each word looked
 * up in one table. No allocation: words are spans of the name. */
#include "secret/classify.h"
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#define MAX_WORDS 24

enum {
	W_SECRET = 1,   /* anywhere: PASSWORD, TOKEN */
	W_LAST = 2,     /* as the last word: DB_PASS, SMTP_PWD, JWT_KEY (a lone PWD is the shell's) */
	W_TAIL = 4,     /* as the last word, says what the name describes instead: *_FILE, *_TTL */
	W_PUBLIC = 8,   /* anywhere: public key material (GPG_KEY, SSH_PUBLIC_KEY) */
	W_KEYED = 16,   /* before KEY: API_KEY_ID, ACCESS_KEY_ID, PRIVATE_KEY_PEM */
};

#define W(w, f) { w, sizeof w - 1, f }
static const struct word { const char *w; unsigned char n, f; } words[] = {
	W("PASSWORD", W_SECRET), W("PASSWORDS", W_SECRET), W("PASSWD", W_SECRET),
	W("PASSPHRASE", W_SECRET), W("SECRET", W_SECRET), W("SECRETS", W_SECRET),
	W("TOKEN", W_SECRET), W("TOKENS", W_SECRET), W("CREDENTIAL", W_SECRET),
	W("CREDENTIALS", W_SECRET), W("CREDS", W_SECRET), W("APIKEY", W_SECRET),
	W("PASS", W_LAST), W("PWD", W_LAST), W("PW", W_LAST), W("PSW", W_LAST), W("KEY", W_LAST),
	W("AUTH", W_LAST),
	W("API", W_KEYED), W("ACCESS", W_KEYED), W("PRIVATE", W_KEYED),
	W("FILE", W_TAIL), W("PATH", W_TAIL), W("DIR", W_TAIL), W("URL", W_TAIL), W("URI", W_TAIL),
	W("HOST", W_TAIL), W("PORT", W_TAIL), W("NAME", W_TAIL), W("USER", W_TAIL),
	W("USERNAME", W_TAIL), W("TTL", W_TAIL), W("TIMEOUT", W_TAIL), W("EXPIRY", W_TAIL),
	W("EXPIRES", W_TAIL), W("EXPIRATION", W_TAIL), W("LIFETIME", W_TAIL), W("LENGTH", W_TAIL),
	W("SIZE", W_TAIL), W("ENABLED", W_TAIL), W("TYPE", W_TAIL), W("ALGORITHM", W_TAIL),
	W("ALG", W_TAIL), W("HEADER", W_TAIL), W("ENDPOINT", W_TAIL), W("REGION", W_TAIL),
	W("KEYRING", W_TAIL), W("POLICY", W_TAIL),
	W("GPG", W_PUBLIC), W("PGP", W_PUBLIC), W("PUBLIC", W_PUBLIC), W("PUBKEY", W_PUBLIC),
	W("FINGERPRINT", W_PUBLIC),
};

/* Words that also count at the end of a longer word: DBPASSWORD, GITHUBTOKEN, CLIENTSECRET. */
static const char *const suffixes[] = { "PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY" };

struct span { const char *p; size_t n; };

/* The first letters of the table's words, by length: most words of a name (VERSION, HOME,
 * SHA256) have a pair no table word has and skip the table walk. Filled before main. */
#define MAX_WORD 16
static uint32_t firsts[MAX_WORD + 1];

__attribute__((constructor)) static void index_words(void)
{
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		firsts[words[i].n] |= 1u << (words[i].w[0] - 'A');
}

static bool may_be_word(struct span w)
{
	unsigned l = (unsigned char)(w.p[0] & ~0x20) - 'A';
	return w.n <= MAX_WORD && l < 26 && (firsts[w.n] >> l & 1);
}

/* A suffix's last letter: D, T, N or Y. */
static bool may_end_suffix(struct span w)
{
	char c = (char)(w.p[w.n - 1] & ~0x20);
	return c == 'D' || c == 'T' || c == 'N' || c == 'Y';
}

/* Most words of a name are not in the table and fail on the length or first letter. */
static unsigned word_flags(struct span w)
{
	for (size_t i = 0; may_be_word(w) && i < sizeof words / sizeof *words; i++)
		if (words[i].n == w.n && (w.p[0] & ~0x20) == words[i].w[0] &&
		    !strncasecmp(words[i].w, w.p, w.n))
			return words[i].f;
	for (size_t i = 0; w.n > 5 && may_end_suffix(w) && i < sizeof suffixes / sizeof *suffixes;
	     i++) {
		size_t k = strlen(suffixes[i]);
		if (w.n > k && !strncasecmp(w.p + w.n - k, suffixes[i], k))
			return W_SECRET;
	}
	return 0;
}

/* A word starts after a separator, at a lower-to-upper step (dbPassword) and at the last capital
 * of a capital run followed by a small letter (APIKey: API, Key). */
static bool starts_word(const char *s, size_t i, size_t n)
{
	unsigned char a = (unsigned char)s[i - 1], b = (unsigned char)s[i];
	if (!isupper(b))
		return false;
	if (islower(a) || isdigit(a))
		return true;
	return isupper(a) && i + 1 < n && islower((unsigned char)s[i + 1]);
}

static size_t split(const char *s, size_t n, struct span *w)
{
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= n && k < MAX_WORDS; i++) {
		bool sep = i == n || s[i] == '_' || s[i] == '-' || s[i] == '.';
		if (sep || (i > start && starts_word(s, i, n))) {
			if (i > start)
				w[k++] = (struct span){ s + start, i - start };
			start = sep ? i + 1 : i;
		}
	}
	return k;
}

/* Names whose words say secret but that by convention hold the path of a credentials file. */
static bool names_a_path(const char *name, size_t nlen)
{
	static const char gac[] = "GOOGLE_APPLICATION_CREDENTIALS";
	return nlen == sizeof gac - 1 && !strncasecmp(name, gac, nlen);
}

bool secret_name_is_secret(const char *name, size_t nlen)
{
	struct span w[MAX_WORDS];
	unsigned f[MAX_WORDS];
	size_t n = name ? split(name, nlen, w) : 0;
	bool secret = false;
	if (n == 0 || names_a_path(name, nlen))
		return false;
	for (size_t i = 0; i < n; i++) {
		f[i] = word_flags(w[i]);
		if (f[i] & W_PUBLIC)
			return false;
	}
	if (n > 1 && (f[n - 1] & W_TAIL))
		return false;
	for (size_t i = 0; i < n && !secret; i++) {
		bool keyed = i > 0 && (f[i - 1] & W_KEYED) && w[i].n == 3 &&
		             !strncasecmp(w[i].p, "KEY", 3);
		secret = (f[i] & W_SECRET) || keyed || (n > 1 && i == n - 1 && (f[i] & W_LAST));
	}
	return secret;
}
