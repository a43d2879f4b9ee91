/* --baseline FILE: the fingerprints of an earlier `--format json` report's findings. */
#ifndef BW_COLLECT_BASELINE_H
#define BW_COLLECT_BASELINE_H
#include <stdbool.h>
#include <stddef.h>
#include "model/finding.h"

struct baseline { char **v; size_t n; };   /* sorted */

/* Reads path into b. On failure records one error naming path (and the line, for bad JSON) in
 * out and returns false, b empty: a report without fingerprints, from an older bulwark, is one. */
bool baseline_read(const char *path, struct baseline *b, struct findings *out);
/* The same over the file's text, already read (len bytes). */
bool baseline_parse(const char *path, const char *text, size_t len, struct baseline *b,
                    struct findings *out);
bool baseline_has(const struct baseline *b, const char *fingerprint);
void baseline_free(struct baseline *b);
#endif
