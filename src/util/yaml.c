/* YAML text -> trees, from libfyaml's event stream. Building from events gives every node a
 * line and keeps anchors, aliases and `<<` merges under our control: an alias can only name a
 * finished node, so no cycles, and every copy is charged to the load's budget. */
#include "util/yaml.h"
#include "util/util.h"
#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

struct frame {
	struct ynode *n;
	char *anchor;
	char *key;             /* mapping: pending key */
	int key_line, key_at;  /* the key's line for its value; its own line, 0 when empty */
	bool have_key, drop, merge;
	struct smap keys;      /* mapping: key -> pair index */
	struct ynode **merges; size_t nmerges, cap_merges;
};

struct anchor { char *name; struct ynode *n; };

struct build {
	const struct yread *r;
	struct frame st[Y_MAX_DEPTH];
	int depth;
	struct anchor *anchors; size_t nanchors, cap_anchors;
	struct smap aidx;
	struct ynode **orphans; size_t norphans, cap_orphans;   /* detached; freed at the end */
	struct ynode **docs; size_t ndocs, cap_docs;
	bool failed, done;
	int last_line;
};

static void fail(struct build *b, int line, const char *msg)
{
	if (b->failed)
		return;
	b->failed = true;
	b->r->error(b->r->u, line, msg);
}

static void orphan(struct build *b, struct ynode *n)
{
	GROW(b->orphans, b->cap_orphans, b->norphans);
	b->orphans[b->norphans++] = n;
}

static int mark_line(struct fy_event *e)
{
	const struct fy_mark *m = fy_event_start_mark(e);
	return m ? m->line + 1 : 0;
}

static char *tok_text(struct fy_token *t)
{
	size_t len = 0;
	const char *s = t ? fy_token_get_text(t, &len) : NULL;
	return s ? xstrndup(s, len) : NULL;
}

static enum ytag tag_of(struct fy_token *t)
{
	char *s = tok_text(t);
	enum ytag r = YT_NONE;
	if (str_eq(s, "!reset"))
		r = YT_RESET;
	else if (str_eq(s, "!override"))
		r = YT_OVERRIDE;
	else if (str_eq(s, "tag:yaml.org,2002:str"))
		r = YT_STR;
	free(s);
	return r;
}

static bool is_null(const char *s)
{
	return !*s || str_eq(s, "~") || str_eq(s, "null") || str_eq(s, "Null") || str_eq(s, "NULL");
}

static struct ynode *scalar(struct build *b, struct fy_event *e)
{
	struct fy_token *v = e->scalar.value;
	size_t len = 0;
	const char *s = v ? fy_token_get_text(v, &len) : NULL;
	int line = v ? mark_line(e) : b->last_line;
	struct ynode *n = y_newstr(b->r->budget, s ? s : "", s ? len : 0, b->r->file, line);
	n->at = v ? line : 0;
	n->tag = tag_of(e->scalar.tag);
	n->quoted = v && fy_token_scalar_style(v) != FYSS_PLAIN;
	if (!n->quoted && n->tag != YT_STR && is_null(n->s))
		n->kind = Y_NULL;
	return n;
}

static struct ynode *alias(struct build *b, struct fy_event *e)
{
	char *name = tok_text(e->alias.anchor);
	size_t *i = name ? smap_get(&b->aidx, name) : NULL;
	struct ynode *n;
	if (!i) {
		char *msg = xasprintf("unknown anchor '%s' referenced", name ? name : "");
		fail(b, mark_line(e), msg);
		free(msg);
		n = y_new(b->r->budget, Y_NULL, b->r->file, mark_line(e));
	} else {
		n = y_clone(b->r->budget, b->anchors[*i].n);
		n->line = n->at = mark_line(e);
		n->anchored = false;
	}
	free(name);
	return n;
}

static void add_anchor(struct build *b, char *name, struct ynode *n)
{
	if (!name)
		return;
	n->anchored = true;
	GROW(b->anchors, b->cap_anchors, b->nanchors);
	b->anchors[b->nanchors] = (struct anchor){ name, n };
	smap_put(&b->aidx, name, b->nanchors++);
}

static void map_put(struct build *b, struct frame *f, struct ynode *v, int kline)
{
	size_t *i = smap_get(&f->keys, f->key);
	if (i) {
		char *msg = xasprintf("mapping key \"%s\" already defined at line %d", f->key,
		                      f->n->pairs[*i].val->line);
		b->r->error(b->r->u, v->line, msg);
		free(msg);
		orphan(b, f->n->pairs[*i].val);
		f->n->pairs[*i].val = v;
		f->n->pairs[*i].kline = kline;
		free(f->key);
	} else {
		y_map_add(f->n, f->key, v);
		f->n->pairs[f->n->n - 1].kline = kline;
		smap_put(&f->keys, f->key, f->n->n - 1);
	}
	f->key = NULL;
}

static void attach_map(struct build *b, struct frame *f, struct ynode *n)
{
	if (!f->have_key) {
		f->have_key = true;
		f->drop = f->merge = false;
		f->key_line = n->line;
		f->key_at = n->at;
		if (n->kind == Y_SEQ || n->kind == Y_MAP) {
			b->r->error(b->r->u, n->line, "mapping keys must be scalars");
			f->drop = true;
		} else {
			f->key = xstrdup(n->s);
			f->merge = !n->quoted && n->tag == YT_NONE && str_eq(n->s, "<<");
		}
		orphan(b, n);
		return;
	}
	f->have_key = false;
	n->line = f->key_line;
	if (f->drop) {
		orphan(b, n);
	} else if (f->merge) {
		free(f->key);
		f->key = NULL;
		GROW(f->merges, f->cap_merges, f->nmerges);
		f->merges[f->nmerges++] = n;
	} else {
		map_put(b, f, n, f->key_at);
	}
}

/* A finished node goes to its parent, or becomes a document. */
static void finish(struct build *b, struct ynode *n, char *anchor)
{
	add_anchor(b, anchor, n);
	if (b->depth == 0) {
		GROW(b->docs, b->cap_docs, b->ndocs);
		b->docs[b->ndocs++] = n;
		return;
	}
	struct frame *f = &b->st[b->depth - 1];
	if (b->depth + n->height >= Y_MAX_DEPTH) {
		fail(b, n->line, "nesting too deep");
		orphan(b, n);
		return;
	}
	if (f->n->kind == Y_SEQ)
		y_seq_add(f->n, n);
	else
		attach_map(b, f, n);
}

static void merge_one(struct build *b, struct frame *f, const struct ynode *src)
{
	if (!src || src->kind != Y_MAP) {
		fail(b, src ? src->line : 0, "map merge requires map or sequence of maps as the value");
		return;
	}
	for (size_t i = 0; i < src->n && !b->r->budget->exceeded; i++) {
		if (smap_get(&f->keys, src->pairs[i].key))
			continue;
		y_map_add(f->n, xstrdup(src->pairs[i].key), y_clone(b->r->budget, src->pairs[i].val));
		f->n->pairs[f->n->n - 1].kline = src->pairs[i].kline;
		smap_put(&f->keys, f->n->pairs[f->n->n - 1].key, f->n->n - 1);
	}
}

/* `<<`: explicit keys win, then earlier merge sources win over later ones. */
static void apply_merges(struct build *b, struct frame *f)
{
	for (size_t i = 0; i < f->nmerges; i++) {
		struct ynode *m = f->merges[i];
		if (m->kind == Y_SEQ)
			for (size_t j = 0; j < m->n; j++)
				merge_one(b, f, m->items[j]);
		else
			merge_one(b, f, m);
		orphan(b, m);
	}
}

static void push(struct build *b, struct fy_event *e, enum ykind k, struct fy_token *anchor,
                 struct fy_token *tag)
{
	if (b->depth >= Y_MAX_DEPTH - 1) {
		fail(b, mark_line(e), "nesting too deep");
		return;
	}
	struct frame *f = &b->st[b->depth++];
	memset(f, 0, sizeof *f);
	f->n = y_new(b->r->budget, k, b->r->file, mark_line(e));
	f->n->tag = tag_of(tag);
	f->anchor = tok_text(anchor);
}

static void pop(struct build *b)
{
	struct frame *f = &b->st[--b->depth];
	struct ynode *n = f->n;
	char *anchor = f->anchor;
	if (n->kind == Y_MAP)
		apply_merges(b, f);
	if (f->have_key)   /* only after an error: a key without value */
		free(f->key);
	smap_free(&f->keys);
	free(f->merges);
	finish(b, n, anchor);
}

static void event(struct build *b, struct fy_event *e)
{
	int line = mark_line(e);
	if (line > 0)
		b->last_line = line;
	switch (e->type) {
	case FYET_DOCUMENT_START:
		for (size_t i = 0; i < b->nanchors; i++)
			free(b->anchors[i].name);
		b->nanchors = 0;
		smap_free(&b->aidx);
		break;
	case FYET_SCALAR:
		finish(b, scalar(b, e), tok_text(e->scalar.anchor));
		break;
	case FYET_ALIAS:
		finish(b, alias(b, e), NULL);
		break;
	case FYET_MAPPING_START:
		push(b, e, Y_MAP, e->mapping_start.anchor, e->mapping_start.tag);
		break;
	case FYET_SEQUENCE_START:
		push(b, e, Y_SEQ, e->sequence_start.anchor, e->sequence_start.tag);
		break;
	case FYET_DOCUMENT_END:
		b->done = b->r->first_doc;
		break;
	case FYET_MAPPING_END:
	case FYET_SEQUENCE_END:
		if (b->depth > 0)
			pop(b);
		break;
	default:
		break;
	}
	if (b->r->budget->exceeded)
		fail(b, b->last_line, "document too large after alias expansion");
}

static void diag_sink(struct fy_diag *d, void *user, const char *buf, size_t len)
{
	(void)d, (void)user, (void)buf, (void)len;
}

static void parse_error(struct build *b, struct fy_diag *diag)
{
	void *it = NULL;
	struct fy_diag_error *e;
	while ((e = fy_diag_errors_iterate(diag, &it)))
		if (e->type >= FYET_ERROR) {
			fail(b, e->line > 0 ? e->line : b->last_line, e->msg ? e->msg : "syntax error");
			return;
		}
	fail(b, b->last_line, "syntax error");
}

static void cleanup(struct build *b)
{
	while (b->depth > 0) {
		struct frame *f = &b->st[--b->depth];
		orphan(b, f->n);
		free(f->anchor);
		if (f->have_key)
			free(f->key);
		smap_free(&f->keys);
		for (size_t i = 0; i < f->nmerges; i++)
			orphan(b, f->merges[i]);
		free(f->merges);
	}
	for (size_t i = 0; i < b->nanchors; i++)
		free(b->anchors[i].name);
	free(b->anchors);
	smap_free(&b->aidx);
	for (size_t i = 0; i < b->norphans; i++)
		y_free(b->orphans[i]);
	free(b->orphans);
}

static void run(struct build *b, const char *text, size_t len)
{
	struct fy_diag_cfg dc;
	fy_diag_cfg_default(&dc);
	dc.fp = NULL;
	dc.output_fn = diag_sink;
	dc.colorize = false;
	struct fy_diag *diag = fy_diag_create(&dc);
	if (!diag) {
		fail(b, 0, "cannot create parser");
		return;
	}
	fy_diag_set_collect_errors(diag, true);
	struct fy_parse_cfg cfg = { .flags = FYPCF_QUIET, .diag = diag };
	struct fy_parser *p = fy_parser_create(&cfg);
	struct fy_event *e;
	if (!p || fy_parser_set_string(p, text, len) != 0) {
		fail(b, 0, "cannot create parser");
	} else {
		while (!b->failed && !b->done && (e = fy_parser_parse(p))) {
			event(b, e);
			fy_parser_event_free(p, e);
		}
		if (fy_parser_get_stream_error(p))
			parse_error(b, diag);
	}
	/* libfyaml 0.8 can crash in fy_parser_destroy after some stream errors (a tab before a
	 * block entry leaves its indent stack broken): after an error the parser is leaked, once
	 * per malformed file, rather than freed. */
	if (p && !fy_parser_get_stream_error(p))
		fy_parser_destroy(p);
	fy_diag_destroy(diag);
}

/* libfyaml must only see what YAML allows (it can hang on some invalid bytes). */
static bool check_text(struct build *b, const char *text, size_t len)
{
	int line = 1;
	for (size_t i = 0; i < len;) {
		size_t k = yaml_printable((const unsigned char *)text + i, len - i);
		if (!k) {
			fail(b, line, "invalid UTF-8 or control character");
			return false;
		}
		line += text[i] == '\n';
		i += k;
	}
	return true;
}

bool yaml_parse(const struct yread *r, const char *text, size_t len, struct ynode ***docs,
                size_t *ndocs)
{
	struct build b = { .r = r };
	if (check_text(&b, text, len))
		run(&b, text, len);
	cleanup(&b);
	if (b.failed) {
		for (size_t i = 0; i < b.ndocs; i++)
			y_free(b.docs[i]);
		free(b.docs);
		*docs = NULL;
		*ndocs = 0;
		return false;
	}
	*docs = b.docs;
	*ndocs = b.ndocs;
	return true;
}
