/* One instruction from its logical line: keyword, flags, JSON or shell form, heredocs, and the
 * shell commands RUN/CMD/ENTRYPOINT/HEALTHCHECK would execute. */
#include "model/dockerfile_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_shell_name(const char *s)
{
	static const char *const shells[] = { "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh" };
	const char *slash = strrchr(s, '/');
	s = slash ? slash + 1 : s;
	for (size_t i = 0; i < sizeof shells / sizeof *shells; i++)
		if (!strcmp(s, shells[i]))
			return true;
	return false;
}

/* Line on which byte off of the logical line lies. */
static int line_of(const struct df_logical *lg, size_t off)
{
	size_t lo = 0, hi = lg->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (lg->offs[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lg->n ? lg->lines[lo] : 0;
}

/* sh_parse the script found at byte off of the logical line, keeping physical line numbers. */
static void parse_mapped(struct sh_script *sh, const char *script, size_t off,
                         const struct df_logical *lg, struct arena *a)
{
	size_t j = 0, n;
	size_t small[64], *rel = small;   /* most RUNs span fewer lines: no malloc */

	while (j < lg->n && lg->offs[j] <= off)
		j++;
	n = lg->n - j;
	if (n > sizeof small / sizeof *small)
		rel = xmalloc(n * sizeof *rel);
	for (size_t k = 0; k < n; k++)
		rel[k] = lg->offs[j + k] - off;
	sh_parse_lines(sh, script, line_of(lg, off), rel, lg->lines + j, n, a);
	if (rel != small)
		free(rel);
}

/* ["bash", "-o", "pipefail", "-c", script] -> script; NULL when argv is not such a call. */
static const char *json_shell_script(char **v, size_t n)
{
	if (!n || !is_shell_name(v[0]))
		return NULL;
	for (size_t i = 1; i < n; i++) {
		const char *a = v[i];
		bool letters = a[0] == '-' && a[1] && a[1] != '-';
		if (!strcmp(a, "-o") || !strcmp(a, "+o") || !strcmp(a, "-O") || !strcmp(a, "+O")) {
			i++;
			continue;
		}
		if (a[0] != '-' && a[0] != '+')
			return NULL;
		for (const char *p = a + 1; letters && *p; p++)
			letters = isalpha((unsigned char)*p);
		if (letters && strchr(a + 1, 'c'))
			return i + 1 < n ? v[i + 1] : NULL;
	}
	return NULL;
}

static void sh_from_json(struct df_instr *in, struct arena *a)
{
	const char *script = json_shell_script(in->argv, in->argc);
	struct sh_cmd *c;

	if (script) {
		sh_parse_lines(&in->sh, script, in->line, NULL, NULL, 0, a);
		return;
	}
	if (!in->argc)
		return;
	c = in->sh.cmds = arena_alloc(a, sizeof *c);
	memset(c, 0, sizeof *c);
	in->sh.ncmds = 1;
	struct df_strv sv = { { 0 }, 0 };
	for (size_t i = 0; i < in->argc; i++)
		df_strv_add(&sv, in->argv[i], strlen(in->argv[i]));
	c->argv = df_strv_take(&sv, a);
	free(sv.s.s);
	c->argc = in->argc;
	c->name = sh_cmd_name(c);
	sh_cmd_unwrap(c);
	c->next = SH_SEQ;
	c->line = in->line;
}

/* Append src's commands to dst (up to the cap); both are in arena a. */
static void sh_merge(struct sh_script *dst, struct sh_script *src, struct arena *a)
{
	size_t room = dst->ncmds < SH_MAX_CMDS ? SH_MAX_CMDS - dst->ncmds : 0;
	size_t take = src->ncmds < room ? src->ncmds : room;

	if (take) {
		struct sh_cmd *v = arena_alloc(a, (dst->ncmds + take) * sizeof *v);
		if (dst->ncmds)
			memcpy(v, dst->cmds, dst->ncmds * sizeof *v);
		dst->cmds = v;
		memcpy(dst->cmds + dst->ncmds, src->cmds, take * sizeof *src->cmds);
		dst->ncmds += take;
		memmove(src->cmds, src->cmds + take, (src->ncmds - take) * sizeof *src->cmds);
		src->ncmds -= take;
	}
	dst->has_pipe |= src->has_pipe;
}

/* Is a heredoc run as a script a shell script? Not when its #! names another interpreter. */
static bool body_is_shell(const char *body)
{
	char **w;
	size_t n, i = 0;
	bool sh = true;
	const char *nl;

	if (strncmp(body, "#!", 2) != 0)
		return true;
	nl = strchr(body, '\n');
	char *first = xstrndup(body + 2, nl ? (size_t)(nl - body - 2) : strlen(body + 2));
	w = df_words(first, '\\', &n, NULL);
	if (n && !strcmp(w[0] + (strrchr(w[0], '/') ? strrchr(w[0], '/') - w[0] + 1 : 0), "env"))
		for (i = 1; i < n && w[i][0] == '-'; i++)
			;
	sh = i < n && is_shell_name(w[i]);
	df_free_strv(w);
	free(first);
	return sh;
}

static void run_sh(struct df_instr *in, const char *script, size_t off,
                   const struct df_logical *lg, struct arena *a)
{
	bool bare = true, shell = false;
	struct sh_script tmp;

	parse_mapped(&in->sh, script, off, lg, a);
	if (in->kind != DF_RUN || !in->nheredocs)
		return;
	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const struct sh_cmd *c = &in->sh.cmds[i];
		if (c->argc)
			bare = false;
		if (c->argc && is_shell_name(c->argv[0]) && !sh_has_opt(c, "-c"))
			shell = true;
	}
	for (size_t i = 0; i < in->nheredocs; i++) {
		const struct df_heredoc *h = &in->heredocs[i];
		if (bare ? body_is_shell(h->body) : shell) {
			sh_parse_lines(&tmp, h->body, h->line, NULL, NULL, 0, a);
			sh_merge(&in->sh, &tmp, a);
		}
	}
}

/* A heredoc word: [n]<<[-]NAME, NAME possibly quoted (BuildKit's reHeredoc). */
static char *heredoc_name(const char *w, size_t n, bool *chomp)
{
	size_t i = 0;
	char *name;

	while (i < n && isdigit((unsigned char)w[i]))
		i++;
	if (n - i < 3 || w[i] != '<' || w[i + 1] != '<')
		return NULL;
	i += 2;
	*chomp = w[i] == '-';
	i += *chomp;
	if (i >= n || memchr(w + i, '<', n - i))
		return NULL;
	name = df_unquote(w + i, n - i, '\\');
	if (!*name) {
		free(name);
		return NULL;
	}
	return name;
}

static void read_body(struct df_ctx *c, struct df_heredoc *h, bool chomp)
{
	struct buf b = { 0 };
	size_t ml = strlen(h->marker), n;
	const char *s;

	h->line = c->lineno + 1;
	buf_add(&b, "", 0);
	while (df_next_line(c, &s, &n)) {
		if (chomp)
			while (n && *s == '\t')
				s++, n--;
		if (n == ml && memcmp(s, h->marker, n) == 0)
			break;
		buf_add(&b, s, n);
		buf_addc(&b, '\n');
	}
	h->body = buf_take(&b);
}

static void read_heredocs(struct df_ctx *c, struct df_instr *in)
{
	struct df_span *sp;
	size_t n = df_split_raw(in->args, strlen(in->args), '\\', &sp), cap = 0;

	for (size_t i = 0; i < n; i++) {
		bool chomp;
		char *name = heredoc_name(in->args + sp[i].off, sp[i].len, &chomp);
		if (!name)
			continue;
		GROW(in->heredocs, cap, in->nheredocs);
		in->heredocs[in->nheredocs].marker = name;
		read_body(c, &in->heredocs[in->nheredocs++], chomp);
	}
	free(sp);
	if (in->nheredocs)
		in->end_line = c->lineno;
}

static void healthcheck(struct df_ctx *c, struct df_instr *in, size_t off,
                        const struct df_logical *lg)
{
	const char *s = in->args;
	size_t k = 0, r;

	while (s[k] && !df_is_ws(s[k]))
		k++;
	if (k != 3 || strncasecmp(s, "CMD", 3) != 0) {
		in->argv = df_words(s, c->df->escape, &in->argc, &c->df->arena);
		return;
	}
	for (r = k; s[r] && df_is_ws(s[r]); r++)
		;
	if (s[r] == '[' && df_parse_json(s + r, &in->argv, &in->argc, &c->df->arena)) {
		in->json = true;
		sh_from_json(in, &c->df->arena);
	} else {
		in->argv = df_words(s + r, c->df->escape, &in->argc, &c->df->arena);
		parse_mapped(&in->sh, s + r, off + r, lg, &c->df->arena);
	}
}

static bool json_capable(enum df_kind k)
{
	return k == DF_RUN || k == DF_CMD || k == DF_ENTRYPOINT || k == DF_SHELL || k == DF_COPY ||
	       k == DF_ADD || k == DF_VOLUME;
}

static char *upper(struct arena *ar, const char *s, size_t n)
{
	char *u = arena_strndup(ar, s, n);
	for (char *p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

void df_parse_instr(struct df_ctx *c, struct df_instr *in, const struct df_logical *lg,
                    size_t start, size_t end, bool top)
{
	const char *L = lg->b.s;
	size_t i = start, k, a, e;
	enum df_kind kind;
	struct arena *ar = &c->df->arena;

	memset(in, 0, sizeof *in);
	while (i < end && df_is_ws(L[i]))
		i++;
	for (k = i; k < end && !df_is_ws(L[k]); k++)
		;
	in->keyword = upper(ar, L + i, k - i);
	kind = in->kind = df_kind_of(in->keyword);
	in->line = line_of(lg, i);
	in->end_line = lg->end_line;
	in->stage = -1;
	while (k < end && df_is_ws(L[k]))
		k++;
	a = k + df_extract_flags(L + k, end - k, in, ar);
	for (e = end; a < e && df_is_ws(L[a]); a++)
		;
	while (e > a && df_is_ws(L[e - 1]))
		e--;
	in->args = arena_strndup(ar, L + a, e - a);

	if (json_capable(kind) && in->args[0] == '[')
		in->json = df_parse_json(in->args, &in->argv, &in->argc, ar);
	/* a shell-form RUN's words are its commands' (sh): most of a file's text, split once */
	if (kind == DF_HEALTHCHECK)
		healthcheck(c, in, a, lg);
	else if (!in->json && kind != DF_RUN)
		in->argv = df_words(in->args, c->df->escape, &in->argc, ar);
	if (kind == DF_ENV || kind == DF_LABEL || kind == DF_ARG)
		df_parse_kvs(in, c->df->escape, ar);
	if (top && !in->json && (kind == DF_RUN || kind == DF_COPY || kind == DF_ADD) &&
	    strstr(in->args, "<<"))
		read_heredocs(c, in);
	if (kind == DF_RUN || kind == DF_CMD || kind == DF_ENTRYPOINT) {
		if (in->json)
			sh_from_json(in, ar);
		else
			run_sh(in, in->args, a, lg, ar);
	}
	if (kind == DF_ONBUILD && top) {
		in->onbuild = arena_alloc(ar, sizeof *in->onbuild);
		df_parse_instr(c, in->onbuild, lg, a, e, false);
	}
}

/* keyword, args, argv, flag strings, kvs, sh and the ONBUILD instruction are in the arena. */
void df_instr_free(struct df_instr *in)
{
	if (!in)
		return;
	free(in->flags);
	for (size_t i = 0; i < in->nheredocs; i++) {
		free(in->heredocs[i].marker);
		free(in->heredocs[i].body);
	}
	free(in->heredocs);
	df_instr_free(in->onbuild);
}
