/* The YAML tree and a string hash map. */
#include "util/yaml.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct smap_slot *slot(const struct smap *m, const char *k)
{
	size_t i = hash(k) & (m->cap - 1);
	while (m->slots[i].k && strcmp(m->slots[i].k, k) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

size_t *smap_get(const struct smap *m, const char *k)
{
	if (!m->cap)
		return NULL;
	struct smap_slot *s = slot(m, k);
	return s->k ? &s->v : NULL;
}

void smap_put(struct smap *m, const char *k, size_t v)
{
	if ((m->n + 1) * 2 > m->cap) {
		struct smap old = *m;
		m->cap = old.cap ? old.cap * 2 : 16;
		m->slots = xcalloc(m->cap, sizeof *m->slots);
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].k)
				smap_put(m, old.slots[i].k, old.slots[i].v);
		free(old.slots);
	}
	struct smap_slot *s = slot(m, k);
	if (!s->k) {
		s->k = k;
		m->n++;
	}
	s->v = v;
}

void smap_free(struct smap *m)
{
	free(m->slots);
	memset(m, 0, sizeof *m);
}

bool y_charge(struct ybudget *b, size_t nodes, size_t bytes)
{
	b->nodes += nodes;
	b->bytes += nodes * Y_NODE_COST + bytes;
	if (b->bytes > Y_MAX_BYTES)
		b->exceeded = true;
	return !b->exceeded;
}

struct ynode *y_new(struct ybudget *b, enum ykind k, int file, int line)
{
	struct ynode *n = xcalloc(1, sizeof *n);
	y_charge(b, 1, 0);
	n->kind = k;
	n->file = file;
	n->line = n->at = line;
	return n;
}

struct ynode *y_newstr(struct ybudget *b, const char *s, size_t len, int file, int line)
{
	struct ynode *n = y_new(b, Y_STR, file, line);
	y_charge(b, 0, len + Y_STR_COST);
	n->s = xstrndup(s, len);
	return n;
}

/* Recursion is bounded by the tree height, which the parser caps. */
struct ynode *y_clone(struct ybudget *b, const struct ynode *n)
{
	if (!n)
		return NULL;
	struct ynode *c = y_new(b, b->exceeded ? Y_NULL : n->kind, n->file, n->line);
	if (b->exceeded)
		return c;
	c->tag = n->tag;
	c->quoted = n->quoted;
	c->interpolated = n->interpolated;
	c->at = n->at;
	c->height = n->height;
	if (n->s) {
		y_charge(b, 0, strlen(n->s) + Y_STR_COST);
		c->s = xstrdup(n->s);
	}
	for (size_t i = 0; i < n->n && !b->exceeded; i++) {
		if (n->kind == Y_SEQ) {
			y_seq_add(c, y_clone(b, n->items[i]));
			continue;
		}
		y_charge(b, 0, strlen(n->pairs[i].key) + Y_STR_COST);
		y_map_add(c, xstrdup(n->pairs[i].key), y_clone(b, n->pairs[i].val));
		if (n->kind == Y_MAP && c->n)
			c->pairs[c->n - 1].kline = n->pairs[i].kline;
	}
	return c;
}

void y_free(struct ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++) {
		if (n->kind == Y_SEQ) {
			y_free(n->items[i]);
		} else {
			free(n->pairs[i].key);
			y_free(n->pairs[i].val);
		}
	}
	free(n->items);
	free(n->pairs);
	free(n->s);
	free(n);
}

void y_seq_add(struct ynode *seq, struct ynode *item)
{
	GROW(seq->items, seq->cap, seq->n);
	seq->items[seq->n++] = item;
	if (item && item->height + 1 > seq->height)
		seq->height = item->height + 1;
}

void y_map_add(struct ynode *map, char *key, struct ynode *val)
{
	GROW(map->pairs, map->cap, map->n);
	map->pairs[map->n].key = key;
	map->pairs[map->n].kline = 0;
	map->pairs[map->n++].val = val;
	if (val && val->height + 1 > map->height)
		map->height = val->height + 1;
}

static long y_find(const struct ynode *map, const char *key)
{
	if (!map || map->kind != Y_MAP)
		return -1;
	for (size_t i = map->n; i-- > 0;)
		if (strcmp(map->pairs[i].key, key) == 0)
			return (long)i;
	return -1;
}

struct ynode *y_get(const struct ynode *map, const char *key)
{
	long i = y_find(map, key);
	return i < 0 ? NULL : map->pairs[i].val;
}

struct ynode *y_take(struct ynode *map, const char *key)
{
	long i = y_find(map, key);
	if (i < 0)
		return NULL;
	struct ynode *v = map->pairs[i].val;
	free(map->pairs[i].key);
	memmove(&map->pairs[i], &map->pairs[i + 1], (map->n - (size_t)i - 1) * sizeof *map->pairs);
	map->n--;
	return v;
}

const char *y_text(const struct ynode *n)
{
	return n && n->kind == Y_STR ? n->s : NULL;
}

void y_set_height(struct ynode *n)
{
	n->height = 0;
	for (size_t i = 0; i < n->n; i++) {
		struct ynode *c = n->kind == Y_SEQ ? n->items[i] : n->pairs[i].val;
		if (c && c->height + 1 > n->height)
			n->height = c->height + 1;
	}
}

const char *y_scalar(const struct ynode *n)
{
	return n && (n->kind == Y_STR || n->kind == Y_NULL) ? n->s : NULL;
}

int y_scalar_line(const struct ynode *n)
{
	return y_scalar(n) ? n->at : 0;
}
