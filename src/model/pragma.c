#include "model/pragma.h"
#include <string.h>

/* Skip spaces and tabs from p; at least min of them. NULL if fewer (or p NULL). */
static const char *blanks(const char *p, const char *end, size_t min)
{
	const char *q = p;
	if (!p)
		return NULL;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	return (size_t)(q - p) >= min ? q : NULL;
}

static const char *word(const char *p, const char *end, const char *w)
{
	size_t k = strlen(w);
	return p && (size_t)(end - p) >= k && memcmp(p, w, k) == 0 ? p + k : NULL;
}

/* After '#': "bulwark:ignore=", or hadolint's words with the blanks its parser takes between
 * them ("hadolint ignore=", "hadolint global ignore="). */
static enum pragma_kind after_hash(const char *p, const char *end, const char **ids)
{
	const char *q;
	p = blanks(p, end, 0);
	if ((q = word(p, end, "bulwark:ignore="))) {
		*ids = q;
		return PRAGMA_LINE;
	}
	if (!(p = blanks(word(p, end, "hadolint"), end, 1)))
		return PRAGMA_NONE;
	enum pragma_kind kind = PRAGMA_LINE;
	if ((q = word(p, end, "global")) && (q = blanks(q, end, 1))) {
		kind = PRAGMA_GLOBAL;
		p = q;
	}
	if (!(q = word(p, end, "ignore=")))
		return PRAGMA_NONE;
	*ids = q;
	return kind;
}

enum pragma_kind pragma_find(const char *s, size_t n, const char **hash, const char **ids)
{
	const char *end = s + n;
	for (const char *p = s; (p = memchr(p, '#', (size_t)(end - p))); p++) {
		enum pragma_kind k = after_hash(p + 1, end, ids);
		if (k != PRAGMA_NONE) {
			*hash = p;
			return k;
		}
	}
	return PRAGMA_NONE;
}
