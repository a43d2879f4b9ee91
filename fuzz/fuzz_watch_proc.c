/* libFuzzer target: the /proc text the runtime watch parses. The first byte picks the file the
 * rest is: stat, status, cgroup, a socket table (tcp, tcp6, udp, udp6, packet) or an fd or exe
 * link. What comes out must hold together: ids of 64 hex digits from the wanted list, a path
 * inside the text, printable addresses within their arrays, kinds that fit the table. */
#include "collect/watch_proc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ID_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ID_B "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void cgroup(const char *text, size_t len)
{
	static const char *const ids[] = { ID_B, ID_A };
	char id[WATCH_ID_LEN + 1];
	const char *path;
	size_t plen;
	for (int any = 0; any < 2; any++) {
		if (!watch_parse_cgroup(text, any ? NULL : ids, any ? 0 : 2, id, &path, &plen))
			continue;
		if (strlen(id) != WATCH_ID_LEN || strspn(id, "0123456789abcdef") != WATCH_ID_LEN)
			__builtin_trap();
		if (!any && strcmp(id, ID_A) && strcmp(id, ID_B))
			__builtin_trap();
		if (path < text || path + plen > text + len || !memmem(path, plen, id, WATCH_ID_LEN))
			__builtin_trap();
	}
}

static void net(const char *text, enum watch_proto proto)
{
	struct watch_socks s = { 0 };
	watch_parse_net(&s, text, proto);
	for (size_t i = 0; i < s.n; i++) {
		const struct watch_sock *k = &s.v[i];
		if (!memchr(k->local, 0, sizeof k->local) || !memchr(k->remote, 0, sizeof k->remote))
			__builtin_trap();
		if ((proto == WP_PACKET) != (k->kind == WS_PACKET) || k->lport > 0xffff ||
		    k->rport > 0xffff || k->proto != proto)
			__builtin_trap();
	}
	free(s.v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > (1 << 16))
		return 0;
	char *text = malloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	size_t len = strlen(text);
	int ppid;
	unsigned long long start;
	struct watch_proc p = { 0 };
	switch (data[0] % 9) {
	case 0:
		if (watch_parse_stat(text, &ppid, &start) && ppid < 0)
			__builtin_trap();
		break;
	case 1:
		if (watch_parse_status(text, &p) && p.tracer_pid < 0)
			__builtin_trap();
		break;
	case 2:
		cgroup(text, len);
		break;
	case 8:
		(void)watch_fd_kind(text);
		(void)watch_exe_flags(text);
		(void)watch_link_inode(text, "socket:");
		(void)watch_link_inode(text, "net:");
		break;
	default:
		net(text, (enum watch_proto)(data[0] % 9 - 3));
	}
	free(text);
	return 0;
}
