/* The per-layer path facts visibility needs: normalised paths, a hash set of every entry's path
 * (8 bytes an entry instead of the path), and whether an upper layer hides a lower file. */
#include "collect/layer.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

int layer_norm_path(const char *name, char **out, bool *absolute)
{
	*absolute = name[0] == '/';
	struct buf b = { 0 };
	buf_addc(&b, '/');
	b.len = 0;
	const char *s = name;
	while (*s) {
		while (*s == '/')
			s++;
		const char *e = s;
		while (*e && *e != '/')
			e++;
		size_t n = (size_t)(e - s);
		if (n == 0 || (n == 1 && s[0] == '.')) {
			/* nothing */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			char *up = b.len ? memrchr(b.s, '/', b.len) : NULL;
			if (!up) {
				free(b.s);
				*out = NULL;
				return -1;
			}
			b.len = (size_t)(up - b.s);
			b.s[b.len] = '\0';
		} else {
			buf_addc(&b, '/');
			buf_add(&b, s, n);
		}
		s = e;
	}
	if (b.len == 0)
		buf_addc(&b, '/');
	*out = buf_take(&b);
	return 0;
}

/* FNV-1a, then a mixer: 64 bits make a collision in one image vanishingly unlikely. */
uint64_t layer_path_hash(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3ull;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return (h & ~1ull) | 2;   /* never 0 (empty slot); bit 0 is the dir flag */
}

static size_t slot(const struct layer_facts *f, uint64_t h)
{
	size_t mask = f->set_cap - 1;
	size_t i = (size_t)(h >> 1) & mask;
	while (f->set[i] && (f->set[i] & ~1ull) != h)
		i = (i + 1) & mask;
	return i;
}

static void rehash(struct layer_facts *f)
{
	uint64_t *old = f->set;
	size_t oldcap = f->set_cap;
	f->set_cap = oldcap ? oldcap * 2 : 1024;
	f->set = xcalloc(f->set_cap, sizeof *f->set);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i])
			f->set[slot(f, old[i] & ~1ull)] = old[i];
	free(old);
}

bool layer_set_put(struct layer_facts *f, uint64_t h, bool isdir)
{
	if ((f->set_n + 1) * 2 > f->set_cap)
		rehash(f);
	size_t i = slot(f, h);
	bool had = f->set[i] != 0;
	f->set[i] = h | (isdir ? 1 : 0);
	if (!had)
		f->set_n++;
	return had;
}

bool layer_set_get(const struct layer_facts *f, uint64_t h, bool *isdir)
{
	if (!f->set_cap)
		return false;
	size_t i = slot(f, h);
	if (!f->set[i])
		return false;
	if (isdir)
		*isdir = f->set[i] & 1;
	return true;
}

/* Is dir ("/a") path's strict ancestor, or path itself? */
static bool under(const char *path, const char *dir, bool self)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return self || path[1] != '\0';
	if (strncmp(path, dir, n) != 0)
		return false;
	return path[n] == '/' || (self && path[n] == '\0');
}

bool layer_hides(const struct layer_facts *up, const char *path, bool isdir)
{
	(void)isdir;
	bool d;
	/* The same path again replaces it; a directory's children stay unless hidden below. */
	if (layer_set_get(up, layer_path_hash(path, strlen(path)), &d))
		return true;
	/* An ancestor replaced by something that is not a directory. */
	for (const char *s = path + 1; (s = strchr(s, '/')); s++)
		if (layer_set_get(up, layer_path_hash(path, (size_t)(s - path)), &d) && !d)
			return true;
	for (size_t i = 0; i < up->nwh; i++)
		if (under(path, up->wh[i].path, !up->wh[i].opaque))
			return true;
	return false;
}
