#include "pipeline/baseline.h"
#include "collect/baseline.h"

static bool is_baselined(const struct finding *f)
{
	return f->baselined;
}

size_t baseline_apply(const char *path, struct findings *out)
{
	struct baseline b;
	size_t n = 0;
	if (!baseline_read(path, &b, out))
		return 0;
	for (size_t i = 0; i < out->n; i++) {
		struct finding *f = &out->v[i];
		f->baselined = !f->suppressed && baseline_has(&b, f->fingerprint);
		n += f->baselined;
	}
	baseline_free(&b);
	/* Out of the list rather than skipped: every reporter and the exit status then agree. */
	findings_remove_if(out, 0, is_baselined);
	return n;
}
