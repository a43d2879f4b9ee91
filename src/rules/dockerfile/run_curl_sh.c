/* Remote scripts run straight from the network: curl | sh, sh -c "$(curl ...)". */
#include "rules/rule.h"
#include "rules/dockerfile/cmd_opts.h"
#include "util/util.h"
#include <stdio.h>
#include <string.h>

/* A download whose body goes to stdout. */
static bool fetches_to_stdout(const struct rcmd *c)
{
	const char *o;
	if (rc_is(c, "curl")) {
		o = rc_value(c, &curl_opts, "-o", "--output");
		return (!o || !strcmp(o, "-")) && !rc_has(c, &curl_opts, "-O")
		       && !rc_has(c, &curl_opts, "--remote-name");
	}
	if (rc_is(c, "wget"))
		return (o = rc_value(c, &wget_opts, "-O", "--output-document")) && !strcmp(o, "-");
	return false;
}

static const char *const shells[] = { "sh", "bash", "zsh", "dash", "ash", "ksh", "mksh", NULL };
static const char *const langs[] = { "python", "perl", "ruby", "node", "php", NULL };

static const char *const others[] = { "eval", "source", ".", NULL };
/* The commands that can run what a fetch prints: most commands are ruled out by their first
 * two bytes. */
static struct pair_set runners;

__attribute__((constructor)) static void index_runners(void)
{
	pair_set_add(&runners, shells);
	pair_set_add(&runners, langs);
	pair_set_add(&runners, others);
}

static bool name_in(const char *n, const char *const *l, bool prefix)
{
	for (; *l; l++)
		if (**l == *n && (prefix ? str_prefix(n, *l) : !strcmp(n, *l)))
			return true;
	return false;
}

/* The interpreter runs its stdin: `sh`, `bash -s -- args`, `python3 -`, not `sh script.sh`. */
static bool runs_stdin(const struct rcmd *c)
{
	static const struct sh_optspec sh_opts = { "oO", NULL };
	static const char *const inline_opts[] = { "-c", "-e", "-m", "-r", NULL };
	const struct sh_optspec *o = &sh_opts;
	size_t i = 1;
	long k;
	if (name_in(c->name, shells, false)) {
		if (rc_has(c, o, "-s"))
			return true;
		if (rc_has(c, o, "-c"))
			return false;
	} else if (name_in(c->name, langs, true)) {
		o = &opts_none;
		for (const char *const *f = inline_opts; *f; f++)
			if (rc_word_has(c, *f))
				return false;
	} else {
		return false;
	}
	k = rc_operand(c, o, &i);
	return k < 0 || !strcmp(c->argv[k], "-");
}

/* sh -c "$(curl ...)", eval "$(wget -qO- ...)" */
static const char *substituted_fetch(const struct rcmd *c)
{
	static const char *const subst[] = { "$(curl", "$(wget", "`curl", "`wget", NULL };
	if (!pair_set_has(&runners, c->name) ||
	    (!name_in(c->name, shells, false) && !name_in(c->name, langs, true)
	     && !name_in(c->name, others, false)))
		return NULL;
	for (size_t k = 1; k < c->argc; k++)
		for (const char *const *s = subst; *s; s++)
			if (strstr(c->argv[k], *s))
				return strstr(*s, "curl") ? "curl" : "wget";
	return NULL;
}

static bool runner(const char *w, size_t n)
{
	char name[16];
	if (n == 0 || n >= sizeof name)
		return false;
	snprintf(name, sizeof name, "%.*s", (int)n, w);
	return name_in(name, shells, false) || name_in(name, langs, true) || !strcmp(name, "source")
	       || !strcmp(name, ".");
}

/* bash <(curl ...), . <(wget -qO- ...), bash < <(curl ...): process substitution is found in the
 * instruction text, which keeps it as written. */
static const char *procsub_fetch(const char *args, char *shell, size_t n)
{
	for (const char *p = strstr(args, "<("); p; p = strstr(p + 2, "<(")) {
		const char *q = p + 2, *end, *start;
		while (*q == ' ')
			q++;
		if (!str_prefix(q, "curl ") && !str_prefix(q, "wget "))
			continue;
		end = p;
		while (end > args && (end[-1] == ' ' || end[-1] == '<'))
			end--;
		for (start = end; start > args && !strchr(" ;&|(", start[-1]); start--)
			;
		if (strrchr(start, '/') && strrchr(start, '/') < end)
			start = strrchr(start, '/') + 1;
		if (runner(start, (size_t)(end - start))) {
			snprintf(shell, n, "%.*s", (int)(end - start), start);
			return *q == 'c' ? "curl" : "wget";
		}
	}
	return NULL;
}

/* fmt: "%s | %s" for a pipe, "%2$s <(%1$s ...)" and so on for substitutions */
static void report(const struct rule *self, const struct dockerfile *df, struct findings *out,
                   int line, const char *fmt, const char *tool, const char *shell)
{
	char ev[96];
	snprintf(ev, sizeof ev, fmt, tool, shell);
	finding_add(out, self, (struct loc){ df->path, line }, ev,
	            "remote script run without verification: %s", ev);
}

/* curl ... | [tee ... |] sh */
static void check_pipes(const struct rule *self, const struct dockerfile *df,
                        const struct df_instr *in, int line, struct findings *out)
{
	const struct sh_script *s = &in->sh;
	for (size_t k = 0; k < s->ncmds; k++) {
		struct rcmd f, c;
		rcmd_from(&f, &s->cmds[k], line);
		if (s->cmds[k].next != SH_PIPE || !fetches_to_stdout(&f))
			continue;
		for (size_t j = k + 1; j < s->ncmds && s->cmds[j].piped_in; j++) {
			rcmd_from(&c, &s->cmds[j], line);
			if (runs_stdin(&c)) {
				report(self, df, out, f.line, "%s | %s", f.name, c.name);
				break;
			}
			if (s->cmds[j].next != SH_PIPE)
				break;
		}
	}
}

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	const struct df_instr *in;
	const char *tool;
	char shell[16];
	for_each_run(df, i, in) {
		struct run_walk w;
		check_pipes(self, df, in, df->instr[i].line, out);
		if (in->args && (tool = procsub_fetch(in->args, shell, sizeof shell)))
			report(self, df, out, df->instr[i].line, "%2$s <(%1$s ...)", tool, shell);
		for (const struct rcmd *c = run_cmds(&w, in, df->instr[i].line); c; c = run_next(&w))
			if ((tool = substituted_fetch(c)))
				report(self, df, out, c->line, rc_word_has(c, "-c")
				       ? "%2$s -c \"$(%1$s ...)\"" : "%2$s \"$(%1$s ...)\"", tool, c->name);
	}
}

const struct rule rule_run_curl_sh = {
	.id = "BW-D043",
	.title = "Remote script piped to a shell",
	.severity = SEV_HIGH,
	.rationale = "Whatever the server (or anyone between it and the build) returns runs as root "
	             "in the build, with no checksum or signature check; a truncated download "
	             "runs half a script.",
	.remediation = "Download to a file, verify it against a pinned checksum or signature "
	               "(`echo \"<sha256>  install.sh\" | sha256sum -c -`), then run it; better, "
	               "install from a package repository or COPY the pinned artifact.",
	.check_dockerfile = check,
};
