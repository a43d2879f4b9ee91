/* Hand-written matchers for credentials with a recognisable shape. Each matcher looks at one
 * position and returns the length it matched (0: none), so a scan is a single pass. */
#include "rules/dockerfile/df_util.h"
#include "model/finding.h"
#include "util/util.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef bool (*cls_fn)(int c);
static bool cls_upnum(int c) { return isupper(c) || isdigit(c); }
static bool cls_alnum(int c) { return isalnum(c); }
static bool cls_word(int c) { return isalnum(c) || c == '_'; }
static bool cls_dash(int c) { return isalnum(c) || c == '_' || c == '-'; }

/* Characters of cls starting at p, up to max. */
static size_t run(const char *p, cls_fn cls, size_t max)
{
	size_t n = 0;
	while (n < max && p[n] && cls((unsigned char)p[n]))
		n++;
	return n;
}

/* prefix followed by min..max characters of cls, ending at a word boundary. */
static size_t token(const char *p, const char *prefix, cls_fn cls, size_t min, size_t max)
{
	size_t pl = strlen(prefix);
	if (strncmp(p, prefix, pl) != 0)
		return 0;
	size_t n = run(p + pl, cls, max + 1);
	if (n < min || n > max || isalnum((unsigned char)p[pl + n]))
		return 0;
	return pl + n;
}

static size_t m_aws(const char *p)
{
	if (strncmp(p, "AKIA", 4) != 0 && strncmp(p, "ASIA", 4) != 0)
		return 0;
	size_t n = token(p + 4, "", cls_upnum, 16, 16);
	/* AWS's documentation keys (AKIAIOSFODNN7EXAMPLE) are everywhere and harmless. */
	if (!n || strncmp(p + 4 + n - 7, "EXAMPLE", 7) == 0)
		return 0;
	return 4 + n;
}

static size_t m_github(const char *p)
{
	static const char *const pre[] = { "ghp_", "gho_", "ghu_", "ghs_", "ghr_" };
	for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) {
		size_t n = token(p, pre[i], cls_alnum, 36, 36);
		if (n)
			return n;
	}
	return token(p, "github_pat_", cls_word, 82, 82);
}

static size_t m_gitlab(const char *p) { return token(p, "glpat-", cls_dash, 20, 200); }
static size_t m_google(const char *p) { return token(p, "AIza", cls_dash, 35, 35); }

static size_t m_stripe(const char *p)
{
	size_t n = token(p, "sk_live_", cls_alnum, 24, 200);
	return n ? n : token(p, "rk_live_", cls_alnum, 24, 200);
}

static size_t m_slack(const char *p)
{
	if (strncmp(p, "xox", 3) != 0 || !p[3] || !strchr("baprs", p[3]) || p[4] != '-')
		return 0;
	size_t n = run(p + 5, cls_dash, 300);
	/* Real tokens are long and carry digits; "xoxb-your-token" is documentation. */
	size_t digits = 0;
	for (size_t i = 0; i < n; i++)
		digits += isdigit((unsigned char)p[5 + i]) != 0;
	return n >= 20 && digits >= 4 ? 5 + n : 0;
}

/* "-----BEGIN [RSA |EC |OPENSSH |ENCRYPTED ...]PRIVATE KEY-----" */
static size_t m_pem(const char *p)
{
	static const char begin[] = "-----BEGIN ", tail[] = "PRIVATE KEY-----";
	if (strncmp(p, begin, sizeof begin - 1) != 0)
		return 0;
	const char *q = p + sizeof begin - 1;
	for (size_t i = 0; i <= 32 && q[i] && (isupper((unsigned char)q[i]) || q[i] == ' '); i++)
		if (strncmp(q + i, tail, sizeof tail - 1) == 0)
			return (size_t)(q + i - p) + sizeof tail - 1;
	return 0;
}

struct urlcred { size_t len, user_at, pass_at, pass_len, host_at; };

/* scheme://user:pass@host with a literal password. */
static size_t m_url(const char *p, struct urlcred *u)
{
	size_t i = 0;
	if (!isalpha((unsigned char)p[0]))
		return 0;
	while (isalnum((unsigned char)p[i]) || p[i] == '+' || p[i] == '.' || p[i] == '-')
		i++;
	if (strncmp(p + i, "://", 3) != 0)
		return 0;
	u->user_at = i += 3;
	size_t colon = 0;
	for (; p[i] && p[i] != '@'; i++) {
		if (strchr(" \t\r\n/?#\"'<>()[]{}`\\", p[i]))
			return 0;
		if (p[i] == ':' && !colon)
			colon = i;
	}
	if (p[i] != '@' || !colon)
		return 0;
	u->pass_at = colon + 1;
	u->pass_len = i - colon - 1;
	u->host_at = i + 1;
	const char *pw = p + u->pass_at;
	if (u->pass_len == 0 || pw[0] == '$' || strspn(pw, "*") >= u->pass_len)
		return 0;
	size_t h = strcspn(p + u->host_at, " \t\r\n/?#\"';)");
	if (h == 0)
		return 0;
	u->len = u->host_at + h;
	return u->len;
}

static void emit_token(df_secret_cb cb, void *arg, const char *what, const char *p, size_t n,
                       int line)
{
	char tok[320];
	snprintf(tok, sizeof tok, "%.*s", (int)(n < 300 ? n : 300), p);
	char *r = redact(tok);
	cb(arg, what, r, line);
	free(r);
}

static void emit_url(df_secret_cb cb, void *arg, const char *p, const struct urlcred *u,
                     int line)
{
	char pw[256], ev[512];
	snprintf(pw, sizeof pw, "%.*s", (int)(u->pass_len < 200 ? u->pass_len : 200),
	         p + u->pass_at);
	char *r = redact(pw);
	snprintf(ev, sizeof ev, "%.*s%s@%.*s", (int)(u->pass_at < 200 ? u->pass_at : 200), p, r,
	         (int)(u->len - u->host_at < 100 ? u->len - u->host_at : 100), p + u->host_at);
	free(r);
	cb(arg, "password in a URL", ev, line);
}

/* Token shapes by the letter they start with, tried in this order; most positions start none. */
static const struct shape {
	char first;
	const char *what;
	size_t (*match)(const char *);
} shapes[] = {
	{ 'A', "AWS access key id", m_aws },    { 'g', "GitHub token", m_github },
	{ 'g', "GitLab access token", m_gitlab }, { 'x', "Slack token", m_slack },
	{ 's', "Stripe live key", m_stripe },   { 'r', "Stripe live key", m_stripe },
	{ 'A', "Google API key", m_google },
};

/* A token shape at p (a word boundary); returns its length after reporting it, or 0. */
static size_t scan_token(const char *p, int line, df_secret_cb cb, void *arg)
{
	for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
		size_t n;
		if (shapes[i].first == *p && (n = shapes[i].match(p))) {
			emit_token(cb, arg, shapes[i].what, p, n, line);
			return n;
		}
	}
	return 0;
}

void df_secret_scan(const char *text, int line, df_secret_cb cb, void *arg)
{
	if (!text)
		return;
	/* A URL with a password needs "://": most texts have none, and need no scheme reading. */
	bool urls = strstr(text, "://") != NULL;
	for (const char *p = text; *p;) {
		size_t n = 0;
		bool boundary = p == text || !isalnum((unsigned char)p[-1]);
		struct urlcred u;
		if (*p == '\n') {
			line++, p++;
			continue;
		}
		if (boundary)
			n = scan_token(p, line, cb, arg);
		if (!n && *p == '-' && (n = m_pem(p))) {
			char hdr[64];
			/* The header is not the secret; it tells the reader what kind of key it is. */
			snprintf(hdr, sizeof hdr, "%.*s", (int)(n < 60 ? n : 60), p);
			cb(arg, "private key", hdr, line);
		}
		if (!n && boundary && urls && (n = m_url(p, &u)))
			emit_url(cb, arg, p, &u, line);
		if (n) {
			p += n;
			continue;
		}
		/* Nothing starts inside a word (no boundary, no '-'): skip to its end. */
		for (p++; isalnum((unsigned char)p[-1]) && isalnum((unsigned char)*p); p++)
			;
	}
}
