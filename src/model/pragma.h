/* Inline suppression pragmas as written after a '#': `bulwark:ignore=ID,ID reason`, hadolint's
 * `hadolint ignore=DL3008` and its `hadolint global ignore=DL3008,DL3009` (the whole file). The
 * pipeline applies them; a Dockerfile rule reports those written where '#' is no comment. */
#ifndef BW_PRAGMA_H
#define BW_PRAGMA_H
#include <stddef.h>

enum pragma_kind { PRAGMA_NONE, PRAGMA_LINE, PRAGMA_GLOBAL };

/* The first pragma in s[0..n): its kind; *hash is set to its '#', *ids to its first id. */
enum pragma_kind pragma_find(const char *s, size_t n, const char **hash, const char **ids);

#endif
