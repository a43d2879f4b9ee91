/* What rpm's database readers share (pkg_rpmdb.c for rpmdb.sqlite, pkg_rpm_bdb.c for Berkeley
 * DB Packages, pkg_rpm_ndb.c for ndb Packages.db): one decoder of header blobs. */
#ifndef BW_PKG_RPM_INT_H
#define BW_PKG_RPM_INT_H
#include <stdbool.h>
#include <stddef.h>
#include "model/pkg.h"

/* One database being read: where its packages go and its first fault. */
struct pkg_rpm {
	const char *path;
	size_t layer;
	struct pkg_inv *inv;
	bool faulted;
	char *err;
	size_t errlen;
};

/* Adds the package of one header blob, as rpm stores it (il and dl, big-endian 32-bit, il index
 * entries of 16 bytes, then dl bytes of data), to r->inv; an imported key (gpg-pubkey) is
 * skipped. Returns false when the blob is not a readable header: the caller names the place. */
bool pkg_rpm_header(struct pkg_rpm *r, const unsigned char *blob, size_t len);
#endif
