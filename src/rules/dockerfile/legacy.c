/* Deprecated or misplaced instructions and forms that behave differently than they read. */
#include "rules/rule.h"
#include "rules/dockerfile/instr_words.h"
#include "util/util.h"
#include <string.h>

static void check_maintainer(const struct rule *self, const struct dockerfile *df,
                             struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++)
		if (df->instr[i].kind == DF_MAINTAINER)
			finding_add(out, self, df_loc(df, &df->instr[i]), NULL,
			            "MAINTAINER is deprecated");
}

const struct rule rule_maintainer = {
	.id = "BW-D014",
	.title = "MAINTAINER is deprecated",
	.severity = SEV_INFO,
	.aliases = ALIASES("DL4000", "DS022"),
	.rationale = "MAINTAINER has been deprecated since Docker 1.13 and is not shown by tools "
	             "that read image labels.",
	.remediation = "Use LABEL org.opencontainers.image.authors=\"name <email>\".",
	.check_dockerfile = check_maintainer,
};

static bool blank(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

static void check_shell_form(const struct rule *self, const struct dockerfile *df,
                             struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		if ((in->kind != DF_CMD && in->kind != DF_ENTRYPOINT) || in->json || blank(in->args))
			continue;
		finding_add(out, self, df_loc(df, in), NULL,
		            "%s in shell form runs under /bin/sh -c, which does not pass on signals",
		            df_kw(in));
	}
}

const struct rule rule_shell_form = {
	.id = "BW-D022",
	.title = "CMD or ENTRYPOINT in shell form",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3025"),
	.rationale = "In shell form the process runs as a child of /bin/sh, which does not forward "
	             "SIGTERM: the container is killed after the stop timeout instead of shutting "
	             "down cleanly.",
	.remediation = "Use the exec (JSON) form: CMD [\"nginx\", \"-g\", \"daemon off;\"], or start "
	               "the shell command with exec.",
	.check_dockerfile = check_shell_form,
};

/* The instruction ONBUILD triggers; falls back to its first word if the parser gave none. */
static bool bad_trigger(const struct df_instr *in, const char **name)
{
	static const char *const bad[] = { "FROM", "MAINTAINER", "ONBUILD" };
	if (in->onbuild) {
		enum df_kind k = in->onbuild->kind;
		*name = df_kw(in->onbuild);
		return k == DF_FROM || k == DF_MAINTAINER || k == DF_ONBUILD;
	}
	const char *a = in->args ? in->args + strspn(in->args, " \t") : "";
	size_t n = strcspn(a, " \t");
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (n == strlen(bad[i]) && strncasecmp(a, bad[i], n) == 0) {
			*name = bad[i];
			return true;
		}
	return false;
}

static void check_onbuild(const struct rule *self, const struct dockerfile *df,
                          struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		const char *name;
		if (in->kind == DF_ONBUILD && bad_trigger(in, &name))
			finding_add(out, self, df_loc(df, in), NULL,
			            "ONBUILD %s is not allowed as a trigger", name);
	}
}

const struct rule rule_onbuild_trigger = {
	.id = "BW-D027",
	.title = "ONBUILD triggers FROM, MAINTAINER or ONBUILD",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("DL3043"),
	.rationale = "The builder rejects these triggers, but only when a downstream image builds "
	             "FROM this one, so the mistake ships and breaks someone else's build.",
	.remediation = "Remove the trigger; ONBUILD may only run other instructions such as RUN, "
	               "COPY or ENV.",
	.check_dockerfile = check_onbuild,
};
