/* The Docker daemon as it runs: its settings under their daemon.json names, merged from
 * daemon.json, the dockerd command line and the engine's /info answer, each with where it was set;
 * the engine's version facts; image and container counts; the swarm it belongs to. */
#ifndef BW_DAEMON_H
#define BW_DAEMON_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model/loc.h"

/* Where a setting's value came from. Later sources win: flags over daemon.json (dockerd refuses
 * to start when both set a key, so both at once means the file changed since), and the engine
 * over both, because /info is what the daemon actually does. */
enum d_src { DSRC_DEFAULT, DSRC_FILE, DSRC_FLAG, DSRC_ENGINE };
#define DSRC_BIT(s) (1u << (s))

struct d_setting {
	char *key;                  /* daemon.json name: "icc", "hosts", "log-opts" */
	char *value;                /* scalar as text ("true", "info", "/x.json"); NULL for lists and
	                               for a setting the engine reports as off */
	char **items; size_t nitems, cap_items;   /* list settings; maps as "name=value" entries */
	bool list;
	enum d_src src;
	struct loc loc;             /* daemon.json or unit file line, /proc/PID/cmdline; LOC_NONE
	                               for engine values */
	char *origin;               /* for messages: "/etc/docker/daemon.json:4 sets \"icc\": true" */
};

struct d_network { char *name, *id; bool encrypted; };

struct daemon {
	struct d_setting *set; size_t nset, cap_set;
	char **strs; size_t nstrs, cap_strs;   /* the paths locs point at */
	unsigned sources;           /* DSRC_BIT of each source read; 0: nothing is known */
	char *daemon_json;          /* the daemon.json read; NULL when there was none */
	char *cmdline_from;         /* "/proc/812/cmdline" or the unit file; NULL when no flags */
	int pid;                    /* the dockerd process read, 0 when none */

	/* Read by the audit command (derived from the settings). */
	char *data_root;            /* DockerRootDir, data-root, or /var/lib/docker */
	char *tls_ca, *tls_cert, *tls_key;     /* tlscacert, tlscert, tlskey; NULL when unset */
	char **unix_sockets;        /* NULL-terminated socket paths of the hosts setting */
	bool default_ulimits;       /* default-ulimits applies limits to every container */
	bool no_new_privileges;     /* no-new-privileges is the daemon-wide default */
	bool rootless;

	/* Engine facts; engine is false when /info did not answer. */
	bool engine;
	char *endpoint;
	char *version, *api_version, *kernel, *os, *os_type, *arch;
	bool seccomp_absent;        /* a Linux engine lists no seccomp in SecurityOptions */

	char *content_trust;        /* DOCKER_CONTENT_TRUST of the audit's environment; NULL unset */

	/* Security operations: counts from the container and image lists. */
	bool images_known, containers_known;
	size_t images, images_unused, containers, containers_running;

	/* Swarm. managers/nodes are -1 when unknown (only managers report them). */
	bool swarm_active, swarm_manager;
	char *swarm_state;          /* Swarm.LocalNodeState: "inactive", "active", "locked", ... */
	long swarm_managers, swarm_nodes;
	bool swarm_spec;            /* the cluster spec below was read */
	bool autolock;              /* Spec.EncryptionConfig.AutoLockManagers */
	int64_t node_cert_expiry;   /* Spec.CAConfig.NodeCertExpiry in ns; 0 unknown */
	struct d_network *overlays; size_t noverlays, cap_overlays;
	bool networks_known, no_default_bridge;   /* /networks has no "bridge" network */
	bool secrets_known; size_t nsecrets;
	bool services_known; size_t nservices;   /* GET /services: managers only */
	/* The containers here that are swarm tasks (labelled com.docker.swarm.service.id): what a
	 * worker, which cannot list services, knows of the swarm's use of it. */
	bool tasks_known; size_t ntasks;
};

/* Lookup for rules: the setting under key, NULL when no source set it. */
const struct d_setting *daemon_get(const struct daemon *d, const char *key);
/* Go's strconv.ParseBool: 1 for 1/t/T/true/TRUE/True, 0 for 0/f/F/false/..., -1 otherwise. */
int d_parse_bool(const char *s);
/* A boolean setting's value; dflt when unset or unparsable. */
bool daemon_bool(const struct daemon *d, const char *key, bool dflt);
/* A scalar setting's value, NULL when unset. */
const char *daemon_str(const struct daemon *d, const char *key);
/* Where a setting came from, for messages; "default (not set)" for NULL. */
const char *daemon_origin(const struct d_setting *s);
struct loc daemon_loc(const struct d_setting *s);     /* LOC_NONE for NULL */
bool d_setting_has(const struct d_setting *s, const char *item);   /* list contains item */

/* Builders for collectors. daemon_put replaces key's setting (a fresh, empty one) and returns
 * it; origin is copied. Strings passed to the setters are copied. */
struct d_setting *daemon_put(struct daemon *d, const char *key, enum d_src src, struct loc loc,
                             const char *origin);
void d_setting_value(struct d_setting *s, const char *v);
void d_setting_add(struct d_setting *s, const char *item);
const char *daemon_path(struct daemon *d, const char *path);   /* one copy, owned by d */
struct d_network *daemon_add_overlay(struct daemon *d);

/* Frees everything d holds (not d itself) and zeroes it. */
void daemon_free(struct daemon *d);
#endif
