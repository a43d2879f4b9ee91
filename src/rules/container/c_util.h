/* Small helpers shared by the container rules: naming the target in messages, picking a finding's
 * location, host paths. Nothing here allocates; every function is NULL-safe. */
#ifndef BW_C_UTIL_H
#define BW_C_UTIL_H
#include <stdbool.h>
#include <stddef.h>
#include "model/cspec.h"

/* "service" for compose, "container" for inspect and create requests. */
const char *c_kind(const struct cspec *c);
/* The service or container name, never NULL. */
const char *c_name(const struct cspec *c);

/* Where a finding about a field goes: the field's own loc when the source gave one, else the
 * service definition (inspect specs have neither; the finding then has no location). */
struct loc c_at(const struct cspec *c, struct loc field);

/* A mode field ("host", "private", "container:x", ...) that shares the host's namespace. */
bool c_mode_host(const struct cs_str *mode);

/* Lexically normalise an absolute host path into out (size n): collapse "//", drop "." parts,
 * resolve "..", drop a trailing '/'. "/" stays "/". False for relative paths or when it does not
 * fit. No symlinks are resolved: rules see only what the spec says. */
bool c_path_norm(const char *in, char *out, size_t n);
/* True when the normalised path p is dir itself or lies below it. */
bool c_path_within(const char *p, const char *dir);
/* The last path component (after the last '/'), never NULL. */
const char *c_path_base(const char *p);

/* A mount's host source as messages name it: "/etc", or "volume cfg (bind of /etc)" for a
 * named volume that binds a host path. Written to buf (n bytes) when it needs one. */
const char *c_mount_source(const struct cs_mount *m, char *buf, size_t n);

/* Parse a whole decimal number, optionally the start of a range ("80-90" gives 80). False when s
 * does not start with a digit. */
bool c_parse_port(const char *s, long *v);

#endif
