/* Compose files -> container specs. */
#ifndef BW_COMPOSE_H
#define BW_COMPOSE_H
#include <stddef.h>
#include "model/finding.h"
#include "model/cspec.h"

struct compose_file { const char *path; const char *text; size_t len; };

struct compose_project {
	char **paths; size_t npaths;          /* owned copies; cspec locs point into these */
	struct cspec **services; size_t nservices;   /* in file order of first definition */
};

/* Load files in order and merge them as `docker compose -f a -f b` does. Interpolation reads the
 * process environment and a .env file beside the first file. Problems go to out: invalid YAML or
 * a ${VAR:?msg} error as an error with path and line, an unset variable as a warning. Returns
 * NULL when nothing usable was loaded (an error was then recorded). */
struct compose_project *compose_load(const struct compose_file *files, size_t n,
                                     struct findings *out);
void compose_free(struct compose_project *p);
#endif
