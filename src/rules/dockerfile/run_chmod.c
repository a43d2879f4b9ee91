/* World-writable permissions set in RUN: chmod 777, chmod o+w, mkdir -m 777. */
#include "rules/rule.h"
#include "rules/dockerfile/cmd_opts.h"
#include "util/util.h"
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

/* The variable a word names as a whole ("$d", "${d}", "$d/"), copied to name; else false. */
static bool var_ref(const char *w, char *name, size_t n)
{
	size_t len;
	if (*w++ != '$')
		return false;
	bool brace = *w == '{';
	w += brace;
	len = strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
	if (!len || len >= n || (brace && w[len++] != '}') || (w[len] && strcmp(w + len, "/")))
		return false;
	snprintf(name, n, "%.*s", (int)(len - brace), w);
	return true;
}

/* v is "$(mktemp -d ...)" or "`mktemp -d ...`": a fresh private directory. */
static bool mktemp_dir(const char *v)
{
	char buf[160], *save, *t;
	if (!str_prefix(v, "$(mktemp ") && !str_prefix(v, "`mktemp "))
		return false;
	snprintf(buf, sizeof buf, "%s", v + (*v == '$' ? 9 : 8));
	for (t = strtok_r(buf, " \t)`", &save); t; t = strtok_r(NULL, " \t)`", &save))
		if (!strcmp(t, "--directory") || (t[0] == '-' && t[1] != '-' && strchr(t, 'd')))
			return true;
	return false;
}

static const char *value_of(char *const *v, size_t n, const char *var)
{
	size_t len = strlen(var);
	for (size_t a = 0; a < n; a++)
		if (!strncmp(v[a], var, len) && v[a][len] == '=')
			return v[a] + len + 1;
	return NULL;
}

/* The value a command gives var: d=..., export d=..., local d=...; NULL when it gives none. */
static const char *assigned(const struct sh_cmd *sh, const char *var)
{
	static const char *const decl[] = { "export", "local", "readonly", "declare", "typeset",
		NULL };
	if (!sh->argc)
		return value_of(sh->assigns, sh->nassigns, var);
	for (const char *const *d = decl; *d; d++)
		if (!strcmp(sh->name, *d))
			return value_of(sh->argv + 1, sh->argc - 1, var);
	return NULL;
}

/* rm -r or rmdir of var itself (not what is in it). */
static bool removes(const struct sh_cmd *sh, const char *var, int line)
{
	struct rcmd c;
	char name[64];
	size_t k = 1;
	long a;
	rcmd_from(&c, sh, line);
	if (!rc_is(&c, "rmdir") && !(rc_is(&c, "rm") && (rc_has(&c, &opts_none, "-r")
	                                                || rc_has(&c, &opts_none, "-R")
	                                                || rc_has(&c, &opts_none, "--recursive"))))
		return false;
	while ((a = rc_operand(&c, &opts_none, &k)) >= 0)
		if (var_ref(c.argv[a], name, sizeof name) && !strcmp(name, var))
			return true;
	return false;
}

/* Target of command c in RUN in is a directory made by mktemp -d earlier in the RUN and removed
 * later in it: private to the build step and gone from the image. */
static bool scratch_dir(const struct df_instr *in, const struct rcmd *c, const char *target)
{
	char var[64];
	const char *v, *made = NULL;
	if (!var_ref(target, var, sizeof var))
		return false;
	for (size_t j = 0; j < c->index; j++)
		if ((v = assigned(&in->sh.cmds[j], var)))
			made = v;
	if (!made || !mktemp_dir(made))
		return false;
	for (size_t j = c->index + 1; j < in->sh.ncmds; j++) {
		if (assigned(&in->sh.cmds[j], var))
			return false;
		if (removes(&in->sh.cmds[j], var, c->line))
			return true;
	}
	return false;
}

/* target and every operand after argv[k] are such scratch directories. */
static bool all_scratch(const struct df_instr *in, const struct rcmd *c,
                        const struct sh_optspec *o, const char *target, size_t k)
{
	long a;
	if (!target || !scratch_dir(in, c, target))
		return false;
	while ((a = rc_operand(c, o, &k)) >= 0)
		if (!scratch_dir(in, c, c->argv[a]))
			return false;
	return true;
}

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	struct run_walk w;
	if (!df_may_run(df, "chmod") && !df_may_run(df, "mkdir") && !df_may_run(df, "install"))
		return;
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
		if (!mode || !world_writable(mode)
		    || (rc_is(c, "chmod") && all_scratch(w.in, c, &chmod_opts, target, k)))
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
