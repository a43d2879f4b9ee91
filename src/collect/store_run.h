/* The fleet store's two uses: writing a run, and reading the estate back for the report. */
#ifndef BW_COLLECT_STORE_RUN_H
#define BW_COLLECT_STORE_RUN_H
#include <stdbool.h>
#include <stddef.h>
#include "model/finding.h"
#include "model/fleet.h"

struct store;

/* Writes run r and its findings (sorted, fingerprinted; ids[i] is f->v[i]'s rule id) in one
 * transaction. true with *taken set when r->run_id is stored already: nothing is written. */
bool store_put_run(struct store *s, const struct fleet_run *r, const struct findings *f,
                   const char *const *ids, bool *taken, char *err, size_t errlen);

/* What the report shows: hosts whose name matches host_glob (NULL: all), runs at or after
 * since (NULL: all). */
bool store_read_fleet(struct store *s, const char *since, const char *host_glob,
                      struct fleet *out, char *err, size_t errlen);

/* This machine's identity: /etc/machine-id (else /var/lib/dbus/machine-id), NULL when
 * neither; the host name (gethostname). malloc'd. */
char *store_machine_id(void);
char *store_host_name(void);
#endif
