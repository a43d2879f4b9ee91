/* Fingerprints: which finding is "the same" from one run to the next, wherever its line moved.
 * A key hashes the rule, the target and the offending content (never the line number); the
 * fingerprint is the key and ":N", the finding's occurrence among those with the same key. */
#ifndef BW_FINGERPRINT_H
#define BW_FINGERPRINT_H
#include <stddef.h>
#include "model/finding.h"

struct dockerfile;
/* Keys for the findings of out from index from on that are located in path, whose text (as
 * read, len bytes) is at hand: their content is the whole Dockerfile instruction holding the
 * line (df given), or the line alone (df NULL: a YAML file). Whitespace runs count as one
 * space, line continuations and comment lines inside an instruction as nothing. */
void fingerprint_keys(struct findings *out, size_t from, const char *path, const char *text,
                      size_t len, const struct dockerfile *df);
/* Every finding's fingerprint, out sorted: findings given no key above get one whose content is
 * their message (with whitespace and line numbers normalized), then all get ":N". */
void fingerprint_all(struct findings *out);
#endif
