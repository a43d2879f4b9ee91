/* useradd with a large UID but without -l. */
#include "rules/rule.h"
#include "rules/dockerfile/cmd_opts.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const useradd_long[] = { "--base-dir", "--comment", "--home-dir",
	"--expiredate", "--inactive", "--gid", "--groups", "--skel", "--key", "--password",
	"--shell", "--uid", "--root", "--prefix", "--selinux-user", NULL };
static const struct sh_optspec useradd_opts = { "bcdefgGkKpsuRPZ", useradd_long };

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	struct run_walk w;
	if (!df_may_run(df, "useradd"))
		return;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		const char *uid;
		char ev[48];
		if (!rc_is(c, "useradd") || !(uid = rc_value(c, &useradd_opts, "-u", "--uid"))
		    || !*uid || strspn(uid, "0123456789") != strlen(uid)
		    || strtoull(uid, NULL, 10) <= 99999
		    || rc_has(c, &useradd_opts, "-l") || rc_has(c, &useradd_opts, "--no-log-init"))
			continue;
		snprintf(ev, sizeof ev, "-u %s", uid);
		finding_add(out, self, (struct loc){ df->path, c->line }, ev,
		            "useradd -u %s without -l (--no-log-init)", uid);
	}
}

const struct rule rule_run_useradd_uid = {
	.id = "BW-D054",
	.title = "useradd with a high UID without -l",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3046"),
	.rationale = "useradd records the new user in /var/log/lastlog and faillog, sparse files "
	             "indexed by UID; a large UID makes them gigabytes in the layer, which can "
	             "exhaust disk space when the image is built or pulled.",
	.remediation = "Add `-l` (`--no-log-init`): `useradd -l -u 100001 app`.",
	.check_dockerfile = check,
};
