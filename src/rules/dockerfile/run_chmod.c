/* World-writable permissions set in RUN: chmod 777, chmod o+w, mkdir -m 777. */
#include "rules/rule.h"
#include "rules/dockerfile/cmd_opts.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool octal_ww(const char *m)
{
	unsigned long v;
	if (strlen(m) > 5 || strspn(m, "01234567") != strlen(m))
		return false;
	v = strtoul(m, NULL, 8);
	return (v & 02) && !(v & 01000);     /* sticky: the /tmp convention, not a finding */
}

/* o+w, a=rwx, u+x,o+w; without who the umask applies and others rarely get w. */
static bool symbolic_ww(const char *p)
{
	bool ww = false, sticky = false;
	while (*p) {
		bool other = false;
		for (; *p && strchr("ugoa", *p); p++)
			other |= *p == 'o' || *p == 'a';
		if (!strchr("+-=", *p) || !*p)
			return false;
		while (*p && strchr("+-=", *p)) {
			char op = *p++;
			bool w = false, t = false;
			for (; *p && strchr("rwxXstugo", *p); p++) {
				w |= *p == 'w';
				t |= *p == 't';
			}
			ww |= op != '-' && w && other;
			sticky |= op != '-' && t;
		}
		if (*p == ',')
			p++;
		else if (*p)
			return false;
	}
	return ww && !sticky;
}

static bool world_writable(const char *m)
{
	if (word_dynamic(m))
		return false;
	return isdigit((unsigned char)m[0]) ? octal_ww(m) : symbolic_ww(m);
}

static const char *const chmod_long[] = { "--reference", NULL };
static const struct sh_optspec chmod_opts = { "", chmod_long };
static const char *const mode_long[] = { "--mode", "--owner", "--group", "--context",
	"--suffix", "--target-directory", NULL };
static const struct sh_optspec mode_opts = { "mogSt", mode_long };

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	struct run_walk w;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		const char *mode = NULL, *target = NULL;
		char ev[160];
		size_t k = 1;
		long a;
		if (rc_is(c, "chmod")) {
			if ((a = rc_operand(c, &chmod_opts, &k)) >= 0)
				mode = c->argv[a];
			if ((a = rc_operand(c, &chmod_opts, &k)) >= 0)
				target = c->argv[a];
			snprintf(ev, sizeof ev, "chmod %s", mode ? mode : "");
		} else if (rc_is(c, "mkdir") || rc_is(c, "install")) {
			mode = rc_value(c, &mode_opts, "-m", "--mode");
			if ((a = rc_operand(c, &mode_opts, &k)) >= 0)
				target = c->argv[a];
			snprintf(ev, sizeof ev, "%s -m %s", c->name, mode ? mode : "");
		}
		if (!mode || !world_writable(mode))
			continue;
		finding_add(out, self, (struct loc){ df->path, c->line }, ev,
		            "%s makes %s world-writable", ev, target ? target : "files");
	}
}

const struct rule rule_run_chmod_ww = {
	.id = "BW-D047",
	.title = "World-writable permissions set in RUN",
	.severity = SEV_HIGH,
	.rationale = "Any user or process in the container can modify world-writable files and "
	             "directories: a way to plant code that a more privileged process later runs.",
	.remediation = "Give ownership to the user that needs to write (`COPY --chown=app` or "
	               "`chown app`) and use 755/644 (or 770 with a group); world-writable "
	               "scratch directories need the sticky bit (1777).",
	.check_dockerfile = check,
};
