/* Engine create requests (POST /containers/create bodies) as container specs, so the
 * authorization plugin runs the same container rules on a request before it takes effect. */
#ifndef BW_CREATE_H
#define BW_CREATE_H
#include <jansson.h>
#include "model/cspec.h"

/* NULL when body is not an object. name: the ?name= of the request, or NULL. */
struct cspec *cspec_from_create(json_t *body, const char *name);
/* An update body (POST /containers/{id}/update): resources and restart policy only. */
struct cspec *cspec_from_update(json_t *body, const char *name);
/* A "src:dst[:opts]" HostConfig.Binds entry as a mount. */
void cspec_add_bind(struct cspec *c, const char *bind);
#endif
