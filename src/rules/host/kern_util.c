#include "rules/host/kern_util.h"
#include <stdio.h>

void kern_check(const struct rule *self, const struct host *h, const struct kern_want *w,
                size_t n, struct findings *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct host_sysctl *s = host_kern_sysctl(&h->kern, w[i].name);
		long v;
		if (!s || (host_sysctl_long(s, &v) && v >= w[i].min && v <= w[i].max))
			continue;
		char ev[160];
		snprintf(ev, sizeof ev, "%s = %s", w[i].name, s->value);
		finding_add(out, self, (struct loc){ s->path, 0 }, ev,
		            "%s is %s, not %s: %s", w[i].name, s->value, w[i].want, w[i].why);
	}
}
