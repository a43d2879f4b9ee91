/* The container spec: the one model that a compose service, a `docker inspect` result and an
 * engine create request all become, so each container rule is written once. Every field has a
 * loc saying where it was set (file and line for compose; LOC_NONE for the engine). */
#ifndef BW_CSPEC_H
#define BW_CSPEC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model/loc.h"

/* CSPEC_IMAGE: only an image config's settings (its Env), checked by the container rules that
 * apply to them. */
enum cspec_origin { CSPEC_COMPOSE, CSPEC_INSPECT, CSPEC_CREATE, CSPEC_IMAGE };

/* What the engine and host a live container runs on say, for rules that depend on them. Owned
 * by the caller (the audit); NULL for compose files, which run anywhere. */
struct cs_engine {
	bool lsm_known;              /* whether apparmor/selinux below were determined */
	bool apparmor, selinux;      /* the host enforces this LSM */
	const char *data_root;       /* the daemon's data root, a sensitive host path */
	const char *const *sockets;  /* the daemon's own unix socket paths, NULL-terminated */
	bool default_ulimits;        /* the daemon sets default-ulimits for every container */
	bool no_new_privileges;      /* the daemon sets no-new-privileges for every container */
};

struct cs_str { char *s; struct loc loc; };      /* a string with where it was set */
struct cs_strs { struct cs_str *v; size_t n, cap; };

enum mount_type { MOUNT_BIND, MOUNT_VOLUME, MOUNT_TMPFS, MOUNT_NPIPE, MOUNT_OTHER };
struct cs_mount {
	enum mount_type type;
	char *source;        /* host path for bind (as written, after interpolation), volume name */
	char *target;        /* path in the container */
	bool read_only;
	char *propagation;   /* "shared", "rshared", "slave", ... or NULL */
	char *volume;        /* a named volume whose local driver binds source from the host: its
	                        name (type is then MOUNT_BIND), for messages; NULL otherwise */
	char *subpath;       /* a named volume's subpath that is mounted, or NULL: all of it */
	struct loc loc;
};

struct cs_device { char *host; char *container; char *perms; struct loc loc; };

struct cs_port {
	char *host_ip;       /* NULL when not given (binds all interfaces) */
	char *host_port;     /* "8080", "8000-8010", or NULL when only published to a random port */
	char *container_port;
	char *proto;         /* "tcp" default */
	bool published;      /* false for `expose`-only */
	struct loc loc;
};

struct cs_env {
	char *key;
	char *value;         /* NULL: passed through from the caller's environment */
	bool interpolated;   /* compose: the value is a whole ${VAR} (no default) taken from the
	                        environment, so the file itself holds no value */
	struct loc loc;
};

struct cs_ulimit { char *name; int64_t soft, hard; struct loc loc; };

/* One `docker exec` into a live container, from GET /exec/{id}/json. */
struct cs_exec {
	char *id;
	char *user;          /* ProcessConfig.user; NULL when empty: the container's user */
	char *program;       /* ProcessConfig.entrypoint (no arguments); NULL when not given */
	bool privileged;
	bool running;
};

/* An optional number: set says whether the source gave it at all. */
struct cs_num { int64_t v; bool set; struct loc loc; };
struct cs_flag { bool v; bool set; struct loc loc; };

struct cspec {
	enum cspec_origin origin;
	char *name;              /* service or container name (no leading '/') */
	char *id;                /* container id, NULL for compose */
	char *image_id;          /* the image's id ("sha256:..."), inspect only */
	struct cs_str image;     /* image reference; s NULL when none (compose build-only) */
	bool built;              /* compose: the service has a build section, so image (if any)
	                            names the tag compose gives what it builds */
	char *state;             /* "running", "exited", ... NULL for compose */
	struct loc loc;          /* where the service/container is defined */

	struct cs_flag privileged;
	struct cs_strs cap_add, cap_drop;
	struct cs_str network_mode, pid_mode, ipc_mode, uts_mode, userns_mode, cgroupns_mode;
	struct cs_mount *mounts; size_t nmounts, cap_mounts;
	struct cs_device *devices; size_t ndevices, cap_devices;
	struct cs_str user;      /* s NULL: not set (image default) */
	struct cs_flag read_only;                 /* read-only root filesystem */
	struct cs_num memory, memory_swap, memory_reservation; /* bytes */
	struct cs_num cpu_shares, nano_cpus, cpu_quota, cpu_period;
	struct cs_str cpuset;
	struct cs_num pids_limit;                 /* <= 0 with set: unlimited */
	struct cs_strs security_opt;              /* "seccomp=unconfined", "no-new-privileges:true", ... */
	struct cs_str restart;                    /* "no", "always", "unless-stopped", "on-failure" */
	struct cs_num restart_max;                /* on-failure:N */
	struct cs_port *ports; size_t nports, cap_ports;
	struct cs_env *env; size_t nenv, cap_env;
	struct cs_ulimit *ulimits; size_t nulimits, cap_ulimits;
	struct cs_str cgroup_parent;
	struct cs_strs sysctls;                   /* "net.ipv4.ip_forward=1" */
	/* healthcheck: set when the spec says anything; disabled for `disable: true` / NONE */
	struct { bool set, disabled; char *test; struct loc loc; } healthcheck;
	/* runtime-only facts (inspect): AppArmor profile actually applied, etc. */
	struct cs_str apparmor_profile;
	const struct cs_engine *engine;
	char **networks; size_t nnetworks;        /* inspect: networks attached (NetworkSettings) */
	char *health_status;     /* inspect: State.Health.Status; NULL when no health check runs */
	/* inspect: the command names of the running container's processes (from top); procs_known
	 * false when they were not read (stopped container, top refused) */
	char **procs; size_t nprocs; bool procs_known;
	/* inspect: the container's execs still on record (ExecIDs), at most CSPEC_MAX_EXECS read;
	 * nexec_ids counts them all. Other sources have none. */
	struct cs_exec *execs; size_t nexecs, cap_execs, nexec_ids;
};

/* The exec records read per container, each one a request: execs created and never started
 * stay listed, so a careless client can pile up thousands. */
#define CSPEC_MAX_EXECS 64

struct cspec *cspec_new(enum cspec_origin origin);
void cspec_free(struct cspec *c);

/* Builders used by collectors; they copy strings. */
void cs_set(struct cs_str *f, const char *s, struct loc loc);
void cs_strs_add(struct cs_strs *l, const char *s, struct loc loc);
struct cs_mount *cspec_add_mount(struct cspec *c);
struct cs_device *cspec_add_device(struct cspec *c);
struct cs_port *cspec_add_port(struct cspec *c);
struct cs_env *cspec_add_env(struct cspec *c, const char *key, const char *value, struct loc loc);
struct cs_ulimit *cspec_add_ulimit(struct cspec *c);
struct cs_exec *cspec_add_exec(struct cspec *c);

/* The host path that a volume's driver and options bind, or NULL when the volume is no host
 * bind: the local driver (driver NULL or "") with "bind" or "rbind" among the comma-separated
 * o options and a device. The kernel ignores the filesystem type of a bind mount, so type is
 * not asked. *ro is set when o also holds "ro". */
const char *cs_volume_bind(const char *driver, const char *o, const char *device, bool *ro);
/* Judge a named-volume mount as the bind it is: source becomes device (with the mount's
 * subpath below it), volume the old name. */
void cs_mount_bind_volume(struct cs_mount *m, const char *device, bool ro);

/* Helpers for rules (pure). */
bool cs_strs_has(const struct cs_strs *l, const char *s);          /* case-insensitive */
const struct cs_str *cs_secopt(const struct cspec *c, const char *key); /* "seccomp" -> entry */
/* The value part of a security option entry: "seccomp=unconfined" and "seccomp:unconfined" both
 * give "unconfined". */
const char *cs_secopt_value(const struct cs_str *opt);
/* A user spec naming uid 0: "root", "0", "root:root", "0:0", "000:x" (the part before ':'). */
bool cs_user_is_root(const char *user);

#endif
