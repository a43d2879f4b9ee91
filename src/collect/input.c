#include "collect/input.h"
#include "util/yaml.h"
#include "util/util.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* true for TEXT_OK; otherwise records the fault as an error on path. */
static bool no_fault(const char *path, enum text_fault f, int line, struct findings *out)
{
	if (f == TEXT_OK)
		return true;
	findings_error(out, path, line, "%s", f == TEXT_NUL ? "binary data (NUL byte), not a text file"
	                                                    : "invalid UTF-8");
	return false;
}

bool input_is_text(const char *path, const char *text, size_t len, struct findings *out)
{
	int line;
	enum text_fault f = text_check(text, len, &line);
	return no_fault(path, f, line, out);
}

/* text_check found invalid UTF-8 at *line: replace it, and warn unless the result holds a NUL
 * byte, which is then the fault returned (with its line). */
static enum text_fault mend(const char *path, char **text, size_t *len, int *line,
                            struct findings *out)
{
	int nul_line;
	char *m = utf8_mend(*text, *len, len);
	free(*text);
	*text = m;
	if (text_check(m, *len, &nul_line) == TEXT_NUL) {
		*line = nul_line;
		return TEXT_NUL;
	}
	findings_warn(out, path, *line, "invalid UTF-8 replaced with U+FFFD");
	return TEXT_OK;
}

void input_mend(const char *path, char **text, size_t *len, struct findings *out)
{
	int line;
	if (text_check(*text, *len, &line) == TEXT_BAD_UTF8)
		mend(path, text, len, &line, out);
}

/* input_is_text, freeing *text when it is not; with fix, invalid UTF-8 is mended instead. One
 * pass over valid text: the second, for a NUL byte after a bad one, only follows a mend. */
static bool text_ok(const char *path, char **text, size_t *len, bool fix, struct findings *out)
{
	int line;
	enum text_fault f = text_check(*text, *len, &line);
	if (f == TEXT_BAD_UTF8 && fix)
		f = mend(path, text, len, &line, out);
	if (no_fault(path, f, line, out))
		return true;
	free(*text);
	*text = NULL;
	return false;
}

/* Reads fd to its end. size is what fstat said for a regular file (0 otherwise): a read that
 * fills less than asked then means end of file, which saves the final read of every input. */
static bool read_fd(int fd, const char *path, size_t size, char **text, size_t *len,
                    struct findings *out)
{
	struct buf b = { 0 };
	size_t want = size ? size + 1 : 65536;
	for (;;) {
		buf_reserve(&b, want);
		ssize_t n = read(fd, b.s + b.len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			findings_error(out, path, 0, "cannot read: %s", strerror(errno));
			free(b.s);
			return false;
		}
		if (b.len + (size_t)n > INPUT_MAX_BYTES) {
			findings_error(out, path, 0, "larger than the %u MiB input limit",
			               INPUT_MAX_BYTES >> 20);
			free(b.s);
			return false;
		}
		b.len += (size_t)n;
		b.s[b.len] = '\0';
		if (n == 0 || (size && (size_t)n < want))
			break;
		want = 65536;
	}
	*len = b.len;
	*text = buf_take(&b);
	return true;
}

static bool read_open(int fd, const struct stat *st, const char *path, char **text, size_t *len,
                      bool fix, struct findings *out)
{
	bool ok;
	if (!S_ISREG(st->st_mode)) {
		findings_error(out, path, 0, "%s", S_ISDIR(st->st_mode) ? "is a directory"
		                                                         : "not a regular file");
		close(fd);
		return false;
	}
	if ((unsigned long long)st->st_size > INPUT_MAX_BYTES) {
		findings_error(out, path, 0, "%lld bytes, larger than the %u MiB input limit",
		               (long long)st->st_size, INPUT_MAX_BYTES >> 20);
		close(fd);
		return false;
	}
	ok = read_fd(fd, path, (size_t)st->st_size, text, len, out);
	close(fd);
	return ok && text_ok(path, text, len, fix, out);
}

static bool read_path(const char *path, char **text, size_t *len, bool fix,
                      struct findings *out)
{
	struct stat st;
	if (strcmp(path, "-") == 0)
		return read_fd(0, path, 0, text, len, out) && text_ok(path, text, len, fix, out);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		findings_error(out, path, 0, "%s", errno == ENOENT ? "no such file" : strerror(errno));
		return false;
	}
	if (fstat(fd, &st) != 0) {
		findings_error(out, path, 0, "not a regular file");
		close(fd);
		return false;
	}
	return read_open(fd, &st, path, text, len, fix, out);
}

bool input_read(const char *path, char **text, size_t *len, struct findings *out)
{
	return read_path(path, text, len, false, out);
}

bool input_read_lint(const char *path, char **text, size_t *len, struct findings *out)
{
	return read_path(path, text, len, true, out);
}

bool input_read_lint_open(int fd, const struct stat *st, const char *path, char **text,
                          size_t *len, struct findings *out)
{
	return read_open(fd, st, path, text, len, true, out);
}

struct ynode *input_yaml_doc(const char *path, const char *text, size_t len,
                             struct findings *out)
{
	int line;
	char *msg;
	struct ynode *doc = yaml_load_doc(text, len, &line, &msg);
	if (msg)
		findings_error(out, path, line, "invalid YAML: %s", msg);
	else if (!doc)   /* no document at all, as libfyaml's document API had it */
		findings_error(out, path, 0, "invalid YAML");
	free(msg);
	return doc;
}

char *input_read_small(const char *path, size_t max)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *buf = xmalloc(max + 1);
	size_t n = fread(buf, 1, max, fp);
	fclose(fp);
	buf[n] = '\0';
	return buf;
}
