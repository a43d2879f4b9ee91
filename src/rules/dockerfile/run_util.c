#include "rules/dockerfile/run_util.h"
#include "util/util.h"
#include <stdio.h>
#include <string.h>

const struct sh_optspec opts_none = { "", NULL };

static const char *const curl_long[] = { "--output", "--user", "--header", "--data",
	"--request", "--user-agent", "--cookie", "--cookie-jar", "--proxy", "--max-time",
	"--retry", "--config", "--form", "--write-out", "--url", NULL };
const struct sh_optspec curl_opts = { "AbcCdDeEFHKmoPQrtTuUwxXyYz", curl_long };
static const char *const wget_long[] = { "--output-document", "--output-file", "--user",
	"--password", "--header", "--tries", "--timeout", NULL };
const struct sh_optspec wget_opts = { "OoatTeU", wget_long };

static bool in_list(const char *const *l, const char *w)
{
	for (; l && *l; l++)
		if (!strcmp(*l, w))
			return true;
	return false;
}

static bool is_short_val(const struct sh_optspec *o, char ch)
{
	return ch && o->shorts && strchr(o->shorts, ch);
}

long rc_operand(const struct rcmd *c, const struct sh_optspec *o, size_t *i)
{
	return sh_operand(c->argv, c->argc, o, i);
}

const char *rc_sub(const struct rcmd *c, const struct sh_optspec *o, size_t *after)
{
	size_t i = 1;
	long k = rc_operand(c, o, &i);
	if (after)
		*after = i;
	return k < 0 ? NULL : c->argv[k];
}

/* Calls fn for every option word (values skipped) until it returns true. */
static bool each_opt(const struct rcmd *c, const struct sh_optspec *o,
                     bool (*fn)(const struct sh_optspec *, const char *, const void *, int *),
                     const void *arg, int *acc)
{
	for (size_t k = 1; k < c->argc; k++) {
		const char *w = c->argv[k];
		if (!strcmp(w, "--"))
			break;
		if (w[0] != '-' || !w[1])
			continue;
		if (fn(o, w, arg, acc))
			return true;
		k += sh_opt_takes(o, w);
	}
	return false;
}

static bool match_opt(const struct sh_optspec *o, const char *w, const void *arg, int *acc)
{
	const char *opt = arg;
	size_t n = strlen(opt);
	(void)acc;
	if (!strcmp(w, opt))
		return true;
	if (opt[1] == '-')
		return !strncmp(w, opt, n) && w[n] == '=';
	if (w[1] == '-' || in_list(o->longs, w))
		return false;
	for (const char *p = w + 1; *p; p++) {
		if (*p == opt[1])
			return true;
		if (is_short_val(o, *p))
			break;
	}
	return false;
}

bool rc_has(const struct rcmd *c, const struct sh_optspec *o, const char *opt)
{
	return each_opt(c, o, match_opt, opt, NULL);
}

static bool count_short(const struct sh_optspec *o, const char *w, const void *arg, int *acc)
{
	char letter = *(const char *)arg;
	if (w[1] == '-' || in_list(o->longs, w))
		return false;
	for (const char *p = w + 1; *p; p++) {
		if (*p == letter)
			++*acc;
		if (is_short_val(o, *p))
			break;
	}
	return false;
}

int rc_short_count(const struct rcmd *c, const struct sh_optspec *o, char letter)
{
	int n = 0;
	each_opt(c, o, count_short, &letter, &n);
	return n;
}

const char *rc_value(const struct rcmd *c, const struct sh_optspec *o, const char *shortopt,
                     const char *longopt)
{
	size_t ln = longopt ? strlen(longopt) : 0;
	for (size_t k = 1; k < c->argc; k++) {
		const char *w = c->argv[k], *next = k + 1 < c->argc ? c->argv[k + 1] : NULL;
		if (!strcmp(w, "--"))
			break;
		if (w[0] != '-' || !w[1])
			continue;
		if (longopt && !strcmp(w, longopt))
			return next;
		if (longopt && !strncmp(w, longopt, ln) && w[ln] == '=')
			return w + ln + 1;
		if (shortopt && w[1] != '-' && !in_list(o->longs, w)) {
			for (const char *p = w + 1; *p; p++) {
				if (*p == shortopt[1])
					return p[1] ? p + 1 : next;
				if (is_short_val(o, *p))
					break;
			}
		}
		k += sh_opt_takes(o, w);
	}
	return NULL;
}

bool rc_word_has(const struct rcmd *c, const char *w)
{
	for (size_t k = 1; k < c->argc; k++)
		if (!strcmp(c->argv[k], w))
			return true;
	return false;
}

/* Called for every RUN by every RUN rule: only the JSON fallback command needs clearing. */
void run_iter_init(struct run_iter *it, const struct df_instr *in, int line)
{
	it->in = in;
	it->i = 0;
	it->line = in->line ? in->line : line;
	it->json.argc = 0;
	if (!in->sh.ncmds && in->json && in->argc) {
		memset(&it->json, 0, sizeof it->json);
		it->json.argv = in->argv;
		it->json.argc = in->argc;
		it->json.line = it->line;
		it->json.name = sh_cmd_name(&it->json);
		sh_cmd_unwrap(&it->json);
	}
}

/* Package managers and the options of theirs that take a value. */
static const char *const apt_long[] = { "--option", "--config-file", "--target-release",
	"--default-release", NULL };
static const char *const apk_long[] = { "--repository", "--virtual", "--root", "--keys-dir",
	"--repositories-file", "--arch", "--cache-dir", "--cache-max-age", NULL };
static const char *const yum_long[] = { "--setopt", "--enablerepo", "--disablerepo", "--repo",
	"--repoid", "--exclude", "--installroot", "--releasever", "--config", "--downloaddir",
	"--destdir", "--forcearch", NULL };
static const char *const zypper_long[] = { "--config", "--root", "--reposd-path", "--cache-dir",
	"--repo", "--type", "--from", NULL };
static const struct sh_optspec pm_spec[] = {
	[PM_NONE] = { "", NULL },
	[PM_APT] = { "oct", apt_long },
	[PM_APK] = { "Xtp", apk_long },
	[PM_YUM] = { "cxdeR", yum_long },
	[PM_ZYPPER] = { "cRDCrt", zypper_long },
};

/* Asked of every command by several rules: most names are ruled out by their first letter. */
enum pm pm_of(const struct rcmd *c)
{
	switch (c->name[0]) {
	case 'a':
		if (rc_is(c, "apt-get") || rc_is(c, "apt"))
			return PM_APT;
		return rc_is(c, "apk") ? PM_APK : PM_NONE;
	case 'y':
		return rc_is(c, "yum") ? PM_YUM : PM_NONE;
	case 'd':
		return rc_is(c, "dnf") || rc_is(c, "dnf5") ? PM_YUM : PM_NONE;
	case 'm':
		return rc_is(c, "microdnf") ? PM_YUM : PM_NONE;
	case 't':
		return rc_is(c, "tdnf") ? PM_YUM : PM_NONE;
	case 'z':
		return rc_is(c, "zypper") ? PM_ZYPPER : PM_NONE;
	default:
		return PM_NONE;
	}
}

const struct sh_optspec *pm_opts(enum pm pm)
{
	return &pm_spec[pm];
}

bool pm_install(const struct rcmd *c, enum pm *pm, size_t *pkgs)
{
	enum pm p = pm_of(c);
	const char *sub;
	if (p == PM_NONE || !(sub = rc_sub(c, pm_opts(p), pkgs)))
		return false;
	*pm = p;
	switch (p) {
	case PM_APT:
	case PM_YUM:
		return !strcmp(sub, "install");
	case PM_APK:
		return !strcmp(sub, "add");
	case PM_ZYPPER:
		return !strcmp(sub, "install") || !strcmp(sub, "in");
	default:
		return false;
	}
}

bool word_dynamic(const char *w)
{
	return strpbrk(w, "$`") != NULL;
}

/* Target of a type=cache or type=tmpfs mount, copied into buf; false for other mounts. */
static bool cache_target(const char *v, char *buf, size_t n)
{
	bool cache = false;
	buf[0] = '\0';
	while (v && *v) {
		const char *end = strchr(v, ','), *eq;
		size_t len = end ? (size_t)(end - v) : strlen(v);
		eq = memchr(v, '=', len);
		if (eq) {
			size_t kl = (size_t)(eq - v), vl = len - kl - 1;
			const char *val = eq + 1;
			if (vl >= 2 && (val[0] == '"' || val[0] == '\'') && val[vl - 1] == val[0]) {
				val++;
				vl -= 2;
			}
			if (kl == 4 && !strncmp(v, "type", 4))
				cache = (vl == 5 && !strncmp(val, "cache", 5))
				        || (vl == 5 && !strncmp(val, "tmpfs", 5));
			else if ((kl == 6 && !strncmp(v, "target", 6)) || (kl == 3 && !strncmp(v, "dst", 3))
			         || (kl == 11 && !strncmp(v, "destination", 11)))
				snprintf(buf, n, "%.*s", (int)vl, val);
		}
		v = end ? end + 1 : NULL;
	}
	return cache && buf[0];
}

static bool is_mount(const struct df_flag *f)
{
	const char *n = f->name;
	while (*n == '-')
		n++;
	return !strcmp(n, "mount") && f->value;
}

static size_t norm_len(const char *t)
{
	size_t n = strlen(t);
	while (n && t[n - 1] == '*')
		n--;
	while (n && t[n - 1] == '/')
		n--;
	return n;
}

bool path_covers(const char *target, const char *path)
{
	size_t n = norm_len(target);
	return !strncmp(path, target, n) && (path[n] == '\0' || path[n] == '/');
}

bool run_mount_covers(const struct df_instr *in, const char *path)
{
	char t[512];
	for (size_t i = 0; i < in->nflags; i++)
		if (is_mount(&in->flags[i]) && cache_target(in->flags[i].value, t, sizeof t)
		    && path_covers(t, path))
			return true;
	return false;
}

bool run_mount_suffix(const struct df_instr *in, const char *suffix)
{
	char t[512];
	size_t sl = strlen(suffix);
	for (size_t i = 0; i < in->nflags; i++) {
		if (!is_mount(&in->flags[i]) || !cache_target(in->flags[i].value, t, sizeof t))
			continue;
		size_t n = norm_len(t);
		if (n >= sl && !strncmp(t + n - sl, suffix, sl))
			return true;
	}
	return false;
}

static bool find_deletes(const struct rcmd *c, const char *path)
{
	bool start = false;
	size_t k;
	for (k = 1; k < c->argc && c->argv[k][0] != '-' && c->argv[k][0] != '('
	            && c->argv[k][0] != '!'; k++)
		start |= path_covers(c->argv[k], path);
	return start && (rc_word_has(c, "-delete") || (rc_word_has(c, "-exec")
	                                               && (rc_word_has(c, "rm") || rc_word_has(c, "/bin/rm"))));
}

bool run_removes(const struct df_instr *in, const char *path)
{
	struct run_iter it;
	struct rcmd c;
	run_iter_init(&it, in, 0);
	while (run_next(&it, &c)) {
		if (rc_is(&c, "rm")) {
			size_t i = 1;
			long k;
			while ((k = rc_operand(&c, &opts_none, &i)) >= 0)
				if (path_covers(c.argv[k], path))
					return true;
		} else if (rc_is(&c, "find") && find_deletes(&c, path)) {
			return true;
		}
	}
	return false;
}



const char *run_env(const struct dockerfile *df, size_t idx, const char *key)
{
	struct back_iter b;
	const struct df_instr *in;
	back_init(&b, df, idx);
	while ((in = back_next(&b)))
		if (in->kind == DF_ENV)
			for (size_t i = in->nkvs; i-- > 0;)
				if (!strcmp(in->kvs[i].key, key))
					return in->kvs[i].value ? in->kvs[i].value : "";
	return NULL;
}

bool stage_shipped(const struct dockerfile *df, int stage)
{
	if (stage < 0 || (size_t)stage >= df->nstages)
		return true;
	return df->stages[stage].shipped;
}

void namelist_add(struct namelist *l, const char *name, int line)
{
	const char *sep = l->len ? ", " : "";
	size_t need = strlen(sep) + strlen(name);
	if (l->n++ == 0)
		l->line = line;
	if (l->cut)
		return;
	if (l->len + need + 4 > sizeof l->s) {
		memcpy(l->s + l->len, "...", 4);
		l->len += 3;
		l->cut = true;
		return;
	}
	memcpy(l->s + l->len, sep, strlen(sep));
	memcpy(l->s + l->len + strlen(sep), name, strlen(name) + 1);
	l->len += need;
}

const char *const pm_names[] = { "apt", "apk", "yum", "dnf", "microdnf", "tdnf", "zypper",
	NULL };

bool df_may_run_any(const struct dockerfile *df, const char *const *names)
{
	for (; *names; names++)
		if (df_may_run(df, *names))
			return true;
	return false;
}

void check_pins(const struct rule *self, const struct dockerfile *df, struct findings *out,
                const struct pin_rule *pr)
{
	const struct df_instr *in;
	if (!df_may_run_any(df, pr->runs))
		return;
	for_each_run(df, i, in) {
		struct namelist l = { 0 };
		const char *tool = pr->tool;
		struct run_iter it;
		struct rcmd c;
		struct pkgs p;
		long a;
		run_iter_init(&it, in, df->instr[i].line);
		while (run_next(&it, &c)) {
			if (!pr->install(&c, &p))
				continue;
			while ((a = rc_operand(&c, p.o, &p.first)) >= 0) {
				if (word_dynamic(c.argv[a]) || p.pinned(c.argv[a]))
					continue;
				if (!l.n && !pr->tool)
					tool = c.name;
				namelist_add(&l, c.argv[a], c.line);
			}
		}
		if (l.n)
			finding_add(out, self, (struct loc){ df->path, l.line }, l.s, "%s %s: %s", tool,
			            pr->what, l.s);
	}
}
