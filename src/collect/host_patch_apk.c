/* Pending updates on an apk: /lib/apk/db/installed against the APKINDEX files in apk's cache. */
#include "collect/host_patch_int.h"

static bool load(struct host_patch *p, struct hp_db *db, const struct hroot *r,
                 struct findings *errs)
{
	(void)p, (void)db, (void)r, (void)errs;
	return false;
}

static void updates(struct host_patch *p, const struct hp_db *db, const struct hroot *r,
                    struct findings *errs)
{
	(void)p, (void)db, (void)r, (void)errs;
}

const struct hp_manager hp_apk = { .name = "apk", .load = load, .updates = updates };
