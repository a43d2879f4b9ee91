#include "collect/files.h"
#include "util/progress.h"
#include "util/util.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1 << 20)
#define SNIFF 8192          /* a NUL in the first 8 KiB: binary */
#define MAX_THREADS 8

struct list { char **v; size_t n, cap; };

static void push(struct list *l, char *s)
{
	GROW(l->v, l->cap, l->n);
	l->v[l->n++] = s;
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	return xasprintf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Depth first, entries sorted: the file list (and so the report) does not depend on readdir. */
static void walk(const char *dir, struct list *files, struct findings *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct list names = { 0 };
	if (!d) {
		findings_error(out, dir, 0, "cannot read directory: %s", strerror(errno));
		return;
	}
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, ".git"))
			push(&names, xstrdup(e->d_name));
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof *names.v, cmp_str);
	for (size_t i = 0; i < names.n; i++) {
		char *p = join(dir, names.v[i]);
		struct stat st;
		free(names.v[i]);
		if (lstat(p, &st) != 0) {
			findings_error(out, p, 0, "cannot stat: %s", strerror(errno));
			free(p);
		} else if (S_ISDIR(st.st_mode)) {
			walk(p, files, out);
			free(p);
		} else if (S_ISREG(st.st_mode)) {
			push(files, p);
		} else {
			free(p);     /* symlinks, sockets, devices: not content of this tree */
		}
	}
	free(names.v);
}

void secret_list_files(char *const *paths, size_t n, char ***files, size_t *nfiles,
                       struct findings *out)
{
	struct list l = { 0 };
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0)
			findings_error(out, paths[i], 0, "%s", errno == ENOENT ? "no such file or directory"
			                                                         : strerror(errno));
		else if (S_ISDIR(st.st_mode))
			walk(paths[i], &l, out);
		else
			push(&l, xstrdup(paths[i]));
	}
	*files = l.v;
	*nfiles = l.n;
}

bool secret_credential_name(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	static const char *const names[] = { ".netrc", "_netrc", ".git-credentials", ".npmrc",
	                                     ".pypirc", "kubeconfig", NULL };
	for (const char *const *n = names; *n; n++)
		if (!strcmp(base, *n))
			return true;
	if (str_prefix(base, "id_") && !str_suffix(base, ".pub"))
		return true;      /* id_rsa, id_ed25519, ... */
	if (str_suffix(base, ".pem") || str_suffix(base, ".key") || str_suffix(base, ".ppk"))
		return true;
	return (!strcmp(base, "config.json") && (strstr(path, ".docker/") == path || strstr(path, "/.docker/"))) ||
	       (!strcmp(base, "credentials") && (strstr(path, ".aws/") == path || strstr(path, "/.aws/"))) ||
	       (!strcmp(base, "config") && (strstr(path, ".kube/") == path || strstr(path, "/.kube/")));
}

struct job { const char *path; struct file_scan *fs; char *error; };
struct jobs {
	const struct secret_db *db; struct job *v; size_t n; atomic_size_t next;
	atomic_size_t done; struct progress *pr;   /* drawn by the calling thread only */
};

static void on_secret(void *ctx, const struct secret_match *m)
{
	file_scan_add(ctx, m->kind, m->line, secret_evidence(m));
}

static void scan_one(const struct secret_db *db, struct job *j, uint8_t *buf)
{
	int fd = open(j->path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct secret_stream *s = NULL;
	ssize_t r;
	bool first = true;
	j->fs->path = xstrdup(j->path);
	if (fd < 0) {
		j->error = xasprintf("cannot open: %s", strerror(errno));
		return;
	}
	while ((r = read(fd, buf, CHUNK)) > 0) {
		if (first && !secret_credential_name(j->path) &&
		    memchr(buf, '\0', (size_t)r < SNIFF ? (size_t)r : SNIFF))
			break;     /* binary: not text that could hold a credential to report */
		if (first) {
			s = secret_stream_open(db, on_secret, j->fs);
			secret_stream_set_comments(s, secret_comment_markers(j->path));
		}
		first = false;
		secret_stream_feed(s, buf, (size_t)r);
	}
	if (r < 0)
		j->error = xasprintf("cannot read: %s", strerror(errno));
	if (s)
		secret_stream_close(s);
	close(fd);
}

static void work(struct jobs *js, bool draw)
{
	uint8_t *buf = xmalloc(CHUNK);
	size_t i;
	while ((i = atomic_fetch_add(&js->next, 1)) < js->n) {
		scan_one(js->db, &js->v[i], buf);
		size_t done = atomic_fetch_add(&js->done, 1) + 1;
		if (draw)
			progress_step(js->pr, done);
	}
	free(buf);
}

static void *worker(void *arg)
{
	work(arg, false);
	return NULL;
}

void secret_scan_files(const struct secret_db *db, char *const *files, size_t n,
                       struct file_scan *scans, struct findings *out)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nt = cpus > 1 ? (size_t)cpus : 1, started = 0;
	pthread_t tid[MAX_THREADS];
	struct progress pr;
	struct jobs js = { db, xcalloc(n ? n : 1, sizeof *js.v), n, 0, 0, &pr };
	nt = nt < MAX_THREADS ? nt : MAX_THREADS;
	nt = nt < n ? nt : 1;
	for (size_t i = 0; i < n; i++)
		js.v[i] = (struct job){ files[i], &scans[i], NULL };
	progress_start(&pr, n, "scanning files");
	while (started + 1 < nt && pthread_create(&tid[started], NULL, worker, &js) == 0)
		started++;
	work(&js, true);
	for (size_t i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	progress_step(&pr, n);
	progress_end(&pr);
	for (size_t i = 0; i < n; i++)
		if (js.v[i].error) {
			findings_error(out, files[i], 0, "%s", js.v[i].error);
			free(js.v[i].error);
		}
	free(js.v);
}
