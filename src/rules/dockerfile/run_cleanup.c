#include "rules/dockerfile/run_cleanup.h"
#include "rules/dockerfile/cmd_opts.h"
#include <stdio.h>
#include <string.h>

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

bool rc_removes(const struct rcmd *c, const char *path)
{
	if (rc_is(c, "rm")) {
		size_t i = 1;
		long k;
		while ((k = rc_operand(c, &opts_none, &i)) >= 0)
			if (path_covers(c->argv[k], path))
				return true;
	} else if (rc_is(c, "find") && find_deletes(c, path)) {
		return true;
	}
	return false;
}

bool run_removes_after(const struct df_instr *in, const char *path, size_t index)
{
	struct run_walk w;
	for (const struct rcmd *c = run_cmds(&w, in, 0); c; c = run_next(&w))
		if (c->index > index && rc_removes(c, path))
			return true;
	return false;
}
