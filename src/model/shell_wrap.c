/* Wrapper commands (sudo, env, xargs, timeout, python -m pip ...): which word of a simple
 * command is the command actually run. Worked out once per command by the parser so the many
 * RUN rules that look at commands do not each peel the wrappers again. */
#include "model/shell.h"
#include "util/util.h"
#include <string.h>

/* Option words differ from the listed ones within a few bytes: a loop beats strcmp calls. */
static bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static bool in_list(const char *const *l, const char *w)
{
	for (; l && *l; l++)
		if (same(*l, w))
			return true;
	return false;
}

int sh_opt_takes(const struct sh_optspec *o, const char *w)
{
	if (in_list(o->longs, w))
		return 1;
	if (w[0] != '-' || w[1] == '-' || !w[1])
		return 0;
	for (const char *p = w + 1; *p; p++)
		if (o->shorts && strchr(o->shorts, *p))
			return p[1] == '\0';
	return 0;
}

/* w is "--". Asked of every word before each operand (callers walk a package list operand by
 * operand): inline, no strcmp call. */
static bool dashdash(const char *w)
{
	return w[0] == '-' && w[1] == '-' && !w[2];
}

static bool dashdash_before(char *const *argv, size_t argc, size_t i)
{
	for (size_t k = 1; k < i && k < argc; k++)
		if (dashdash(argv[k]))
			return true;
	return false;
}

long sh_operand(char *const *argv, size_t argc, const struct sh_optspec *o, size_t *i)
{
	bool dd = dashdash_before(argv, argc, *i);
	for (size_t k = *i; k < argc; k++) {
		const char *w = argv[k];
		if (!dd && dashdash(w)) {
			dd = true;
			continue;
		}
		if (!dd && w[0] == '-' && w[1]) {
			k += (size_t)sh_opt_takes(o, w);
			continue;
		}
		*i = k + 1;
		return (long)k;
	}
	*i = argc;
	return -1;
}

static const char *const sudo_long[] = { "--user", "--group", "--prompt", "--close-from",
	"--host", "--role", "--type", "--command-timeout", "--other-user", "--chdir", NULL };
static const char *const env_long[] = { "--unset", "--chdir", "--split-string", NULL };
static const char *const xargs_long[] = { "--arg-file", "--delimiter", "--max-args",
	"--max-procs", "--max-chars", "--max-lines", NULL };
static const char *const timeout_long[] = { "--signal", "--kill-after", NULL };

struct wrapper {
	const char *name;
	struct sh_optspec o;
	int lead;          /* operands before the command: timeout's duration, gosu's user */
	bool assigns;      /* VAR=value operands before the command (env) */
};

/* Sorted by name, so that wrapper_at finds those of each initial together. */
static const struct wrapper wrappers[] = {
	{ "command", { "", NULL }, 0, false },
	{ "eatmydata", { "", NULL }, 0, false },
	{ "env", { "uCS", env_long }, 0, true },
	{ "exec", { "a", NULL }, 0, false },
	{ "gosu", { "", NULL }, 1, false },
	{ "nice", { "n", NULL }, 0, false },
	{ "nohup", { "", NULL }, 0, false },
	{ "stdbuf", { "ioe", NULL }, 0, false },
	{ "su-exec", { "", NULL }, 1, false },
	{ "sudo", { "ugpChrtTUD", sudo_long }, 0, false },
	{ "time", { "fo", NULL }, 0, false },
	{ "timeout", { "sk", timeout_long }, 1, false },
	{ "xargs", { "adEILnPs", xargs_long }, 0, false },
};

/* The command being peeled: argv[0..argc) is what is left after the wrappers so far. */
struct view { char **argv; size_t argc; const char *name; size_t start; };

static const char *base(const char *s)
{
	const char *slash = strrchr(s, '/');
	return slash ? slash + 1 : s;
}

static bool has_word(const struct view *v, const char *w)
{
	for (size_t k = 1; k < v->argc; k++)
		if (!strcmp(v->argv[k], w))
			return true;
	return false;
}

/* python -m pip ... -> pip ... */
static bool peel_python(struct view *v)
{
	if (v->name[0] != 'p' || !str_prefix(v->name, "python"))
		return false;
	for (size_t k = 1; k + 1 < v->argc; k++) {
		const char *w = v->argv[k];
		if (w[0] != '-')
			return false;
		if (!strcmp(w, "-m")) {
			if (strcmp(v->argv[k + 1], "pip") && strcmp(v->argv[k + 1], "pip3"))
				return false;
			v->argv += k + 1;
			v->argc -= k + 1;
			v->start += k + 1;
			return true;
		}
	}
	return false;
}

/* 1 + the index in wrappers of the first name starting with a byte; 0: none does. */
static const unsigned char wrapper_at[256] = {
	['c'] = 1, ['e'] = 2, ['g'] = 5, ['n'] = 6, ['s'] = 8, ['t'] = 11, ['x'] = 13,
};

/* Most commands are no wrapper: rule most out by their first letter, compare only names with
 * the same first letters. */
static const struct wrapper *wrapper_of(const char *name)
{
	size_t i = wrapper_at[(unsigned char)name[0]], n = sizeof wrappers / sizeof *wrappers;
	if (!i--)
		return NULL;
	for (const struct wrapper *w = wrappers + i; w < wrappers + n && w->name[0] == name[0]; w++)
		if (w->name[1] == name[1] && !strcmp(name, w->name))
			return w;
	return NULL;
}

static bool peel_one(struct view *v, bool *sudo)
{
	const struct wrapper *w = wrapper_of(v->name);
	if (!w)
		return peel_python(v);
	if (!strcmp(w->name, "command") && (has_word(v, "-v") || has_word(v, "-V")))
		return false;
	size_t i = 1;
	long k = sh_operand(v->argv, v->argc, &w->o, &i);
	while (k >= 0 && w->assigns && strchr(v->argv[k], '='))
		k = sh_operand(v->argv, v->argc, &w->o, &i);
	for (int n = 0; n < w->lead && k >= 0; n++)
		k = sh_operand(v->argv, v->argc, &w->o, &i);
	if (k < 0)
		return false;
	if (!strcmp(w->name, "sudo"))
		*sudo = true;
	v->argv += k;
	v->argc -= (size_t)k;
	v->start += (size_t)k;
	return true;
}

void sh_cmd_unwrap(struct sh_cmd *c)
{
	struct view v = { c->argv, c->argc, c->name, 0 };
	c->sudo = false;
	for (int n = 0; n < 8 && v.argc && peel_one(&v, &c->sudo); n++)
		v.name = base(v.argv[0]);
	c->start = v.start;
	c->cmd = v.name;
}
