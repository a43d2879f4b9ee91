/* Inside the rpm part of the patch collector: a streaming reader of repository metadata (the
 * XML files dnf, yum and zypper cache, plain or compressed), over libxml2's xmlTextReader,
 * opened on first use as util/dynlib.h says (libxml2 is not linked). */
#ifndef BW_HOST_PATCH_RPM_INT_H
#define BW_HOST_PATCH_RPM_INT_H
#include <stdbool.h>
#include <stddef.h>
#include "collect/host_patch_int.h"

struct rx;
/* The file at path below r; a name not ending in ".xml" is decompressed (gzip, xz, zstd,
 * bzip2) through libarchive. NULL with a message in err when it cannot be opened. */
struct rx *rx_open(const struct hroot *r, const char *path, char *err, size_t errlen);
/* The next start tag: true there, false at the end of the document or on an error (rx_error
 * then says which). */
bool rx_next(struct rx *x);
const char *rx_name(const struct rx *x);     /* its local name */
int rx_depth(const struct rx *x);            /* the root element is at 0 */
/* The attribute name of the current start tag into buf (truncated to n-1); false when absent. */
bool rx_attr(struct rx *x, const char *name, char *buf, size_t n);
/* The text right inside the current start tag into buf ("" when none); false when it is
 * longer than n-1 bytes. Consumes that text node. */
bool rx_text(struct rx *x, char *buf, size_t n);
/* The first error: its message (NULL when none) and line. */
const char *rx_error(const struct rx *x, int *line);
void rx_close(struct rx *x);

/* What one repository offers each installed package (indexed like db->inv.pkgs): the highest
 * EVR above the installed one, and the lowest EVR above it that a security advisory names. */
struct rpm_offers {
	char **ver, **sec;
};
/* Reads a primary.xml (<package type="rpm">) or an updateinfo.xml (<update type="security">)
 * into o, for the installed packages marked in top (the highest installed of a name and
 * architecture); false on an error, which rx_error tells. */
bool hp_rpm_primary(const struct hp_db *db, const bool *top, struct rpm_offers *o, struct rx *x);
bool hp_rpm_updateinfo(const struct hp_db *db, const bool *top, struct rpm_offers *o,
                       struct rx *x);
/* hp_rpm's updates (host_patch_rpm_repo.c). */
void hp_rpm_updates(struct host_patch *p, const struct hp_db *db, const struct hroot *r,
                    struct findings *errs);
#endif
