/* Helpers shared by the daemon rules: whether anything is known, and one finding about one
 * setting, placed where the setting was set and naming where that was. */
#ifndef BW_D_UTIL_H
#define BW_D_UTIL_H
#include <stdbool.h>
#include "model/daemon.h"
#include "rules/rule.h"

#define REFS(...) ALIASES(__VA_ARGS__)
#define DOCKERD_REF "https://docs.docker.com/reference/cli/dockerd/"

/* Some source (daemon.json, dockerd's flags, the engine) said something about the daemon. With
 * none, there may be no Docker here at all, and its defaults are no finding. */
bool d_known(const struct daemon *d);

/* "what: origin" at the setting's location (none for defaults and engine values). */
void d_report(struct findings *out, const struct rule *self, const struct d_setting *s,
              const char *evidence, const char *what);

/* The boolean setting key, dflt when unset, equals bad: report it as "what (key V): origin". */
void d_check_bool(const struct rule *self, const struct daemon *d, const char *key, bool dflt,
                  bool bad, const char *what, struct findings *out);
#endif
