/* Package managers as RUN commands, in one table: the commands that are one, how their options
 * are written, which subcommands install, prompt, upgrade or clean, the switches that answer
 * prompts, where the cache is kept, and how a package names its version. */
#ifndef BW_PKG_MANAGERS_H
#define BW_PKG_MANAGERS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "rules/dockerfile/cmd_opts.h"

enum pm { PM_NONE, PM_APT, PM_APK, PM_YUM, PM_ZYPPER, PM_NPM, PM_PIP, PM_PIPX, PM_GEM, PM_GO,
	PM_COUNT };

/* The packages an install command names: its operands from index first on and before end,
 * read with o. */
struct pkgs {
	size_t first, end;
	const struct sh_optspec *o;
	bool (*pinned)(const char *pkg);
};

/* Lists are NULL-terminated; a NULL list or string: the manager has no such thing. */
struct pkg_manager {
	const char *const *cmds;        /* command names: "apt-get", "apt" */
	bool versioned;                 /* a name may end in a version: pip3, pip3.12 */
	bool distro;                    /* installs the distribution's packages */
	struct sh_optspec opts;         /* its options that take a value */
	const char *const *installs;    /* subcommands that install named packages, short forms
	                                   included: "install", "in" */
	const char *modules;            /* "<cmd> module install x:stream" installs modules */
	const char *const *yes;         /* switches that answer its prompts: "-y", "--assumeyes" */
	const char *yes_hint;           /* the one a message suggests */
	const char *const *prompts;     /* subcommands that prompt without them */
	const char *update;             /* subcommand that refreshes the package index */
	const char *const *index_users; /* subcommands that read the index */
	const char *const *upgrades;    /* subcommands that upgrade the whole distribution */
	const char *const *cleans;      /* subcommands that clear the cache ... */
	const char *clean_arg;          /* ... with this word too: "yum clean all" */
	const char *const *cache_dirs;  /* where the cache is kept */
	bool (*pinned)(const char *pkg);        /* the package names a version */
	bool (*pins_elsewhere)(const struct rcmd *c);  /* an install whose packages are pinned
	                                   by an option (gem -v) or not named (pip -r, zypper -t) */
	/* narrows the packages of an install: go run names one, gem's words after -- are build
	   flags */
	void (*pkgs_of)(const struct rcmd *c, struct pkgs *p);
	const char *pin_tool;           /* message "<tool> <pin_what>: pkgs"; NULL: the command */
	const char *pin_what;
};
extern const struct pkg_manager pkg_managers[PM_COUNT];

/* The manager c is a command of. Asked of every command by several rules, and most commands
 * start with two bytes no manager's name does: that is answered inline. */
extern uint16_t pm_by_first[256];
extern uint64_t pm_first_two[65536 / 64];
static inline unsigned pm_two(const char *name)
{
	return (unsigned char)name[0] << 8 | (name[0] ? (unsigned char)name[1] : 0);
}
enum pm pm_lookup(const struct rcmd *c, unsigned candidates);
static inline enum pm pm_of(const struct rcmd *c)
{
	unsigned two = pm_two(c->name);
	if (!(pm_first_two[two / 64] >> (two % 64) & 1))
		return PM_NONE;
	return pm_lookup(c, pm_by_first[(unsigned char)c->name[0]]);
}
/* c may be a command of a manager in mask (bits 1 << pm): some name of one starts with its
 * first byte. Rules after one family skip the lookup for the others' commands with it. */
static inline bool pm_may_be(const struct rcmd *c, unsigned mask)
{
	return pm_by_first[(unsigned char)c->name[0]] & mask;
}
static inline const struct pkg_manager *pm_get(enum pm pm)
{
	return &pkg_managers[pm];
}
static inline const struct sh_optspec *pm_opts(enum pm pm)
{
	return &pkg_managers[pm].opts;
}
/* c is a command of manager pm whose subcommand is one of subs. */
bool pm_sub_in(const struct rcmd *c, enum pm pm, const char *const *subs);
/* An install of named packages (apt-get install, apk add, dnf install, zypper in, npm i); *pkgs
 * is the index to pass to rc_operand for the package list. */
bool pm_install(const struct rcmd *c, enum pm *pm, size_t *pkgs);
/* c has one of its manager's assume-yes switches. */
bool pm_assumes_yes(const struct rcmd *c, enum pm pm);

/* c installs packages whose version pins can be judged; *pm and *p say with what and where. */
bool pm_pkgs(const struct rcmd *c, enum pm *pm, struct pkgs *p);

/* The file may run a command of manager pm; of any distribution package manager. */
bool df_may_run_pm(const struct dockerfile *df, enum pm pm);
bool df_may_run_distro_pm(const struct dockerfile *df);

#endif
