/* Live containers as container specs: GET /containers/{id}/json and /top answers. */
#ifndef BW_INSPECT_H
#define BW_INSPECT_H
#include <jansson.h>
#include "model/cspec.h"

/* NULL when j is not an object. engine is borrowed (may be NULL). */
struct cspec *cspec_from_inspect(json_t *j, const struct cs_engine *engine);
/* One GET /volumes/{name} answer applied to the spec's mounts of that volume: a local volume
 * whose options bind a host path becomes that bind. */
void cspec_follow_volume(struct cspec *c, json_t *volume);
/* The process names of a running container from its /top answer; names come from
 * root/proc/PID/comm when readable, else from top's CMD column. */
void cspec_set_procs(struct cspec *c, json_t *top, const char *root);
/* The same without asking the engine: the processes of the container's cgroup, found from its
 * init process (State.Pid) when this host can see it. Returns false when it cannot (remote or
 * rootless engine, another PID namespace, stopped container): then ask /top. The cgroup path
 * must name the container id, so a PID from another namespace is never mistaken for it. */
bool cspec_procs_from_cgroup(struct cspec *c, json_t *inspect, const char *root);
/* The container's execs on record (the inspect's ExecIDs): the first CSPEC_MAX_EXECS ids that
 * can name a path into ids (borrowed from inspect); c->nexec_ids counts every id listed. */
size_t cspec_exec_ids(struct cspec *c, json_t *inspect, const char **ids);
/* One GET /exec/{id}/json answer added to c's execs. Ignored unless an object with an ID that
 * belongs to c (ContainerID, when given, is c's id), and when it is the engine's own health
 * check probe of the container whose inspect is given (may be NULL). */
void cspec_add_exec_inspect(struct cspec *c, json_t *exec, json_t *inspect);
#endif
