#include "core/input.h"
#include "util/util.h"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Length of the UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t want;
	unsigned cp;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		want = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		want = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		want = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < want)
		return 0;
	for (size_t i = 1; i < want; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((want == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (want == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return want;
}

/* The 8 bytes at s are all printable ASCII (0x20..0x7f): a word at a time instead of a byte. */
static bool plain8(const unsigned char *s)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t x;
	memcpy(&x, s, sizeof x);
	return !(((x - 0x20 * ones) | x) & highs);
}

bool input_is_text(const char *path, const char *text, size_t len, struct findings *out)
{
	const unsigned char *s = (const unsigned char *)text;
	int line = 1;
	for (size_t i = 0; i < len;) {
		if (i + 8 <= len && plain8(s + i)) {
			i += 8;
			continue;
		}
		if (s[i] >= 0x20 && s[i] < 0x80) {     /* most bytes: skip the checks below */
			i++;
			continue;
		}
		if (s[i] == '\0') {
			findings_error(out, path, line, "binary data (NUL byte), not a text file");
			return false;
		}
		if (s[i] == '\n')
			line++;
		size_t k = utf8_len(s + i, len - i);
		if (!k) {
			findings_error(out, path, line, "invalid UTF-8");
			return false;
		}
		i += k;
	}
	return true;
}

/* input_is_text, freeing *text when it is not. */
static bool text_ok(const char *path, char **text, size_t len, struct findings *out)
{
	if (input_is_text(path, *text, len, out))
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

bool input_read_open(int fd, const struct stat *st, const char *path, char **text, size_t *len,
                     struct findings *out)
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
	return ok && text_ok(path, text, *len, out);
}

bool input_read(const char *path, char **text, size_t *len, struct findings *out)
{
	struct stat st;
	if (strcmp(path, "-") == 0)
		return read_fd(0, path, 0, text, len, out) && text_ok(path, text, *len, out);
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
	return input_read_open(fd, &st, path, text, len, out);
}
