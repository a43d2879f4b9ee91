/* A network namespace's socket tables. tcp, tcp6, udp and udp6 rows are
 *   sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
 * with addresses as hex words in the kernel's own byte order and ports in plain hex; packet
 * rows are
 *   sk RefCnt Type Proto Iface R Rmem User Inode
 * with the protocol (an ethertype, network order) in hex. */
#include "collect/watch_proc.h"
#include "util/util.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TCP_ESTABLISHED = 0x01, TCP_LISTEN = 0x0A, TCP_CLOSE = 0x07 };

/* Words of 8 hex digits, each a 32-bit value in this machine's order; the bytes come out in
 * network order. */
static bool hex_addr(const char *hex, size_t len, unsigned char *out, size_t words)
{
	if (len != words * 8)
		return false;
	for (size_t i = 0; i < words; i++) {
		uint32_t v = 0;
		for (size_t j = 0; j < 8; j++) {
			char c = hex[i * 8 + j];
			int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 :
			        c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
			if (d < 0)
				return false;
			v = v << 4 | (uint32_t)d;
		}
		memcpy(out + i * 4, &v, 4);
	}
	return true;
}

/* "HEX:PORT" at *p into a printable address and a port; advances *p past it. */
static bool endpoint(const char **p, bool v6, char addr[WATCH_ADDR_LEN], unsigned *port)
{
	const char *s = *p + strspn(*p, " ");
	const char *colon = strchr(s, ':');
	unsigned char a[16];
	if (!colon || !hex_addr(s, (size_t)(colon - s), a, v6 ? 4 : 1))
		return false;
	char *end;
	if (!isxdigit((unsigned char)colon[1]))
		return false;
	unsigned long v = strtoul(colon + 1, &end, 16);
	if (end == colon + 1 || v > 0xffff || (*end != ' ' && *end))
		return false;
	if (!inet_ntop(v6 ? AF_INET6 : AF_INET, a, addr, WATCH_ADDR_LEN))
		return false;
	*port = (unsigned)v;
	*p = end;
	return true;
}

/* The next whitespace-separated word at *p as a number in base; advances *p. */
static bool word(const char **p, int base, unsigned long *v)
{
	const char *s = *p + strspn(*p, " \t");
	char *end;
	if (!isxdigit((unsigned char)*s))   /* strtoul would skip a newline, or take a sign */
		return false;
	errno = 0;
	*v = strtoul(s, &end, base);
	if (end == s || errno || (*end != ' ' && *end != '\t' && *end != '\n' && *end))
		return false;
	*p = end;
	return true;
}

/* The next word at *p, whatever it holds; advances *p. */
static bool skip(const char **p)
{
	const char *s = *p + strspn(*p, " \t");
	size_t k = strcspn(s, " \t\n");
	*p = s + k;
	return k > 0;
}

static bool inet_row(struct watch_sock *k, const char *row, enum watch_proto proto)
{
	bool v6 = proto == WP_TCP6 || proto == WP_UDP6, udp = proto == WP_UDP || proto == WP_UDP6;
	unsigned long st, inode;
	const char *p = row;
	if (!skip(&p) || !endpoint(&p, v6, k->local, &k->lport) ||
	    !endpoint(&p, v6, k->remote, &k->rport) || !word(&p, 16, &st))
		return false;
	for (int i = 0; i < 5; i++)      /* tx:rx tr:when retrnsmt uid timeout */
		if (!skip(&p))
			return false;
	if (!word(&p, 10, &inode))
		return false;
	if (st == TCP_ESTABLISHED)
		k->kind = WS_ESTABLISHED;
	else if (udp ? st == TCP_CLOSE && k->lport : st == TCP_LISTEN)
		k->kind = WS_LISTEN;         /* udp: bound and not connected */
	else
		return false;
	k->state = (unsigned)st;
	k->inode = inode;
	return true;
}

static bool packet_row(struct watch_sock *k, const char *row)
{
	unsigned long type, proto, iface, inode;
	const char *p = row;
	if (!skip(&p) || !skip(&p) || !word(&p, 10, &type) || !word(&p, 16, &proto) ||
	    !word(&p, 10, &iface) || !skip(&p) || !skip(&p) || !skip(&p) || !word(&p, 10, &inode))
		return false;
	if (type > 0xffff || proto > 0xffff || iface > 0x7fffffff)
		return false;
	k->kind = WS_PACKET;
	k->pkt_type = (unsigned)type;
	k->pkt_proto = (unsigned)proto;
	k->ifindex = (int)iface;
	k->inode = inode;
	return true;
}

void watch_parse_net(struct watch_socks *out, const char *text, enum watch_proto proto)
{
	const char *l = strchr(text, '\n');    /* the first line is the header */
	while (l && *++l) {
		struct watch_sock k = { .proto = proto };
		bool ok = proto == WP_PACKET ? packet_row(&k, l) : inet_row(&k, l, proto);
		l = strchr(l, '\n');
		if (!ok)
			continue;
		if (out->n >= WATCH_MAX_SOCKS) {
			out->truncated = true;
			return;
		}
		GROW(out->v, out->cap, out->n);
		out->v[out->n++] = k;
	}
}
