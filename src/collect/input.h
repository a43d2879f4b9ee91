/* Reading input files for analysis: size cap, text checks, one clear error per bad input. */
#ifndef BW_INPUT_H
#define BW_INPUT_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include "model/finding.h"

#define INPUT_MAX_BYTES (16u << 20)

/* Read path ("-" = stdin) whole. On failure records `PATH:LINE: what` in out and returns false.
 * NUL bytes and invalid UTF-8 are errors: for bulwark's own config, policies and requests. */
bool input_read(const char *path, char **text, size_t *len, struct findings *out);
/* The same for the files being linted, which docker reads whatever their encoding: invalid UTF-8
 * is replaced with U+FFFD and warned about once, at the first line that held it. A NUL byte is
 * still an error (not a text file). */
bool input_read_lint(const char *path, char **text, size_t *len, struct findings *out);
/* input_read_lint of path already open as fd, which fstat described as st; closes fd. */
bool input_read_lint_open(int fd, const struct stat *st, const char *path, char **text,
                          size_t *len, struct findings *out);
/* Only the replacement of input_read_lint, on a malloc'd *text that something else read. */
void input_mend(const char *path, char **text, size_t *len, struct findings *out);
/* NUL bytes and invalid UTF-8 are errors with the line they are on. */
bool input_is_text(const char *path, const char *text, size_t len, struct findings *out);
/* The first max bytes of a small system file (/proc, a data root's engine-id) as a string, or
 * NULL when it cannot be opened; what is past max is not read. */
char *input_read_small(const char *path, size_t max);
struct ynode;
/* The first YAML document of a small file (config, policy), or NULL after recording its one
 * error: `invalid YAML: cause` at its line, or `invalid YAML` at line 0 when there is none. */
struct ynode *input_yaml_doc(const char *path, const char *text, size_t len,
                             struct findings *out);
#endif
