/* Reading input files for analysis: size cap, text checks, one clear error per bad input. */
#ifndef BW_INPUT_H
#define BW_INPUT_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include "model/finding.h"

#define INPUT_MAX_BYTES (16u << 20)

/* Read path ("-" = stdin) whole. On failure records `PATH:LINE: what` in out and returns false. */
bool input_read(const char *path, char **text, size_t *len, struct findings *out);
/* The same for path already open as fd, which fstat described as st; closes fd. */
bool input_read_open(int fd, const struct stat *st, const char *path, char **text, size_t *len,
                     struct findings *out);
/* NUL bytes and invalid UTF-8 are errors with the line they are on. */
bool input_is_text(const char *path, const char *text, size_t len, struct findings *out);
struct ynode;
/* The first YAML document of a small file (config, policy), or NULL after recording its one
 * error: `invalid YAML: cause` at its line, or `invalid YAML` at line 0 when there is none. */
struct ynode *input_yaml_doc(const char *path, const char *text, size_t len,
                             struct findings *out);
#endif
