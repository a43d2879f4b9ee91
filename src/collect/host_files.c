/* Owner, mode and type of every Docker file and directory the CIS benchmark names (lstat: a
 * symlink is recorded as the link itself). */
#include "collect/host_int.h"
#include "util/util.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const unit_dirs[] = {
	"/etc/systemd/system", "/run/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system",
};

static const char *const bin_dirs[] = {
	"/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin", "/sbin",
};

static const struct { enum hf_kind kind; const char *name; } binaries[] = {
	{ HF_BIN_DOCKERD, "dockerd" },
	{ HF_BIN_CONTAINERD, "containerd" },
	{ HF_BIN_SHIM, "containerd-shim" },
	{ HF_BIN_SHIM_RUNC_V1, "containerd-shim-runc-v1" },
	{ HF_BIN_SHIM_RUNC_V2, "containerd-shim-runc-v2" },
	{ HF_BIN_RUNC, "runc" },
};

static const struct { enum hf_kind kind; const char *path; } fixed[] = {
	{ HF_ETC_DOCKER, "/etc/docker" },
	{ HF_DEFAULT_DOCKER, "/etc/default/docker" },
	{ HF_SYSCONFIG_DOCKER, "/etc/sysconfig/docker" },
	{ HF_CONTAINERD_SOCK, "/run/containerd/containerd.sock" },
	{ HF_CONTAINERD_CONFIG, "/etc/containerd/config.toml" },
	{ HF_RUN_CONTAINERD, "/run/containerd" },
};

static enum hf_type type_of(mode_t m)
{
	return S_ISREG(m) ? HF_FILE : S_ISDIR(m) ? HF_DIR : S_ISSOCK(m) ? HF_SOCKET
	     : S_ISLNK(m) ? HF_SYMLINK : HF_OTHER;
}

/* Type, owner and mode of one file: from the stat overrides when listed there, else lstat. */
static void fill(struct host_file *f, const struct hctx *cx, const struct hroot *r,
                 const char *stat_path)
{
	struct stat st;
	const struct hstat *o = hstats_find(cx->stats, stat_path);
	if (o) {
		*f = (struct host_file){ f->kind, f->path, o->type, o->uid, o->gid, o->mode };
	} else if (hfs_lstat(r, stat_path, &st) == 0) {
		f->type = type_of(st.st_mode);
		f->uid = st.st_uid;
		f->gid = st.st_gid;
		f->mode = st.st_mode & 07777;
		if (f->type == HF_SYMLINK)
			f->link = hfs_readlink(r, stat_path);
	} else if (errno != ENOENT && errno != ENOTDIR) {
		int e = errno;
		char *real = hroot_real(r, stat_path);
		findings_error(cx->errs, real, 0, "cannot stat the file: %s", strerror(e));
		free(real);
	}
	if (f->type != HF_ABSENT) {
		f->real = hfs_real(r, stat_path);
		f->user = xstrdup(hids_user(cx->ids, f->uid));
		f->group = xstrdup(hids_group(cx->ids, f->gid));
	}
}

/* Record one file; stat_path is what to lstat below r (a setting's path made absolute). */
static void add_file_at(struct host *h, const struct hctx *cx, const struct hroot *r,
                        enum hf_kind kind, const char *path, const char *stat_path)
{
	struct host_file f = { .kind = kind, .path = xstrdup(path), .type = HF_ABSENT };
	fill(&f, cx, r, stat_path);
	GROW(h->files, h->cap_files, h->nfiles);
	h->files[h->nfiles++] = f;
}

static void add_file(struct host *h, const struct hctx *cx, enum hf_kind kind, const char *path)
{
	add_file_at(h, cx, cx->r, kind, path, path);
}

/* A host path from the daemon's settings, made absolute (the daemon runs in "/"). */
static void add_setting(struct host *h, const struct hctx *cx, enum hf_kind kind,
                        const char *path)
{
	if (!path || !*path)
		return;
	char *abs = path[0] == '/' ? xstrdup(path) : xasprintf("/%s", path);
	add_file_at(h, cx, cx->r, kind, path, abs);
	free(abs);
}

static char *unit_path(const struct hroot *r, const char *name)
{
	for (size_t i = 0; i < sizeof unit_dirs / sizeof *unit_dirs; i++) {
		char *p = xasprintf("%s/%s", unit_dirs[i], name);
		if (hfs_exists(r, p))
			return p;
		free(p);
	}
	return NULL;
}

char *host_unit_path(const char *root, const char *name)
{
	struct findings quiet = { 0 };
	struct hroot r;
	hroot_open(&r, root, &quiet);
	char *p = unit_path(&r, name);
	hroot_close(&r);
	findings_free(&quiet);
	return p;
}

static void add_unit(struct host *h, const struct hctx *cx, enum hf_kind kind, const char *name)
{
	char *p = unit_path(cx->r, name);
	char *shown = p ? p : xasprintf("/usr/lib/systemd/system/%s", name);
	add_file(h, cx, kind, shown);
	free(shown);
}

/* /etc/docker/certs.d/<registry>/<file>: every file in every registry's directory. */
static void add_certs(struct host *h, const struct hctx *cx)
{
	static const char dir[] = "/etc/docker/certs.d";
	size_t nreg, total = 0;
	bool more = false;
	char **regs = hfs_list(cx->r, dir, HOST_MAX_ENTRIES, &nreg);
	for (size_t i = 0; i < nreg && !more; i++) {
		char *rdir = xasprintf("%s/%s", dir, regs[i]), **files;
		size_t nf;
		if (hfs_is_dir(cx->r, rdir) && (files = hfs_list(cx->r, rdir, HOST_MAX_ENTRIES, &nf))) {
			for (size_t k = 0; k < nf && !(more = total == HOST_MAX_ENTRIES); k++, total++) {
				char *p = xasprintf("%s/%s", rdir, files[k]);
				add_file(h, cx, HF_REGISTRY_CERT, p);
				free(p);
			}
			hfs_list_free(files, nf);
		}
		free(rdir);
	}
	if (more) {
		char *real = hroot_real(cx->r, dir);
		findings_error(cx->errs, real, 0, "more than %d registry certificate files; only the "
		               "first %d were checked", HOST_MAX_ENTRIES, HOST_MAX_ENTRIES);
		free(real);
	}
	hfs_list_free(regs, nreg);
}

/* The first of the usual directories that has the binary; a symlink is recorded as such. */
static void add_binary(struct host *h, const struct hctx *cx, enum hf_kind kind,
                       const char *name)
{
	for (size_t i = 0; i < sizeof bin_dirs / sizeof *bin_dirs; i++) {
		char *p = xasprintf("%s/%s", bin_dirs[i], name);
		bool found = hfs_exists(cx->r, p) || hstats_find(cx->stats, p);
		if (found)
			add_file(h, cx, kind, p);
		free(p);
		if (found)
			return;
	}
	char *p = xasprintf("/usr/bin/%s", name);
	add_file(h, cx, kind, p);
	free(p);
}

static void add_sockets(struct host *h, const struct hctx *cx, const char *const *sockets)
{
	static const char *const def[] = { "/var/run/docker.sock", NULL };
	for (const char *const *s = sockets ? sockets : def; *s; s++) {
		const char *p = str_prefix(*s, "unix://") ? *s + strlen("unix://") : *s;
		if (!strstr(p, "://"))    /* tcp://, fd:// are not files */
			add_setting(h, cx, HF_DOCKER_SOCK, p);
	}
}

void host_collect_files(struct host *h, const struct host_inputs *in, const struct hctx *cx)
{
	add_unit(h, cx, HF_DOCKER_SERVICE, "docker.service");
	add_unit(h, cx, HF_DOCKER_SOCKET_UNIT, "docker.socket");
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		add_file(h, cx, fixed[i].kind, fixed[i].path);
	add_certs(h, cx);
	add_setting(h, cx, HF_TLS_CA, in->tls_ca);
	add_setting(h, cx, HF_TLS_CERT, in->tls_cert);
	add_setting(h, cx, HF_TLS_KEY, in->tls_key);
	add_sockets(h, cx, in->sockets);
	if (in->daemon_json) {
		/* A path the user gave is a path on this machine, not below the root. */
		static const struct hroot here = { "", -1 };
		add_file_at(h, cx, &here, HF_DAEMON_JSON, in->daemon_json, in->daemon_json);
	} else {
		add_file(h, cx, HF_DAEMON_JSON, "/etc/docker/daemon.json");
	}
	add_setting(h, cx, HF_DATA_ROOT, h->data_root);
	for (size_t i = 0; i < sizeof binaries / sizeof *binaries; i++)
		add_binary(h, cx, binaries[i].kind, binaries[i].name);
}
