#include "model/watch_base.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void watch_base_init(struct watch_base *b, const char *image)
{
	memset(b, 0, sizeof *b);
	b->image = xstrdup(image);
}

void watch_base_free(struct watch_base *b)
{
	for (size_t i = 0; i < b->nexes; i++)
		free(b->exes[i].path);
	free(b->exes);
	free(b->ports);
	free(b->image);
	memset(b, 0, sizeof *b);
}

/* The index of path in the sorted exes, or where it would go (*found false). */
static size_t exe_at(const struct watch_base *b, const char *path, bool *found)
{
	size_t lo = 0, hi = b->nexes;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(b->exes[mid].path, path);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

const struct watch_base_exe *watch_base_exe_find(const struct watch_base *b, const char *path)
{
	bool found;
	size_t i = exe_at(b, path, &found);
	return found ? &b->exes[i] : NULL;
}

bool watch_base_exe_add(struct watch_base *b, const char *path, unsigned long long dev,
                        unsigned long long ino)
{
	bool found;
	size_t i = exe_at(b, path, &found);
	if (found)
		return false;
	GROW(b->exes, b->cap_exes, b->nexes);
	memmove(b->exes + i + 1, b->exes + i, (b->nexes - i) * sizeof *b->exes);
	b->exes[i] = (struct watch_base_exe){ xstrdup(path), dev, ino };
	b->nexes++;
	b->changed = true;
	return true;
}

bool watch_base_port_has(const struct watch_base *b, const char *proto, unsigned port)
{
	for (size_t i = 0; i < b->nports; i++)
		if (b->ports[i].port == port && !strcmp(b->ports[i].proto, proto))
			return true;
	return false;
}

bool watch_base_port_add(struct watch_base *b, const char *proto, unsigned port)
{
	if (watch_base_port_has(b, proto, port))
		return false;
	GROW(b->ports, b->cap_ports, b->nports);
	size_t i = b->nports;
	while (i > 0 && (strcmp(b->ports[i - 1].proto, proto) > 0 ||
	                 (!strcmp(b->ports[i - 1].proto, proto) && b->ports[i - 1].port > port))) {
		b->ports[i] = b->ports[i - 1];
		i--;
	}
	b->ports[i] = (struct watch_base_port){ .port = port };
	snprintf(b->ports[i].proto, sizeof b->ports[i].proto, "%s", proto);
	b->nports++;
	b->changed = true;
	return true;
}
