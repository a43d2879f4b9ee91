/* Pending updates on an apk host: /lib/apk/db/installed against the APKINDEX files in apk's
 * cache (/etc/apk/cache when it leads to a directory, else /var/cache/apk). apk-tools 2.x names
 * a repository's cached index APKINDEX.<first 4 bytes of a SHA-1, in hex>.tar.gz: of
 * "URL[/]ARCH/APKINDEX.tar.gz" since 2.12, of the URL alone before; that ties an index to its
 * line in /etc/apk/repositories, for the suite and the @tag. */
#include "collect/host_patch_int.h"
#include "collect/pkg_os.h"
#include "util/crypto_api.h"
#include "util/util.h"
#include "util/vers.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const apk_dbs[] = { "/lib/apk/db/installed", "/usr/lib/apk/db/installed" };
enum { MAX_REPOS = 64, MAX_ARCHES = 8, MAX_WORLD = 100000 };

static bool load(struct host_patch *p, struct hp_db *db, const struct hroot *r,
                 struct findings *errs)
{
	for (size_t i = 0; i < sizeof apk_dbs / sizeof *apk_dbs; i++) {
		char *text = host_read(r, apk_dbs[i], errs);
		if (!text)
			continue;
		char err[256] = "";
		if (!pkg_apk_parse(apk_dbs[i], text, strlen(text), 0, &db->inv, err, sizeof err))
			findings_error(errs, apk_dbs[i], 0, "%s", err);
		free(text);
		p->db = apk_dbs[i];
		return true;
	}
	return false;
}

/* A repository line: "[@tag ]URL". */
struct repo { char *tag, *url, *suite; };

struct ctx {
	const struct hp_db *db;
	struct repo repos[MAX_REPOS]; size_t nrepos;
	const char *arches[MAX_ARCHES]; size_t narches;
	char *arch_file;         /* /etc/apk/arch's line */
	const char **pin;        /* per installed package: the @tag /etc/apk/world gives it */
	char **world; size_t nworld, cap_world;   /* the tags pin points into */
	/* the index being read: its tag, and its offers (highest per installed package) */
	const char *tag;
	char **offer;
	/* over all indexes */
	char **best;
	const char **suite;
};

static size_t last_slash(const char *s, size_t n)   /* n when none */
{
	for (size_t i = n; i; i--)
		if (s[i - 1] == '/')
			return i - 1;
	return n;
}

/* "https://dl-cdn.alpinelinux.org/alpine/v3.19/main" -> "v3.19/main": the last two parts of
 * the path (one when the path has one). */
static char *suite_of(const char *url)
{
	size_t n = strlen(url);
	while (n && url[n - 1] == '/')
		n--;
	size_t s1 = last_slash(url, n);
	if (s1 == n || s1 + 1 == n || (s1 && url[s1 - 1] == '/'))
		return NULL;
	size_t s2 = last_slash(url, s1);
	size_t from = s2 == s1 || (s2 && url[s2 - 1] == '/') ? s1 : s2;
	return xstrndup(url + from + 1, n - from - 1);
}

static void add_repo(struct ctx *c, char *line)
{
	char *tag = NULL;
	size_t n = strlen(line);
	while (n && isspace((unsigned char)line[n - 1]))
		line[--n] = '\0';
	if (*line == '#' || !*line || c->nrepos == MAX_REPOS)
		return;
	if (*line == '@') {
		size_t t = strcspn(line, " \t:");
		tag = xstrndup(line + 1, t - 1);
		line += t + strspn(line + t, " \t:");
	}
	if (!*line || *line == '/' || str_prefix(line, "file:")) {   /* local: not cached */
		free(tag);
		return;
	}
	c->repos[c->nrepos++] = (struct repo){ tag, xstrdup(line), suite_of(line) };
}

static void read_repos(struct ctx *c, const struct hroot *r, const char *path,
                       struct findings *errs)
{
	char *text = host_read(r, path, errs);
	if (!text)
		return;
	for (char *l = text, *nl; l && *l; l = nl) {
		nl = strchr(l, '\n');
		if (nl)
			*nl++ = '\0';
		add_repo(c, l);
	}
	free(text);
}

static void add_arch(struct ctx *c, const char *a)
{
	if (!a || !*a || strcmp(a, "noarch") == 0 || c->narches == MAX_ARCHES)
		return;
	for (size_t i = 0; i < c->narches; i++)
		if (strcmp(c->arches[i], a) == 0)
			return;
	c->arches[c->narches++] = a;
}

/* /etc/apk/world: "name[@tag][op version]" words; the tagged ones pin name to tag. */
static void read_world(struct ctx *c, const struct hroot *r, struct findings *errs)
{
	char *text = host_read(r, "/etc/apk/world", errs);
	if (!text)
		return;
	for (char *w = strtok(text, " \t\r\n"); w && c->nworld < MAX_WORLD;
	     w = strtok(NULL, " \t\r\n")) {
		w[strcspn(w, "<>=~")] = '\0';
		char *at = strchr(w, '@');
		if (!at || !at[1] || *w == '!')   /* "!name": a conflict, not a pin */
			continue;
		*at = '\0';
		long k = hp_db_find(c->db, w);
		if (k < 0)
			continue;
		char *tag = xstrdup(at + 1);
		GROW(c->world, c->cap_world, c->nworld + 1);
		c->world[c->nworld++] = tag;
		for (size_t j = (size_t)k; j < c->db->inv.npkgs; j++) {
			size_t i = c->db->by_name[j];
			if (strcmp(c->db->inv.pkgs[i].name, c->db->inv.pkgs[c->db->by_name[k]].name))
				break;
			c->pin[i] = tag;
		}
	}
	free(text);
}

static bool hash_is(const char *text, const char *hex)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	char h[9];
	if (!EVP_Digest(text, strlen(text), md, &n, EVP_sha1(), NULL) || n < 4)
		return false;
	snprintf(h, sizeof h, "%02x%02x%02x%02x", md[0], md[1], md[2], md[3]);
	return strcmp(h, hex) == 0;
}

/* The repository line whose cached index is APKINDEX.<hex>.tar.gz; NULL when none. */
static const struct repo *repo_of(const struct ctx *c, const char *hex)
{
	for (size_t i = 0; i < c->nrepos; i++) {
		const struct repo *rp = &c->repos[i];
		if (hash_is(rp->url, hex))
			return rp;
		for (size_t a = 0; a < c->narches; a++) {
			char *u = xasprintf("%s%s%s/APKINDEX.tar.gz", rp->url,
			                    str_suffix(rp->url, "/") ? "" : "/", c->arches[a]);
			bool hit = hash_is(u, hex);
			free(u);
			if (hit)
				return rp;
		}
	}
	return NULL;
}

static bool arch_ok(const struct ctx *c, const char *installed, const char *offered)
{
	if (!installed || !offered || strcmp(installed, offered) == 0 ||
	    strcmp(offered, "noarch") == 0)
		return true;
	return strcmp(installed, "noarch") == 0 && c->arch_file &&
	       strcmp(offered, c->arch_file) == 0;
}

static void offer(void *vc, const struct hp_apk_rec *rec)
{
	struct ctx *c = vc;
	const struct hp_db *db = c->db;
	long k = hp_db_find(db, rec->name);
	for (size_t j = k < 0 ? db->inv.npkgs : (size_t)k; j < db->inv.npkgs; j++) {
		size_t i = db->by_name[j];
		const struct pkg *p = &db->inv.pkgs[i];
		if (strcmp(p->name, rec->name) != 0)
			break;
		if ((c->tag && !str_eq(c->tag, c->pin[i])) || !arch_ok(c, p->arch, rec->arch) ||
		    vers_cmp(VERS_APK, rec->version, p->version) <= 0 ||
		    (c->offer[i] && vers_cmp(VERS_APK, rec->version, c->offer[i]) <= 0))
			continue;
		free(c->offer[i]);
		c->offer[i] = xstrdup(rec->version);
	}
}

/* An index read whole (keep): its offers join the others'; a damaged one's are dropped. */
static void merge(struct ctx *c, bool keep, const char *suite)
{
	for (size_t i = 0; i < c->db->inv.npkgs; i++) {
		if (keep && c->offer[i] &&
		    (!c->best[i] || vers_cmp(VERS_APK, c->offer[i], c->best[i]) > 0)) {
			free(c->best[i]);
			c->best[i] = c->offer[i], c->suite[i] = suite;
			c->offer[i] = NULL;
		}
		free(c->offer[i]);
		c->offer[i] = NULL;
	}
}

static bool cached_index(const char *name, char hex[9])
{
	if (strlen(name) != 24 || !str_prefix(name, "APKINDEX.") || !str_suffix(name, ".tar.gz"))
		return false;
	for (int i = 0; i < 8; i++) {
		char ch = name[9 + i];
		if (!isdigit((unsigned char)ch) && (ch < 'a' || ch > 'f'))
			return false;
		hex[i] = ch;
	}
	hex[8] = '\0';
	return true;
}

static void read_indexes(struct host_patch *p, struct ctx *c, const struct hroot *r,
                         const char *dir, struct findings *errs)
{
	size_t n = 0;
	char **names = hfs_list(r, dir, HOST_MAX_ENTRIES, &n);
	char hex[9];
	for (size_t i = 0; names && i < n; i++) {
		if (!cached_index(names[i], hex))
			continue;
		const struct repo *rp = repo_of(c, hex);
		char *path = xasprintf("%s/%s", dir, names[i]);
		c->tag = rp ? rp->tag : NULL;
		bool ok = hp_apk_index_read(r, path, offer, c, errs);
		merge(c, ok, rp ? rp->suite : NULL);
		p->nindexes += ok;
		free(path);
	}
	hfs_list_free(names, n);
}

static void record(struct host_patch *p, struct ctx *c)
{
	const struct hp_db *db = c->db;
	for (size_t j = 0; j < db->inv.npkgs; j++) {
		size_t i = db->by_name[j];
		if (!c->best[i])
			continue;
		const struct pkg *ip = &db->inv.pkgs[i];
		GROW(p->ups, p->cap_ups, p->nups + 1);
		p->ups[p->nups++] = (struct hp_update){
			xstrdup(ip->name), ip->arch ? xstrdup(ip->arch) : NULL, xstrdup(ip->version),
			c->best[i], c->suite[i] ? xstrdup(c->suite[i]) : NULL, false };
		c->best[i] = NULL;
	}
}

static void ctx_free(struct ctx *c)
{
	for (size_t i = 0; i < c->nrepos; i++)
		free(c->repos[i].tag), free(c->repos[i].url), free(c->repos[i].suite);
	for (size_t i = 0; i < c->nworld; i++)
		free(c->world[i]);
	for (size_t i = 0; i < c->db->inv.npkgs; i++)
		free(c->best[i]), free(c->offer[i]);
	free(c->world), free(c->pin), free(c->offer), free(c->best), free(c->suite);
	free(c->arch_file);
}

static void updates(struct host_patch *p, const struct hp_db *db, const struct hroot *r,
                    struct findings *errs)
{
	size_t np = db->inv.npkgs + 1;
	struct ctx *c = xcalloc(1, sizeof *c);
	*c = (struct ctx){ .db = db, .pin = xcalloc(np, sizeof *c->pin),
	                   .offer = xcalloc(np, sizeof *c->offer),
	                   .best = xcalloc(np, sizeof *c->best),
	                   .suite = xcalloc(np, sizeof *c->suite) };
	read_repos(c, r, "/etc/apk/repositories", errs);
	size_t n = 0;
	char **lists = hfs_list(r, "/etc/apk/repositories.d", HOST_MAX_ENTRIES, &n);
	for (size_t i = 0; lists && i < n; i++) {
		if (!str_suffix(lists[i], ".list"))
			continue;
		char *path = xasprintf("/etc/apk/repositories.d/%s", lists[i]);
		read_repos(c, r, path, errs);
		free(path);
	}
	hfs_list_free(lists, n);
	c->arch_file = host_read_line(r, "/etc/apk/arch", errs);
	add_arch(c, c->arch_file);
	for (size_t i = 0; i < db->inv.npkgs; i++)   /* when /etc/apk/arch is missing */
		add_arch(c, db->inv.pkgs[i].arch);
	read_world(c, r, errs);
	/* apk-tools 2.x keeps its indexes in /etc/apk/cache when that leads to a directory */
	p->index_dir = hfs_is_dir(r, "/etc/apk/cache") ? "/etc/apk/cache" : "/var/cache/apk";
	read_indexes(p, c, r, p->index_dir, errs);
	p->updates_known = p->nindexes > 0;
	p->security_unknown = true;
	record(p, c);
	ctx_free(c);
	free(c);
}

const struct hp_manager hp_apk = { .name = "apk", .load = load, .updates = updates };
