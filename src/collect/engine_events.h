/* The Engine API's event stream (GET /events): the container and image events the runtime watch
 * follows, one at a time, resumed after the last one seen when the engine goes away and back. */
#ifndef BW_COLLECT_ENGINE_EVENTS_H
#define BW_COLLECT_ENGINE_EVENTS_H
#include "model/event.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct engine;
struct engine_events;

/* A longer line is an error for that event, which is skipped. */
#define ENGINE_EVENT_MAX (1u << 20)

struct engine_events_opts {
	int64_t since_nano;    /* also replay the engine's buffered events from this time (Unix
	                          nanoseconds); 0: only events from now on */
	int backoff_min_ms;    /* first reconnect delay, doubled per failed attempt; 0 = 500 */
	int backoff_max_ms;    /* 0 = 30000 */
	/* Called once when the stream is lost (up false) and once when it is back (up true), with a
	 * message naming the engine; attempts in between are silent. May be NULL. */
	void (*notify)(void *ud, bool up, const char *text);
	void *ud;
};

/* The stream of e (a live engine, kept open by the caller until engine_events_close), filtered to
 * container start, die, exec_create, exec_start, attach and image pull, tag. Connects on the
 * first engine_events_next. NULL with *err for a replayed engine. */
struct engine_events *engine_events_open(struct engine *e, const struct engine_events_opts *o,
                                         char **err);
/* The next event into *ev (the caller frees it with event_free): 1; 0 when none came within
 * timeout_ms; -1 with *err (malloc'd) for an event that was skipped (over ENGINE_EVENT_MAX, or
 * not an event). A lost stream is reconnected inside these calls with exponential backoff,
 * asking for events since the last one delivered; those already delivered (same timeNano, id
 * and action) are not delivered again. */
int engine_events_next(struct engine_events *s, struct event *ev, int timeout_ms, char **err);
void engine_events_close(struct engine_events *s);

/* Pieces of the above, exposed for the unit tests and the fuzzer. */

/* One event's JSON text: 0, or -1 with *err malloc'd ("not a JSON object", "no Action", ...). */
int engine_event_parse(const char *text, size_t len, struct event *ev, char **err);
/* Whether the watch follows this (type, action). */
bool engine_event_wanted(const struct event *ev);

/* The seam between two connections: the events delivered at the newest timeNano, so that a
 * stream resumed with since=that time repeats none of them. */
#define ENGINE_SEAM_KEYS 64
struct engine_seam {
	int64_t t;                      /* the newest timeNano delivered */
	char *keys[ENGINE_SEAM_KEYS];   /* "type id action" of the events delivered at t */
	int n;
};
/* True when ev was delivered already (older than the seam, or at it with a known key); else
 * records it and returns false. Events without a time are never duplicates. */
bool engine_seam_seen(struct engine_seam *s, const struct event *ev);
void engine_seam_free(struct engine_seam *s);

/* The request path: /events?since=S.N&filters=... (since left out when 0). malloc'd. */
char *engine_events_path(int64_t since_nano);

#endif
