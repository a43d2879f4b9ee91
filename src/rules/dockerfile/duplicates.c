/* Instructions that may appear once per stage, and stage names that must be unique. */
#include "rules/rule.h"
#include "rules/dockerfile/stage_chain.h"
#include "rules/dockerfile/instr_words.h"
#include "util/util.h"

/* Report every occurrence of kind in a stage after the first: only the last one takes effect. */
static void check_once(const struct rule *self, const struct dockerfile *df,
                       struct findings *out, enum df_kind kind)
{
	for (size_t s = 0; s < df->nstages; s++) {
		const struct df_stage *st = &df->stages[s];
		const struct df_instr *first = NULL;
		for (size_t i = 1; i < st->count; i++) {
			const struct df_instr *in = df_stage_instr(df, st, i);
			if (!in || in->kind != kind)
				continue;
			if (first)
				finding_add(out, self, df_loc(df, in), NULL,
				            "%s repeats the one on line %d; only the last takes effect",
				            df_kw(in), first->line);
			else
				first = in;
		}
	}
}

static void check_cmd(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	check_once(self, df, out, DF_CMD);
}

static void check_entrypoint(const struct rule *self, const struct dockerfile *df,
                             struct findings *out)
{
	check_once(self, df, out, DF_ENTRYPOINT);
}

static void check_healthcheck(const struct rule *self, const struct dockerfile *df,
                              struct findings *out)
{
	check_once(self, df, out, DF_HEALTHCHECK);
}

const struct rule rule_multiple_cmd = {
	.id = "BW-D015",
	.title = "Multiple CMD instructions in one stage",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL4003", "DS016"),
	.rationale = "Only the last CMD of a stage counts; the others mislead readers about what the "
	             "container runs.",
	.remediation = "Keep a single CMD per stage.",
	.check_dockerfile = check_cmd,
};

const struct rule rule_multiple_entrypoint = {
	.id = "BW-D016",
	.title = "Multiple ENTRYPOINT instructions in one stage",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("DL4004", "DS007"),
	.rationale = "Only the last ENTRYPOINT of a stage counts, so a reviewed entrypoint (a wrapper "
	             "that drops privileges, say) can be silently replaced further down.",
	.remediation = "Keep a single ENTRYPOINT per stage.",
	.check_dockerfile = check_entrypoint,
};

const struct rule rule_multiple_healthcheck = {
	.id = "BW-D017",
	.title = "Multiple HEALTHCHECK instructions in one stage",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3012", "DS023"),
	.rationale = "Only the last HEALTHCHECK counts; an earlier one that looks authoritative is "
	             "ignored.",
	.remediation = "Keep a single HEALTHCHECK per stage.",
	.check_dockerfile = check_healthcheck,
};

static void check_stage_names(const struct rule *self, const struct dockerfile *df,
                              struct findings *out)
{
	for (size_t s = 0; s < df->nstages; s++) {
		const struct df_stage *st = &df->stages[s];
		const struct df_stage *prev = df_stage_named(df, st->name, st->index);
		if (prev)
			finding_add(out, self, (struct loc){ df->path, st->line }, st->name,
			            "stage name %s is already used on line %d", st->name, prev->line);
	}
}

const struct rule rule_duplicate_stage = {
	.id = "BW-D020",
	.title = "Duplicate stage name",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("DL3024", "DS012"),
	.rationale = "Two stages with one name make COPY --from and FROM references ambiguous, so "
	             "artifacts may come from a different stage than the author intended.",
	.remediation = "Give every stage a unique AS name.",
	.check_dockerfile = check_stage_names,
};
