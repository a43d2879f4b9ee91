/* A suppression pragma written after an instruction: docker build reads it as arguments. */
#include "rules/rule.h"
#include "model/pragma.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static void report(const struct rule *self, const struct dockerfile *df, const char *keyword,
                   int line, const char *hash, size_t n, struct findings *out)
{
	while (n && (hash[n - 1] == ' ' || hash[n - 1] == '\t' || hash[n - 1] == '\r'))
		n--;
	char *text = xstrndup(hash, n);
	finding_add(out, self, (struct loc){ df->path, line }, text,
	            "pragma at the end of %s is part of the instruction, not a comment: it "
	            "suppresses nothing", keyword);
	free(text);
}

/* In a heredoc a pragma on a line of its own is a comment line, as the pipeline reads it. */
static void check_heredoc(const struct rule *self, const struct dockerfile *df,
                          const struct df_instr *in, const struct df_heredoc *h,
                          struct findings *out)
{
	int line = h->line;
	for (const char *p = h->body; *p; line++) {
		size_t n = strcspn(p, "\n");
		const char *hash, *ids;
		if (pragma_find(p, n, &hash, &ids) != PRAGMA_NONE && p[strspn(p, " \t")] != '#')
			report(self, df, in->keyword, line, hash, n - (size_t)(hash - p), out);
		p += n + (p[n] == '\n');
	}
}

static void check_eol_pragma(const struct rule *self, const struct dockerfile *df,
                             struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		const char *hash, *ids;
		size_t n = strlen(in->args);
		if (memchr(in->args, '#', n) && pragma_find(in->args, n, &hash, &ids) != PRAGMA_NONE)
			report(self, df, in->keyword, in->nheredocs ? in->line : in->end_line, hash,
			       n - (size_t)(hash - in->args), out);
		for (size_t k = 0; k < in->nheredocs; k++)
			if (strchr(in->heredocs[k].body, '#'))
				check_heredoc(self, df, in, &in->heredocs[k], out);
	}
}

const struct rule rule_eol_pragma = {
	.id = "BW-D058",
	.title = "Suppression pragma at the end of an instruction is part of the instruction",
	.severity = SEV_LOW,
	.rationale = "A Dockerfile comment is a line that starts with #. After an instruction, "
	             "`# bulwark:ignore=...` or `# hadolint ignore=...` is more of its arguments: "
	             "FROM image # ... fails the build, COPY and EXPOSE take the words as paths and "
	             "ports, and RUN hands them to the shell. bulwark does not treat such text as a "
	             "pragma, so it suppresses nothing. (In compose and other YAML files # starts a "
	             "comment anywhere, and the end-of-line form works there.)",
	.remediation = "Move the pragma to a comment line of its own just before the instruction: "
	               "# bulwark:ignore=BW-D002 reason, then FROM image:latest on the next line.",
	.check_dockerfile = check_eol_pragma,
};
