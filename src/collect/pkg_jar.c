/* Java: the META-INF/maven/GROUP/ARTIFACT/pom.properties that Maven writes into every jar it
 * builds (groupId, artifactId, version → "groupId:artifactId"), several in a shaded jar, and
 * the same inside the jars a jar, war or ear carries (BOOT-INF/lib, WEB-INF/lib, lib/), read
 * from memory with libarchive to NEST_MAX levels. Bounds: a nested archive of at most
 * INNER_MAX bytes, ENTRIES_MAX entries per archive and INFLATE_MAX bytes inflated per
 * top-level file. A jar without pom.properties (not built by Maven) gives nothing. Nested
 * packages name the outer file: that is the file the image holds. */
#include "collect/archive_api.h"
#include "collect/pkg_lang_int.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEST_MAX 3                      /* the file itself, a jar in it, one in that */
#define INNER_MAX ((size_t)32 << 20)
#define PROPS_MAX ((size_t)64 << 10)
#define ENTRIES_MAX 200000
#define INFLATE_MAX ((size_t)512 << 20)
#define FIELD_MAX 256

struct jar_walk {
	const char *path;
	size_t layer, budget;          /* inflated bytes left */
	struct pkg_inv *inv;
	char *err; size_t errlen;
	bool failed;
};

/* "key=value" or "key: value" of a properties text; escapes are not needed for Maven's
 * coordinates, which are plain. */
static void prop(const char *text, const char *key, char *out)
{
	size_t k = strlen(key);
	*out = '\0';
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, key, k) != 0 || (p[k] != '=' && p[k] != ':' && p[k] != ' '))
			continue;
		p += k;
		while (*p == ' ' || *p == '=' || *p == ':')
			p++;
		size_t n = strcspn(p, "\r\n");
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		n = n < FIELD_MAX - 1 ? n : FIELD_MAX - 1;
		memcpy(out, p, n);
		out[n] = '\0';
		return;
	}
}

static void add_props(struct jar_walk *w, const char *text)
{
	char g[FIELD_MAX], a[FIELD_MAX], v[FIELD_MAX];
	prop(text, "groupId", g), prop(text, "artifactId", a), prop(text, "version", v);
	if (!*g || !*a)
		return;
	char *name = xasprintf("%s:%s", g, a);
	pkg_lang_add(w->inv, PKG_MAVEN, name, v, w->path, w->layer);
	free(name);
}

static bool is_props(const char *name)
{
	return str_prefix(name, "META-INF/maven/") && str_suffix(name, "/pom.properties");
}

static bool is_archive(const char *name)
{
	return str_isuffix(name, ".jar") || str_isuffix(name, ".war") || str_isuffix(name, ".ear");
}

/* The current entry's bytes (at most max, else NULL), NUL-terminated, charged to the budget. */
static char *entry_bytes(struct archive *a, struct jar_walk *w, size_t max, size_t *n)
{
	size_t cap = 4096, got = 0;
	char *b = xmalloc(cap + 1);
	for (;;) {
		if (got == cap) {
			if (cap >= max) {
				free(b);
				return NULL;
			}
			cap = cap * 2 < max ? cap * 2 : max;
			b = xrealloc(b, cap + 1);
		}
		la_ssize_t r = archive_read_data(a, b + got, cap - got);
		if (r < 0 || (size_t)r > w->budget) {
			free(b);
			return NULL;
		}
		if (r == 0)
			break;
		got += (size_t)r, w->budget -= (size_t)r;
	}
	b[got] = '\0';
	*n = got;
	return b;
}

static void walk(struct jar_walk *w, const char *data, size_t len, int depth)
{
	struct archive *a = archive_read_new();
	if (!a)
		return;
	archive_read_support_format_zip(a);
	struct archive_entry *ent;
	int rc = archive_read_open_memory(a, data, len);
	for (int n = 0; rc == ARCHIVE_OK && n < ENTRIES_MAX; n++) {
		rc = archive_read_next_header(a, &ent);
		if (rc == ARCHIVE_WARN)
			rc = ARCHIVE_OK;
		if (rc != ARCHIVE_OK)
			break;
		const char *name = archive_entry_pathname(ent);
		bool props = name && is_props(name);
		bool inner = name && !props && depth + 1 < NEST_MAX && is_archive(name);
		size_t blen;
		char *b = props || inner ? entry_bytes(a, w, props ? PROPS_MAX : INNER_MAX, &blen) : NULL;
		if (props && b)
			add_props(w, b);
		else if (inner && b)
			walk(w, b, blen, depth + 1);
		free(b);
	}
	if (rc != ARCHIVE_EOF && rc != ARCHIVE_OK && depth == 0 && !w->failed) {
		w->failed = true;
		snprintf(w->err, w->errlen, "not a readable zip: %s",
		         archive_error_string(a) ? archive_error_string(a) : "unknown error");
	}
	archive_read_free(a);
}

PKG_LANG_PARSE(pkg_jar_parse)
{
	const char *why;
	if (!archive_api_load(&why)) {
		snprintf(err, errlen, "cannot read java archives: %s", why);
		return false;
	}
	struct jar_walk w = { path, layer, INFLATE_MAX, inv, err, errlen, false };
	walk(&w, data, len, 0);
	return !w.failed;
}
