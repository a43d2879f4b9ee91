#include "rules/host/ssh_util.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static const char CONFIG[] = "/etc/ssh/sshd_config";

static struct loc where(const struct ssh_value *v)
{
	return v->loc.path ? v->loc : (struct loc){ CONFIG, 0 };
}

static void report(const struct rule *self, enum ssh_key k, const struct ssh_value *v,
                   const struct ssh_match *m, const char *why, struct findings *out)
{
	const char *origin = host_ssh_origin_name(v);
	char *src = origin ? xasprintf(" (%s)", origin) : xstrdup("");
	/* the value in the message unless it is an algorithm list: the evidence has those */
	char *key = strchr(v->v, ',') ? xstrdup(host_ssh_key_title(k))
	                              : xasprintf("%s %s", host_ssh_key_title(k), v->v);
	char *ev = m ? xasprintf("Match %s: %s %s", m->cond, host_ssh_key_name(k), v->v)
	             : xasprintf("%s %s", host_ssh_key_name(k), v->v);
	if (m)
		finding_add(out, self, where(v), ev, "%s: %s, for connections matching the Match block "
		            "\"%s\" at %s line %d", key, why, m->cond, m->loc.path, m->loc.line);
	else
		finding_add(out, self, where(v), ev, "%s: %s%s", key, why, src);
	free(ev);
	free(src);
	free(key);
}

void ssh_check(const struct rule *self, const struct host *h, enum ssh_key k, ssh_judge judge,
               struct findings *out)
{
	const struct host_ssh *x = &h->ssh;
	if (!x->known)
		return;
	const struct ssh_value *g = &x->eff[k];
	char *why = g->v ? judge(h, g->v) : NULL;
	if (why)
		report(self, k, g, NULL, why, out);
	free(why);
	for (size_t i = 0; i < x->nmatch; i++) {
		const struct ssh_value *v = &x->match[i].set[k];
		/* Match all's first setting is the global one too: reported once */
		if (!v->v || (g->loc.path && v->loc.path == g->loc.path && v->loc.line == g->loc.line))
			continue;
		why = judge(h, v->v);
		if (why)
			report(self, k, v, &x->match[i], why, out);
		free(why);
	}
}

char *ssh_pick(const char *list, bool (*weak)(const char *name), const char *what)
{
	char *copy = xstrdup(list), *s = copy, *name;
	struct buf b = { 0 };
	while ((name = strsep(&s, ",")))
		if (*name && weak(name))
			buf_printf(&b, "%s%s", b.len ? ", " : "", name);
	free(copy);
	if (!b.len)
		return NULL;
	char *names = buf_take(&b), *why = xasprintf("sshd offers weak %s: %s", what, names);
	free(names);
	return why;
}
