/* Shell habits in RUN: sudo, cd, pipes without pipefail, curl and wget side by side, commands
 * that mean nothing during a build. */
#include "rules/rule.h"
#include "rules/dockerfile/cmd_opts.h"
#include "rules/dockerfile/stage_chain.h"
#include "util/util.h"
#include <stdio.h>
#include <string.h>

/* ---- BW-D041: sudo ---- */

static void check_sudo(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	struct run_walk w;
	char ev[128];
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		if (!c->sudo && !rc_is(c, "sudo"))
			continue;
		snprintf(ev, sizeof ev, "sudo%s%s", c->sudo ? " " : "", c->sudo ? c->name : "");
		finding_add(out, self, (struct loc){ df->path, c->line }, ev, "sudo in RUN: %s", ev);
	}
}

const struct rule rule_run_sudo = {
	.id = "BW-D041",
	.title = "sudo used in RUN",
	.severity = SEV_HIGH,
	.aliases = ALIASES("DL3004", "DS010", "DKL-DI-0001"),
	.rationale = "sudo in a build means the image ships sudo and a sudoers policy that lets its "
	             "user become root; it also has unpredictable TTY and signal behaviour.",
	.remediation = "Run privileged steps before `USER` switches away from root (or switch with "
	               "`USER root` for them); use gosu or su-exec in entrypoints, and do not "
	               "install sudo.",
	.check_dockerfile = check_sudo,
};

/* ---- BW-D042: cd ---- */

static void check_cd(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	struct run_walk w;
	if (!df_may_run(df, "cd") && !df_may_run(df, "pushd"))
		return;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		if (!rc_is(c, "cd") && !rc_is(c, "pushd"))
			continue;
		finding_add(out, self, (struct loc){ df->path, c->line }, NULL,
		            "%s %s in RUN: use WORKDIR", c->name, c->argc > 1 ? c->argv[1] : "");
		run_skip(&w);      /* one finding per RUN */
	}
}

const struct rule rule_run_cd = {
	.id = "BW-D042",
	.title = "cd used in RUN instead of WORKDIR",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3003", "DS013"),
	.rationale = "A cd lasts only for its RUN; chains of cd make it hard to see where files "
	             "land, and mistakes put files in unintended places.",
	.remediation = "Set the directory with `WORKDIR /path` before the RUN.",
	.check_dockerfile = check_cd,
};

/* ---- BW-D046: pipe without pipefail ---- */

/* "-o pipefail", "-eo pipefail", "-euxo pipefail" among argv */
static bool sets_pipefail(char *const *argv, size_t argc)
{
	for (size_t k = 0; k + 1 < argc; k++) {
		const char *w = argv[k];
		if (strcmp(argv[k + 1], "pipefail"))
			continue;
		if (w[0] == '-' && w[1] != '-' && str_suffix(w, "o"))
			return true;
	}
	return false;
}

static bool non_posix(const char *shell)
{
	const char *b = strrchr(shell, '/') ? strrchr(shell, '/') + 1 : shell;
	b = strrchr(b, '\\') ? strrchr(b, '\\') + 1 : b;
	return str_iprefix(b, "pwsh") || str_iprefix(b, "powershell") || str_iprefix(b, "cmd");
}

/* Only the chain's root names a registry image; the stages after it name stages. */
static bool windows_stage(const struct dockerfile *df, int s)
{
	if (s < 0 || (size_t)s >= df->nstages)
		return false;
	const struct df_stage *st = &df->stages[df->stages[s].root];
	const char *img = st->image_resolved ? st->image_resolved : st->image;
	return img && (str_icontains(img, "windows") || str_icontains(img, "nanoserver")
	               || str_icontains(img, "servercore"));
}

/* The SHELL in effect sets pipefail, or is not a POSIX shell (cmd, PowerShell). */
static bool shell_ok(const struct dockerfile *df, size_t idx)
{
	struct back_iter b;
	const struct df_instr *in;
	back_init(&b, df, idx);
	while ((in = back_next(&b)))
		if (in->kind == DF_SHELL && in->argc)
			return non_posix(in->argv[0]) || sets_pipefail(in->argv, in->argc);
	return windows_stage(df, df->instr[idx].stage);
}

/* c checks checksums read from its stdin (sha256sum -c -, shasum -a 256 --check): a failure
 * on the left of the pipe leaves it no well-formed line, and then the check itself fails. */
static bool checks_stdin(const struct sh_cmd *sh, int line)
{
	static const char *const sums[] = { "md5sum", "sha1sum", "sha224sum", "sha256sum",
		"sha384sum", "sha512sum", "b2sum", "shasum", "cksum", NULL };
	static const char *const sum_long[] = { "--algorithm", NULL };
	static const struct sh_optspec sum_opts = { "a", sum_long };
	struct rcmd c;
	size_t k = 1;
	long a;
	bool sum = false;
	rcmd_from(&c, sh, line);
	for (const char *const *n = sums; *n && !sum; n++)
		sum = rc_is(&c, *n);
	if (!sum || !(rc_has(&c, &sum_opts, "-c") || rc_has(&c, &sum_opts, "--check")))
		return false;
	while ((a = rc_operand(&c, &sum_opts, &k)) >= 0)
		if (strcmp(c.argv[a], "-"))
			return false;
	return true;
}

static void check_pipefail(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	const struct df_instr *in;
	for_each_run(df, i, in) {
		const struct sh_script *s = &in->sh;
		if (in->json || !s->has_pipe || shell_ok(df, i))
			continue;
		for (size_t k = 0; k < s->ncmds; k++) {
			const struct sh_cmd *c = &s->cmds[k];
			if (c->argc && !strcmp(c->argv[0], "set") && sets_pipefail(c->argv, c->argc))
				break;
			if (c->next != SH_PIPE || (k + 1 < s->ncmds && checks_stdin(&s->cmds[k + 1], 0)))
				continue;
			finding_add(out, self,
			            (struct loc){ df->path, c->line ? c->line : df->instr[i].line },
			            NULL, "pipe in RUN without set -o pipefail: a failing %s is ignored",
			            c->argc ? c->argv[0] : "command");
			break;
		}
	}
}

const struct rule rule_run_pipefail = {
	.id = "BW-D046",
	.title = "Pipe in RUN without pipefail",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL4006", "DS032"),
	.rationale = "A pipeline's status is that of its last command: `curl ... | tar x` succeeds "
	             "even when the download failed, and the build goes on with a broken or "
	             "partial result. A pipe into a checksum check that reads the pipe "
	             "(`| sha256sum -c -`) is not reported: with nothing to check it fails too.",
	.remediation = "Set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the RUN "
	               "(or `/bin/ash` on Alpine), or start the RUN with `set -o pipefail &&`.",
	.check_dockerfile = check_pipefail,
};

/* ---- BW-D050: both curl and wget in one stage ---- */

static void check_curl_wget(const struct rule *self, const struct dockerfile *df,
                            struct findings *out)
{
	int stage = -2;
	bool curl = false, wget = false, fired = false;
	struct run_walk w;
	if (!df_may_run(df, "curl") || !df_may_run(df, "wget"))
		return;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		const struct df_instr *in = &df->instr[w.idx];
		if (in->stage != stage) {
			stage = in->stage;
			curl = wget = fired = false;
		}
		if (in != w.in || fired)     /* not ONBUILD RUN: that runs in another build */
			continue;
		curl |= rc_is(c, "curl");
		wget |= rc_is(c, "wget");
		if (!curl || !wget || (!rc_is(c, "curl") && !rc_is(c, "wget")))
			continue;
		finding_add(out, self, (struct loc){ df->path, c->line }, NULL,
		            "both curl and wget used in this stage");
		fired = true;
	}
}

const struct rule rule_run_curl_wget = {
	.id = "BW-D050",
	.title = "Both curl and wget used in one stage",
	.severity = SEV_INFO,
	.aliases = ALIASES("DL4001", "DS014"),
	.rationale = "Two download tools do the same job: one more binary in the image to patch "
	             "and two sets of options (TLS, redirects, retries) to get right.",
	.remediation = "Pick one of curl or wget for the whole stage.",
	.check_dockerfile = check_curl_wget,
};

/* ---- BW-D053: interactive or system commands ---- */

static const char *const pointless[] = { "free", "ifconfig", "kill", "mount", "ps", "service",
	"shutdown", "ssh", "top", "vim", NULL };
static struct pair_set pointless_pairs;   /* most commands: ruled out by their first two bytes */

__attribute__((constructor)) static void index_pointless(void)
{
	pair_set_add(&pointless_pairs, pointless);
}

static void check_pointless(const struct rule *self, const struct dockerfile *df,
                            struct findings *out)
{
	struct run_walk w;
	bool may = false;
	for (const char *const *n = pointless; *n && !may; n++)
		may = df_may_run(df, *n);
	for (const struct rcmd *c = may ? run_first(&w, df) : NULL; c; c = run_next(&w)) {
		if (!pair_set_has(&pointless_pairs, c->name))
			continue;
		for (const char *const *n = pointless; *n; n++)
			if (rc_is(c, *n))
				finding_add(out, self, (struct loc){ df->path, c->line }, NULL,
				            "%s makes no sense in an image build", c->name);
	}
}

const struct rule rule_run_pointless = {
	.id = "BW-D053",
	.title = "Command that makes no sense in a build",
	.severity = SEV_INFO,
	.aliases = ALIASES("DL3001"),
	.rationale = "Interactive tools, service managers and system commands (ssh, vim, service, "
	             "shutdown, mount, ps, kill ...) do not work as expected in a build step and "
	             "usually hide a design mistake, such as starting a daemon in a layer.",
	.remediation = "Remove the command; start services from the entrypoint and configure "
	               "files with COPY.",
	.check_dockerfile = check_pointless,
};
