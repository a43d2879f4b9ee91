/* The fleet store's two uses: writing a run, and reading the estate back for the report. */
#ifndef BW_COLLECT_STORE_RUN_H
#define BW_COLLECT_STORE_RUN_H
#include <stdbool.h>
#include <stddef.h>
#include "model/finding.h"
#include "model/fleet.h"
#include "model/pkg.h"

struct store;

/* Writes run r, its findings (sorted, fingerprinted; ids[i] is f->v[i]'s rule id) and its
 * inventory (may be NULL) in one transaction. true with *taken set when r->run_id is stored
 * already: nothing is written. */
bool store_put_run(struct store *s, const struct fleet_run *r, const struct findings *f,
                   const char *const *ids, const struct fleet_inv *inv, bool *taken, char *err,
                   size_t errlen);

/* What the report shows: hosts whose name matches host_glob (NULL: all), runs at or after
 * since (NULL: all). */
bool store_read_fleet(struct store *s, const char *since, const char *host_glob,
                      struct fleet *out, char *err, size_t errlen);

/* The images in use in the latest run of each host and command in the window (as
 * store_read_fleet): one row per (digest, host), in digest then host order; ref may be NULL.
 * Images come from the runs' images and their containers' image ids alike. */
struct fleet_use { char *digest, *ref, *host; size_t containers; };
bool store_read_use(struct store *s, const char *since, struct fleet_use **out, size_t *n,
                    char *err, size_t errlen);
void fleet_use_free(struct fleet_use *u, size_t n);
/* The packages stored for digest, into inv (added to it); none when it has none stored. */
bool store_read_pkgs(struct store *s, const char *digest, struct pkg_inv *inv, char *err,
                     size_t errlen);

/* This machine's identity: /etc/machine-id (else /var/lib/dbus/machine-id), NULL when
 * neither; the host name (gethostname). malloc'd. */
char *store_machine_id(void);
char *store_host_name(void);
#endif
