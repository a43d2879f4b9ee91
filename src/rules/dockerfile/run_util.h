/* Helpers for the RUN-command rules: walk a RUN's simple commands with wrappers (sudo, env,
 * xargs, python -m pip ...) peeled off, read their options and operands without confusing an
 * option's value for a package, and answer "is this path covered by a cache mount or removed
 * in the same RUN". No allocation: results point into the model or into caller buffers. */
#ifndef BW_RUN_UTIL_H
#define BW_RUN_UTIL_H
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "model/dockerfile.h"
#include "rules/rule.h"
#include "rules/dockerfile/df_util.h"

/* One simple command of a RUN, after wrappers. */
struct rcmd {
	char **argv; size_t argc;  /* the wrapped command: argv[0] is "apt-get" in "sudo apt-get" */
	const char *name;          /* argv[0] without its directory; "" if argc is 0 */
	const struct sh_cmd *sh;   /* the whole simple command as parsed */
	size_t index;              /* position in the RUN's command list */
	bool sudo;                 /* a sudo wrapper was peeled off */
	int line;
};

/* Iterates the commands of one RUN (or ONBUILD RUN). A JSON-form RUN that the parser did not
 * split (no shell) yields its argv as a single command. */
struct run_iter {
	const struct df_instr *in;
	size_t i;
	int line;                  /* fallback line */
	struct sh_cmd json;
};

/* run_at, rcmd_from and run_next are inline: every RUN rule calls them for every instruction
 * and command, and they do little more than copy fields. */
/* The RUN instruction at df->instr[idx] (or the RUN inside ONBUILD), else NULL. */
static inline const struct df_instr *run_at(const struct dockerfile *df, size_t idx)
{
	const struct df_instr *in = &df->instr[idx];
	if (in->kind == DF_RUN)
		return in;
	if (in->kind == DF_ONBUILD && in->onbuild && in->onbuild->kind == DF_RUN)
		return in->onbuild;
	return NULL;
}

/* for (i, in) over every RUN (and ONBUILD RUN) of df. */
#define for_each_run(df, i, in)                                  \
	for (size_t i = 0; i < (df)->ninstr; i++)                \
		if (((in) = run_at((df), i)) != NULL)

/* One simple command with its wrappers peeled off (as the parser found them). */
static inline void rcmd_from(struct rcmd *c, const struct sh_cmd *sh, int fallback_line)
{
	c->sh = sh;
	c->argv = sh->argv + sh->start;
	c->argc = sh->argc - sh->start;
	c->line = sh->line ? sh->line : fallback_line;
	c->name = sh->cmd;
	c->index = 0;
	c->sudo = sh->sudo;
}

void run_iter_init(struct run_iter *it, const struct df_instr *in, int line);
/* The next command of the RUN into *c; false after the last. */
static inline bool run_next(struct run_iter *it, struct rcmd *c)
{
	const struct sh_cmd *sh;
	if (it->in->sh.ncmds) {
		if (it->i >= it->in->sh.ncmds)
			return false;
		sh = &it->in->sh.cmds[it->i];
	} else {
		if (it->i || !it->json.argc)
			return false;
		sh = &it->json;
	}
	rcmd_from(c, sh, it->line);
	c->index = it->i++;
	return true;
}

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
/* Count of a short option letter across clusters ("-qq" or "-q -q" is 2). */
int rc_short_count(const struct rcmd *c, const struct sh_optspec *o, char letter);
/* Value of an option ("-u 1000", "-u1000", "--uid 1000", "--uid=1000"), or NULL; points into
 * argv. shortopt or longopt may be NULL. */
const char *rc_value(const struct rcmd *c, const struct sh_optspec *o, const char *shortopt,
                     const char *longopt);
bool rc_word_has(const struct rcmd *c, const char *w);        /* any word equals w */
/* The command is name. Rules ask this of every command, and most names differ from name at the
 * first byte: that byte is compared inline. */
static inline bool rc_is(const struct rcmd *c, const char *name)
{
	return c->name[0] == name[0] && !strcmp(c->name, name);
}

/* Package managers. */
enum pm { PM_NONE, PM_APT, PM_APK, PM_YUM, PM_ZYPPER };
enum pm pm_of(const struct rcmd *c);          /* apt-get/apt; apk; yum/dnf/microdnf/tdnf; zypper */
const struct sh_optspec *pm_opts(enum pm pm);
/* An install of named packages (apt-get install, apk add, dnf install, zypper in); *pkgs is
 * the index to pass to rc_operand for the package list. */
bool pm_install(const struct rcmd *c, enum pm *pm, size_t *pkgs);
/* Operand that names something through a variable or substitution: cannot be judged. */
bool word_dynamic(const char *w);

/* A --mount=type=cache or type=tmpfs of in whose target covers path (is path or a parent). */
bool run_mount_covers(const struct df_instr *in, const char *path);
/* A cache/tmpfs mount whose target ends with suffix ("/.cache/pip"). */
bool run_mount_suffix(const struct df_instr *in, const char *suffix);
/* The RUN removes path or a parent of it (rm DIR, rm DIR/\*, find DIR -delete). */
bool run_removes(const struct df_instr *in, const char *path);
/* target is path or one of its parent directories; trailing '/' and '/\*' ignored. */
bool path_covers(const char *target, const char *path);

/* Instructions in effect before df->instr[idx]: earlier ones of its stage, then those of the
 * stages it is built FROM, latest first. */
/* Latest ENV value of key in effect before df->instr[idx], or NULL. */
const char *run_env(const struct dockerfile *df, size_t idx, const char *key);
/* The stage ends up in the image: it is the final stage or one the final stage builds FROM.
 * Layer-size rules skip builder stages whose layers are thrown away. */
bool stage_shipped(const struct dockerfile *df, int stage);

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
/* Command names that pm_of knows, and whether the file may run any of them. */
extern const char *const pm_names[];
bool df_may_run_any(const struct dockerfile *df, const char *const *names);
void check_pins(const struct rule *self, const struct dockerfile *df, struct findings *out,
                const struct pin_rule *pr);

#endif
