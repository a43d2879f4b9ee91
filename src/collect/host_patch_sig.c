/* Package sources whose signatures are not checked, from the package managers' repository
 * configuration: yum, dnf and zypper's gpgcheck off (in a repository section, or in [main]
 * for every repository that does not set its own), apt's [trusted=yes], allow-insecure and
 * allow-weak on a one-line source, and Trusted, Allow-Insecure and Allow-Weak in a deb822
 * .sources stanza. A file: source is left out: a directory the host filled itself has no
 * network path to tamper with and often no signed Release. */
#include "collect/host_patch_int.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_FILES = 256 };

static void add(struct host_patch *p, const char *file, int line, const char *repo,
                const char *setting)
{
	GROW(p->unsigned_srcs, p->cap_unsigned, p->nunsigned);
	p->unsigned_srcs[p->nunsigned++] = (struct hp_unsigned){ xstrdup(file), line,
		xstrdup(repo), xstrdup(setting) };
}

/* libdnf and zypper read 0, no, false and off as false. */
static bool off(const char *v)
{
	return str_ieq(v, "0") || str_ieq(v, "no") || str_ieq(v, "false") || str_ieq(v, "off");
}

static bool on(const char *v)
{
	return str_ieq(v, "1") || str_ieq(v, "yes") || str_ieq(v, "true") || str_ieq(v, "on");
}

/* An INI repository file: [section], then key=value lines; # and ; start comments. */
static void read_ini(struct host_patch *p, const struct hroot *r, const char *path,
                     struct findings *errs)
{
	char *text = host_read(r, path, errs), *line, section[128] = "";
	struct hlines it;
	if (!text)
		return;
	hlines_init(&it, text, path, errs);
	while ((line = hlines_next(&it))) {
		char *l = str_trim(line), *eq;
		if (*l == '[') {
			size_t n = strcspn(l + 1, "]");
			snprintf(section, sizeof section, "%.*s", (int)n, l + 1);
		} else if (*l != '#' && *l != ';' && (eq = strchr(l, '='))) {
			*eq = '\0';
			char *k = str_trim(l), *v = str_trim(eq + 1);
			if (str_ieq(k, "gpgcheck") && off(v)) {
				char *set = xasprintf("gpgcheck=%s", v);
				add(p, path, it.line, *section ? section : "main", set);
				free(set);
			}
		}
	}
	free(text);
}

/* A one-line source: deb [trusted=yes arch=amd64] http://... */
static void read_list(struct host_patch *p, const struct hroot *r, const char *path,
                      struct findings *errs)
{
	char *text = host_read(r, path, errs), *line;
	struct hlines it;
	if (!text)
		return;
	hlines_init(&it, text, path, errs);
	while ((line = hlines_next(&it))) {
		char *l = str_trim(line), *open, *close;
		if ((!str_prefix(l, "deb ") && !str_prefix(l, "deb\t") && !str_prefix(l, "deb-src")) ||
		    !(open = strchr(l, '[')) || !(close = strchr(open, ']')))
			continue;
		*close = '\0';
		const char *uri = close + 1 + strspn(close + 1, " \t");
		if (str_iprefix(uri, "file:"))
			continue;
		char *save = NULL;
		for (char *o = strtok_r(open + 1, " \t", &save); o; o = strtok_r(NULL, " \t", &save)) {
			char *eq = strchr(o, '=');
			if (!eq || !on(eq + 1))
				continue;
			*eq = '\0';
			bool bad = str_ieq(o, "trusted") || str_ieq(o, "allow-insecure") ||
			           str_ieq(o, "allow-weak");
			*eq = '=';
			if (bad) {
				char *set = xasprintf("[%s]", o), *repo = xstrndup(uri, strcspn(uri, " \t"));
				add(p, path, it.line, repo, set);
				free(set), free(repo);
			}
		}
	}
	free(text);
}

/* A deb822 .sources file: stanzas of "Field: value", separated by blank lines. */
static void read_sources(struct host_patch *p, const struct hroot *r, const char *path,
                         struct findings *errs)
{
	char *text = host_read(r, path, errs), *line, uris[256] = "";
	char set[64] = "";
	int at = 0;
	struct hlines it;
	if (!text)
		return;
	hlines_init(&it, text, path, errs);
	for (bool end = false; !end;) {
		line = hlines_next(&it);
		end = !line;
		char *l = line ? str_trim(line) : (char *)"";
		if (!*l) {   /* a stanza ends */
			if (*set && !str_iprefix(uris, "file:"))
				add(p, path, at, *uris ? uris : "(no URIs)", set);
			*set = *uris = '\0';
			continue;
		}
		char *colon = strchr(l, ':');
		if (*l == '#' || !colon || line[0] == ' ' || line[0] == '\t')
			continue;
		*colon = '\0';
		char *k = str_trim(l), *v = str_trim(colon + 1);
		if (str_ieq(k, "URIs"))
			snprintf(uris, sizeof uris, "%.*s", (int)strcspn(v, " \t"), v);
		else if ((str_ieq(k, "Trusted") || str_ieq(k, "Allow-Insecure") ||
		          str_ieq(k, "Allow-Weak")) && on(v) && !*set) {
			snprintf(set, sizeof set, "%s: %s", k, v);
			at = it.line;
		}
	}
	free(text);
}

/* Every file of dir ending in suffix, through fn. */
static void each(struct host_patch *p, const struct hroot *r, const char *dir, const char *suffix,
                 void (*fn)(struct host_patch *, const struct hroot *, const char *,
                            struct findings *), struct findings *errs)
{
	size_t n = 0;
	char **names = hfs_list(r, dir, MAX_FILES, &n);
	for (size_t i = 0; names && i < n; i++) {
		if (!str_suffix(names[i], suffix))
			continue;
		char *path = xasprintf("%s/%s", dir, names[i]);
		fn(p, r, path, errs);
		free(path);
	}
	hfs_list_free(names, n);
}

void hp_unsigned_sources(struct host_patch *p, const struct hroot *r, struct findings *errs)
{
	read_ini(p, r, "/etc/dnf/dnf.conf", errs);
	read_ini(p, r, "/etc/yum.conf", errs);
	each(p, r, "/etc/yum.repos.d", ".repo", read_ini, errs);
	each(p, r, "/etc/zypp/repos.d", ".repo", read_ini, errs);
	read_list(p, r, "/etc/apt/sources.list", errs);
	each(p, r, "/etc/apt/sources.list.d", ".list", read_list, errs);
	each(p, r, "/etc/apt/sources.list.d", ".sources", read_sources, errs);
}
