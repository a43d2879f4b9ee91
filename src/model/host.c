#include "model/host.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

void host_free(struct host *h)
{
	if (!h)
		return;
	free(h->hostname.v);
	free(h->kernel.v);
	free(h->os.v);
	free(h->data_root);
	free(h->part.mount_point);
	free(h->part.device);
	free(h->part.fstype);
	for (size_t i = 0; i < h->nwatches; i++) {
		free(h->watches[i].path);
		free(h->watches[i].real);
		free((char *)h->watches[i].loc.path);
	}
	free(h->watches);
	for (size_t i = 0; i < h->docker_group.nmembers; i++)
		free(h->docker_group.members[i]);
	free(h->docker_group.members);
	for (size_t i = 0; i < h->nfiles; i++) {
		free(h->files[i].path);
		free(h->files[i].user);
		free(h->files[i].group);
		free(h->files[i].link);
		free(h->files[i].real);
	}
	free(h->files);
	host_ssh_free(&h->ssh);
	host_fw_free(&h->fw);
	host_net_free(&h->net);
	host_patch_free(&h->patch);
	host_kern_free(&h->kern);
	memset(h, 0, sizeof *h);
}

const struct host_file *host_file_at(const struct host *h, enum hf_kind kind, size_t i)
{
	for (size_t k = 0; k < h->nfiles; k++)
		if (h->files[k].kind == kind && i-- == 0)
			return &h->files[k];
	return NULL;
}

const struct host_file *host_file_get(const struct host *h, enum hf_kind kind)
{
	return host_file_at(h, kind, 0);
}

bool host_file_exists(const struct host_file *f)
{
	return f && f->type != HF_ABSENT;
}

const char *host_file_type_name(enum hf_type t)
{
	static const char *const n[] = { "absent", "file", "directory", "socket", "symlink",
	                                 "special file" };
	return (size_t)t < sizeof n / sizeof *n ? n[t] : "file";
}

char *host_path_norm(const char *p)
{
	if (!p || p[0] != '/')
		return NULL;
	size_t len = strlen(p);
	char *out = xmalloc(len + 2);
	size_t o = 0;
	for (const char *s = p; *s;) {
		while (*s == '/')
			s++;
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.')) {
			/* nothing */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			out[o++] = '/';
			memcpy(out + o, s, n);
			o += n;
		}
		s += n;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return out;
}

/* A symlink's target as an absolute normalised path (relative targets are taken from the
 * link's directory). */
static char *link_target(const struct host_file *f)
{
	if (f->type != HF_SYMLINK || !f->link || !*f->link)
		return NULL;
	if (f->link[0] == '/')
		return host_path_norm(f->link);
	const char *slash = strrchr(f->path, '/');
	char *joined = xasprintf("%.*s/%s", slash ? (int)(slash - f->path) : 0, f->path, f->link);
	char *n = host_path_norm(joined);
	free(joined);
	return n;
}

static const struct host_watch *watch_of(const struct host *h, const char *path)
{
	for (size_t i = 0; path && i < h->nwatches; i++)
		if (!strcmp(h->watches[i].path, path) || str_eq(h->watches[i].real, path))
			return &h->watches[i];
	return NULL;
}

const struct host_watch *host_watch_find(const struct host *h, const struct host_file *f)
{
	char *p = host_path_norm(f->path), *t = link_target(f);
	const struct host_watch *w = watch_of(h, p);
	if (!w)
		w = watch_of(h, f->real);
	if (!w)
		w = watch_of(h, t);
	free(p);
	free(t);
	return w;
}
