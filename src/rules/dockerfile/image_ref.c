#include "rules/dockerfile/image_ref.h"
#include <string.h>

void df_imgref_split(const char *ref, struct df_imgref *out)
{
	memset(out, 0, sizeof *out);
	if (!ref)
		return;
	size_t n = strlen(ref);
	const char *at = strchr(ref, '@');
	if (at) {
		out->digest = at + 1;
		out->digest_len = n - (size_t)(at + 1 - ref);
		n = (size_t)(at - ref);
	}
	/* A tag is the last ':' after the last '/': "reg:5000/app" has a port, not a tag. */
	size_t colon = n, slash = 0;
	for (size_t i = 0; i < n; i++) {
		if (ref[i] == '/')
			slash = i + 1, colon = n;
		else if (ref[i] == ':' && i >= slash)
			colon = i;
	}
	out->name = ref;
	out->name_len = colon;
	if (colon < n) {
		out->tag = ref + colon + 1;
		out->tag_len = n - colon - 1;
	}
}
