/* Inside the host collector: root-confined file access, line reading, and the parts of
 * host_collect. */
#ifndef BW_HOST_INT_H
#define BW_HOST_INT_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include "collect/host.h"

enum {
	HOST_MAX_FILE = 16 << 20,     /* bytes read from any one file */
	HOST_MAX_LINE = 64 << 10,     /* longer lines are skipped with an error */
	HOST_MAX_ENTRIES = 4096,      /* directory entries, certificates, rules files */
	HOST_MAX_WATCHES = 100000,
	HOST_MAX_MEMBERS = 10000,
};

/* Every host path is read below root. Where the kernel has openat2, symlinks (absolute ones
 * included) and ".." resolve inside root, so a fixture tree cannot reach the real machine. */
struct hroot {
	const char *root;          /* "" for the live machine */
	int fd;                    /* the root directory, -1 when live or without openat2 */
	char *real;                /* the root's own canonical path, to strip from others */
};
void hroot_open(struct hroot *r, const char *root, struct findings *errs);
void hroot_close(struct hroot *r);
char *hroot_real(const struct hroot *r, const char *path);   /* root + path, for messages */

int hfs_open(const struct hroot *r, const char *path, int flags);   /* -1 and errno */
int hfs_lstat(const struct hroot *r, const char *path, struct stat *st);
bool hfs_exists(const struct hroot *r, const char *path);        /* lstat succeeds */
bool hfs_is_dir(const struct hroot *r, const char *path);         /* follows symlinks */
char *hfs_readlink(const struct hroot *r, const char *path);    /* NULL on error */
/* path with the symlinks in its directory part resolved (inside root), as a host path; NULL
 * when that is path itself or cannot be told. */
char *hfs_real(const struct hroot *r, const char *path);
/* A directory's entry names (no dot entries), sorted; at most max. NULL and errno on error. */
char **hfs_list(const struct hroot *r, const char *dir, size_t max, size_t *n);
void hfs_list_free(char **v, size_t n);

/* A whole regular file (at most HOST_MAX_FILE bytes), NUL-terminated. NULL when it does not
 * exist (silently) or cannot be read (an error is recorded). */
char *host_read(const struct hroot *r, const char *path, struct findings *errs);
/* The first line of a file, trimmed; NULL when absent or empty. */
char *host_read_line(const struct hroot *r, const char *path, struct findings *errs);

/* Lines of a buffer, split in place. Over-long lines are skipped with one error per file. */
struct hlines {
	char *p, *end;
	int line;
	const char *input;         /* for errors */
	struct findings *errs;
	bool reported;
};
void hlines_init(struct hlines *it, char *text, const char *input, struct findings *errs);
char *hlines_next(struct hlines *it);   /* NUL-terminated, '\r' dropped; NULL at the end */

/* /etc/passwd and /etc/group, for names of owners and the docker group. */
struct hid { char *name; unsigned id, gid; char *members; };   /* gid: passwd's primary group */
struct hids { struct hid *users, *groups; size_t nusers, ngroups, cap_users, cap_groups;
              bool group_read; };
void hids_load(struct hids *ids, const struct hroot *r, struct findings *errs);
void hids_free(struct hids *ids);
const char *hids_user(const struct hids *ids, unsigned uid);
const char *hids_group(const struct hids *ids, unsigned gid);
void host_docker_group(struct host *h, const struct hids *ids);

/* Stat overrides (host_inputs.stat_overrides). */
struct hstat { char *path; enum hf_type type; unsigned uid, gid, mode; };
struct hstats { struct hstat *v; size_t n, cap; };
void hstats_load(struct hstats *s, const char *file, struct findings *errs);
const struct hstat *hstats_find(const struct hstats *s, const char *path);
void hstats_free(struct hstats *s);

/* What recording a Docker file needs. */
struct hctx {
	const struct hroot *r;
	const struct hids *ids;
	const struct hstats *stats;
	struct findings *errs;
};

void host_collect_mounts(struct host *h, const struct hroot *r, struct findings *errs);
void host_collect_audit(struct host *h, const struct hroot *r, bool live, struct findings *errs);
/* Parse audit rules text (rules files or `auditctl -l` output); source NULL for auditctl.
 * Watched paths are resolved below r. */
void host_audit_parse(struct host *h, const struct hroot *r, char *text, const char *source,
                      const char *input, struct findings *errs);
/* Run `auditctl -l` (no shell, bounded output and time); NULL when it cannot. */
char *host_auditctl(const char *path);
/* Run argv (argv[0] an absolute path; no shell, bounded output and time): its output when it
 * exits 0, else NULL. */
char *host_exec(const char *const argv[]);
void host_collect_files(struct host *h, const struct host_inputs *in, const struct hctx *cx);

/* The parts beneath the containers, one collector each (collect/host_<part>.c). live: the real
 * machine, where commands may run and /proc describes this host. */
void host_ssh_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs);
void host_fw_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs);
void host_net_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs);
void host_patch_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs);
void host_kern_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs);
/* A live-only fact not read (under --root or a replay): one warning naming it, so the report
 * says what was not checked. */
void host_skipped(struct findings *errs, const char *what);

#endif
