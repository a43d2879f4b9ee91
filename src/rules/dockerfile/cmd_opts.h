/* Options and operands of a RUN command, read without confusing an option's value for an
 * operand: "apt-get -o Dpkg::Options=x install curl" installs curl, not Dpkg::Options=x. */
#ifndef BW_CMD_OPTS_H
#define BW_CMD_OPTS_H
#include <stdbool.h>
#include <stddef.h>
#include "rules/dockerfile/run_iter.h"

/* How a tool's options are written: struct sh_optspec (model/shell.h). */
extern const struct sh_optspec opts_none;
extern const struct sh_optspec curl_opts, wget_opts;

/* Next operand (non-option word) at or after *i; returns its index and moves *i past it, or
 * returns -1. Words after "--" are operands. Option values are skipped. */
long rc_operand(const struct rcmd *c, const struct sh_optspec *o, size_t *i);
/* First operand: the subcommand of apt-get/apk/pip...; *after is the index following it. */
const char *rc_sub(const struct rcmd *c, const struct sh_optspec *o, size_t *after);
/* Has option opt: "--yes" (also "--yes=..."), or "-y" (also inside a cluster "-qy", up to the
 * first letter that takes a value). Values of other options are not mistaken for it. */
bool rc_has(const struct rcmd *c, const struct sh_optspec *o, const char *opt);
/* How often an option is given: its letter across clusters and its long form ("-qq", "-q -q"
 * and "--quiet --quiet" are each 2). longopt may be NULL. */
int rc_opt_count(const struct rcmd *c, const struct sh_optspec *o, char letter,
                 const char *longopt);
/* Value of an option ("-u 1000", "-u1000", "--uid 1000", "--uid=1000"), or NULL; points into
 * argv. shortopt or longopt may be NULL. */
const char *rc_value(const struct rcmd *c, const struct sh_optspec *o, const char *shortopt,
                     const char *longopt);
bool rc_word_has(const struct rcmd *c, const char *w);        /* any word equals w */
/* Operand that names something through a variable or substitution: cannot be judged. */
bool word_dynamic(const char *w);

#endif
