/* The version-pin check the package rules share. */
#ifndef BW_RUN_PINS_H
#define BW_RUN_PINS_H
#include "rules/rule.h"
#include "rules/dockerfile/pkg_managers.h"

/* "curl, wget, git" list for messages, in a fixed buffer; truncated with "...". */
struct namelist { char s[200]; size_t len; int n; int line; bool cut; };
void namelist_add(struct namelist *l, const char *name, int line);

/* The packages an install command names: its operands from index first on, read with o. */
struct pkgs {
	size_t first;
	const struct sh_optspec *o;
	bool (*pinned)(const char *pkg);
};

/* A version-pin rule: which commands install packages, and the message "<tool> <what>: a, b"
 * given once per RUN with every unpinned package of it. */
struct pin_rule {
	const char *const *runs;   /* commands it concerns (df_may_run names), NULL-terminated */
	bool (*install)(const struct rcmd *c, struct pkgs *p);
	const char *tool;   /* NULL: the name of the first command with an unpinned package */
	const char *what;   /* "install without version pins" */
};
void check_pins(const struct rule *self, const struct dockerfile *df, struct findings *out,
                const struct pin_rule *pr);

#endif
