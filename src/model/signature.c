#include "model/signature.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

struct sig_entry *sig_image_add(struct sig_image *im)
{
	im->sigs = xrealloc(im->sigs, (im->nsigs + 1) * sizeof *im->sigs);
	struct sig_entry *e = &im->sigs[im->nsigs++];
	memset(e, 0, sizeof *e);
	return e;
}

void sig_image_free(struct sig_image *im)
{
	for (size_t i = 0; i < im->nsigs; i++) {
		struct sig_entry *e = &im->sigs[i];
		free(e->payload);
		free(e->sig);
		free(e->fields.type);
		free(e->fields.digest);
		free(e->fields.reference);
		free(e->problem);
	}
	free(im->sigs);
	free(im->ref);
	free(im->digest);
	free(im->error);
	memset(im, 0, sizeof *im);
}

const char *sig_verdict_name(enum sig_verdict v)
{
	static const char *const names[] = { "verified", "unsigned", "bad signature",
	                                     "digest mismatch", "identity mismatch",
	                                     "unreachable" };
	return names[v];
}
