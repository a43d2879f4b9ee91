/* One event of the Engine API's /events stream, as plain data: what the runtime watch needs of
 * it and nothing more. */
#ifndef BW_MODEL_EVENT_H
#define BW_MODEL_EVENT_H
#include <stdbool.h>
#include <stdint.h>

struct event {
	char *type;          /* "container", "image", ... */
	char *action;        /* as the engine says, without an exec's command: "start", "die",
	                        "exec_create", "exec_start", "attach", "pull", "tag" */
	char *exec_cmd;      /* exec_create/exec_start: the command after "action: " ("sh -c id");
	                        NULL for other actions */
	char *id;            /* Actor.ID: a container's id; an image's id or reference */
	char *name;          /* Attributes.name: the container's name; an image's (new) reference */
	char *image;         /* Attributes.image (containers) */
	char *exec_id;       /* Attributes.execID (exec_start, exec_die) */
	int exit_code;       /* Attributes.exitCode (die), when has_exit_code */
	bool has_exit_code;
	int64_t time_nano;   /* timeNano; from time (seconds) when absent; 0 when both are */
};

void event_free(struct event *ev);   /* frees the strings; ev itself is the caller's */

#endif
