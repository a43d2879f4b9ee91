/* What the CycloneDX and SPDX writers share: the packages in output order, identifiers, time. */
#ifndef BW_SBOM_INT_H
#define BW_SBOM_INT_H
#include <jansson.h>
#include "report/sbom.h"

/* One package in output order, with an identifier unique in the document: its purl (or
 * "bulwark:KIND/NAME@VERSION" without one), "#2", "#3" … after repeats. */
struct sbom_item { const struct pkg *p; char *ref; };

/* The inventory's packages sorted by reference, path and layer; free with sbom_items_free. */
struct sbom_item *sbom_items(const struct pkg_inv *inv, size_t *n);
void sbom_items_free(struct sbom_item *v, size_t n);
/* "xxxxxxxx-xxxx-…" (36 characters and a NUL): random from s->nonce, else derived (v5). */
void sbom_uuid(const struct sbom_subject *s, const char *format, char out[37]);
/* "2024-01-02T03:04:05Z". */
void sbom_time(long long t, char out[21]);
/* A JSON string even from bytes that are not UTF-8 (mended); NULL in, NULL out. */
json_t *sbom_str(const char *s);
/* The digest of the package's layer, or NULL when the subject has no such layer. */
const char *sbom_layer(const struct sbom_subject *s, const struct pkg *p);
/* The layout: head (a non-empty object) indented without its closing brace, then arrays
 * whose elements take one line each, then the brace. sbom_elem frees e; i is its index. */
void sbom_open(FILE *fp, json_t *head);
void sbom_array(FILE *fp, const char *key);
void sbom_elem(FILE *fp, json_t *e, size_t i);
void sbom_array_end(FILE *fp, size_t n);
int sbom_close(FILE *fp);   /* 0, or -1 when the stream failed */
/* CycloneDX 1.5 and SPDX 2.3. */
int sbom_write_cdx(FILE *fp, const struct sbom_subject *s, const struct pkg_inv *inv);
int sbom_write_spdx(FILE *fp, const struct sbom_subject *s, const struct pkg_inv *inv);
#endif
