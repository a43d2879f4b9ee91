/* Pending updates, reboots and the engine's support status, computed offline. Filled by
 * collect/host_patch*.c, read by the rules in rules/host/patch_*.c. */
#ifndef BW_HOST_PATCH_H
#define BW_HOST_PATCH_H
#include <stdbool.h>
#include <stddef.h>
#include "model/loc.h"

/* A package source whose signatures are not checked: yum, dnf or zypper's gpgcheck off, apt's
 * [trusted=yes] or allow-insecure. */
struct hp_unsigned {
	char *file; int line;    /* where it is set */
	char *repo;              /* the [section], or the source's URI */
	char *setting;           /* as written: "gpgcheck=0", "[trusted=yes]" */
};

/* An installed package with a newer candidate in the package indexes on disk. */
struct hp_update {
	char *name, *arch;
	char *installed, *candidate;
	char *suite;             /* the candidate's suite ("bookworm-security"); NULL unknown */
	bool security;           /* the candidate is offered by a security pocket */
};

struct host_patch {
	bool known;              /* an installed-package database was read; rules stay silent
	                            otherwise */
	const char *db;          /* "/var/lib/dpkg/status", "/lib/apk/db/installed" (static) */
	size_t ninstalled;
	/* Pending updates: known when at least one package index was read. The candidate is the
	 * highest version any index offers, as apt picks it with equal pin priorities; indexes
	 * whose Release says NotAutomatic (experimental, backports) are left out, as apt's
	 * default priorities do for packages not installed from them (a package installed from
	 * backports is not followed there); /etc/apt/preferences is not read. */
	bool updates_known;
	/* Security updates come through indexes of their own (apt's security pockets), so a host
	 * can miss them all by leaving those out; apk and rpm repositories carry them beside the
	 * rest. */
	bool pockets;
	/* The indexes do not say which updates fix vulnerabilities (apk's APKINDEX; rpm
	 * repositories without updateinfo): every update is then reported as an update, never
	 * as "not a security one". */
	bool security_unknown;
	size_t nindexes;
	size_t nsecurity_indexes; /* of them, lists of a security pocket */
	const char *index_dir;   /* "/var/lib/apt/lists" (static) */
	struct hp_update *ups; size_t nups, cap_ups;
	size_t nsecurity;

	/* Reboot: the flag file update-notifier and unattended-upgrades leave, and the packages
	 * that asked for it (its .pkgs companion). */
	char *reboot_flag;       /* the flag file's path; NULL when absent */
	char **reboot_pkgs; size_t nreboot_pkgs, cap_reboot_pkgs;
	/* The newest installed kernel of the running kernel's flavour (host.kernel), when it is
	 * newer than the running one; where it was seen (/boot/vmlinuz-... or the dpkg status). */
	char *kernel_newer, *kernel_newer_from;

	/* unattended-upgrades, on apt hosts (known = a dpkg database was read). */
	bool uu_known, uu_installed, uu_enabled;
	char *uu_value;          /* APT::Periodic::Unattended-Upgrade's last value; NULL unset */
	char *uu_conf; int uu_line;   /* where it (or APT::Periodic::Enable "0") was set */
	bool uu_periodic_off;    /* APT::Periodic::Enable "0" turns every periodic job off */

	/* Package sources with signature checks off, from the repository configuration. */
	struct hp_unsigned *unsigned_srcs; size_t nunsigned, cap_unsigned;

	/* The engine's package, for its support status. */
	char *engine_pkg, *engine_version;   /* "docker-ce", "5:27.3.1-1~debian.12~bookworm" */
	long long now;           /* when the facts were collected (seconds since the epoch) */
};

void host_patch_free(struct host_patch *x);

#endif
