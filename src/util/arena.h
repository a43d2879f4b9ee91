/* Bump allocator for many small blocks that live and die together (one parsed Dockerfile's
 * strings and word lists): a few malloc calls instead of one each, one walk to free them. */
#ifndef BW_ARENA_H
#define BW_ARENA_H
#include <stdbool.h>
#include <stddef.h>

struct arena_blk;
struct arena {
	struct arena_blk *head;    /* newest block first */
	size_t next;               /* size of the next block; doubles */
};

/* first: size of the first block (a hint; 0 for a default). */
void arena_init(struct arena *a, size_t first);
void *arena_alloc(struct arena *a, size_t n);             /* aligned for any type */
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

#endif
