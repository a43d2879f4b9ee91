#include "rules/dockerfile/cmd_opts.h"
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

struct counted { char letter; const char *longopt; };

static bool count_opt(const struct sh_optspec *o, const char *w, const void *arg, int *acc)
{
	const struct counted *x = arg;
	if (w[1] == '-') {
		*acc += x->longopt && !strcmp(w, x->longopt);
		return false;
	}
	if (in_list(o->longs, w))
		return false;
	for (const char *p = w + 1; *p; p++) {
		if (*p == x->letter)
			++*acc;
		if (is_short_val(o, *p))
			break;
	}
	return false;
}

int rc_opt_count(const struct rcmd *c, const struct sh_optspec *o, char letter,
                 const char *longopt)
{
	int n = 0;
	const struct counted x = { letter, longopt };
	each_opt(c, o, count_opt, &x, &n);
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

bool word_dynamic(const char *w)
{
	return strpbrk(w, "$`") != NULL;
}
