/* Inside the patch collector: the installed packages and the parts that read them. */
#ifndef BW_HOST_PATCH_INT_H
#define BW_HOST_PATCH_INT_H
#include "collect/host_int.h"
#include "model/pkg.h"

#define HP_STATUS "/var/lib/dpkg/status"
#define HP_LISTS "/var/lib/apt/lists"

/* The installed packages, with an index sorted by name for lookups. */
struct hp_db {
	struct pkg_inv inv;
	size_t *by_name;
};
/* The first installed package named name (then the following ones share it), or -1. */
long hp_db_find(const struct hp_db *db, const char *name);

/* One package manager: its installed-package database, and the pending updates, computed from
 * the indexes it left on disk. host_patch.c tries each in turn; the first whose database is
 * present is the host's. */
struct hp_manager {
	const char *name;        /* "dpkg", "apk", "rpm" */
	/* Fills db->inv from the database and sets p->db to its path (static); false when the
	 * host has none. A damaged database is an input error in errs, and still true. */
	bool (*load)(struct host_patch *p, struct hp_db *db, const struct hroot *r,
	             struct findings *errs);
	/* Pending updates (p->updates_known, ups, index_dir...) and whatever else the manager's
	 * own files say (unattended-upgrades on apt). db->by_name is filled. */
	void (*updates)(struct host_patch *p, const struct hp_db *db, const struct hroot *r,
	                struct findings *errs);
};
extern const struct hp_manager hp_dpkg, hp_apk, hp_rpm;

/* Pending updates from the apt lists on disk (host_patch_apt.c). */
void hp_apt_updates(struct host_patch *p, const struct hp_db *db, const struct hroot *r,
                    struct findings *errs);

/* One record of apk's APKINDEX (host_patch_apk_index.c); arch NULL when the record has none. */
struct hp_apk_rec { const char *name, *version, *arch; };
typedef void hp_apk_offer_fn(void *ctx, const struct hp_apk_rec *rec);
/* Streams the records of the APKINDEX.tar.gz at path to fn; false with an input error naming
 * the file when it cannot be read whole (not a gzip, a truncated tar, an over-long line). */
bool hp_apk_index_read(const struct hroot *r, const char *path, hp_apk_offer_fn *fn, void *ctx,
                       struct findings *errs);

/* A list's Release or InRelease (host_patch_release.c). */
struct hp_release {
	char *suite;             /* Suite, else Codename */
	bool security, not_automatic;
};
/* The Release of a Packages list named list (a file name under HP_LISTS): the file of the
 * longest '_'-prefix of the name with "_InRelease" or "_Release". false when none. */
bool hp_release_for(const struct hroot *r, const char *list, struct hp_release *rel,
                    struct findings *errs);
void hp_release_free(struct hp_release *rel);

/* Package sources with signature checks off (host_patch_sig.c). */
void hp_unsigned_sources(struct host_patch *p, const struct hroot *r, struct findings *errs);

/* Reboot flag and installed kernels (host_patch_reboot.c). */
void hp_reboot(struct host *h, const struct hp_db *db, const struct hroot *r,
               struct findings *errs);
/* unattended-upgrades' APT::Periodic settings (host_patch_uu.c). */
void hp_unattended(struct host_patch *p, const struct hp_db *db, const struct hroot *r,
                   struct findings *errs);
#endif
