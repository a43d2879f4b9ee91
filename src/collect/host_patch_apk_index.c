/* apk's APKINDEX.tar.gz, streamed: a gzip member holding the signature's tar (without its end
 * blocks) followed by a gzip member holding DESCRIPTION and APKINDEX, which read as one tar.
 * APKINDEX holds one record per package, "X:value" lines (P: name, V: version, A: architecture),
 * records separated by a blank line. The records go to the caller a line at a time through a
 * fixed buffer, but for those with a line holding a NUL or a field over PKG_FIELD_MAX. */
#include "collect/host_patch_int.h"
#include "collect/archive_api.h"
#include "collect/pkg_os.h"
#include "util/util.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { CAP = HOST_MAX_LINE };

struct reader {
	struct archive *ar;
	char *buf;
	size_t len;
	struct hp_apk_rec rec;
	char p[PKG_FIELD_MAX + 1], v[PKG_FIELD_MAX + 1], a[PKG_FIELD_MAX + 1];
	bool bad;                /* a field too long or a line holding a NUL: skip the record */
	int line;
	hp_apk_offer_fn *fn;
	void *ctx;
};

static void field(struct reader *rd, char *dst, const char *v, size_t n)
{
	if (n > PKG_FIELD_MAX) {
		rd->bad = true;
		return;
	}
	memcpy(dst, v, n);
	dst[n] = '\0';
}

static void end_record(struct reader *rd)
{
	if (rd->p[0] && rd->v[0] && !rd->bad) {
		rd->rec = (struct hp_apk_rec){ rd->p, rd->v, rd->a[0] ? rd->a : NULL };
		rd->fn(rd->ctx, &rd->rec);
	}
	rd->p[0] = rd->v[0] = rd->a[0] = '\0';
	rd->bad = false;
}

static void one_line(struct reader *rd, const char *l, size_t n)
{
	rd->line++;
	if (n && l[n - 1] == '\r')
		n--;
	if (memchr(l, '\0', n))
		rd->bad = true;
	else if (n == 0)
		end_record(rd);
	else if (n >= 2 && l[1] == ':' && (l[0] == 'P' || l[0] == 'V' || l[0] == 'A'))
		field(rd, l[0] == 'P' ? rd->p : l[0] == 'V' ? rd->v : rd->a, l + 2, n - 2);
}

/* The APKINDEX member's lines; false with *why set when a line is over-long or the data ends
 * early. */
static bool read_lines(struct reader *rd, const char **why)
{
	for (;;) {
		la_ssize_t got = archive_read_data(rd->ar, rd->buf + rd->len, CAP - rd->len);
		if (got < 0) {
			*why = archive_error_string(rd->ar);
			return false;
		}
		size_t have = rd->len + (size_t)got, pos = 0;
		char *nl;
		while ((nl = memchr(rd->buf + pos, '\n', have - pos))) {
			one_line(rd, rd->buf + pos, (size_t)(nl - rd->buf) - pos);
			pos = (size_t)(nl - rd->buf) + 1;
		}
		memmove(rd->buf, rd->buf + pos, have - pos);
		rd->len = have - pos;
		if (got == 0)
			break;
		if (rd->len == CAP) {
			*why = "a line longer than 64 KiB";
			return false;
		}
	}
	if (rd->len)
		one_line(rd, rd->buf, rd->len);
	end_record(rd);
	return true;
}

static bool read_archive(struct reader *rd, int fd, const char **why, int *line)
{
	struct archive_entry *e;
	bool found = false;
	if (!archive_api_load(why))
		return false;
	rd->ar = archive_read_new();
	archive_read_support_filter_all(rd->ar);
	archive_read_support_format_tar(rd->ar);
	if (archive_read_open_fd(rd->ar, fd, 1 << 16) != ARCHIVE_OK) {
		*why = archive_error_string(rd->ar);
		return false;
	}
	int rc;
	while ((rc = archive_read_next_header(rd->ar, &e)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		if (found || !name || (strcmp(name, "APKINDEX") != 0 && strcmp(name, "./APKINDEX") != 0))
			continue;
		found = true;
		if (!read_lines(rd, why)) {
			*line = rd->line + 1;
			return false;
		}
	}
	if (rc != ARCHIVE_EOF) {
		*why = archive_error_string(rd->ar);
		return false;
	}
	if (!found)
		*why = "no APKINDEX inside";
	return found;
}

bool hp_apk_index_read(const struct hroot *r, const char *path, hp_apk_offer_fn *fn, void *ctx,
                       struct findings *errs)
{
	int fd = hfs_open(r, path, O_RDONLY | O_CLOEXEC);
	const char *why = "unknown error";
	int line = 0;
	bool ok = false;
	if (fd < 0) {
		why = strerror(errno);
	} else {
		struct reader *rd = xcalloc(1, sizeof *rd);
		rd->buf = xmalloc(CAP + 1);
		rd->fn = fn, rd->ctx = ctx;
		ok = read_archive(rd, fd, &why, &line);
		char *msg = ok ? NULL : line ? xasprintf("APKINDEX line %d: %s", line, why)
		                             : xstrdup(why ? why : "unknown error");
		if (rd->ar)
			archive_read_free(rd->ar);
		free(rd->buf);
		free(rd);
		close(fd);
		if (!ok) {
			char *real = hroot_real(r, path);
			findings_error(errs, real, 0, "cannot read the package index: %s", msg);
			free(real);
		}
		free(msg);
		return ok;
	}
	char *real = hroot_real(r, path);
	findings_error(errs, real, 0, "cannot read the package index: %s", why);
	free(real);
	return false;
}
