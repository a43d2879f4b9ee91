/* bulwark verify: each image's cosign signatures against the given keys, one verdict each. */
#ifndef BW_PIPELINE_VERIFY_H
#define BW_PIPELINE_VERIFY_H
#include <stdbool.h>
#include <stddef.h>
#include "pipeline/run.h"

struct verify_opts {
	char **keys; size_t nkeys;  /* --key: PEM public key files */
	const char *identity;       /* --identity: the reference payloads must name; or NULL */
	const char *ca;             /* --ca */
	bool insecure;              /* --insecure: plain HTTP, loopback only */
	double timeout;             /* seconds; 0: the registry client's default */
};

/* The exit status: 0 every image verified, 1 findings (an image not verified), 2 errors. */
int pipeline_verify(const struct run_end *e, const struct verify_opts *v, char **refs, size_t n);
#endif
