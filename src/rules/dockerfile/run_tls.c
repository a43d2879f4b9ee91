/* TLS certificate or package signature checks switched off in RUN (and through ENV/ARG). */
#include "rules/rule.h"
#include "rules/dockerfile/cmd_opts.h"
#include "util/util.h"
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define TOOLS(...) ((const char *const[]){ __VA_ARGS__, NULL })
static const char TLS[] = "TLS certificate verification";
static const char SIG[] = "package signature verification";
static const char PLAIN[] = "TLS (plain HTTP)";

/* Command-line switches, by tool; tools NULL: any command. */
struct sw { const char *const *tools; const char *const *opts; const char *what; };
static const struct sw switches[] = {
	{ TOOLS("curl"), TOOLS("-k", "--insecure", "--proxy-insecure"), TLS },
	{ TOOLS("wget"), TOOLS("--no-check-certificate"), TLS },
	{ TOOLS("npm", "yarn", "pnpm"), TOOLS("--no-strict-ssl"), TLS },
	{ TOOLS("go"), TOOLS("-insecure"), TLS },
	{ NULL, TOOLS("--insecure-skip-tls-verify", "--tls-verify=false"), TLS },
	{ TOOLS("apk"), TOOLS("--allow-untrusted"), SIG },
	{ TOOLS("apt-get", "apt", "aptitude"), TOOLS("--allow-unauthenticated",
	  "--allow-insecure-repositories", "--force-yes"), SIG },
	{ TOOLS("yum", "dnf", "microdnf", "tdnf", "dnf5"), TOOLS("--nogpgcheck", "--no-gpgcheck"),
	  SIG },
	{ TOOLS("zypper"), TOOLS("--no-gpg-checks", "--no-gpgcheck"), SIG },
	{ TOOLS("rpm"), TOOLS("--nosignature", "--nodigest"), SIG },
};

/* Settings written as key=value, "key value" or key "value" in options, config commands and
 * echo/sed into config files: git -c http.sslVerify=false, npm config set strict-ssl false,
 * echo 'deb [trusted=yes] ...', sed -i s/gpgcheck=1/gpgcheck=0/, -o Acquire::https::Verify-Peer=false */
struct setting { const char *key; const char *const *bad; const char *what; };
static const struct setting settings[] = {
	{ "sslverify", TOOLS("false", "0", "no", "off"), TLS },
	{ "ssl_verify", TOOLS("false", "0", "no"), TLS },
	{ "verify-peer", TOOLS("false", "0", "no"), TLS },
	{ "verify-host", TOOLS("false", "0", "no"), TLS },
	{ "check_certificate", TOOLS("off", "false", "0", "no"), TLS },
	{ "check-certificate", TOOLS("off", "false", "0", "no"), TLS },
	{ "strict-ssl", TOOLS("false", "0", "no"), TLS },
	{ "enablestrictssl", TOOLS("false", "0"), TLS },
	{ "secure-http", TOOLS("false", "0"), TLS },
	{ "disable-tls", TOOLS("true", "1"), TLS },
	{ "gpgcheck", TOOLS("0", "false", "no"), SIG },
	{ "allowunauthenticated", TOOLS("true", "1", "yes"), SIG },
	{ "allowinsecurerepositories", TOOLS("true", "1", "yes"), SIG },
	{ "trusted", TOOLS("yes"), SIG },
};
#define NSETTINGS (sizeof settings / sizeof *settings)

/* "curl -k disables ...", "sed: gpgcheck=0 disables ...", "GIT_SSL_NO_VERIFY=1 disables ..." */
static void report(const struct rule *self, const struct dockerfile *df, struct findings *out,
                   int line, const char *tool, const char *sep, const char *ev, const char *what)
{
	finding_add(out, self, (struct loc){ df->path, line }, ev, "%s%s%s disables %s",
	            tool ? tool : "", tool ? sep : "", ev, what);
}

static bool tool_in(const char *name, const char *const *tools)
{
	if (!tools)
		return true;
	for (; *tools; tools++)
		if (**tools == *name && !strcmp(name, *tools))
			return true;
	return false;
}

/* dd: some argument of c starts with "--" (else no long option of the table can be there). */
static bool has_switch(const struct rcmd *c, const char *opt, bool dd)
{
	size_t n = strlen(opt);
	if (n == 2)
		return rc_has(c, rc_is(c, "curl") ? &curl_opts : &opts_none, opt);
	if (opt[1] == '-' && !dd)
		return false;
	for (size_t k = 1; k < c->argc; k++)
		if (c->argv[k][0] == opt[0] && !strncmp(c->argv[k], opt, n)
		    && (!c->argv[k][n] || c->argv[k][n] == '='))
			return true;
	return false;
}

/* Value starting at v (after separators) is one of bad, as a whole token. */
static size_t bad_value(const char *v, const char *const *bad)
{
	for (; *bad; bad++) {
		size_t n = strlen(*bad);
		if (!strncasecmp(v, *bad, n) && !isalnum((unsigned char)v[n]))
			return n;
	}
	return 0;
}

static const char *skip_sep(const char *p)
{
	while (*p && strchr(" \t\"':=", *p))
		p++;
	return p;
}

/* Letters of s, case folded, as a bit set: a key can occur only in a word that has all of its
 * letters, which rules out most words without searching them. Bit 31 says a capital was seen:
 * a word without one is searched as it is, not lower-cased first. */
#define CAPITAL (1u << 31)
#define LB(l) [l] = 1u << ((l) - 'a'), [(l) - 'a' + 'A'] = 1u << ((l) - 'a') | CAPITAL
static const uint32_t letter_bit[256] = { LB('a'), LB('b'), LB('c'), LB('d'), LB('e'), LB('f'),
	LB('g'), LB('h'), LB('i'), LB('j'), LB('k'), LB('l'), LB('m'), LB('n'), LB('o'), LB('p'),
	LB('q'), LB('r'), LB('s'), LB('t'), LB('u'), LB('v'), LB('w'), LB('x'), LB('y'), LB('z') };

/* Also the length, for the words too short to hold any key: most words of a RUN line. Four
 * bytes a step: this loop sees every byte of every command. */
static uint32_t letters(const char *s, size_t *len)
{
	uint32_t m = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (;; p += 4) {
		if (!p[0])
			break;
		m |= letter_bit[p[0]];
		if (!p[1]) {
			p += 1;
			break;
		}
		m |= letter_bit[p[1]];
		if (!p[2]) {
			p += 2;
			break;
		}
		m |= letter_bit[p[2]];
		if (!p[3]) {
			p += 3;
			break;
		}
		m |= letter_bit[p[3]];
	}
	*len = (size_t)(p - (const unsigned char *)s);
	return m;
}

/* A word with its ASCII letters lower-cased (the keys are lower case), searched with strstr:
 * the long words (URLs, echo and sed texts) are the ones that pass the letter test. */
struct lword { const char *w, *lw; };

/* The next occurrence of key in w at or after p, any case. */
static const char *find_key(const struct lword *l, const char *p, const char *key)
{
	const char *q;
	if (!l->lw)
		return str_icontains(p, key);
	q = strstr(l->lw + (p - l->w), key);
	return q ? l->w + (q - l->lw) : NULL;
}

/* Setting s in word w (or w and its next word); evidence written to ev. */
static bool word_setting(const struct lword *l, const char *next, const struct setting *s,
                         char *ev, size_t n)
{
	const char *w = l->w;
	size_t kl = strlen(s->key), vl;
	for (const char *p = find_key(l, w, s->key); p; p = find_key(l, p + 1, s->key)) {
		const char *v = skip_sep(p + kl);
		if (p > w && isalnum((unsigned char)p[-1]))
			continue;
		if (*v && (vl = bad_value(v, s->bad))) {
			snprintf(ev, n, "%.*s", (int)(v + vl - p), p);
			return true;
		}
		if (!*v && v == p + kl && next && (vl = bad_value(skip_sep(next), s->bad))) {
			snprintf(ev, n, "%.*s %s", (int)kl, p, next);
			return true;
		}
	}
	return false;
}

/* What sed writes: the replacement of s/pattern/replacement/, else the whole word. */
static const char *sed_output(const char *w, char *buf, size_t n)
{
	const char *p, *r;
	char d = w[1];
	if (w[0] != 's' || !d || isalnum((unsigned char)d) || isspace((unsigned char)d) || d == '\\')
		return w;
	for (p = w + 2; *p && *p != d; p++)
		if (*p == '\\' && p[1])
			p++;
	if (!*p)
		return w;
	for (r = ++p; *p && *p != d; p++)
		if (*p == '\\' && p[1])
			p++;
	snprintf(buf, n, "%.*s", (int)(p - r), r);
	return buf;
}

/* w with A-Z lower-cased into buf, or NULL when it does not fit (then searched in place). */
static const char *lower_into(char *buf, size_t n, const char *w)
{
	size_t i;
	for (i = 0; w[i] && i + 1 < n; i++)
		buf[i] = w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] - 'A' + 'a') : w[i];
	buf[i] = '\0';
	return w[i] ? NULL : buf;
}

/* apt's [trusted=yes] on a file: repository (argv[k] holds the option, the repository follows
 * its ']' in this word or a later one of the first n): a directory the build filled itself, with
 * no network path to tamper with and usually no Release file to sign. */
static bool local_apt_repo(const struct rcmd *c, size_t k, size_t n, const char *w)
{
	const char *p = strchr(str_icontains(w, "trusted"), ']');
	while (!p && ++k < n)
		p = strchr(c->argv[k], ']');
	if (!p)
		return false;
	for (p++; *p == ' ' || *p == '\t'; p++)
		;
	if (!*p && k + 1 < n)
		p = c->argv[k + 1];
	return str_iprefix(p, "file:");
}

/* The keys' letter sets two to a 64-bit word (a half each, the last half never matches), so a
 * word is tested against all of them in seven steps: most words have the letters of none. */
#define NPAIRS ((NSETTINGS + 1) / 2)
#define HALF_ONES 0x0000000100000001ull
#define HALF_HIGHS 0x8000000080000000ull

/* Some key has all of its letters in have: a half of keys & ~have is zero (the halves hold 26
 * bits, so the borrow test sees exactly the zero halves and what a zero half below passes up). */
static bool any_key(const uint64_t *pairs, uint32_t have)
{
	uint64_t miss = ~(uint64_t)have << 32 | (uint32_t)~have, acc = 0;
	for (size_t i = 0; i < NPAIRS; i++) {
		uint64_t t = pairs[i] & miss;
		acc |= (t - HALF_ONES) & ~t;
	}
	return acc & HALF_HIGHS;
}

static void check_settings(const struct rule *self, const struct dockerfile *df,
                           const struct rcmd *c, const uint32_t *keys, const uint64_t *pairs,
                           size_t shortest, struct findings *out)
{
	char ev[96], repl[256], low[1024];
	bool sed = rc_is(c, "sed");
	if (rc_is(c, "grep") || rc_is(c, "egrep") || rc_is(c, "fgrep"))
		return;
	for (size_t k = 1; k < c->argc; k++) {
		const char *w = sed ? sed_output(c->argv[k], repl, sizeof repl) : c->argv[k];
		const char *next = !sed && k + 1 < c->argc ? c->argv[k + 1] : NULL;
		size_t len;
		uint32_t have = letters(w, &len);
		struct lword l = { w, NULL };
		bool lowered = false;
		if (len < shortest || !any_key(pairs, have))
			continue;
		for (size_t s = 0; s < NSETTINGS; s++) {
			if (keys[s] & ~have)
				continue;
			if (!lowered) {
				l.lw = have & CAPITAL ? lower_into(low, sizeof low, w) : w;
				lowered = true;
			}
			if (word_setting(&l, next, &settings[s], ev, sizeof ev)
			    && !(!strcmp(settings[s].key, "trusted")
			         && local_apt_repo(c, k, sed ? k + 1 : c->argc, w)))
				report(self, df, out, c->line, c->name, ": ", ev, settings[s].what);
		}
	}
}

/* --registry http://..., pip -i http://... : no TLS at all */
static void check_plain_http(const struct rule *self, const struct dockerfile *df,
                             const struct rcmd *c, struct findings *out)
{
	static const char *const opts[] = { "--registry", "registry", "-i", "--index-url",
		"--extra-index-url", "index-url", "global.index-url", NULL };
	bool pip = c->name[0] == 'p' && str_prefix(c->name, "pip");
	if (!pip && !rc_is(c, "npm") && !rc_is(c, "yarn") && !rc_is(c, "pnpm"))
		return;
	for (size_t k = 1; k < c->argc; k++)
		for (const char *const *o = opts; *o; o++) {
			size_t n = strlen(*o);
			const char *w = c->argv[k], *v = NULL;
			if (!strcmp(w, *o) && k + 1 < c->argc)
				v = c->argv[k + 1];
			else if (!strncmp(w, *o, n) && w[n] == '=')
				v = w + n + 1;
			if (v && str_iprefix(v, "http://")) {
				char ev[64];
				snprintf(ev, sizeof ev, "%s http://", *o);
				report(self, df, out, c->line, c->name, " ", ev, PLAIN);
			}
		}
}

/* pip --trusted-host, pip config set global.trusted-host */
static void check_pip(const struct rule *self, const struct dockerfile *df,
                      const struct rcmd *c, struct findings *out)
{
	if (c->name[0] != 'p' || !str_prefix(c->name, "pip"))
		return;
	for (size_t k = 1; k < c->argc; k++)
		if (str_prefix(c->argv[k], "--trusted-host") || str_suffix(c->argv[k], ".trusted-host"))
			report(self, df, out, c->line, c->name, " ", "--trusted-host", TLS);
}

/* Environment variables that switch verification off. */
static const char *env_insecure(const char *key, const char *val)
{
	char k0 = (char)(key[0] & ~0x20);   /* every name below starts with G, N, P or Y */
	if (k0 != 'G' && k0 != 'N' && k0 != 'P' && k0 != 'Y')
		return NULL;
	if (!strcmp(key, "GIT_SSL_NO_VERIFY"))
		return TLS;                 /* git checks only that it is set */
	if ((!strcmp(key, "NODE_TLS_REJECT_UNAUTHORIZED") || !strcmp(key, "PYTHONHTTPSVERIFY"))
	    && !strcmp(val, "0"))
		return TLS;
	if ((str_ieq(key, "NPM_CONFIG_STRICT_SSL") || !strcmp(key, "YARN_ENABLE_STRICT_SSL"))
	    && (str_ieq(val, "false") || !strcmp(val, "0")))
		return TLS;
	if ((!strcmp(key, "PIP_TRUSTED_HOST") || !strcmp(key, "GOINSECURE")) && *val)
		return TLS;
	if (!strcmp(key, "GOFLAGS") && strstr(val, "-insecure"))
		return TLS;
	if (!strcmp(key, "GOSUMDB") && !strcmp(val, "off"))
		return SIG;
	return NULL;
}

static void check_assign(const struct rule *self, const struct dockerfile *df, int line,
                         const char *kv, struct findings *out)
{
	const char *eq = strchr(kv, '='), *what;
	char key[64], ev[128];
	if (!eq || eq == kv || (size_t)(eq - kv) >= sizeof key)
		return;
	memcpy(key, kv, (size_t)(eq - kv));
	key[eq - kv] = '\0';
	if ((what = env_insecure(key, eq + 1))) {
		snprintf(ev, sizeof ev, "%s", kv);
		report(self, df, out, line, NULL, "", ev, what);
	}
}

/* X=1 cmd, env X=1 cmd, export X=1, go env -w X=1 */
static void check_assigns(const struct rule *self, const struct dockerfile *df,
                          const struct rcmd *c, struct findings *out)
{
	for (size_t k = 0; k < c->sh->nassigns; k++)
		check_assign(self, df, c->line, c->sh->assigns[k], out);
	for (char **w = c->sh->argv; w < c->argv; w++)
		check_assign(self, df, c->line, *w, out);
	if (rc_is(c, "export") || rc_is(c, "declare")
	    || (rc_is(c, "go") && c->argc > 2 && !strcmp(c->argv[1], "env")))
		for (size_t k = 1; k < c->argc; k++)
			check_assign(self, df, c->line, c->argv[k], out);
}

/* What check_cmd asks of every command, worked out once per file. */
struct tls_ctx {
	uint32_t keys[NSETTINGS];   /* letters of each setting's key */
	uint64_t pairs[NPAIRS];     /* the same, two to a word, for any_key */
	size_t shortest;            /* the length of the shortest key */
};

/* The switches' tools (most commands, cd, mkdir, tar, are none: they skip the tool lists). */
static struct pair_set tools;

__attribute__((constructor)) static void index_tools(void)
{
	for (size_t s = 0; s < sizeof switches / sizeof *switches; s++)
		pair_set_add(&tools, switches[s].tools);
}

static void check_cmd(const struct rule *self, const struct dockerfile *df, const struct rcmd *c,
                      const struct tls_ctx *x, struct findings *out)
{
	bool tool = pair_set_has(&tools, c->name);   /* else only the any-command switches */
	bool dd = false;
	check_assigns(self, df, c, out);
	if (!c->argc)
		return;
	for (size_t k = 1; k < c->argc && !dd; k++)
		dd = c->argv[k][0] == '-' && c->argv[k][1] == '-';
	for (const struct sw *s = switches; (tool || dd) && s < switches + sizeof switches /
	                                                          sizeof *switches; s++)
		if (s->tools ? tool && tool_in(c->name, s->tools) : dd)
			for (const char *const *o = s->opts; *o; o++)
				if (has_switch(c, *o, dd))
					report(self, df, out, c->line, c->name, " ", *o, s->what);
	check_pip(self, df, c, out);
	check_plain_http(self, df, c, out);
	check_settings(self, df, c, x->keys, x->pairs, x->shortest, out);
}

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	struct tls_ctx x = { .shortest = SIZE_MAX };
	for (size_t s = 0; s < NPAIRS; s++)     /* a half of all 32 bits: no letters set is so */
		x.pairs[s] = ~0ull;
	for (size_t s = 0; s < NSETTINGS; s++) {
		size_t len;
		x.keys[s] = letters(settings[s].key, &len);
		x.pairs[s / 2] = s % 2 ? (x.pairs[s / 2] & 0xffffffffu) | (uint64_t)x.keys[s] << 32
		                       : (x.pairs[s / 2] & ~0xffffffffull) | x.keys[s];
		if (len < x.shortest)
			x.shortest = len;
	}
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i], *run = run_at(df, i);
		struct run_walk w;
		if ((in->kind == DF_ENV || in->kind == DF_ARG))
			for (size_t k = 0; k < in->nkvs; k++) {
				const char *what;
				char ev[128];
				if (!in->kvs[k].value || !(what = env_insecure(in->kvs[k].key,
				                                               in->kvs[k].value)))
					continue;
				snprintf(ev, sizeof ev, "%s=%s", in->kvs[k].key, in->kvs[k].value);
				report(self, df, out, in->line, NULL, "", ev, what);
			}
		if (!run)
			continue;
		for (const struct rcmd *c = run_cmds(&w, run, in->line); c; c = run_next(&w))
			check_cmd(self, df, c, &x, out);
	}
}

const struct rule rule_run_tls_off = {
	.id = "BW-D044",
	.title = "TLS or signature verification disabled",
	.severity = SEV_HIGH,
	.cis = "4.11",
	.rationale = "With certificate or signature checks off, anyone on the network path (or a "
	             "compromised mirror) can substitute what the build downloads and installs, and "
	             "it runs as root in the image.",
	.remediation = "Remove the switch; install the missing CA certificate (ca-certificates, or "
	               "COPY your CA into the trust store) and import the repository's signing key "
	               "instead of disabling verification.",
	.check_dockerfile = check,
};
