/* `docker bulwark <TAB>`: the docker CLI completes a plugin's command line by running it as
 * `docker-bulwark __complete bulwark WORDS... CURRENT` (cobra's protocol): one candidate a
 * line, then ":N", N the directive (0: the shell may complete files, 4: it may not, 16:
 * directories only). The same walk as the bash script's, over the same tables. */
#include "cmd/complete.h"
#include <string.h>

enum { FILES = 0, NO_FILES = 4, DIRS = 16 };

static void words(FILE *fp, const char *const *v, const char *pre, const char *cur)
{
	for (; v && *v; v++)
		if (!strncmp(*v, cur, strlen(cur)))
			fprintf(fp, "%s%s\n", pre, *v);
}

/* The values e takes; returns the directive. */
static int values(FILE *fp, const struct opt *e, const char *pre, const char *cur)
{
	switch (complete_kind(e)) {
	case COMP_WORDS: words(fp, e->values(), pre, cur); return NO_FILES;
	case COMP_RULES: words(fp, opt_values_rules(), pre, cur); return NO_FILES;
	case COMP_FILE: return FILES;
	case COMP_DIR: return DIRS;
	default: return NO_FILES;
	}
}

static void commands(FILE *fp, const char *cur)
{
	for (const struct cmd *const *t = cmd_table; *t; t++)
		if (!(*t)->hidden && !strncmp((*t)->name, cur, strlen(cur)))
			fprintf(fp, "%s\n", (*t)->name);
}

static int complete(FILE *fp, int n, char **w)
{
	const char *cur = n ? w[n - 1] : "";
	struct comp_ctx c;
	if (n <= 1) {
		commands(fp, cur);
		return NO_FILES;
	}
	if (!complete_find(w[0], NULL, &c))
		return NO_FILES;
	const char *sub = NULL;
	int operands = 0;
	for (int i = 1; i < n - 1; i++) {
		if (w[i][0] == '-' && w[i][1]) {
			const struct opt *e = complete_opt_named(&c, w[i]);
			i += e && e->arg && !strchr(w[i], '=');
			continue;
		}
		if (c.subs && !operands++) {
			sub = w[i];
			if (c.nested && !complete_find(w[0], sub, &c))
				return NO_FILES;
		}
	}
	const struct opt *prev = n >= 3 && w[n - 2][0] == '-' ? complete_opt_named(&c, w[n - 2])
	                                                      : NULL;
	const char *eq = strchr(cur, '=');
	if (cur[0] == '-' && cur[1] == '-' && eq) {
		const struct opt *e = complete_opt_named(&c, cur);
		char pre[64];
		snprintf(pre, sizeof pre, "%.*s", (int)(eq - cur + 1), cur);
		return e ? values(fp, e, pre, eq + 1) : NO_FILES;
	}
	if (prev && prev->arg && !strchr(w[n - 2], '='))
		return values(fp, prev, "", cur);
	if (cur[0] == '-') {
		size_t i = 0;
		for (const struct opt *e; (e = complete_opt_next(&c, &i));) {
			char sh[3] = { '-', (char)e->key, 0 }, lng[64];
			snprintf(lng, sizeof lng, "--%s", e->name);
			if (e->key < 256 && !strncmp(sh, cur, strlen(cur)))
				fprintf(fp, "%s\n", sh);
			if (!strncmp(lng, cur, strlen(cur)))
				fprintf(fp, "%s\n", lng);
		}
		return NO_FILES;
	}
	if (c.subs && !sub) {
		for (const struct cmd *s = c.subs; s->name; s++)
			if (!strncmp(s->name, cur, strlen(cur)))
				fprintf(fp, "%s\n", s->name);
		return NO_FILES;
	}
	switch (c.cmd->operands) {
	case OPERANDS_PATHS: return FILES;
	case OPERANDS_RULES: words(fp, opt_values_rules(), "", cur); return NO_FILES;
	case OPERANDS_COMMANDS: commands(fp, cur); return NO_FILES;
	case OPERANDS_NONE: return NO_FILES;
	}
	return NO_FILES;
}

void complete_cobra(FILE *fp, int n, char **w)
{
	fprintf(fp, ":%d\n", complete(fp, n, w));
}
