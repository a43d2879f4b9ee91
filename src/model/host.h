/* The Docker host as the audit sees it: identity, the filesystem that holds the data root, the
 * security modules, audit rules, the docker group and the owner and mode of every Docker file
 * the CIS benchmark names. Paths are host paths as the user sees them (no fixture root prefix);
 * each fact keeps the path it was read from so findings can point at it. */
#ifndef BW_HOST_H
#define BW_HOST_H
#include <stdbool.h>
#include <stddef.h>
#include "model/loc.h"
#include "model/host_fw.h"
#include "model/host_kern.h"
#include "model/host_net.h"
#include "model/host_patch.h"
#include "model/host_ssh.h"

/* A string fact and the file it came from (loc.path NULL when it came from a system call).
 * Locations other than the audit rules' point at static strings. */
struct host_str { char *v; struct loc loc; };

/* A security module: known says whether the host let us tell. */
struct host_lsm { bool known, enabled; struct loc loc; };

/* The mount that holds the data root: the mountinfo entry whose mount point is the longest
 * prefix of the data root. */
struct host_part {
	bool known;              /* mountinfo was read and a mount holds the data root */
	char *mount_point, *device, *fstype;
	struct loc loc;          /* /proc/self/mountinfo */
};

/* One path an audit rule watches: `-w PATH`, `-F path=PATH` or `-F dir=PATH`. */
struct host_watch {
	char *path;              /* normalised: no trailing '/', no "//" */
	char *real;              /* path with symlinked directories resolved, when that differs */
	struct loc loc;          /* the rules file and line; path NULL for `auditctl -l` output */
};

struct host_group {
	bool known;              /* /etc/group was read */
	bool exists;             /* it has a docker group */
	unsigned gid;
	char **members;          /* listed members, then users whose primary group it is */
	size_t nmembers;
	struct loc loc;          /* /etc/group */
};

/* What a Docker file is for; rules pick files by this. */
enum hf_kind {
	HF_DOCKER_SERVICE, HF_DOCKER_SOCKET_UNIT, HF_ETC_DOCKER, HF_REGISTRY_CERT, HF_TLS_CA,
	HF_TLS_CERT, HF_TLS_KEY, HF_DOCKER_SOCK, HF_DAEMON_JSON, HF_DEFAULT_DOCKER,
	HF_SYSCONFIG_DOCKER, HF_CONTAINERD_SOCK, HF_CONTAINERD_CONFIG, HF_RUN_CONTAINERD,
	HF_DATA_ROOT, HF_BIN_DOCKERD, HF_BIN_CONTAINERD, HF_BIN_SHIM, HF_BIN_SHIM_RUNC_V1,
	HF_BIN_SHIM_RUNC_V2, HF_BIN_RUNC, HF__COUNT
};

enum hf_type { HF_ABSENT, HF_FILE, HF_DIR, HF_SOCKET, HF_SYMLINK, HF_OTHER };

struct host_file {
	enum hf_kind kind;
	char *path;              /* where it is, or would be when absent */
	enum hf_type type;
	unsigned uid, gid;
	unsigned mode;           /* st_mode & 07777 */
	char *user, *group;      /* names from /etc/passwd and /etc/group; NULL when not listed */
	char *link;              /* a symlink's target as stored, NULL otherwise */
	char *real;              /* path with symlinked directories resolved (/var/run/docker.sock
	                            -> /run/docker.sock), when that differs; NULL otherwise */
};

struct host {
	struct host_str hostname, kernel, os;
	char *data_root;         /* the daemon's data root (below a userns-remap subdirectory) */
	struct host_part part;
	struct host_lsm apparmor, selinux;
	bool selinux_enforcing;
	struct host_watch *watches; size_t nwatches, cap_watches;
	bool audit_read;         /* some audit rules file or `auditctl -l` was read */
	struct host_group docker_group;
	struct host_file *files; size_t nfiles, cap_files;
	/* Beneath the containers: each part in its own header, filled by its own collector. */
	struct host_ssh ssh;
	struct host_fw fw;
	struct host_net net;
	struct host_patch patch;
	struct host_kern kern;
};

void host_free(struct host *h);

/* The files of one kind, in collection order: call with i = 0, 1, ... until NULL. */
const struct host_file *host_file_at(const struct host *h, enum hf_kind kind, size_t i);
/* The first file of a kind, or NULL. */
const struct host_file *host_file_get(const struct host *h, enum hf_kind kind);
bool host_file_exists(const struct host_file *f);
/* "file", "directory", "socket", "symlink", "special file", "absent". */
const char *host_file_type_name(enum hf_type t);
/* Lexically normalised absolute path: "//" collapsed, "." dropped, ".." resolved, no trailing
 * '/'. malloc'd; NULL for a relative or empty path. */
char *host_path_norm(const char *p);
/* The audit rule watching exactly the file: its path, its real path or, for a symlink, its
 * target, compared with each rule's path and real path. NULL when none. */
const struct host_watch *host_watch_find(const struct host *h, const struct host_file *f);

#endif
