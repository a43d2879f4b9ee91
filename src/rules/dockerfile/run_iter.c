#include "rules/dockerfile/run_iter.h"
#include <string.h>

/* Starts on RUN in; only the JSON fallback command needs setting up. */
static void load(struct run_walk *w, const struct df_instr *in, int line)
{
	w->in = in;
	w->i = 0;
	w->line = in->line ? in->line : line;
	w->json.argc = 0;
	if (!in->sh.ncmds && in->json && in->argc) {
		memset(&w->json, 0, sizeof w->json);
		w->json.argv = in->argv;
		w->json.argc = in->argc;
		w->json.line = w->line;
		w->json.name = sh_cmd_name(&w->json);
		sh_cmd_unwrap(&w->json);
	}
}

/* The JSON-form command of an unsplit RUN, else the first command of the next RUN that has
 * one. */
const struct rcmd *run_advance(struct run_walk *w)
{
	const struct df_instr *in;
	for (;;) {
		if (w->i < w->in->sh.ncmds) {
			const struct sh_cmd *sh = &w->in->sh.cmds[w->i];
			if (sh->view.sh) {
				w->i++;
				return &sh->view;
			}
			rcmd_from(&w->c, sh, w->line);
			break;
		}
		if (w->i == 0 && w->json.argc) {
			rcmd_from(&w->c, &w->json, w->line);
			break;
		}
		do
			if (!w->df || ++w->idx >= w->df->ninstr)
				return NULL;
		while (!(in = run_at(w->df, w->idx)));
		load(w, in, w->df->instr[w->idx].line);
	}
	w->c.index = w->i++;
	return &w->c;
}

const struct rcmd *run_first(struct run_walk *w, const struct dockerfile *df)
{
	static const struct df_instr none;
	w->df = df;
	w->idx = (size_t)-1;
	w->in = &none;
	w->i = 0;
	w->json.argc = 0;
	return run_advance(w);
}

const struct rcmd *run_cmds(struct run_walk *w, const struct df_instr *in, int line)
{
	w->df = NULL;
	load(w, in, line);
	return run_next(w);
}
