/* Inline suppressions: `# bulwark:ignore=ID[,ID] reason` and hadolint's `# hadolint ignore=DLnnnn`.
 * A comment alone on its line covers the next non-blank, non-comment line; a trailing comment
 * covers its own line, except where own_line_only is set (Dockerfiles: there '#' after an
 * instruction is part of it, and BW-D058 reports it). `# hadolint global ignore=ID` covers the
 * whole file. Collectors may widen a pragma to a whole instruction (first..last). */
#ifndef BW_IGNORE_H
#define BW_IGNORE_H
#include <stddef.h>
#include "model/finding.h"

struct ignore { int first, last; char **ids; size_t nids; char *reason; };
struct ignores {
	struct ignore *v; size_t n, cap;
	struct ignore global;       /* ids of every global pragma; first and last unused */
	bool own_line_only;         /* set before the scan: only pragmas on a line of their own */
};

void ignores_scan(struct ignores *ig, const char *text, size_t len);
/* Mark findings v[from..] whose path is path and line is covered. */
void ignores_apply(const struct ignores *ig, struct findings *out, size_t from, const char *path);
void ignores_free(struct ignores *ig);
#endif
