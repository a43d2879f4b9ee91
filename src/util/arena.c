#include "util/arena.h"
#include "util/util.h"
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_MIN 1024
#define ARENA_MAX_STEP (64 << 10)  /* blocks stop doubling here: under malloc's mmap threshold */

struct arena_blk {
	struct arena_blk *next;
	size_t size, used;
	max_align_t data[];
};

void arena_init(struct arena *a, size_t first)
{
	a->head = NULL;
	a->next = first < ARENA_MIN ? ARENA_MIN : first;
}

/* A block for at least n bytes. One larger than the next block size is kept behind the head,
 * which goes on serving small requests. */
static struct arena_blk *new_blk(struct arena *a, size_t n)
{
	bool big = n > a->next && a->head;
	size_t size = n > a->next ? n : a->next;
	struct arena_blk *b = xmalloc(sizeof *b + size);
	b->size = size;
	b->used = 0;
	if (big) {
		b->next = a->head->next;
		a->head->next = b;
		return b;
	}
	b->next = a->head;
	a->head = b;
	if (a->next < ARENA_MAX_STEP)
		a->next *= 2;
	return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_blk *b = a->head;
	n = (n + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
	if (!b || b->size - b->used < n)
		b = new_blk(a, n);
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void arena_free(struct arena *a)
{
	while (a->head) {
		struct arena_blk *b = a->head;
		a->head = b->next;
		free(b);
	}
}
