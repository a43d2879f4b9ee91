/* The built-in policy: loaded through the same parser as a user's file, so it is always a valid
 * starting point for `bulwark authz policy --default > policy.yaml`. */
#include "authz/authz_int.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char default_text[] =
	"# bulwark authorization policy (built-in default). See docs/authz.md.\n"
	"# Every identity may do everything; what blocks is the content of a request:\n"
	"# container settings the container rules rate high or above, privileged or root\n"
	"# exec, and plugins that ask for privileges.\n"
	"block-severity: high\n"
	"allow-missing-body: false\n"
	"block-privileged-exec: true\n"
	"block-root-exec: true\n"
	"block-plugin-privileges: true\n"
	"default-role: user\n"
	"no-identity-role: user\n"
	"identities: {}\n"
	"roles:\n"
	"  user:\n"
	"    allow: ['*']\n";

const char *authz_policy_default_text(void)
{
	return default_text;
}

struct authz_policy *authz_policy_default(void)
{
	struct findings errs = { 0 };
	struct authz_policy *p = authz_policy_parse("(built-in policy)", default_text,
	                                            sizeof default_text - 1, &errs);
	if (!p) {
		fprintf(stderr, "bulwark: the built-in policy does not load: %s\n",
		        errs.nerrors ? errs.errors[0].message : "?");
		abort();
	}
	findings_free(&errs);
	return p;
}
