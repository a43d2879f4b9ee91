/* Finding Dockerfiles and compose files below a directory. */
#ifndef BW_DISCOVER_H
#define BW_DISCOVER_H
#include <stdbool.h>
#include <stddef.h>
#include "model/finding.h"

enum input_kind { IK_NONE, IK_DOCKERFILE, IK_COMPOSE, IK_COMPOSE_OVERRIDE };

/* What a file name says it is (basename only). */
enum input_kind input_kind_of(const char *path);

/* A Kubernetes manifest (apiVersion and kind at the top level, no services): YAML that is not
 * a compose file, which lint is sometimes named. */
bool k8s_manifest(const char *text, size_t len);

struct found { char *path; enum input_kind kind; };
struct found_list { struct found *v; size_t n, cap; };

/* Walk dir (no symlinked directories, skipping .git and what dir/.bulwarkignore lists), appending
 * recognised files in sorted order. Unreadable directories are recorded as errors. */
void discover(const char *dir, struct found_list *out, struct findings *errs);
void found_list_free(struct found_list *l);
#endif
