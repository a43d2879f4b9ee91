#include "rules/host/patch_util.h"
#include "util/util.h"

enum { LISTED = 50 };

char *patch_list(const struct host_patch *p, bool sec)
{
	struct buf b = { 0 };
	size_t n = 0;
	for (size_t i = 0; i < p->nups; i++) {
		const struct hp_update *u = &p->ups[i];
		if (u->security != sec)
			continue;
		if (n++ >= LISTED)
			continue;
		buf_printf(&b, "%s%s %s -> %s", n > 1 ? ", " : "", u->name, u->installed,
		           u->candidate);
		if (u->suite)
			buf_printf(&b, " (%s)", u->suite);
	}
	if (n > LISTED)
		buf_printf(&b, ", and %zu more", n - LISTED);
	return buf_take(&b);
}
