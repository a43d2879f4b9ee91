/* Root-confined file access for the host collector. */
#include "collect/host_int.h"
#include "util/util.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static bool live(const struct hroot *r)
{
	return !r->root[0];
}

/* What an open descriptor refers to, from /proc; NULL when that cannot be told. */
static char *fd_path(int fd)
{
	char proc[64], buf[PATH_MAX];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(proc, buf, sizeof buf - 1);
	if (n <= 0 || buf[0] != '/')
		return NULL;
	return xstrndup(buf, (size_t)n);
}

void hroot_open(struct hroot *r, const char *root, struct findings *errs)
{
	static char none[] = "";
	r->root = root && *root && strcmp(root, "/") ? root : none;
	r->fd = -1;
	r->real = NULL;
	if (live(r))
		return;
	int fd = open(r->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		findings_error(errs, r->root, 0, "cannot open the host root directory: %s",
		               strerror(errno));
		return;
	}
	r->real = fd_path(fd);
	/* Probe: without openat2 (old kernel, seccomp) fall back to plain prefixed paths. */
	struct open_how how = { .flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT };
	int t = (int)syscall(SYS_openat2, fd, "/", &how, sizeof how);
	if (t < 0) {
		close(fd);
		return;
	}
	close(t);
	r->fd = fd;
}

void hroot_close(struct hroot *r)
{
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	free(r->real);
	r->real = NULL;
}

char *hroot_real(const struct hroot *r, const char *path)
{
	size_t n = strlen(r->root);
	while (n > 0 && r->root[n - 1] == '/')
		n--;
	return xasprintf("%.*s%s", (int)n, r->root, path);
}

int hfs_open(const struct hroot *r, const char *path, int flags)
{
	if (r->fd >= 0) {
		struct open_how how = { .flags = (unsigned)(flags | O_CLOEXEC),
		                        .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS };
		return (int)syscall(SYS_openat2, r->fd, path, &how, sizeof how);
	}
	char *real = hroot_real(r, path);
	int fd = open(real, flags | O_CLOEXEC);
	int e = errno;
	free(real);
	errno = e;
	return fd;
}

int hfs_lstat(const struct hroot *r, const char *path, struct stat *st)
{
	if (r->fd >= 0) {
		int fd = hfs_open(r, path, O_PATH | O_NOFOLLOW);
		if (fd < 0)
			return -1;
		int rc = fstatat(fd, "", st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW);
		close(fd);
		return rc;
	}
	char *real = hroot_real(r, path);
	int rc = lstat(real, st), e = errno;
	free(real);
	errno = e;
	return rc;
}

bool hfs_exists(const struct hroot *r, const char *path)
{
	struct stat st;
	return hfs_lstat(r, path, &st) == 0;
}

bool hfs_is_dir(const struct hroot *r, const char *path)
{
	struct stat st;
	int fd = hfs_open(r, path, O_PATH);
	bool dir = fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
	if (fd >= 0)
		close(fd);
	return dir;
}

char *hfs_readlink(const struct hroot *r, const char *path)
{
	char buf[4096];
	ssize_t n;
	if (r->fd >= 0) {
		int fd = hfs_open(r, path, O_PATH | O_NOFOLLOW);
		if (fd < 0)
			return NULL;
		n = readlinkat(fd, "", buf, sizeof buf - 1);
		close(fd);
	} else {
		char *real = hroot_real(r, path);
		n = readlink(real, buf, sizeof buf - 1);
		free(real);
	}
	if (n < 0)
		return NULL;
	return xstrndup(buf, (size_t)n);
}

/* A directory's canonical path on this machine as a host path (root stripped); NULL when it
 * lies outside the root (only possible without openat2). */
static char *host_dir(const struct hroot *r, const char *dir)
{
	int fd = hfs_open(r, dir, O_PATH | O_DIRECTORY);
	char *p = fd >= 0 ? fd_path(fd) : NULL, *out = NULL;
	if (fd >= 0)
		close(fd);
	if (!p || live(r))
		return p;
	if (r->real) {
		size_t n = strlen(r->real);
		if (!strncmp(p, r->real, n) && (p[n] == '\0' || p[n] == '/'))
			out = xstrdup(p[n] ? p + n : "/");
	}
	free(p);
	return out;
}

char *hfs_real(const struct hroot *r, const char *path)
{
	char *norm = host_path_norm(path), *slash, *dir, *out = NULL;
	if (!norm || (slash = strrchr(norm, '/')) == norm) {
		free(norm);
		return NULL;
	}
	*slash = '\0';
	dir = host_dir(r, norm);
	*slash = '/';
	if (dir) {
		out = xasprintf("%s%s", strcmp(dir, "/") ? dir : "", slash);
		if (!strcmp(out, norm)) {
			free(out);
			out = NULL;
		}
	}
	free(dir);
	free(norm);
	return out;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **hfs_list(const struct hroot *r, const char *dir, size_t max, size_t *n)
{
	*n = 0;
	int fd = hfs_open(r, dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return NULL;
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	char **v = NULL;
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) && *n < max) {
		if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
			continue;
		GROW(v, cap, *n);
		v[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof *v, cmp_name);
	return v ? v : xcalloc(1, sizeof *v);
}

void hfs_list_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static bool missing(int e)
{
	return e == ENOENT || e == ENOTDIR || e == ELOOP;
}

/* Read fd to the end, at most HOST_MAX_FILE bytes; NULL with errno E2BIG when longer. */
static char *read_all(int fd)
{
	struct buf b = { 0 };
	char chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(b.s);
			return NULL;
		}
		if (b.len + (size_t)n > HOST_MAX_FILE) {
			free(b.s);
			errno = E2BIG;
			return NULL;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	return buf_take(&b);
}

char *host_read(const struct hroot *r, const char *path, struct findings *errs)
{
	/* O_NONBLOCK: a FIFO planted at a config path must not hang the audit. */
	int fd = hfs_open(r, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	struct stat st;
	char *text = NULL;
	int e = 0;
	if (fd < 0) {
		e = errno;
		if (missing(e))
			return NULL;
	} else if (fstat(fd, &st) != 0) {
		e = errno;
	} else if (!S_ISREG(st.st_mode)) {
		e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	} else if (!(text = read_all(fd))) {
		e = errno;
	}
	if (fd >= 0)
		close(fd);
	if (!text) {
		char *real = hroot_real(r, path);
		findings_error(errs, real, 0, "cannot read the file: %s",
		               e == E2BIG ? "larger than 16 MiB"
		               : e == EINVAL ? "not a regular file" : strerror(e));
		free(real);
	}
	return text;
}

char *host_read_line(const struct hroot *r, const char *path, struct findings *errs)
{
	char *text = host_read(r, path, errs);
	if (!text)
		return NULL;
	text[strcspn(text, "\n")] = '\0';
	char *t = str_trim(text);
	char *out = *t && strlen(t) <= HOST_MAX_LINE ? xstrdup(t) : NULL;
	free(text);
	return out;
}

void hlines_init(struct hlines *it, char *text, const char *input, struct findings *errs)
{
	memset(it, 0, sizeof *it);
	it->p = text;
	it->end = text + strlen(text);
	it->input = input;
	it->errs = errs;
}

char *hlines_next(struct hlines *it)
{
	while (it->p < it->end) {
		char *s = it->p, *nl = memchr(s, '\n', (size_t)(it->end - s));
		char *e = nl ? nl : it->end;
		it->p = nl ? nl + 1 : it->end;
		it->line++;
		*e = '\0';
		if ((size_t)(e - s) > HOST_MAX_LINE) {
			if (!it->reported)
				findings_error(it->errs, it->input, it->line,
				               "line longer than %d bytes skipped", HOST_MAX_LINE);
			it->reported = true;
			continue;
		}
		if (e > s && e[-1] == '\r')
			e[-1] = '\0';
		return s;
	}
	return NULL;
}
