/* Pending updates on an apt host: every *_Packages list under /var/lib/apt/lists is streamed
 * (they run to tens of megabytes), and only the stanzas naming an installed package are looked
 * at. An installed package has an update when some list offers a higher version (dpkg's
 * ordering) for its architecture or "all"; the update is a security one when the highest
 * version is offered by a security pocket. */
#include "collect/host_patch_int.h"
#include "collect/archive_api.h"
#include "collect/pkg_os.h"
#include "util/util.h"
#include "util/vers.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum { CAP = HOST_MAX_LINE };

/* A file read a line at a time through a fixed buffer; over-long lines are dropped. A list
 * apt keeps compressed (Acquire::GzipIndexes: .lz4, .gz, .xz, .zst) is read through
 * libarchive's filters. */
struct stream {
	int fd;
	struct archive *ar;      /* NULL for a plain list */
	char *buf;
	size_t len, pos;
	bool eof, skipping;
	int err;                 /* errno of a failed read */
	const char *ar_err;      /* libarchive's message */
};

static ssize_t fill(struct stream *s, size_t n)
{
	if (!s->ar)
		return read(s->fd, s->buf + s->len, n);
	la_ssize_t got = archive_read_data(s->ar, s->buf + s->len, n);
	if (got < 0)
		s->ar_err = archive_error_string(s->ar), errno = EIO;
	return got < 0 ? -1 : (ssize_t)got;
}

/* The decompressing reader of a compressed list; false with s->ar_err set when it fails. */
static bool open_packed(struct stream *s)
{
	const char *why = NULL;
	struct archive_entry *e;
	if (!archive_api_load(&why)) {
		s->ar_err = why;
		return false;
	}
	s->ar = archive_read_new();
	archive_read_support_filter_all(s->ar);
	archive_read_support_format_raw(s->ar);
	if (archive_read_open_fd(s->ar, s->fd, 1 << 16) != ARCHIVE_OK ||
	    archive_read_next_header(s->ar, &e) != ARCHIVE_OK) {
		s->ar_err = archive_error_string(s->ar);
		return false;
	}
	return true;
}

/* The next line, NUL-terminated, its length in *len (a NUL inside makes strlen shorter). */
static char *next_line(struct stream *s, size_t *len)
{
	for (;;) {
		char *nl = memchr(s->buf + s->pos, '\n', s->len - s->pos);
		if (nl || (s->eof && s->pos < s->len)) {
			char *l = s->buf + s->pos;
			char *end = nl ? nl : s->buf + s->len;
			*end = '\0';
			s->pos = (size_t)(end - s->buf) + 1;
			if (s->pos > s->len)
				s->pos = s->len;
			if (end > l && end[-1] == '\r')
				*--end = '\0';
			*len = (size_t)(end - l);
			if (s->skipping) {
				s->skipping = false;
				continue;
			}
			return l;
		}
		if (s->eof)
			return NULL;
		memmove(s->buf, s->buf + s->pos, s->len - s->pos);
		s->len -= s->pos, s->pos = 0;
		if (s->len == CAP)               /* no end of line in sight: drop it */
			s->len = 0, s->skipping = true;
		ssize_t n = fill(s, CAP - s->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			s->err = errno;
		if (n <= 0)
			s->eof = true;
		else
			s->len += (size_t)n;
	}
}

/* The highest version seen for each installed package. */
struct best {
	char **ver;
	const char **suite;      /* borrowed from the lists' releases, kept in suites */
	bool *sec;
};

struct stanza {
	char pkg[PKG_FIELD_MAX + 1], ver[PKG_FIELD_MAX + 1], arch[PKG_FIELD_MAX + 1];
	bool bad;                /* a line held a NUL: the stanza is not trusted */
};

static void copy_field(char *dst, const char *line, const char *key)
{
	size_t k = strlen(key);
	if (strncasecmp(line, key, k) != 0 || line[k] != ':')
		return;
	const char *v = line + k + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n > PKG_FIELD_MAX)
		n = 0;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

/* "all" belongs to the architecture of the list (binary-amd64), as apt counts it. */
static const char *arch_in(const char *arch, const char *list_arch)
{
	return !arch || !*arch || strcmp(arch, "all") == 0 ? list_arch : arch;
}

static bool arch_ok(const char *installed, const char *offered, const char *list_arch)
{
	if (!installed || !*offered)
		return true;
	return str_eq(arch_in(installed, list_arch), arch_in(offered, list_arch)) ||
	       (!list_arch && (strcmp(installed, "all") == 0 || strcmp(offered, "all") == 0));
}

static void offer(const struct hp_db *db, struct best *b, const struct stanza *s,
                  const struct hp_release *rel, const char *list_arch)
{
	if (!s->pkg[0] || !s->ver[0] || s->bad)
		return;
	long k = hp_db_find(db, s->pkg);
	for (size_t j = k < 0 ? db->inv.npkgs : (size_t)k; j < db->inv.npkgs; j++) {
		size_t i = db->by_name[j];
		const struct pkg *p = &db->inv.pkgs[i];
		if (strcmp(p->name, s->pkg) != 0)
			break;
		if (!arch_ok(p->arch, s->arch, list_arch) ||
		    vers_cmp(VERS_DPKG, s->ver, p->version) <= 0)
			continue;
		int c = b->ver[i] ? vers_cmp(VERS_DPKG, s->ver, b->ver[i]) : 1;
		if (c > 0) {
			free(b->ver[i]);
			b->ver[i] = xstrdup(s->ver);
			b->suite[i] = rel->suite;
			b->sec[i] = rel->security;
		} else if (c == 0 && rel->security) {
			b->suite[i] = rel->suite;
			b->sec[i] = true;
		}
	}
}

static void scan(const struct hp_db *db, struct best *b, const struct hroot *r,
                 const char *path, const struct hp_release *rel, struct findings *errs)
{
	/* ..._main_binary-amd64_Packages: the list's architecture; NULL for a flat repository */
	const char *ba = strstr(path, "_binary-");
	char *list_arch = ba ? xstrndup(ba + 8, strcspn(ba + 8, "_")) : NULL;
	struct stream s = { .fd = hfs_open(r, path, O_RDONLY | O_CLOEXEC) };
	if (s.fd < 0) {
		int e = errno;
		char *real = hroot_real(r, path);
		findings_error(errs, real, 0, "cannot read the package list: %s", strerror(e));
		free(real);
		return;
	}
	s.buf = xmalloc(CAP + 1);
	if (!str_suffix(path, "_Packages") && !open_packed(&s)) {
		char *real = hroot_real(r, path);
		findings_error(errs, real, 0, "cannot decompress the package list: %s",
		               s.ar_err ? s.ar_err : "unknown error");
		free(real);
		s.eof = true;
	}
	struct stanza st = { 0 };
	char *line;
	size_t n;
	while ((line = next_line(&s, &n))) {
		if (strlen(line) != n) {
			st.bad = true;
		} else if (!*line) {
			offer(db, b, &st, rel, list_arch);
			memset(&st, 0, sizeof st);
		} else if (*line != ' ' && *line != '\t') {
			copy_field(st.pkg, line, "Package");
			copy_field(st.ver, line, "Version");
			copy_field(st.arch, line, "Architecture");
		}
	}
	offer(db, b, &st, rel, list_arch);
	if (s.err) {
		char *real = hroot_real(r, path);
		findings_error(errs, real, 0, "cannot read the package list: %s",
		               s.ar_err ? s.ar_err : strerror(s.err));
		free(real);
	}
	if (s.ar)
		archive_read_free(s.ar);
	free(s.buf);
	free(list_arch);
	close(s.fd);
}

static void record(struct host_patch *p, const struct hp_db *db, const struct best *b)
{
	for (size_t j = 0; j < db->inv.npkgs; j++) {
		size_t i = db->by_name[j];
		if (!b->ver[i])
			continue;
		const struct pkg *ip = &db->inv.pkgs[i];
		grow((void **)&p->ups, &p->cap_ups, p->nups + 1, sizeof *p->ups);
		p->ups[p->nups++] = (struct hp_update){
			xstrdup(ip->name), xstrdup(ip->arch), xstrdup(ip->version), b->ver[i],
			xstrdup(b->suite[i]), b->sec[i] };
		b->ver[i] = NULL;
		p->nsecurity += b->sec[i];
	}
}

static bool packages_list(const char *name)
{
	static const char *const ends[] = { "_Packages", "_Packages.lz4", "_Packages.gz",
	                                    "_Packages.xz", "_Packages.zst", "_Packages.bz2" };
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
		if (str_suffix(name, ends[i]))
			return true;
	return false;
}

void hp_apt_updates(struct host_patch *p, const struct hp_db *db, const struct hroot *r,
                    struct findings *errs)
{
	size_t n = 0;
	char **names = hfs_list(r, HP_LISTS, HOST_MAX_ENTRIES, &n);
	if (!names)
		return;
	struct best b = { xcalloc(db->inv.npkgs + 1, sizeof *b.ver),
	                  xcalloc(db->inv.npkgs + 1, sizeof *b.suite),
	                  xcalloc(db->inv.npkgs + 1, sizeof *b.sec) };
	struct hp_release *rels = xcalloc(n + 1, sizeof *rels);
	for (size_t i = 0; i < n; i++) {
		if (!packages_list(names[i]) ||
		    (hp_release_for(r, names[i], &rels[i], errs) && rels[i].not_automatic))
			continue;
		char *path = xasprintf("%s/%s", HP_LISTS, names[i]);
		scan(db, &b, r, path, &rels[i], errs);
		free(path);
		p->nindexes++;
		p->nsecurity_indexes += rels[i].security;
	}
	p->updates_known = p->nindexes > 0;
	p->index_dir = HP_LISTS;
	record(p, db, &b);
	for (size_t i = 0; i < n; i++)
		hp_release_free(&rels[i]);
	free(rels);
	for (size_t i = 0; i < db->inv.npkgs; i++)
		free(b.ver[i]);
	free(b.ver), free(b.suite), free(b.sec);
	hfs_list_free(names, n);
}
