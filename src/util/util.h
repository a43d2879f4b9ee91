/* Small shared helpers: checked allocation, growable strings and lists. Nothing domain-specific. */
#ifndef BW_UTIL_H
#define BW_UTIL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>
#include <string.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);          /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Grow *v (element size sz) so that index n fits; doubles capacity. */
void grow(void **v, size_t *cap, size_t n, size_t sz);
#define GROW(v, cap, n) grow((void **)&(v), &(cap), (n), sizeof *(v))

struct buf { char *s; size_t len, cap; };
void buf_reserve(struct buf *b, size_t n);     /* room for n more bytes and the NUL */
/* Inline, as buf_addc: the parsers add most of their output a few bytes at a time. */
static inline void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		buf_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}
/* Inline: the parsers add most of their output one character at a time. */
static inline void buf_addc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap)
		buf_reserve(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}
void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *buf_take(struct buf *b);         /* NUL-terminated, caller frees; buf reset */

bool str_eq(const char *a, const char *b);            /* NULL-safe */
bool str_ieq(const char *a, const char *b);
/* Levenshtein distance of a and b, ASCII case ignored; SIZE_MAX when either is over 64 bytes.
 * For "did you mean" hints. */
size_t str_edit_distance(const char *a, const char *b);
bool str_prefix(const char *s, const char *prefix);
bool str_iprefix(const char *s, const char *prefix);
bool str_suffix(const char *s, const char *suffix);
bool str_isuffix(const char *s, const char *suffix);
const char *str_icontains(const char *hay, const char *needle);
char *str_trim(char *s);                              /* in place */
bool glob_match(const char *pattern, const char *s);  /* *, ?, ** across '/' */
/* mkdir -p the directories above path, mode 0700 (what they hold may say what a site runs);
 * false with "DIR: reason" in err. */
bool path_mkdir_parents(const char *path, char *err, size_t errlen);
char *path_fold(char *abs);          /* "/a/./b/../c" -> "/a/c", in place; returns abs */

/* utf8.c. Length of the valid UTF-8 sequence at s (at most n bytes; 1 for ASCII), 0 if invalid.
 * A NUL-terminated s may pass n = 4: a NUL ends any sequence before it is read past. */
size_t utf8_seq(const unsigned char *s, size_t n);
enum text_fault { TEXT_OK, TEXT_NUL, TEXT_BAD_UTF8 };
/* Is text all text: no NUL byte, valid UTF-8? *line is where the fault is (0 when none). */
enum text_fault text_check(const char *text, size_t len, int *line);
/* A copy of text (malloc'd, NUL-terminated, length in *out_len) where every byte that starts no
 * valid UTF-8 sequence is replaced with U+FFFD; NUL bytes are copied as they are. */
char *utf8_mend(const char *text, size_t len, size_t *out_len);
/* Length of the UTF-8 sequence at s (n bytes left) if it is a YAML printable character, else 0. */
size_t yaml_printable(const unsigned char *s, size_t n);

#endif
