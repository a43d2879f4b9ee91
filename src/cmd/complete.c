#include "cmd/complete.h"
#include "util/util.h"
#include <string.h>

enum comp_kind complete_kind(const struct opt *e)
{
	if (!e->arg)
		return COMP_NONE;
	if (e->values == opt_values_rules)
		return COMP_RULES;
	if (e->values)
		return COMP_WORDS;
	if (!strcmp(e->arg, "FILE") || !strcmp(e->arg, "PATH"))
		return COMP_FILE;
	if (!strcmp(e->arg, "DIR"))
		return COMP_DIR;
	return COMP_ANY;
}

static void ctx_of(struct comp_ctx *c, const struct cmd *cmd, const char *key)
{
	memset(c, 0, sizeof *c);
	c->cmd = cmd;
	snprintf(c->key, sizeof c->key, "%s", key);
	if (cmd->opts)
		cmd->opts(cmd, &c->o);
	c->subs = cmd->subs;
	c->nested = cmd->subs && cmd->subs[0].run;
}

void complete_walk(FILE *fp, void (*fn)(FILE *fp, const struct comp_ctx *c))
{
	struct comp_ctx c;
	for (const struct cmd *const *t = cmd_table; *t; t++) {
		if ((*t)->hidden)
			continue;
		ctx_of(&c, *t, (*t)->name);
		fn(fp, &c);
		for (const struct cmd *s = (*t)->subs; s && s->name && s->run; s++) {
			char key[48];
			snprintf(key, sizeof key, "%s %s", (*t)->name, s->name);
			ctx_of(&c, s, key);
			fn(fp, &c);
		}
	}
}

bool complete_find(const char *cmd, const char *sub, struct comp_ctx *out)
{
	for (const struct cmd *const *t = cmd_table; *t; t++) {
		if ((*t)->hidden || strcmp((*t)->name, cmd))
			continue;
		for (const struct cmd *s = (*t)->subs; sub && s && s->name && s->run; s++)
			if (!strcmp(s->name, sub)) {
				char key[48];
				snprintf(key, sizeof key, "%s %s", cmd, sub);
				ctx_of(out, s, key);
				return true;
			}
		ctx_of(out, *t, cmd);
		return !sub;
	}
	return false;
}

const struct opt *complete_opt_named(const struct comp_ctx *c, const char *arg)
{
	size_t i = 0, len = strcspn(arg, "=");
	for (const struct opt *e; (e = complete_opt_next(c, &i));) {
		if (arg[0] == '-' && arg[1] == '-' && strlen(e->name) == len - 2 &&
		    !strncmp(e->name, arg + 2, len - 2))
			return e;
		if (arg[0] == '-' && arg[1] != '-' && e->key < 256 && arg[1] == e->key && !arg[2])
			return e;
	}
	return NULL;
}

const struct opt *complete_opt_next(const struct comp_ctx *c, size_t *i)
{
	if (*i == (size_t)-1)
		return NULL;
	for (const struct opt *e; c->o.table && (e = &c->o.table[*i])->name;) {
		++*i;
		if (opts_takes(&c->o, e))
			return e;
	}
	*i = (size_t)-1;
	return &opts_help_opt;
}

char *complete_join(const char *const *v)
{
	struct buf b = { 0 };
	for (; v && *v; v++)
		buf_printf(&b, "%s%s", b.len ? " " : "", *v);
	return buf_take(&b);
}

char *complete_commands(void)
{
	struct buf b = { 0 };
	for (const struct cmd *const *t = cmd_table; *t; t++)
		if (!(*t)->hidden)
			buf_printf(&b, "%s%s", b.len ? " " : "", (*t)->name);
	return buf_take(&b);
}
