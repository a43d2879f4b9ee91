/* The fleet: one run as it is stored, and the estate's posture as the report reads it back. */
#ifndef BW_MODEL_FLEET_H
#define BW_MODEL_FLEET_H
#include <stdbool.h>
#include <stddef.h>
#include "model/finding.h"

/* Who ran what, when: the row a run adds to the store beside its findings. */
struct fleet_run {
	const char *run_id;           /* --run-id, or a fresh UUID */
	const char *host;             /* --host-name, or the machine's host name */
	const char *machine_id;       /* /etc/machine-id; NULL unknown */
	const char *engine_id;        /* the engine's /info ID (audit); NULL otherwise */
	const char *command;          /* "audit", "lint", "image" */
	const char *time;             /* ISO 8601 UTC: "2026-12-07T15:04:05Z" */
	const char *version, *rules_version;
};

/* What a run saw, written beside it: containers, images by digest (the image id, the config's
 * sha256) and each image's packages, which are stored once per digest. */
struct fleet_container { char *id, *name, *image, *image_digest, *state; };
struct fleet_pkg {
	char *ecosystem, *name, *version;
	char *kind;                   /* pkg_kind_name: "dpkg", "apk", "pypi" ... */
	char *source, *source_version;/* NULL when the same as name and version */
	int scheme;                   /* enum vers_scheme */
};
struct fleet_image {
	char *digest, *ref;
	bool have_pkgs;               /* its packages were read (image, audit --images) */
	struct fleet_pkg *pkgs; size_t npkgs, cap_pkgs;
};
struct fleet_inv {
	struct fleet_container *containers; size_t ncontainers, cap_containers;
	struct fleet_image *images; size_t nimages, cap_images;
};
/* Adds a container or an image (strings copied; an image already held by digest is returned
 * as it is); NULL when digest is NULL. */
void fleet_inv_container(struct fleet_inv *v, const char *id, const char *name,
                         const char *image, const char *digest, const char *state);
struct fleet_image *fleet_inv_image(struct fleet_inv *v, const char *digest, const char *ref);
void fleet_inv_pkg(struct fleet_image *im, const struct fleet_pkg *p);
void fleet_inv_free(struct fleet_inv *v);

/* One host's posture: its latest run of each command, and what changed since the one before. */
struct fleet_host {
	char *name, *machine_id, *engine_id;
	size_t runs;                  /* in the window (--since) */
	char *last_run;               /* the time of its latest run */
	size_t by_sev[SEV__COUNT];    /* unsuppressed findings of its latest runs */
	size_t findings;
	size_t new_, fixed;           /* against the run before, by fingerprint; 0 with one run */
	bool compared;                /* some command of it has two runs to compare */
};

/* One rule across the estate. */
struct fleet_rule {
	char *rule, *severity;
	size_t hosts, findings;
};

/* One cell of the rule x host matrix: findings of rule on host (indexes into the arrays). */
struct fleet_cell { size_t rule, host, n; };

/* Runs and findings per day, across the estate. */
struct fleet_day { char *day; size_t hosts, runs, findings; };

/* One vulnerability across the estate, re-matched from the stored inventories: one entry per
 * (id, package, installed version). */
struct fleet_vuln_image { char *digest, *ref; };
struct fleet_vuln {
	char *id, *severity, *package, *ecosystem, *installed, *fixed;   /* fixed: NULL none */
	struct fleet_vuln_image *images; size_t nimages, cap_images;     /* by digest */
	char **hosts; size_t nhosts, cap_hosts;                          /* by name */
	size_t containers;
};

struct fleet_source;   /* model/fleet_findings.h */
struct fleet {
	const char *since;            /* the window's start (--since), or NULL */
	struct fleet_host *hosts; size_t nhosts, cap_hosts;      /* by name */
	struct fleet_rule *rules; size_t nrules, cap_rules;      /* most hosts first */
	struct fleet_cell *cells; size_t ncells, cap_cells;
	struct fleet_day *days; size_t ndays, cap_days;          /* oldest first */
	size_t runs;
	bool have_vulns;              /* the vulnerability store was read: vulns is meaningful */
	size_t images_in_use;         /* distinct image digests of the latest runs (with vulns) */
	size_t images_unread;         /* of those, how many have no packages stored */
	struct fleet_vuln *vulns; size_t nvulns, cap_vulns;      /* by severity, then id */
	const struct fleet_source *source;   /* each host's latest findings (html, sarif); or NULL */
};
void fleet_free(struct fleet *f);
#endif
