/* An image as its config describes it (GET /images/{id}/json). The image issue's layer walker
 * will add files; the config-level rules need only this. */
#ifndef BW_IMAGE_H
#define BW_IMAGE_H
#include <stdbool.h>
#include <stddef.h>

struct image_fs;

struct image_cfg {
	char *id;              /* "sha256:..." */
	char *ref;             /* first repo tag, or the short id when untagged */
	char *user;            /* Config.User; NULL or "" means the default, root */
	bool healthcheck;      /* Config.Healthcheck.Test present and not NONE */
	bool healthcheck_disabled;
	char **env; size_t nenv;        /* "KEY=VALUE" */
	char **ports; size_t nports;    /* ExposedPorts keys: "22/tcp" */
	char **volumes; size_t nvolumes; /* Volumes keys: "/data" */
	size_t containers;     /* containers (any state) created from it */
	char **labels; size_t nlabels;   /* label keys */
	char **history; size_t nhistory; /* created_by of every history entry, oldest first */
	const struct image_fs *fs;       /* layers and files when they were read; NULL otherwise */
};

void image_cfg_free(struct image_cfg *im);
#endif
