/* Image references as FROM and --from write them. */
#ifndef BW_IMAGE_REF_H
#define BW_IMAGE_REF_H
#include <stddef.h>

/* An image reference split in place: "reg:5000/ns/app:1.2@sha256:ab" -> name "reg:5000/ns/app",
 * tag "1.2", digest "sha256:ab". Absent parts have len 0. */
struct df_imgref {
	const char *name, *tag, *digest;
	size_t name_len, tag_len, digest_len;
};
void df_imgref_split(const char *ref, struct df_imgref *out);

#endif
