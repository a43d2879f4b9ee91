/* Reading OSV data for an import (on the pipe's reader thread): zip archives (vulndb_zip.c),
 * record files, directories walked in name order. Records are handed to the pipe unparsed; a
 * bad archive or an unreadable input ends the reading with one error. */
#include "collect/vulndb_int.h"
#include "util/util.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DIR_DEPTH 16

struct rd {
	struct osv_pipe *p;
	char *err; size_t errlen;
	struct buf data;   /* the record being read */
	bool stopped;      /* the pipe refused a record: the import is being stopped */
};

#define fail(m, ...) vulndb_fail((m)->err, (m)->errlen, __VA_ARGS__)

/* Hands m->data's bytes to the pipe as one record. */
static bool submit(struct rd *m, const char *path, const char *name, bool strict)
{
	if (osv_pipe_submit(m->p, &m->data, path, name, strict, NULL))
		return true;
	m->stopped = true;
	return fail(m, "stopped");
}

static bool import_zip(struct rd *m, const char *path, int fd)
{
	char zerr[256];
	struct vzip *z = vzip_open(fd, zerr, sizeof zerr);
	if (!z)
		return close(fd), fail(m, "%s: not a readable zip archive (truncated or not a zip): %s",
		                       path, zerr);
	const char *name;
	bool regular, ok = true;
	int r;
	while (ok && (r = vzip_next(z, &name, &regular)) > 0) {
		if (!regular || !str_suffix(name, ".json"))
			continue;
		int got = vzip_data(z, &m->data, OSV_MAX_RECORD);
		if (got < 0)
			ok = fail(m, "%s: %s: %s%s", path, name, got == -1 ? "corrupt archive: " : "", zerr);
		else if (got == 0)
			ok = osv_pipe_submit(m->p, NULL, path, name, false, "larger than a record may be");
		else
			ok = submit(m, path, name, false);
	}
	if (ok && r < 0)
		ok = fail(m, "%s: corrupt zip archive: %s", path, zerr);
	vzip_close(z);
	close(fd);
	return ok;
}

/* A file: a zip by its magic, else one JSON record. */
static bool import_file(struct rd *m, const char *path, bool strict)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(m, "%s: %s", path, strerror(errno));
	char magic[4] = { 0 };
	ssize_t got = pread(fd, magic, 4, 0);
	if (got == 4 && !memcmp(magic, "PK", 2))
		return import_zip(m, path, fd);
	m->data.len = 0;
	char chunk[65536];
	ssize_t n;
	bool big = false;
	while ((n = read(fd, chunk, sizeof chunk)) > 0 && !big)
		if (!(big = m->data.len + (size_t)n > OSV_MAX_RECORD))
			buf_add(&m->data, chunk, (size_t)n);
	int e = errno;
	close(fd);
	if (n < 0)
		return fail(m, "%s: %s", path, strerror(e));
	if (big) {
		if (strict)
			return fail(m, "%s: larger than a record may be (%u bytes)", path, OSV_MAX_RECORD);
		return osv_pipe_submit(m->p, NULL, path, NULL, false, "larger than a record may be");
	}
	return submit(m, path, NULL, strict);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool import_path(struct rd *m, const char *path, bool named, int depth);

/* A directory's .json and .zip files and subdirectories, in name order (the same result
 * whatever the file system's order). */
static bool import_dir(struct rd *m, const char *path, int depth)
{
	if (depth > MAX_DIR_DEPTH)
		return fail(m, "%s: directories nested deeper than %d", path, MAX_DIR_DEPTH);
	DIR *dir = opendir(path);
	if (!dir)
		return fail(m, "%s: %s", path, strerror(errno));
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap)
			names = xrealloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof *names, by_name);
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		char *sub = xmalloc(strlen(path) + strlen(names[i]) + 2);
		sprintf(sub, "%s/%s", path, names[i]);
		if (ok)
			ok = import_path(m, sub, false, depth + 1);
		free(sub), free(names[i]);
	}
	free(names);
	return ok;
}

static bool import_path(struct rd *m, const char *path, bool named, int depth)
{
	struct stat st;
	if ((named ? stat(path, &st) : lstat(path, &st)) != 0)
		return fail(m, "%s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return import_dir(m, path, depth);
	if (!S_ISREG(st.st_mode))
		return named ? fail(m, "%s: not a file or directory", path) : true;
	if (!named && !str_suffix(path, ".json") && !str_suffix(path, ".zip"))
		return true;
	return import_file(m, path, named);
}


bool osv_read_inputs(struct osv_pipe *p, const char *const *inputs, size_t n, char *err,
                     size_t errlen)
{
	struct rd m = { .p = p, .err = err, .errlen = errlen };
	bool ok = true;
	for (size_t i = 0; ok && i < n; i++)
		ok = import_path(&m, inputs[i], true, 0);
	free(m.data.s);
	return ok;
}
