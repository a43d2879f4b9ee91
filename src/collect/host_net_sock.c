/* The kernel's socket tables: /proc/net/{tcp,tcp6,udp,udp6}. Each row is
 *   sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
 * with addresses as hex words the kernel prints in its own byte order, ports in plain hex. */
#include "collect/host_net_int.h"
#include "util/util.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TCP_LISTEN = 0x0A, TCP_CLOSE = 0x07 };

/* Words of 8 hex digits, each a 32-bit value in this machine's order (as the kernel printed
 * it); so the bytes come out in network order. false when malformed. */
static bool hex_addr(const char *hex, unsigned char *out, size_t words)
{
	if (strlen(hex) != words * 8)
		return false;
	for (size_t i = 0; i < words; i++) {
		char w[9];
		memcpy(w, hex + i * 8, 8);
		w[8] = '\0';
		char *end;
		unsigned long v = strtoul(w, &end, 16);
		if (*end)
			return false;
		uint32_t v32 = (uint32_t)v;
		memcpy(out + i * 4, &v32, 4);
	}
	return true;
}

static bool v4_loopback(const unsigned char *a) { return a[0] == 127; }

static void classify(struct host_listener *l, const unsigned char *a, bool v6)
{
	static const unsigned char zero[16], mapped[12] = { [10] = 0xff, [11] = 0xff };
	static const unsigned char one[16] = { [15] = 1 };
	if (!v6) {
		l->loopback = v4_loopback(a);
		l->any = !memcmp(a, zero, 4);
		return;
	}
	l->any = !memcmp(a, zero, 16);
	l->loopback = !memcmp(a, one, 16) || (!memcmp(a, mapped, 12) && v4_loopback(a + 12));
}

/* One row; false when it is not a listener. */
static bool parse_row(struct host_listener *l, const char *row, bool v6, bool udp)
{
	char local[40], remote[40];
	unsigned port, rport, st;
	unsigned long inode;
	unsigned char a[16];
	if (sscanf(row, " %*[0-9]: %39[0-9A-Fa-f]:%x %39[0-9A-Fa-f]:%x %x %*s %*s %*s %*u %*u %lu",
	           local, &port, remote, &rport, &st, &inode) != 6)
		return false;
	if (udp ? st != TCP_CLOSE || port == 0 : st != TCP_LISTEN)
		return false;
	if (!hex_addr(local, a, v6 ? 4 : 1))
		return false;
	char text[INET6_ADDRSTRLEN];
	if (!inet_ntop(v6 ? AF_INET6 : AF_INET, a, text, sizeof text))
		return false;
	l->addr = xstrdup(text);
	l->port = port;
	l->inode = inode;
	classify(l, a, v6);
	return true;
}

void host_net_parse(struct host_net *n, char *text, const char *path, struct findings *errs)
{
	bool v6 = str_suffix(path, "6"), udp = strstr(path, "/udp") != NULL;
	struct hlines it;
	char *row;
	hlines_init(&it, text, path, errs);
	while ((row = hlines_next(&it))) {
		struct host_listener l = { 0 };
		if (it.line == 1 || !parse_row(&l, row, v6, udp))
			continue;
		if (n->n >= NET_MAX_LISTENERS) {
			free(l.addr);
			n->truncated = true;
			return;
		}
		l.proto = udp ? (v6 ? "udp6" : "udp") : (v6 ? "tcp6" : "tcp");
		l.loc = (struct loc){ path, it.line };
		GROW(n->v, n->cap, n->n);
		n->v[n->n++] = l;
	}
}
