/* Image references as the docker CLI reads them, and WWW-Authenticate challenges. */
#include "collect/registry.h"
#include "util/digest.h"
#include "util/util.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool name_ok(const char *s)
{
	if (!*s || *s == '/' || s[strlen(s) - 1] == '/' || strstr(s, "//"))
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || strchr("._-/", *s)))
			return false;
	return true;
}

static bool tag_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 128 || *s == '.' || *s == '-')
		return false;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || strchr("_.-", *s)))
			return false;
	return true;
}

/* The first component names a registry when it has a '.' or ':' or is localhost, as docker's. */
static bool is_host(const char *s, size_t n)
{
	return memchr(s, '.', n) || memchr(s, ':', n) || (n == 9 && !memcmp(s, "localhost", 9));
}

int reg_ref_parse(const char *s, struct reg_ref *r, char **err)
{
	memset(r, 0, sizeof *r);
	char *t = xstrdup(str_prefix(s, "docker://") ? s + 9 : s), *at = strchr(t, '@');
	char *digest = NULL, *tag = NULL, *rest = t;
	if (at) {
		*at = '\0';
		digest = at + 1;
	}
	const char *slash = strchr(t, '/');
	if (slash && is_host(t, (size_t)(slash - t))) {
		r->host = xstrndup(t, (size_t)(slash - t));
		rest = t + (slash - t) + 1;
	} else {
		r->host = xstrdup("registry-1.docker.io");
	}
	char *colon = strrchr(rest, ':');
	if (colon && !strchr(colon, '/')) {
		*colon = '\0';
		tag = colon + 1;
	}
	r->name = !strchr(rest, '/') && !strcmp(r->host, "registry-1.docker.io")
	          ? xasprintf("library/%s", rest) : xstrdup(rest);
	r->reference = xstrdup(digest ? digest : tag ? tag : "latest");
	const char *bad = !name_ok(r->name)
	                  ? "not a repository name (lower-case letters, digits, ._-/)"
	                  : digest && !sha256_digest_valid(digest) ? "not a digest (sha256: and 64 hex digits)"
	                  : tag && !tag_ok(tag) ? "not a tag (letters, digits, _.-; at most 128)"
	                  : NULL;
	free(t);
	if (!bad)
		return 0;
	*err = xasprintf("%s: %s", s, bad);
	reg_ref_free(r);
	return -1;
}

void reg_ref_free(struct reg_ref *r)
{
	free(r->host);
	free(r->name);
	free(r->reference);
	memset(r, 0, sizeof *r);
}

bool reg_host_loopback(const char *host)
{
	char h[256];
	const char *end;
	if (*host == '[') {                       /* [::1]:5000 */
		end = strchr(host, ']');
		host++;
	} else {
		end = strchr(host, ':');
		if (end && strchr(end + 1, ':'))     /* a bare IPv6 address */
			end = NULL;
	}
	size_t n = end ? (size_t)(end - host) : strlen(host);
	if (n >= sizeof h)
		return false;
	memcpy(h, host, n);
	h[n] = '\0';
	struct in_addr a4;
	struct in6_addr a6;
	if (!strcmp(h, "localhost"))
		return true;
	if (inet_pton(AF_INET, h, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	return inet_pton(AF_INET6, h, &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6);
}

/* key="value" or key=token, comma-separated; the value into *out when key matches. */
static const char *param(const char *p, char **key, char **val)
{
	while (*p == ' ' || *p == ',' || *p == '\t')
		p++;
	const char *k = p;
	while (*p && *p != '=' && *p != ',' && *p != ' ')
		p++;
	if (*p != '=')
		return NULL;
	*key = xstrndup(k, (size_t)(p - k));
	struct buf b = { 0 };
	if (*++p == '"') {
		for (p++; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			buf_addc(&b, *p);
		}
		if (*p == '"')
			p++;
	} else {
		for (; *p && *p != ',' && *p != ' '; p++)
			buf_addc(&b, *p);
	}
	*val = b.s ? buf_take(&b) : xstrdup("");
	return p;
}

bool reg_challenge_parse(const char *h, struct reg_challenge *c)
{
	memset(c, 0, sizeof *c);
	while (*h == ' ')
		h++;
	size_t n = strcspn(h, " ");
	if (!n || n >= sizeof c->scheme)
		return false;
	for (size_t i = 0; i < n; i++)
		c->scheme[i] = (char)tolower((unsigned char)h[i]);
	const char *p = h + n;
	char *k, *v;
	for (int i = 0; i < 32 && p && *p; i++) {
		if (!(p = param(p, &k, &v)))
			break;
		char **slot = !strcasecmp(k, "realm") ? &c->realm
		              : !strcasecmp(k, "service") ? &c->service : NULL;
		if (slot && !*slot)
			*slot = v;
		else
			free(v);
		free(k);
	}
	return true;
}

void reg_challenge_free(struct reg_challenge *c)
{
	free(c->realm);
	free(c->service);
	memset(c, 0, sizeof *c);
}
