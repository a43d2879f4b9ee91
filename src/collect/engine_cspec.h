/* The Engine API's container JSON (inspect results and create requests share HostConfig, Env,
 * Healthcheck, Devices, Ulimits, Sysctls and PortBindings) turned into container spec fields.
 * Absent or mistyped fields stay unset; engine answers and requests are trusted for shape,
 * not content. */
#ifndef BW_ENGINE_CSPEC_H
#define BW_ENGINE_CSPEC_H
#include <jansson.h>
#include "model/cspec.h"

const char *ej_str(json_t *o, const char *key);           /* NULL unless a string */
void ej_set_str(struct cs_str *f, json_t *o, const char *key);  /* non-empty only */
/* 0 means "unset" in the API (unlimited, engine default). */
void ej_set_num(struct cs_num *f, json_t *o, const char *key);
enum mount_type ej_mount_type(const char *t);
void ej_add_env(struct cspec *c, json_t *arr);             /* ["K=V", ...] */
void ej_set_healthcheck(struct cspec *c, json_t *config);  /* config.Healthcheck.Test */
/* One published port per PortBindings entry; returns nothing for ExposedPorts. */
struct cs_port *ej_new_port(struct cspec *c, const char *key);    /* "80/tcp" */
void ej_add_port_bindings(struct cspec *c, json_t *bindings);
/* Resources and restart policy: what both HostConfig and an update body carry. */
void ej_set_resources(struct cspec *c, json_t *hc);
/* Privileges, capabilities, security options, namespaces, resources and sysctls of a
 * HostConfig (not mounts or ports: inspect and create spell those differently). */
void ej_set_host_config(struct cspec *c, json_t *hc);
#endif
