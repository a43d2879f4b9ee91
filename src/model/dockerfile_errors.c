/* What BuildKit's parser refuses in a file ours reads: it lists them where docker build stops at
 * the first, so that one run shows every misspelt instruction. */
#include "model/dockerfile_int.h"
#include "util/util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KW_SHOWN 40   /* a keyword is one word of the file, which may be any length */

static void add(struct dockerfile *df, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void add(struct dockerfile *df, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	df->errors = xrealloc(df->errors, (df->nerrors + 1) * sizeof *df->errors);
	df->errors[df->nerrors].line = line;
	df->errors[df->nerrors++].msg = xvasprintf(fmt, ap);
	va_end(ap);
}

/* The instruction within two edits of kw, as BuildKit suggests one; NULL if none. Ties go to the
 * first in the table, where BuildKit's map order would pick at random. */
static const char *suggestion(const char *kw)
{
	size_t best = 3;
	const char *pick = NULL;
	for (int k = DF_FROM; k <= DF_SHELL; k++) {
		const char *name = df_kind_name((enum df_kind)k);
		size_t d = str_edit_distance(kw, name);
		if (d < best) {
			best = d;
			pick = name;
		}
	}
	return pick;
}

static void unknown(struct dockerfile *df, const struct df_instr *in)
{
	const char *s = suggestion(in->keyword);
	int n = (int)strlen(in->keyword);
	const char *cut = n > KW_SHOWN ? "..." : "";
	n = n > KW_SHOWN ? KW_SHOWN : n;
	if (s)
		add(df, in->line, "unknown instruction %.*s%s (did you mean %s?)", n, in->keyword, cut,
		    s);
	else
		add(df, in->line, "unknown instruction %.*s%s", n, in->keyword, cut);
}

/* Only ARG may precede the first FROM, and there must be a FROM; an unknown instruction before
 * it may be the misspelt FROM, already reported. */
static void check_stages(struct dockerfile *df)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		if (in->kind == DF_FROM || in->kind == DF_UNKNOWN)
			return;
		if (in->kind != DF_ARG) {
			add(df, in->line, "%s before the first FROM (only ARG may precede it)",
			    in->keyword);
			return;
		}
	}
	add(df, 0, "no FROM instruction: nothing to build");
}

void df_find_errors(struct dockerfile *df)
{
	size_t nunknown = 0;
	if (!df->ninstr) {
		add(df, 0, "empty Dockerfile: no instructions");
		return;
	}
	check_stages(df);
	for (size_t i = 0; i < df->ninstr; i++) {
		if (df->instr[i].kind != DF_UNKNOWN)
			continue;
		if (nunknown++ < DF_MAX_ERRORS)
			unknown(df, &df->instr[i]);
	}
	if (nunknown > DF_MAX_ERRORS)
		add(df, 0, "%zu more unknown instructions", nunknown - DF_MAX_ERRORS);
}
