/* libFuzzer target: the checks of input reading, then parse a Dockerfile, read every field of
 * the model, fingerprint a finding on each of its first lines, free it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "model/dockerfile.h"
#include "pipeline/fingerprint.h"
#include "rules/rule.h"
#include "util/util.h"

static size_t slen(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t walk_sh(const struct sh_script *sh)
{
	size_t sum = sh->has_pipe;
	for (size_t i = 0; i < sh->ncmds; i++) {
		const struct sh_cmd *c = &sh->cmds[i];
		sum += (size_t)c->line + c->next + c->piped_in + slen(sh_cmd_name(c));
		sum += sh_has_opt(c, "-y") + sh_has_opt(c, "--yes");
		for (size_t j = 0; j < c->argc; j++)
			sum += slen(c->argv[j]);
		for (size_t j = 0; j < c->nassigns; j++)
			sum += slen(c->assigns[j]);
	}
	return sum;
}

static size_t walk_instr(const struct df_instr *in)
{
	size_t sum = slen(in->keyword) + slen(in->args) + in->json + (size_t)in->line;
	sum += (size_t)in->end_line + (size_t)in->stage + slen(df_kind_name(in->kind));
	for (size_t i = 0; i < in->argc; i++)
		sum += slen(in->argv[i]);
	for (size_t i = 0; i < in->nflags; i++)
		sum += slen(in->flags[i].name) + slen(in->flags[i].value);
	for (size_t i = 0; i < in->nkvs; i++)
		sum += slen(in->kvs[i].key) + slen(in->kvs[i].value);
	for (size_t i = 0; i < in->nheredocs; i++)
		sum += slen(in->heredocs[i].marker) + slen(in->heredocs[i].body) +
		       (size_t)in->heredocs[i].line;
	sum += df_flag(in, "from") != NULL;
	sum += walk_sh(&in->sh);
	if (in->onbuild)
		sum += walk_instr(in->onbuild);
	return sum;
}

/* A finding on each of the first lines (and one on the whole file), keyed from the text. */
static size_t fingerprints(const struct dockerfile *df, const char *text, size_t len)
{
	struct findings f = { 0 };
	size_t sum = 0;
	f.cur = (struct target){ TK_DOCKERFILE, "fuzz", NULL, NULL };
	for (int line = 0; line <= 64; line++)
		finding_add(&f, rules_all[0], (struct loc){ "fuzz", line }, NULL, "line %d", line);
	fingerprint_keys(&f, 0, "fuzz", text, len, df);
	fingerprint_all(&f);
	for (size_t i = 0; i < f.n; i++)
		sum += slen(f.v[i].fingerprint);
	findings_free(&f);
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL;
	int line = 0;
	volatile size_t sum = 0;
	struct dockerfile *df;

	char *mended = NULL;
	const char *text = (const char *)data;

	if (size > (1u << 20))
		size = 1u << 20;
	/* what input reading lets through: no NUL byte, invalid UTF-8 replaced */
	switch (text_check(text, size, &line)) {
	case TEXT_NUL:
		return 0;
	case TEXT_BAD_UTF8:
		text = mended = utf8_mend(text, size, &size);
		if (text_check(text, size, &line) == TEXT_NUL) {
			free(mended);
			return 0;
		}
		break;
	case TEXT_OK:
		break;
	}
	df = dockerfile_parse("fuzz", text, size, &err, &line);
	if (!df) {
		sum += slen(err) + (size_t)line;
		free(err);
		free(mended);
		return 0;
	}
	for (size_t i = 0; i < df->nerrors; i++)
		sum += slen(df->errors[i].msg) + (size_t)df->errors[i].line;
	for (size_t i = 0; i < df->ninstr; i++)
		sum += walk_instr(&df->instr[i]);
	for (size_t i = 0; i < df->nstages; i++) {
		const struct df_stage *s = &df->stages[i];
		char *x = df_expand(s->image, df->meta_args, df->nmeta_args);
		sum += slen(x) + slen(s->image_resolved) + slen(s->name) + slen(s->platform);
		sum += s->first + s->count + (size_t)s->from_stage + s->scratch + (size_t)s->line;
		free(x);
	}
	for (size_t i = 0; i < df->nmeta_args; i++)
		sum += slen(df->meta_args[i].key) + slen(df->meta_args[i].value);
	sum += df_final_stage(df) != NULL;
	sum += fingerprints(df, text, size);
	dockerfile_free(df);
	free(mended);
	(void)sum;
	return 0;
}
