/* The runtime watch's baseline store: one SQLite file (--store), a baseline per image id.
 * Versioned by PRAGMA user_version; a file of another application or a newer schema is refused. */
#ifndef BW_WATCH_STORE_H
#define BW_WATCH_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include "model/watch_base.h"

#define WATCH_STORE_SCHEMA 1

struct watch_store;
/* $XDG_STATE_HOME/bulwark/watch.db (~/.local/state/bulwark/watch.db) in buf; NULL when neither
 * XDG_STATE_HOME nor HOME is set. */
const char *watch_store_default_path(char *buf, size_t n);
/* Open path; create: make it (and its directories, mode 0700) when missing, else read only.
 * NULL with "PATH: reason" in err. */
struct watch_store *watch_store_open(const char *path, bool create, char *err, size_t errlen);
/* The baseline of image into b (initialised here): 1, 0 when there is none, -1 with err. */
int watch_store_load(struct watch_store *s, const char *image, struct watch_base *b, char *err,
                     size_t errlen);
/* Replace image's stored baseline with b in one transaction: 0, -1 with err. */
int watch_store_save(struct watch_store *s, const struct watch_base *b, char *err, size_t errlen);
/* Every image with a baseline, sorted (malloc'd strings and array): 0, -1 with err. */
int watch_store_images(struct watch_store *s, char ***images, size_t *n, char *err,
                       size_t errlen);
void watch_store_close(struct watch_store *s);

/* `bulwark baseline export`'s JSON ({"schema":"bulwark/watch-baselines/v1","baselines":[...]},
 * report/watch.c writes it) read back: *v (malloc'd, each initialised) and *n, or -1 with "PATH:
 * line L: reason" or "PATH: baselines[I].field: reason" in err. */
int watch_base_parse(const char *path, const char *text, size_t len, struct watch_base **v,
                     size_t *n, char *err, size_t errlen);
#define WATCH_BASE_SCHEMA "bulwark/watch-baselines/v1"

#endif
