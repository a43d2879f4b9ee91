#include "rules/dockerfile/run_iter.h"
#include <string.h>

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
