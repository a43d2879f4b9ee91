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



bool input_is_text(const char *path, const char *text, size_t len, struct findings *out)
{
	int line;
	switch (text_check(text, len, &line)) {
	case TEXT_NUL:
		findings_error(out, path, line, "binary data (NUL byte), not a text file");
		return false;
	case TEXT_BAD_UTF8:
		findings_error(out, path, line, "invalid UTF-8");
		return false;
	default:
		return true;
	}
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
