/* SBOMs of an image's package inventory: CycloneDX 1.5 JSON and SPDX 2.3 JSON. Components are
 * sorted, so two runs over the same inventory differ only in the timestamp and the serial
 * number (document namespace), and not at all when the caller fixes both (SOURCE_DATE_EPOCH). */
#ifndef BW_SBOM_H
#define BW_SBOM_H
#include <stdio.h>
#include "model/image_fs.h"
#include "model/pkg.h"

enum sbom_format { SBOM_CYCLONEDX, SBOM_SPDX };

/* What the SBOM describes and when it was made. */
struct sbom_subject {
	const char *name;                 /* the image reference */
	const char *id;                   /* "sha256:<hex>" of its config; may be NULL */
	const struct img_layer *layers;   /* for each package's layer digest; may be NULL */
	size_t nlayers;
	long long created;                /* seconds since the epoch */
	/* 16 random bytes make the serial number (namespace) a random UUID; NULL derives it
	 * from the format, name, id and time, for reproducible output. */
	const unsigned char *nonce;
};

/* "cyclonedx" or "spdx" -> the format; -1 for anything else. */
int sbom_format_parse(const char *s);
/* 0, or -1 when the stream failed. */
int sbom_write(FILE *fp, enum sbom_format f, const struct sbom_subject *s,
               const struct pkg_inv *inv);
#endif
