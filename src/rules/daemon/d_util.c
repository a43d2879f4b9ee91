#include "rules/daemon/d_util.h"

bool d_known(const struct daemon *d)
{
	return d->sources != 0;
}

void d_report(struct findings *out, const struct rule *self, const struct d_setting *s,
              const char *evidence, const char *what)
{
	finding_add(out, self, daemon_loc(s), evidence, "%s: %s", what, daemon_origin(s));
}

void d_check_bool(const struct rule *self, const struct daemon *d, const char *key, bool dflt,
                  bool bad, const char *what, struct findings *out)
{
	if (!d_known(d) || daemon_bool(d, key, dflt) != bad)
		return;
	finding_add(out, self, daemon_loc(daemon_get(d, key)), NULL, "%s (%s %s): %s", what, key,
	            bad ? "true" : "false", daemon_origin(daemon_get(d, key)));
}
