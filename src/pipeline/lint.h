/* The lint pipeline: read inputs, run the collector for their kind, run the rules, apply inline
 * suppressions. Config suppressions and reporting happen once, after all inputs. */
#ifndef BW_LINT_H
#define BW_LINT_H
#include <stddef.h>
#include "model/finding.h"

/* trusted_registries: the config's list for the Dockerfiles' models (NULL: none); not owned. */
/* fingerprints: key each finding by the content it points at, while the text is at hand (when
 * the report prints fingerprints or a baseline is read: pipeline/run.h's run_fingerprints). */
struct lint { struct findings *out; size_t inputs; const char *const *trusted_registries;
              bool fingerprints; };

void lint_dockerfile(struct lint *l, const char *path);          /* "-" reads stdin */
void lint_dockerfile_text(struct lint *l, const char *path, const char *text, size_t len);
void lint_compose(struct lint *l, const char *const *paths, size_t n);  /* merged in order */
/* A file (kind from its name; other *.y*ml as compose, anything else as a Dockerfile) or a
 * directory searched for both. */
void lint_path(struct lint *l, const char *path);
/* lint_path for each of paths, Dockerfiles in parallel; findings in the same order. */
void lint_paths(struct lint *l, char *const *paths, size_t n);
#endif
