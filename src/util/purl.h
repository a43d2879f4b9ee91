/* Package URLs (github.com/package-url/purl-spec): pkg:type/namespace/name@version?k=v#subpath,
 * parsed by the spec's own steps. Knows nothing of ecosystems; collectors map the type. */
#ifndef BW_PURL_H
#define BW_PURL_H
#include <stddef.h>

#define PURL_MAX 4096        /* longer strings are refused: they come from untrusted SBOMs */
#define PURL_MAX_QUALS 16

struct purl {
	char *type;              /* lowercased: "deb", "npm", "golang" */
	char *namespace;         /* segments joined by '/', decoded; NULL when none */
	char *name;              /* decoded, never empty */
	char *version;           /* decoded; NULL when none */
	char *subpath;           /* NULL when none */
	struct { char *key, *value; } quals[PURL_MAX_QUALS];   /* keys lowercased, values decoded */
	size_t nquals;
	char *mem;               /* every string above points into it */
};

/* 0 and p filled, or -1 (not a purl, or too long) with p empty. */
int purl_parse(const char *s, struct purl *p);
/* The qualifier's value, or NULL. */
const char *purl_qualifier(const struct purl *p, const char *key);
void purl_free(struct purl *p);
#endif
