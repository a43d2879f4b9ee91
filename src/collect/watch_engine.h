/* What the runtime watch asks the Engine API: the running containers, and an exec's user and
 * terminal. */
#ifndef BW_WATCH_ENGINE_H
#define BW_WATCH_ENGINE_H
#include <stdbool.h>
#include <stddef.h>

struct engine;

struct watch_ctr { char *id, *name, *image, *image_id; };
struct watch_ctrs { struct watch_ctr *v; size_t n, cap; };

/* The running containers (GET /containers/json): 0, or -1 with *err malloc'd. Entries without
 * a 64-hex id or an image id are left out. */
int watch_engine_list(struct engine *e, struct watch_ctrs *out, char **err);
void watch_ctrs_free(struct watch_ctrs *c);

struct watch_exec_info {
	char *user;          /* the exec's user, else the container's Config.User ("" root) */
	bool tty, stdin_open;
};
/* GET /exec/ID/json, and the container's Config.User when the exec names no user: 0, or -1
 * with *err malloc'd (the exec is gone, the engine failed). */
int watch_engine_exec(struct engine *e, const char *exec_id, struct watch_exec_info *x,
                      char **err);

#endif
