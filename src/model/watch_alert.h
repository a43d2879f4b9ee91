/* An alert of the runtime watch: what deviated, in which container, and the evidence, as plain
 * key/value strings. One alert is one line of `bulwark watch`'s output. */
#ifndef BW_WATCH_ALERT_H
#define BW_WATCH_ALERT_H
#include <stddef.h>
#include <stdint.h>
#include "model/finding.h"   /* enum severity */

enum watch_kind {
	WK_EXEC, WK_SHELL, WK_NETWORK_SHELL, WK_DROPPED_EXECUTED, WK_NEW_PROCESS,
	WK_NEW_LISTENER, WK_PACKET_SOCKET, WK_PRIVILEGE, WK__COUNT
};
const char *watch_kind_name(enum watch_kind k);   /* "exec", "new-listener", ... */

/* The container an alert is about. */
struct watch_who { const char *name, *id, *image; };

struct watch_kv { char *key, *value; };

struct watch_alert {
	int64_t time_ms;               /* Unix milliseconds */
	enum watch_kind kind;
	enum severity severity;
	char *name, *id, *image;       /* the container */
	char *message;
	struct watch_kv *ev; size_t nev, cap_ev;   /* in the order added */
	char *key;                     /* what makes it the same alert again (never printed) */
};

struct watch_alerts { struct watch_alert *v; size_t n, cap; };

/* A new alert at the end of a; message from fmt. Its key is kind, container id and key. */
struct watch_alert *watch_alert_add(struct watch_alerts *a, int64_t time_ms, enum watch_kind k,
                                    enum severity sev, const struct watch_who *who,
                                    const char *key, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* Evidence key=value on al, in order. */
void watch_alert_ev(struct watch_alert *al, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *watch_alert_get(const struct watch_alert *al, const char *key);   /* NULL */
/* Moves src's alerts to the end of dst (src left empty). */
void watch_alerts_move(struct watch_alerts *dst, struct watch_alerts *src);
void watch_alert_free(struct watch_alert *al);
void watch_alerts_free(struct watch_alerts *a);

/* Keys of the alerts raised already, so that the same alert for the same process is raised
 * once. Each scan marks the keys it meets again; those left unmarked (their process is gone)
 * are forgotten by watch_seen_prune. */
struct watch_seen_key { char *key; unsigned gen; };
struct watch_seen { struct watch_seen_key *v; size_t n, cap; };
/* True when key is new (it is recorded); false when seen already. Either way marked at gen. */
int watch_seen_add(struct watch_seen *s, const char *key, unsigned gen);
/* Drops keys of prefix (NULL: any) not marked at gen. */
void watch_seen_prune(struct watch_seen *s, const char *prefix, unsigned gen);
void watch_seen_free(struct watch_seen *s);

#endif
