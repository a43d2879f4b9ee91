/* The purl spec's parsing steps, right to left: subpath after '#', qualifiers after '?',
 * version after the last '@', then type, namespace and name split on '/'. */
#include "util/purl.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int hexval(int c)
{
	return isdigit(c) ? c - '0' : isxdigit(c) ? (tolower(c) - 'a' + 10) : -1;
}

/* In place; a '%' not followed by two hex digits stays as it is. */
static char *decode(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++) {
		int hi, lo;
		if (*r == '%' && (hi = hexval((unsigned char)r[1])) >= 0 &&
		    (lo = hexval((unsigned char)r[2])) >= 0) {
			*w++ = (char)(hi << 4 | lo);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = 0;
	return s;
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static char *strip_slashes(char *s)
{
	while (*s == '/')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == '/')
		s[--n] = 0;
	return s;
}

/* "a=1&b=2": empty values are dropped, as the spec says; too many is an error. */
static int quals(char *q, struct purl *p)
{
	for (char *save = NULL, *kv = strtok_r(q, "&", &save); kv; kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		if (!eq || eq == kv)
			return -1;
		*eq = 0;
		if (!eq[1])
			continue;
		if (p->nquals == PURL_MAX_QUALS)
			return -1;
		lower(kv);
		p->quals[p->nquals].key = kv;
		p->quals[p->nquals++].value = decode(eq + 1);
	}
	return 0;
}

/* Namespace segments and the name, from what is left after "type/". */
static int path(char *s, struct purl *p)
{
	s = strip_slashes(s);
	char *slash = strrchr(s, '/');
	p->name = decode(slash ? slash + 1 : s);
	if (!*p->name)
		return -1;
	if (!slash)
		return 0;
	*slash = 0;
	/* Decode each segment, dropping empty ones: "a//b" is "a/b". */
	char *w = s;
	for (char *save = NULL, *seg = strtok_r(s, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		decode(seg);
		if (w != s)
			*w++ = '/';
		size_t n = strlen(seg);
		memmove(w, seg, n);
		w += n;
	}
	*w = 0;
	p->namespace = *s ? s : NULL;
	return 0;
}

static int parse(char *s, struct purl *p)
{
	char *c = strchr(s, ':');
	if (!c || (size_t)(c - s) != 3 || strncasecmp(s, "pkg", 3))
		return -1;
	s = c + 1;
	if ((c = strchr(s, '#'))) {
		*c = 0;
		char *sub = strip_slashes(c + 1);
		p->subpath = *sub ? decode(sub) : NULL;
	}
	if ((c = strchr(s, '?'))) {
		*c = 0;
		if (quals(c + 1, p))
			return -1;
	}
	s = strip_slashes(s);
	/* After the last '/': an unencoded '@' of an npm scope is not a version. */
	if ((c = strrchr(s, '@')) && strrchr(s, '/') && c > strrchr(s, '/')) {
		*c = 0;
		p->version = *decode(c + 1) ? c + 1 : NULL;
	}
	char *slash = strchr(s, '/');
	if (!slash || slash == s)
		return -1;
	*slash = 0;
	for (const char *t = s; *t; t++)
		if (!isalnum((unsigned char)*t) && !strchr(".+-", *t))
			return -1;
	lower(s);
	p->type = s;
	return path(slash + 1, p);
}

int purl_parse(const char *s, struct purl *p)
{
	memset(p, 0, sizeof *p);
	if (!s || strlen(s) > PURL_MAX)
		return -1;
	p->mem = xstrdup(s);
	if (parse(p->mem, p)) {
		purl_free(p);
		return -1;
	}
	return 0;
}

const char *purl_qualifier(const struct purl *p, const char *key)
{
	for (size_t i = 0; i < p->nquals; i++)
		if (!strcmp(p->quals[i].key, key))
			return p->quals[i].value;
	return NULL;
}

void purl_free(struct purl *p)
{
	free(p->mem);
	memset(p, 0, sizeof *p);
}
