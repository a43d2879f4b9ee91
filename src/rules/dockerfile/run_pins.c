#include "rules/dockerfile/run_pins.h"
#include <string.h>

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
