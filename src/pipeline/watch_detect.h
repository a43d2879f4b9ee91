/* The runtime watch's pure half: a snapshot folded into a baseline while it learns, a snapshot
 * compared with a baseline afterwards, and an exec turned into an alert. No I/O. */
#ifndef BW_WATCH_DETECT_H
#define BW_WATCH_DETECT_H
#include <stdbool.h>
#include <stdint.h>
#include "model/watch.h"
#include "model/watch_alert.h"
#include "model/watch_base.h"

/* The container runtime's own process entering the container (runc init, run from its memfd
 * copy) is not the container's doing: neither learned nor compared. */
bool watch_proc_is_runtime(const struct watch_proc *p);
/* A shell (sh, bash, busybox as sh, ...), by its executable or argv[0]. */
bool watch_proc_is_shell(const struct watch_proc *p);
/* A shell or a script interpreter (python, perl, ruby, php, node, lua). */
bool watch_proc_is_interp(const struct watch_proc *p);

/* Fold what c runs and listens on into b. */
void watch_learn(struct watch_base *b, const struct watch_container *c);
/* The alerts of c against b (new-process, new-listener, packet-socket, shell, network-shell,
 * dropped-executed, privilege), appended to out with time now_ms. Each alert's key names its
 * process (pid and start), so a caller keeping watch_seen raises it once. */
void watch_compare(const struct watch_base *b, const struct watch_container *c,
                   const struct watch_who *who, int64_t now_ms, struct watch_alerts *out);

/* An exec into a container, from the event stream and the exec's own inspect. */
struct watch_exec {
	const char *exec_id;
	const char *cmd;             /* the command as the event gave it */
	bool known;                  /* the exec was inspected: user, tty and stdin below are set */
	const char *user;            /* as the exec asked; "" the container's */
	const char *container_user;  /* the container's Config.User ("" the image's: root); NULL
	                                when unknown */
	bool tty, stdin_open;
};
/* One exec alert: critical when interactive (tty or stdin) or when it runs as root. */
void watch_exec_alert(const struct watch_exec *x, const struct watch_who *who, int64_t now_ms,
                      struct watch_alerts *out);

/* argv joined by spaces, with credentials the secret engine finds redacted. malloc'd. */
char *watch_cmdline(const struct watch_proc *p);

#endif
