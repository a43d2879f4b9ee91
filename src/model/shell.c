/* Split a POSIX-ish shell script into simple commands. One forward pass over the text; every
 * scan (words, $(...), heredoc bodies) moves forward only, so time is linear in the input. */
#include "model/shell.h"
#include "model/dockerfile_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SH_MAX_WORDS 10000
#define SH_MAX_HEREDOCS 16
#define SH_MAX_CASE 1000

enum tok { T_EOF, T_WORD, T_SEP, T_OPEN, T_CLOSE, T_REDIR };

struct lex {
	const char *s;
	size_t pos, len;
	/* line tracking: newlines, plus the caller's offset -> line map */
	int line;
	size_t nlpos, li, nl;          /* the next newline not counted yet (len: none) */
	const size_t *offs;
	const int *lines;
	/* current token: a word is built at the end of *word (from wmark on), the parser's list
	 * of the command's words, so a word it keeps is not copied again */
	struct buf *word;
	struct arena *arena;          /* owns word's bytes when not NULL */
	size_t wmark;
	bool quoted;
	size_t wstart;
	enum sh_sep sep;
	bool dsemi;                   /* ";;" ends a case item */
	bool heredoc, hd_strip;       /* redirection is << or <<- */
	/* heredocs to skip at the next newline */
	char *hd[SH_MAX_HEREDOCS];
	bool hd_tabs[SH_MAX_HEREDOCS];
	int nhd;
};

/* Character classes, looked up once per character: what ends an unquoted word, what starts a
 * quote, escape or substitution in one, what is special inside double quotes, what is blank
 * between tokens. */
enum { WORD_END = 1, WORD_SPECIAL = 2, DQ_SPECIAL = 4, BLANK = 8 };
static const unsigned char cls[256] = {
	[' '] = WORD_END | BLANK, ['\t'] = WORD_END | BLANK, ['\r'] = WORD_END | BLANK,
	['\n'] = WORD_END,
	[';'] = WORD_END, ['&'] = WORD_END, ['|'] = WORD_END, ['('] = WORD_END, [')'] = WORD_END,
	['<'] = WORD_END, ['>'] = WORD_END, ['\0'] = WORD_END | DQ_SPECIAL,
	['\\'] = WORD_SPECIAL | DQ_SPECIAL, ['\''] = WORD_SPECIAL, ['"'] = WORD_SPECIAL | DQ_SPECIAL,
	['$'] = WORD_SPECIAL | DQ_SPECIAL, ['`'] = WORD_SPECIAL | DQ_SPECIAL,
};

/* ASCII classes without the C library's locale table: the lexer asks at every word. */
static bool digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

static bool name_char(char c, bool first)
{
	unsigned char l = (unsigned char)(c | 0x20);
	return (l >= 'a' && l <= 'z') || c == '_' || (!first && digit(c));
}

static bool word_end(char c)
{
	return cls[(unsigned char)c] & WORD_END;
}

/* Neither ends an unquoted word nor starts a quote, escape or substitution. */
static bool plain(char c)
{
	return !cls[(unsigned char)c];
}

static size_t next_nl(const struct lex *lx, size_t from)
{
	const char *q = memchr(lx->s + from, '\n', lx->len - from);
	return q ? (size_t)(q - lx->s) : lx->len;
}

/* The line of pos: the mapped offsets and newlines up to pos, taken in order (a newline at a
 * mapped offset after it). Positions only move forward, so each newline is found once
 * (continuation lines are joined without one: most scripts have none). */
static int line_at(struct lex *lx, size_t pos)
{
	for (;;) {
		size_t off = lx->li < lx->nl ? lx->offs[lx->li] : (size_t)-1;
		if (off <= lx->nlpos) {
			if (off > pos)
				break;
			lx->line = lx->lines[lx->li++];
		} else {
			if (lx->nlpos >= pos)
				break;
			lx->line++;
			lx->nlpos = next_nl(lx, lx->nlpos + 1);
		}
	}
	return lx->line;
}

static bool at(struct lex *lx, size_t i, char c)
{
	return i < lx->len && lx->s[i] == c;
}

/* What copy_subst looks at (and the NUL that ends the script); it copies runs of the rest. */
static const unsigned char subst_stop[256] = {
	['\0'] = 1, ['\\'] = 1, ['\''] = 1, ['"'] = 1, ['('] = 1, [')'] = 1, ['{'] = 1, ['}'] = 1,
};

/* Copy $(...) or ${...} raw into the word, up to the matching close (or end of input). */
static void copy_subst(struct lex *lx)
{
	char open = lx->s[lx->pos + 1], close = open == '(' ? ')' : '}';
	size_t depth = 0;

	while (lx->pos < lx->len) {
		char c = lx->s[lx->pos];
		if (c == '\\' && lx->pos + 1 < lx->len) {
			buf_add(lx->word, lx->s + lx->pos, 2);
			lx->pos += 2;
			continue;
		}
		if (c == '\'' || (c == '"' && open == '(')) {
			size_t e = lx->pos + 1;
			while (e < lx->len && lx->s[e] != c)
				e += (c == '"' && lx->s[e] == '\\' && e + 1 < lx->len) ? 2 : 1;
			e = e < lx->len ? e + 1 : lx->len;
			buf_add(lx->word, lx->s + lx->pos, e - lx->pos);
			lx->pos = e;
			continue;
		}
		if (c != open && c != close) {   /* up to the next byte that matters, at once */
			size_t e = lx->pos + 1;
			while (!subst_stop[(unsigned char)lx->s[e]])
				e++;
			buf_add(lx->word, lx->s + lx->pos, e - lx->pos);
			lx->pos = e;
			continue;
		}
		buf_addc(lx->word, c);
		lx->pos++;
		if (c == open)
			depth++;
		else if (c == close && --depth == 0)
			return;
	}
}

static void copy_backtick(struct lex *lx)
{
	size_t e = lx->pos + 1;
	while (e < lx->len && lx->s[e] != '`')
		e += (lx->s[e] == '\\' && e + 1 < lx->len) ? 2 : 1;
	e = e < lx->len ? e + 1 : lx->len;
	buf_add(lx->word, lx->s + lx->pos, e - lx->pos);
	lx->pos = e;
}

static bool subst_start(struct lex *lx)
{
	return lx->s[lx->pos] == '$' && (at(lx, lx->pos + 1, '(') || at(lx, lx->pos + 1, '{'));
}

static void read_dquote(struct lex *lx)
{
	lx->pos++;
	while (lx->pos < lx->len && lx->s[lx->pos] != '"') {
		char c = lx->s[lx->pos];
		if (c == '\\' && lx->pos + 1 < lx->len) {
			char nx = lx->s[lx->pos + 1];
			if (nx == '\n') {
				lx->pos += 2;
			} else if (strchr("$`\"\\", nx)) {
				buf_addc(lx->word, nx);
				lx->pos += 2;
			} else {
				buf_addc(lx->word, c);
				lx->pos++;
			}
		} else if (subst_start(lx)) {
			copy_subst(lx);
		} else if (c == '`') {
			copy_backtick(lx);
		} else {
			size_t e = lx->pos + 1;        /* the NUL at len is DQ_SPECIAL */
			while (!(cls[(unsigned char)lx->s[e]] & DQ_SPECIAL))
				e++;
			buf_add(lx->word, lx->s + lx->pos, e - lx->pos);
			lx->pos = e;
		}
	}
	if (lx->pos < lx->len)
		lx->pos++;
}

/* Room for n more bytes and a NUL in the words, which word_begin found short: never when sized
 * from the script (words are no longer than their text), but checked all the same. Words in an
 * arena are moved, not reallocated: those of finished commands point into the old place. */
static void word_grow(struct lex *lx, size_t n)
{
	struct buf *w = lx->word;
	if (!lx->arena) {
		buf_reserve(w, n);
		return;
	}
	char *s = arena_alloc(lx->arena, w->len + n + 1);
	memcpy(s, w->s, w->len);
	w->s = s;
	w->cap = w->len + n + 1;
}

/* A word is no longer than its text: with room for the rest of the script, runs of plain
 * characters are copied as they are scanned, no bounds check or memcpy call per run. */
static inline void word_begin(struct lex *lx)
{
	size_t n = lx->len - lx->pos;
	if (lx->word->len + n + 1 > lx->word->cap)
		word_grow(lx, n);
	lx->wmark = lx->word->len;
	lx->quoted = false;
	lx->wstart = lx->pos;
}

/* Copies the plain characters at pos (one at least); the script's NUL (not plain) ends them. */
static inline void copy_plain(struct lex *lx)
{
	struct buf *w = lx->word;
	const char *q = lx->s + lx->pos;
	char *d = w->s + w->len;
	do
		*d++ = *q++;
	while (plain(*q));
	w->len = (size_t)(d - w->s);
	lx->pos = (size_t)(q - lx->s);
}

/* The rest of a word begun by word_begin. */
static void read_word_on(struct lex *lx)
{
	struct buf *w = lx->word;
	while (lx->pos < lx->len) {
		char c = lx->s[lx->pos];
		if (plain(c)) {
			copy_plain(lx);
			continue;
		}
		if (word_end(c))
			break;
		if (c == '\\') {
			if (lx->pos + 1 < lx->len && lx->s[lx->pos + 1] != '\n') {
				buf_addc(lx->word, lx->s[lx->pos + 1]);
				lx->quoted = true;
			}
			lx->pos += 2;
		} else if (c == '\'') {
			const char *q = memchr(lx->s + lx->pos + 1, '\'', lx->len - lx->pos - 1);
			size_t e = q ? (size_t)(q - lx->s) : lx->len;
			buf_add(lx->word, lx->s + lx->pos + 1, e - lx->pos - 1);
			lx->pos = e < lx->len ? e + 1 : e;
			lx->quoted = true;
		} else if (c == '"') {
			read_dquote(lx);
			lx->quoted = true;
		} else if (subst_start(lx)) {
			copy_subst(lx);
		} else if (c == '`') {
			copy_backtick(lx);
		} else {                       /* '$' without ( or { */
			buf_addc(lx->word, c);
			lx->pos++;
		}
	}
	w->s[w->len] = '\0';
	if (lx->pos > lx->len)
		lx->pos = lx->len;
}

static void read_word(struct lex *lx)
{
	word_begin(lx);
	read_word_on(lx);
}

/* After a newline: skip the bodies of heredocs started on the line just ended. */
static void skip_heredocs(struct lex *lx)
{
	for (int i = 0; i < lx->nhd; i++) {
		const char *m = lx->hd[i];
		size_t mlen = strlen(m);
		while (lx->pos < lx->len) {
			const char *ls = lx->s + lx->pos, *nl;
			size_t n = lx->len - lx->pos;
			nl = memchr(ls, '\n', n);
			n = nl ? (size_t)(nl - ls) : n;
			lx->pos += n + (nl != NULL);
			if (lx->hd_tabs[i])
				while (n && *ls == '\t')
					ls++, n--;
			if (n == mlen && memcmp(ls, m, n) == 0)
				break;
		}
		free(lx->hd[i]);
	}
	lx->nhd = 0;
}

static enum tok lex_op(struct lex *lx, char c)
{
	bool two = at(lx, lx->pos + 1, c);

	lx->dsemi = false;
	lx->pos += two ? 2 : 1;
	if (c == ';') {
		lx->dsemi = two;
		if (two && at(lx, lx->pos, '&'))
			lx->pos++;
		else if (!two && at(lx, lx->pos, '&'))  /* ";&" falls through a case item */
			lx->pos++, lx->dsemi = true;
		lx->sep = SH_SEQ;
	} else if (c == '&') {
		lx->sep = two ? SH_AND : SH_BG;
	} else {
		lx->sep = two ? SH_OR : SH_PIPE;
		if (!two && at(lx, lx->pos, '&'))  /* |& */
			lx->pos++;
	}
	return T_SEP;
}

static enum tok lex_redir(struct lex *lx)
{
	static const char *const ops[] = { "<<<", "<<-", "<<", "<&", "<>", ">>", ">&", ">|",
	                                   "&>>", "&>", "<", ">" };
	lx->heredoc = lx->hd_strip = false;
	while (lx->pos < lx->len && digit(lx->s[lx->pos]))
		lx->pos++;
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
		size_t n = strlen(ops[i]);
		if (lx->len - lx->pos >= n && memcmp(lx->s + lx->pos, ops[i], n) == 0) {
			lx->pos += n;
			lx->heredoc = i == 1 || i == 2;
			lx->hd_strip = i == 1;
			break;
		}
	}
	return T_REDIR;
}

static bool redir_start(struct lex *lx)
{
	size_t i = lx->pos;
	while (i < lx->len && digit(lx->s[i]))
		i++;
	return i < lx->len && (lx->s[i] == '<' || lx->s[i] == '>');
}

static enum tok lex_next(struct lex *lx)
{
	for (;;) {
		const char *q = lx->s + lx->pos;
		char c;
		while (cls[(unsigned char)*q] & BLANK)   /* indentation: the NUL at len ends it */
			q++;
		lx->pos = (size_t)(q - lx->s);
		if (lx->pos >= lx->len)
			break;
		c = *q;
		if (plain(c) && !digit(c) && c != '#') {   /* most tokens: a word, asked first */
			word_begin(lx);
			copy_plain(lx);
			if (word_end(lx->s[lx->pos]))      /* most words are plain: no call */
				lx->word->s[lx->word->len] = '\0';
			else
				read_word_on(lx);
			return T_WORD;
		} else if (c == '\\' && at(lx, lx->pos + 1, '\n')) {
			lx->pos += 2;
		} else if (c == '#') {
			const char *nl = memchr(lx->s + lx->pos, '\n', lx->len - lx->pos);
			lx->pos = nl ? (size_t)(nl - lx->s) : lx->len;
		} else if (c == '\n') {
			lx->pos++;
			skip_heredocs(lx);
			lx->sep = SH_SEQ;
			lx->dsemi = false;
			return T_SEP;
		} else if (c == '&' && at(lx, lx->pos + 1, '>')) {
			return lex_redir(lx);
		} else if (c == ';' || c == '&' || c == '|') {
			return lex_op(lx, c);
		} else if (c == '(' || c == ')') {
			lx->pos++;
			return c == '(' ? T_OPEN : T_CLOSE;
		} else if (redir_start(lx)) {
			return lex_redir(lx);
		} else {
			read_word(lx);
			return T_WORD;
		}
	}
	return T_EOF;
}

/* Parser state: the command being built and the little grammar we honour. */
struct parse {
	struct lex lx;
	struct sh_script *out;
	struct sh_cmd cur;               /* argv/assigns are built in words/assigns */
	struct df_strv words, assigns;
	size_t *wofs, wcap;              /* where each of cur's words starts in words.s: */
	size_t wsmall[64];               /* in here for most commands, no malloc */
	size_t cmds_cap;
	struct arena *arena;          /* for the commands and their words; NULL: malloc */
	bool prev_pipe, last_closed, skip_words, skip_one, drop_next, hd_next;
	enum { CASE_NONE, CASE_HEAD, CASE_PAT } case_mode;
	int case_depth;
};

static void cmd_free(struct sh_cmd *c)
{
	free(c->argv);
	free(c->assigns);
}

/* cur's argv, from the word offsets kept on the way. In an arena the words stay where they
 * were read; without one, argv is one block with them (freed by one free, as df_strv_take's). */
static char **take_words(struct parse *p, size_t n)
{
	struct buf *b = &p->words.s;
	size_t ptrs = (n + 1) * sizeof(char *), from = n ? p->wofs[0] : b->len;
	char **v;
	char *d;

	if (p->arena) {
		v = arena_alloc(p->arena, ptrs);
		d = b->s;
		from = 0;
	} else {
		v = xmalloc(ptrs + b->len - from);
		d = (char *)v + ptrs;
		memcpy(d, b->s + from, b->len - from);
	}
	for (size_t i = 0; i < n; i++)
		v[i] = d + (p->wofs[i] - from);
	v[n] = NULL;
	return v;
}

/* The finished command list: into the arena next to the commands' words (rules read both
 * together), or trimmed to size. */
static struct sh_cmd *settle(struct sh_cmd *v, size_t size, struct arena *a)
{
	if (!a)
		return xrealloc(v, size);
	struct sh_cmd *w = arena_alloc(a, size);
	memcpy(w, v, size);
	free(v);
	return w;
}

static bool cmd_empty(const struct sh_cmd *c)
{
	return c->argc == 0 && c->nassigns == 0;
}

static void finish(struct parse *p, enum sh_sep sep)
{
	struct sh_script *o = p->out;
	struct sh_cmd *c = &p->cur;

	if (cmd_empty(c))
		return;
	c->next = sep;
	if (o->ncmds < SH_MAX_CMDS) {
		c->argv = take_words(p, c->argc);
		c->name = sh_cmd_name(c);
		sh_cmd_unwrap(c);
		c->assigns = c->nassigns ? df_strv_take(&p->assigns, p->arena) : NULL;
		if (o->ncmds >= p->cmds_cap)
			GROW(o->cmds, p->cmds_cap, o->ncmds);
		o->cmds[o->ncmds++] = *c;
	}
	p->words.n = 0;                  /* (words.s keeps the words taken: argv may point there) */
	p->assigns.s.len = p->assigns.n = 0;
	memset(c, 0, sizeof *c);
	p->prev_pipe = sep == SH_PIPE;
	p->last_closed = false;
}

static void on_sep(struct parse *p)
{
	struct lex *lx = &p->lx;
	struct sh_script *o = p->out;

	if (lx->sep == SH_PIPE)
		o->has_pipe = true;
	p->skip_words = p->skip_one = p->drop_next = false;
	if (!cmd_empty(&p->cur)) {
		finish(p, lx->sep);
	} else if (p->last_closed && o->ncmds && lx->sep != SH_SEQ) {
		o->cmds[o->ncmds - 1].next = lx->sep;
		p->prev_pipe = lx->sep == SH_PIPE;
		p->last_closed = false;
	}
	if (lx->dsemi && p->case_depth > 0)
		p->case_mode = CASE_PAT;
}

static void close_group(struct parse *p)
{
	finish(p, SH_SEQ);
	p->last_closed = true;
}

/* Reserved words, and what each does at command start. */
enum kw_act { KW_SKIP, KW_CLOSE, KW_ESAC, KW_LOOP, KW_CASE, KW_FUNC };
/* Grouped by first byte, in the order of kw_at. */
static const struct { char w[9]; unsigned char len, act; } kws[] = {
	{ "!", 1, KW_SKIP }, { "case", 4, KW_CASE }, { "do", 2, KW_SKIP }, { "done", 4, KW_CLOSE },
	{ "else", 4, KW_SKIP }, { "elif", 4, KW_SKIP }, { "esac", 4, KW_ESAC },
	{ "fi", 2, KW_CLOSE }, { "for", 3, KW_LOOP }, { "function", 8, KW_FUNC },
	{ "if", 2, KW_SKIP }, { "select", 6, KW_LOOP }, { "then", 4, KW_SKIP },
	{ "time", 4, KW_SKIP }, { "until", 5, KW_SKIP }, { "while", 5, KW_SKIP },
	{ "{", 1, KW_SKIP }, { "}", 1, KW_CLOSE },
};
/* 1 + the index in kws of the first reserved word starting with a byte; 0: none does. */
static const unsigned char kw_at[256] = {
	['!'] = 1, ['c'] = 2, ['d'] = 3, ['e'] = 5, ['f'] = 8, ['i'] = 11, ['s'] = 12, ['t'] = 13,
	['u'] = 15, ['w'] = 16, ['{'] = 17, ['}'] = 18,
};

/* Reserved words at command start; returns true when the word (len bytes) was consumed. Asked
 * of every command name: the first byte rules out most before any comparison. */
static bool keyword(struct parse *p, const char *w, size_t len)
{
	size_t i = kw_at[(unsigned char)w[0]], n = sizeof kws / sizeof *kws;
	if (!i-- || len > 8)
		return false;
	while (i < n && kws[i].w[0] == w[0]
	       && !(kws[i].len == len && kws[i].w[1] == w[1] && !memcmp(kws[i].w, w, len)))
		i++;
	if (i == n || kws[i].w[0] != w[0])
		return false;
	switch (kws[i].act) {
	case KW_SKIP:
		break;
	case KW_CLOSE:
		close_group(p);
		break;
	case KW_ESAC:
		if (p->case_depth > 0)
			p->case_depth--;
		close_group(p);
		break;
	case KW_LOOP:
		p->skip_words = true;
		break;
	case KW_CASE:
		if (p->case_depth < SH_MAX_CASE)
			p->case_depth++;
		p->case_mode = CASE_HEAD;
		break;
	case KW_FUNC:
		p->skip_one = true;
		break;
	}
	return true;
}

/* Asked of every command name: most have no '=', told by one memchr. */
static bool is_assign(const char *s, size_t n)
{
	size_t i = 0;
	if (!n || !name_char(s[0], true) || !memchr(s, '=', n))
		return false;
	while (i < n && name_char(s[i], false))
		i++;
	return (i < n && s[i] == '=') || (i + 1 < n && s[i] == '+' && s[i + 1] == '=');
}

static void on_case_word(struct parse *p, const char *w)
{
	if (p->case_mode == CASE_HEAD) {
		if (!strcmp(w, "in"))
			p->case_mode = CASE_PAT;
	} else if (!strcmp(w, "esac")) {
		if (p->case_depth > 0)
			p->case_depth--;
		p->case_mode = CASE_NONE;
		close_group(p);
	}
}

/* The word just read: true when it is an argument of the command (left in p->words). */
static bool take_word(struct parse *p, const char *w, size_t len)
{
	struct lex *lx = &p->lx;
	struct sh_cmd *c = &p->cur;
	bool unq = !lx->quoted;

	if (p->drop_next) {
		p->drop_next = false;
		if (p->hd_next && lx->nhd < SH_MAX_HEREDOCS) {
			lx->hd_tabs[lx->nhd] = lx->hd_strip;
			lx->hd[lx->nhd++] = xstrdup(w);
		}
		return false;
	}
	if (p->case_mode != CASE_NONE) {
		on_case_word(p, unq ? w : "");
		return false;
	}
	if (p->skip_words)
		return false;
	if (p->skip_one) {
		p->skip_one = false;
		return false;
	}
	if (cmd_empty(c) && unq && keyword(p, w, len))
		return false;
	if (cmd_empty(c)) {
		c->line = line_at(lx, lx->wstart);
		c->piped_in = p->prev_pipe;
		p->prev_pipe = false;
		p->last_closed = false;
	}
	if (c->argc == 0 && is_assign(lx->s + lx->wstart, lx->pos - lx->wstart)) {
		if (c->nassigns < SH_MAX_WORDS) {
			df_strv_add(&p->assigns, w, len);
			c->nassigns++;
		}
		return false;
	}
	if (c->argc >= SH_MAX_WORDS)
		return false;
	c->argc++;
	return true;
}

static void more_wofs(struct parse *p)
{
	size_t *v = xmalloc(2 * p->wcap * sizeof *v);
	memcpy(v, p->wofs, p->wcap * sizeof *v);
	if (p->wofs != p->wsmall)
		free(p->wofs);
	p->wofs = v;
	p->wcap *= 2;
}

static void on_word(struct parse *p)
{
	struct buf *b = &p->words.s;
	size_t mark = p->lx.wmark;

	if (take_word(p, b->s + mark, b->len - mark)) {
		if (p->cur.argc > p->wcap)
			more_wofs(p);
		p->wofs[p->cur.argc - 1] = mark;
		b->len++;                    /* keep the word's NUL, put by read_word */
	} else {
		b->len = mark;
		b->s[mark] = '\0';
	}
}

void sh_parse_lines(struct sh_script *out, const char *script, int line, const size_t *offs,
                    const int *lines, size_t nl, struct arena *a)
{
	struct parse p = { 0 };
	enum tok t;

	memset(out, 0, sizeof *out);
	if (!script)
		return;
	p.out = out;
	p.arena = a;
	p.wofs = p.wsmall;
	p.wcap = sizeof p.wsmall / sizeof *p.wsmall;
	p.lx = (struct lex){ .s = script, .len = strlen(script), .line = line, .offs = offs,
	                     .lines = lines, .nl = nl, .word = &p.words.s };
	p.lx.nlpos = next_nl(&p.lx, 0);
	/* Sized once from the script (its words are no longer than it; a command takes a dozen
	 * bytes or more): no doubling reallocs on the way, which were much of a RUN's cost. In an
	 * arena, the words are read where argv will point to them. */
	if (a) {
		p.words.s.s = arena_alloc(a, p.lx.len + 2);
		p.words.s.cap = p.lx.len + 2;
		p.lx.arena = a;
	} else {
		buf_reserve(&p.words.s, p.lx.len + 1);
	}
	p.cmds_cap = p.lx.len / 16 < SH_MAX_CMDS ? p.lx.len / 16 + 4 : SH_MAX_CMDS;
	out->cmds = xmalloc(p.cmds_cap * sizeof *out->cmds);
	while ((t = lex_next(&p.lx)) != T_EOF) {
		switch (t) {
		case T_WORD:
			on_word(&p);
			break;
		case T_SEP:
			on_sep(&p);
			break;
		case T_OPEN:
			finish(&p, SH_SEQ);
			break;
		case T_CLOSE:
			if (p.case_mode == CASE_PAT)
				p.case_mode = CASE_NONE;
			else
				close_group(&p);
			break;
		case T_REDIR:
			p.drop_next = true;
			p.hd_next = p.lx.heredoc;
			break;
		case T_EOF:
			break;
		}
	}
	finish(&p, SH_SEQ);
	if (out->ncmds) {
		out->cmds = settle(out->cmds, out->ncmds * sizeof *out->cmds, a);
	} else {
		free(out->cmds);
		out->cmds = NULL;
	}
	for (int i = 0; i < p.lx.nhd; i++)
		free(p.lx.hd[i]);
	if (!a)
		free(p.words.s.s);
	if (p.wofs != p.wsmall)
		free(p.wofs);
	free(p.assigns.s.s);
}

void sh_parse(struct sh_script *out, const char *script, int line)
{
	sh_parse_lines(out, script, line, NULL, NULL, 0, NULL);
}

void sh_free(struct sh_script *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ncmds; i++)
		cmd_free(&s->cmds[i]);
	free(s->cmds);
	memset(s, 0, sizeof *s);
}

const char *sh_cmd_name(const struct sh_cmd *c)
{
	const char *s, *slash;
	if (!c || c->argc == 0)
		return "";
	s = c->argv[0];
	slash = strrchr(s, '/');
	return slash ? slash + 1 : s;
}

static bool short_cluster_has(const char *a, char opt)
{
	if (a[0] != '-' || a[1] == '-' || a[1] == '\0')
		return false;
	for (const char *p = a + 1; *p; p++)
		if (!isalpha((unsigned char)*p))
			return false;
	return strchr(a + 1, opt) != NULL;
}

bool sh_has_opt(const struct sh_cmd *c, const char *w)
{
	size_t wl = strlen(w);
	bool short_opt = wl == 2 && w[0] == '-' && isalpha((unsigned char)w[1]);
	bool long_opt = wl > 2 && w[0] == '-' && w[1] == '-';

	for (size_t i = 1; c && i < c->argc; i++) {
		const char *a = c->argv[i];
		if (strcmp(a, w) == 0)
			return true;
		if (long_opt && strncmp(a, w, wl) == 0 && a[wl] == '=')
			return true;
		if (short_opt && short_cluster_has(a, w[1]))
			return true;
	}
	return false;
}
