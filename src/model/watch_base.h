/* A runtime watch baseline: what the containers of one image did while it was learned. Keyed by
 * the image's id (its digest), so every container of an image shares and refines one. */
#ifndef BW_WATCH_BASE_H
#define BW_WATCH_BASE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An executable as first seen: the file differs per container (vfs) or per layer copy, so
 * only the path is compared; dev and ino are kept as evidence. */
struct watch_base_exe { char *path; unsigned long long dev, ino; };
/* A listening port: proto "tcp" or "udp" (an IPv6 socket counts as its IPv4 protocol). */
struct watch_base_port { char proto[4]; unsigned port; };

struct watch_base {
	char *image;                           /* the image id, "sha256:..." */
	struct watch_base_exe *exes; size_t nexes, cap_exes;     /* by path */
	struct watch_base_port *ports; size_t nports, cap_ports; /* by proto, port */
	uint64_t cap_eff;                      /* every effective capability seen */
	unsigned min_uid;                      /* the lowest effective uid seen */
	bool has_uid;                          /* min_uid is set: a process was seen */
	bool packet;                           /* a packet socket was seen */
	bool tty_shell;                        /* a shell on a terminal was seen */
	bool changed;                          /* learned something since loaded or saved */
};

void watch_base_init(struct watch_base *b, const char *image);
void watch_base_free(struct watch_base *b);
const struct watch_base_exe *watch_base_exe_find(const struct watch_base *b, const char *path);
/* Adds the path when new (kept sorted); true when it was. */
bool watch_base_exe_add(struct watch_base *b, const char *path, unsigned long long dev,
                        unsigned long long ino);
bool watch_base_port_has(const struct watch_base *b, const char *proto, unsigned port);
bool watch_base_port_add(struct watch_base *b, const char *proto, unsigned port);

#endif
