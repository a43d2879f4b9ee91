/* Internals shared by the Dockerfile parser's files (dockerfile*.c) and shell.c. */
#ifndef BW_DOCKERFILE_INT_H
#define BW_DOCKERFILE_INT_H
#include <stdbool.h>
#include <stddef.h>
#include "model/dockerfile.h"
#include "util/util.h"

#define DF_MAX_WORDS 10000   /* argv, kvs, flags and heredocs per instruction */
#define DF_EXPAND_MAX 16384  /* longest df_expand result; longer output is cut */
#define SH_MAX_CMDS 10000    /* simple commands per script */
#define DF_MAX_INSTR 100000  /* more instructions than this: rejected, not a real Dockerfile */

/* sh_parse where the line becomes lines[i] at byte offs[i] of script (offs ascending): how
 * continuation lines, joined without a newline, keep their own line numbers. With an arena a,
 * the whole script (commands, words) is allocated in it: freed with a, not by sh_free. */
void sh_parse_lines(struct sh_script *out, const char *script, int line, const size_t *offs,
                    const int *lines, size_t nl, struct arena *a);

struct df_span { size_t off, len; };

/* Whitespace-separated words of s[0..len), quotes and escapes kept (BuildKit's parseWords). */
size_t df_split_raw(const char *s, size_t len, char esc, struct df_span **out);
/* One word with quotes removed and escapes applied; no variable expansion. */
char *df_unquote(const char *s, size_t len, char esc);
/* The string vectors and strings below come from arena a, or from malloc when a is NULL. */
/* Words of s with quotes removed, at most DF_MAX_WORDS. */
char **df_words(const char *s, char esc, size_t *argc, struct arena *a);
/* s as a JSON array of strings; false (nothing allocated) when it is not one. */
bool df_parse_json(const char *s, char ***argv, size_t *argc, struct arena *a);
/* --name[=value] words at the start of s into in->flags; returns where the rest begins. */
size_t df_extract_flags(const char *s, size_t len, struct df_instr *in, struct arena *a);
/* ENV/LABEL/ARG pairs from in->args, in arena a (the pairs and their strings). */
void df_parse_kvs(struct df_instr *in, char esc, struct arena *a);
void df_free_strv(char **v);

/* A string vector built as one block (pointer array, then the strings): freed by one free(). */
struct df_strv { struct buf s; size_t n; };
void df_strv_add(struct df_strv *b, const char *s, size_t n);
void df_strv_end(struct df_strv *b);     /* ends a string appended to b->s directly */
char **df_strv_take(struct df_strv *b, struct arena *a);  /* NULL-terminated; b is reset */

/* One logical line: continuation lines joined as BuildKit does (no separator), with the offset
 * at which each physical line begins so commands keep their own line numbers. */
struct df_logical {
	struct buf b;
	size_t *offs;
	int *lines;
	size_t n, ocap, lcap;
	int line, end_line;
};

struct df_ctx {
	struct dockerfile *df;
	const char *text;
	size_t len, pos;                /* next physical line starts at text[pos] */
	int lineno;                     /* physical lines consumed */
	bool dir_done;                  /* parser directives no longer allowed */
	size_t instr_cap, stage_cap, meta_cap;
	struct df_kv *mexp;             /* meta ARGs, defaults expanded, for FROM */
	size_t nmexp, mexp_cap;
	size_t budget;                  /* df_expand lookups left */
};

/* dockerfile.c */
bool df_next_line(struct df_ctx *c, const char **s, size_t *n);
/* inline: the parser asks it of most bytes of every instruction */
static inline bool df_is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
/* dockerfile_instr.c: the instruction in lg->b.s[start..end); top-level ones may read heredoc
 * bodies from c and parse an ONBUILD trigger. */
void df_parse_instr(struct df_ctx *c, struct df_instr *in, const struct df_logical *lg,
                    size_t start, size_t end, bool top);
void df_instr_free(struct df_instr *in);   /* the parts outside the dockerfile's arena */
/* dockerfile_stage.c: append in (moved) to c->df, tracking stages and meta ARGs. */
void df_add_instr(struct df_ctx *c, struct df_instr *in);
void df_ctx_free(struct df_ctx *c);
void df_stage_free(struct df_stage *st);
void df_mark_shipped(struct dockerfile *df);   /* sets stages[].shipped */
/* The kind an upper-cased keyword names; DF_UNKNOWN if none (dockerfile.c). */
enum df_kind df_kind_of(const char *kw);
void df_note_cmds(struct dockerfile *df);      /* fills the df_may_run filter */
/* dockerfile_errors.c: fills df->errors. */
void df_find_errors(struct dockerfile *df);

/* df_expand with a shared work budget (lookups), decremented; 0 stops expansion. */
char *df_expand_budget(const char *s, const struct df_kv *kvs, size_t n, size_t *budget);

#endif
