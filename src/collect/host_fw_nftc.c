/* An nftables configuration file in nft's own syntax, as `nft -f` loads it at boot: tables and
 * their chains (block form and `add chain`), base chains' `type filter hook H` and `policy`,
 * rules (block form and `add rule`), and `include` globs relative to /etc. Sets, maps, defines
 * and the like are skipped whole. */
#include "collect/host_fw_int.h"
#include "collect/host_fw_nftlex.h"
#include "util/util.h"
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_WORDS = 64, MAX_NEST = 64, MAX_LOCAL = 4096 };

/* Every chain of the file, base or not, until the end: a chain may be declared more than once. */
struct nchain {
	char *family, *table, *name, *type, *hook, *path;
	bool drop;
	size_t nrules, nfilter;
	int line;
};

struct nctx {
	struct host_fw *fw;
	const struct hroot *r;
	struct findings *errs;
	struct nchain v[MAX_LOCAL];
	size_t n, includes;
	const char *path;            /* the file being read */
};

/* One statement's words: braces inside it (anonymous sets, verdict maps) are flattened. */
struct stmt { char *w[MAX_WORDS]; size_t n; int line; };

static const char *const FAMILIES[] = { "ip", "ip6", "inet", "arp", "bridge", "netdev", NULL };

static bool is_family(const char *s)
{
	for (size_t i = 0; FAMILIES[i]; i++)
		if (!strcmp(s, FAMILIES[i]))
			return true;
	return false;
}

static void stmt_free(struct stmt *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->w[i]);
	s->n = 0;
}

/* Words up to ';', a line end or '{' (returned: NT_OPEN) or '}' (pushed back). */
static enum nft_tok stmt_head(struct nft_lex *lx, struct stmt *s)
{
	enum nft_tok t;
	s->n = 0;
	while ((t = nft_lex_next(lx)) == NT_WORD) {
		if (!s->n)
			s->line = lx->line;
		if (s->n < MAX_WORDS)
			s->w[s->n++] = xstrdup(lx->word);
	}
	if (t == NT_CLOSE)
		nft_lex_back(lx, t);
	return t;
}

/* After '{': the words up to the matching '}' join s (or are dropped when s is NULL). */
static void braces(struct nft_lex *lx, struct stmt *s)
{
	int depth = 1;
	enum nft_tok t;
	while (depth > 0 && (t = nft_lex_next(lx)) != NT_EOF) {
		if (t == NT_OPEN)
			depth++;
		else if (t == NT_CLOSE)
			depth--;
		else if (t == NT_WORD && s && s->n < MAX_WORDS)
			s->w[s->n++] = xstrdup(lx->word);
	}
}

/* The rest of a rule whose head stopped at '{': braces and words until the statement's end. */
static void rule_rest(struct nft_lex *lx, struct stmt *s, enum nft_tok t)
{
	while (t == NT_OPEN) {
		braces(lx, s);
		while ((t = nft_lex_next(lx)) == NT_WORD)
			if (s->n < MAX_WORDS)
				s->w[s->n++] = xstrdup(lx->word);
		if (t == NT_CLOSE)
			nft_lex_back(lx, t);
	}
}

static struct nchain *chain_get(struct nctx *c, const char *family, const char *table,
                                const char *name, int line)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].family, family) && !strcmp(c->v[i].table, table) &&
		    !strcmp(c->v[i].name, name))
			return &c->v[i];
	if (c->n >= MAX_LOCAL)
		return NULL;
	c->v[c->n] = (struct nchain){ xstrdup(family), xstrdup(table), xstrdup(name), NULL, NULL,
	                              xstrdup(c->path), false, 0, 0, line };
	return &c->v[c->n++];
}

static bool filtering(const struct stmt *s, size_t from)
{
	for (size_t i = from; i < s->n; i++)
		if (!strcmp(s->w[i], "drop") || !strcmp(s->w[i], "reject") ||
		    !strcmp(s->w[i], "jump") || !strcmp(s->w[i], "goto"))
			return true;
	return false;
}

static void set_word(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/* A statement inside a chain's body (from s->w[from]): its type and hook, policy, or a rule. */
static void chain_stmt(struct nchain *ch, const struct stmt *s, size_t from)
{
	if (!ch || from >= s->n)
		return;
	const char *k = s->w[from];
	if (!strcmp(k, "type")) {
		for (size_t i = from; i + 1 < s->n; i++) {
			if (!strcmp(s->w[i], "type"))
				set_word(&ch->type, s->w[i + 1]);
			else if (!strcmp(s->w[i], "hook"))
				set_word(&ch->hook, s->w[i + 1]);
			else if (!strcmp(s->w[i], "policy"))
				ch->drop = !strcmp(s->w[i + 1], "drop");
		}
	} else if (!strcmp(k, "policy") && from + 1 < s->n) {
		ch->drop = !strcmp(s->w[from + 1], "drop");
	} else if (strcmp(k, "comment") && strcmp(k, "devices") && strcmp(k, "device")) {
		ch->nrules++;
		ch->nfilter += filtering(s, from);
	}
}

static void chain_body(struct nctx *c, struct nft_lex *lx, struct nchain *ch)
{
	struct stmt s = { 0 };
	enum nft_tok t;
	for (int guard = 0; guard < 1000000; guard++) {
		t = stmt_head(lx, &s);
		rule_rest(lx, &s, t);
		chain_stmt(ch, &s, 0);
		stmt_free(&s);
		t = nft_lex_next(lx);
		if (t == NT_CLOSE || t == NT_EOF)
			break;
		nft_lex_back(lx, t);
	}
	(void)c;
}

static void table_body(struct nctx *c, struct nft_lex *lx, const char *family, const char *table)
{
	struct stmt s = { 0 };
	for (int guard = 0; guard < 1000000; guard++) {
		enum nft_tok t = stmt_head(lx, &s);
		if (t == NT_OPEN && s.n >= 2 && !strcmp(s.w[0], "chain"))
			chain_body(c, lx, chain_get(c, family, table, s.w[1], s.line));
		else if (t == NT_OPEN)
			braces(lx, NULL);
		stmt_free(&s);
		t = nft_lex_next(lx);
		if (t == NT_CLOSE || t == NT_EOF)
			break;
		nft_lex_back(lx, t);
	}
}

static void read_file(struct nctx *c, const char *path, int depth);

/* include "PATH": a glob, relative paths below /etc, files in name order. */
static void include(struct nctx *c, const char *pattern, int depth)
{
	char *full = pattern[0] == '/' ? xstrdup(pattern) : xasprintf("/etc/%s", pattern);
	char *slash = strrchr(full, '/');
	if (!strpbrk(slash + 1, "*?[")) {
		read_file(c, full, depth + 1);
		free(full);
		return;
	}
	*slash = '\0';
	size_t n = 0;
	char **names = hfs_list(c->r, *full ? full : "/", HOST_MAX_ENTRIES, &n);
	for (size_t i = 0; i < n; i++) {
		if (fnmatch(slash + 1, names[i], FNM_PERIOD))
			continue;
		char *p = xasprintf("%s/%s", full, names[i]);
		if (!hfs_is_dir(c->r, p))
			read_file(c, p, depth + 1);
		free(p);
	}
	hfs_list_free(names, n);
	free(full);
}

/* A top-level statement: [add|create] table|chain|rule ..., include, or anything else. */
static void top_stmt(struct nctx *c, struct nft_lex *lx, struct stmt *s, enum nft_tok t, int depth)
{
	size_t i = s->n && (!strcmp(s->w[0], "add") || !strcmp(s->w[0], "create") ||
	                    !strcmp(s->w[0], "insert")) ? 1 : 0;
	if (s->n == 2 && !strcmp(s->w[0], "include")) {
		include(c, s->w[1], depth);
		return;
	}
	if (i >= s->n)
		goto skip;
	const char *what = s->w[i++];
	const char *family = i < s->n && is_family(s->w[i]) ? s->w[i++] : "ip";
	if (!strcmp(what, "table") && i < s->n && t == NT_OPEN) {
		table_body(c, lx, family, s->w[i]);
		return;
	}
	if (!strcmp(what, "chain") && i + 1 < s->n) {
		struct nchain *ch = chain_get(c, family, s->w[i], s->w[i + 1], s->line);
		if (t == NT_OPEN)
			chain_body(c, lx, ch);
		return;
	}
	if (!strcmp(what, "rule") && i + 1 < s->n) {
		rule_rest(lx, s, t);
		struct nchain *ch = chain_get(c, family, s->w[i], s->w[i + 1], s->line);
		size_t from = i + 2;
		if (from + 1 < s->n && !strcmp(s->w[from], "position"))
			from += 2;
		chain_stmt(ch, s, from);
		return;
	}
skip:
	if (t == NT_OPEN)
		braces(lx, NULL);
}

static void parse(struct nctx *c, const char *text, int depth)
{
	struct nft_lex lx;
	struct stmt s = { 0 };
	nft_lex_init(&lx, text);
	for (int guard = 0; guard < 1000000; guard++) {
		enum nft_tok t = stmt_head(&lx, &s);
		if (s.n)
			top_stmt(c, &lx, &s, t, depth);
		else if (t == NT_OPEN)
			braces(&lx, NULL);
		stmt_free(&s);
		t = nft_lex_next(&lx);
		if (t == NT_EOF)
			break;
		if (t != NT_CLOSE)
			nft_lex_back(&lx, t);
	}
}

static void read_file(struct nctx *c, const char *path, int depth)
{
	if (depth > 16 || c->includes++ >= FW_MAX_INCLUDES) {
		findings_error(c->errs, path, 0, "too many nested or repeated includes");
		return;
	}
	char *text = host_read(c->r, path, c->errs);
	if (!text)
		return;
	const char *outer = c->path;
	c->path = path;
	parse(c, text, depth);
	c->path = outer;
	free(text);
}

static bool family_of(const char *s, enum fw_family *f)
{
	*f = !strcmp(s, "ip") ? FWF_IP : !strcmp(s, "ip6") ? FWF_IP6 : FWF_INET;
	return !strcmp(s, "ip") || !strcmp(s, "ip6") || !strcmp(s, "inet");
}

void fw_nftc_read(struct host_fw *fw, const struct hroot *r, const char *path,
                  struct findings *errs)
{
	struct nctx *c = xcalloc(1, sizeof *c);
	*c = (struct nctx){ .fw = fw, .r = r, .errs = errs };
	read_file(c, path, 0);
	for (size_t i = 0; i < c->n; i++) {
		struct nchain *ch = &c->v[i];
		enum fw_family f;
		enum fw_hook h;
		if (family_of(ch->family, &f) && ch->type && !strcmp(ch->type, "filter") && ch->hook &&
		    fw_hook_parse(ch->hook, &h)) {
			struct fw_chain *m = fw_chain_add(fw, f, h, ch->table, ch->name, FWS_NFT_CONF,
			                                  (struct loc){ ch->path, ch->line });
			if (m)
				m->drop = ch->drop, m->nrules = ch->nrules, m->nfilter = ch->nfilter;
		}
		free(ch->family), free(ch->table), free(ch->name), free(ch->type), free(ch->hook);
		free(ch->path);
	}
	free(c);
	fw->nft_read = fw->known = true;
}
