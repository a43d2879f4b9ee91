/* Who the image runs as, and what lands in it owned by root. */
#include "rules/rule.h"
#include "rules/dockerfile/stage_chain.h"
#include "rules/dockerfile/instr_words.h"
#include "util/util.h"
#include <string.h>


static void check_root(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	const struct df_stage *fin = df_final_stage(df);
	if (!fin)
		return;
	const struct df_instr *u = df_chain_last(df, fin->index, (size_t)-1, DF_USER);
	if (u) {
		const char *who = df_arg0(u);
		if (df_user_is_root(who))
			finding_add(out, self, df_loc(df, u), who,
			            "final stage runs as USER %s", who);
		return;
	}
	/* Images built to run unprivileged (distroless :nonroot, *-nonroot) set USER themselves. */
	if (strstr(df_stage_image(&df->stages[fin->root]), "nonroot"))
		return;
	finding_add(out, self, (struct loc){ df->path, fin->line }, NULL,
	            "final stage has no USER, so the container runs as root");
}

const struct rule rule_user_root = {
	.id = "BW-D004",
	.title = "Image runs as root",
	.severity = SEV_HIGH,
	.cis = "4.1",
	.aliases = ALIASES("DL3002", "DS002", "CIS-DI-0001"),
	.rationale = "A process running as root inside the container is root on the host's kernel: "
	             "any escape or writable host mount becomes full host compromise. Unlike "
	             "hadolint, only the final stage's user is judged: a builder stage running as "
	             "root ships nothing that runs.",
	.remediation = "Create an unprivileged user and switch to it at the end of the final stage: "
	               "RUN useradd -r -u 10001 app, then USER 10001.",
	.check_dockerfile = check_root,
};

/* "." or "./" (also "./." and the like): the whole build context. */
static bool is_context(const char *src)
{
	if (!src || src[0] != '.')
		return false;
	for (const char *p = src; *p; p++)
		if (*p != '.' && *p != '/')
			return false;
	return strcmp(src, "..") != 0 && strstr(src, "..") == NULL;
}

static bool copies_context(const struct df_instr *in)
{
	size_t n = df_copy_nsrc(in);
	for (size_t i = 0; i < n; i++)
		if (is_context(in->argv[i]))
			return true;
	return false;
}

static void check_stage_context(const struct rule *self, const struct dockerfile *df,
                                const struct df_stage *st, struct findings *out)
{
	for (size_t i = 1; i < st->count; i++) {
		const struct df_instr *in = df_stage_instr(df, st, i);
		if (!in || (in->kind != DF_COPY && in->kind != DF_ADD))
			continue;
		if (df_flag(in, "from") || !copies_context(in))
			continue;
		const struct df_flag *chown = df_flag(in, "chown");
		if (chown && chown->value && *chown->value && !df_user_is_root(chown->value))
			continue;
		const struct df_instr *u = df_chain_last(df, st->index, i, DF_USER);
		if (u && !df_user_is_root(df_arg0(u)))
			continue;
		finding_add(out, self, df_loc(df, in), NULL,
		            "%s copies the whole build context into the image as root",
		            df_kw(in));
	}
}

static void check_context(const struct rule *self, const struct dockerfile *df,
                          struct findings *out)
{
	for (size_t s = 0; s < df->nstages; s++)
		if (df_in_final_chain(df, (int)s))
			check_stage_context(self, df, &df->stages[s], out);
}

const struct rule rule_copy_context_root = {
	.id = "BW-D013",
	.title = "Whole build context copied as root",
	.severity = SEV_MEDIUM,
	.rationale = "COPY . copies everything in the build directory that .dockerignore does not "
	             "exclude (.git, .env, keys) into the final image, owned by root and readable by "
	             "anyone who pulls the image.",
	.remediation = "Copy only what the application needs (COPY src/ ./src/), keep a strict "
	               ".dockerignore, and use --chown=app:app or switch USER before copying.",
	.check_dockerfile = check_context,
};
