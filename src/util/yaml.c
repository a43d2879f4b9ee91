/* YAML text -> trees, from libyaml's event stream. Building from events gives every node a
 * line and keeps anchors, aliases and `<<` merges under our control: an alias can only name a
 * finished node, so no cycles, and every copy is charged to the load's budget. libyaml was chosen
 * over libfyaml because it reads what docker compose (Go's yaml.v3, a port of libyaml) reads, a
 * flow collection closed at its key's indentation included, and frees everything after any error. */
#include "util/yaml.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

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

static int mark_line(const yaml_event_t *e)
{
	return (int)e->start_mark.line + 1;
}

/* A collection's line is that of its first token after any anchor and tag ('{', '[', '-' or
 * its first key), which libyaml's event ends on; a block scalar's is the line after its '|'. */
static int node_line(const yaml_event_t *e)
{
	if (e->type == YAML_MAPPING_START_EVENT || e->type == YAML_SEQUENCE_START_EVENT)
		return (int)e->end_mark.line + 1;
	if (e->type == YAML_SCALAR_EVENT && (e->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
	                                     e->data.scalar.style == YAML_FOLDED_SCALAR_STYLE))
		return mark_line(e) + 1;
	return mark_line(e);
}

static char *text_of(const yaml_char_t *s)
{
	return s ? xstrdup((const char *)s) : NULL;
}

/* libyaml gives tags resolved: `!!str` as tag:yaml.org,2002:str. */
static enum ytag tag_of(const yaml_char_t *t)
{
	const char *s = (const char *)t;
	if (str_eq(s, "!reset"))
		return YT_RESET;
	if (str_eq(s, "!override"))
		return YT_OVERRIDE;
	if (str_eq(s, "tag:yaml.org,2002:str"))
		return YT_STR;
	return YT_NONE;
}

/* An empty plain scalar is libyaml's stand-in for a missing node (`key:` with no value). */
static bool is_empty(const yaml_event_t *e)
{
	return e->data.scalar.length == 0 && e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static bool is_null(const char *s)
{
	return !*s || str_eq(s, "~") || str_eq(s, "null") || str_eq(s, "Null") || str_eq(s, "NULL");
}

static struct ynode *scalar(struct build *b, const yaml_event_t *e)
{
	bool empty = is_empty(e);
	int line = empty ? b->last_line : node_line(e);
	struct ynode *n = y_newstr(b->r->budget, (const char *)e->data.scalar.value,
	                           e->data.scalar.length, b->r->file, line);
	n->at = empty ? 0 : line;
	n->tag = tag_of(e->data.scalar.tag);
	n->quoted = e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	if (!n->quoted && n->tag != YT_STR && is_null(n->s))
		n->kind = Y_NULL;
	return n;
}

static struct ynode *alias(struct build *b, const yaml_event_t *e)
{
	const char *name = (const char *)e->data.alias.anchor;
	size_t *i = smap_get(&b->aidx, name);
	struct ynode *n;
	if (!i) {
		char *msg = xasprintf("unknown anchor '%s' referenced", name);
		fail(b, mark_line(e), msg);
		free(msg);
		n = y_new(b->r->budget, Y_NULL, b->r->file, mark_line(e));
	} else {
		n = y_clone(b->r->budget, b->anchors[*i].n);
		n->line = n->at = mark_line(e);
		n->anchored = false;
	}
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
		y_charge(b->r->budget, 0, strlen(src->pairs[i].key) + Y_STR_COST);
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

static void push(struct build *b, const yaml_event_t *e, enum ykind k, const yaml_char_t *anchor,
                 const yaml_char_t *tag)
{
	if (b->depth >= Y_MAX_DEPTH - 1) {
		fail(b, mark_line(e), "nesting too deep");
		return;
	}
	struct frame *f = &b->st[b->depth++];
	memset(f, 0, sizeof *f);
	f->n = y_new(b->r->budget, k, b->r->file, node_line(e));
	f->n->tag = tag_of(tag);
	f->anchor = text_of(anchor);
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

static void event(struct build *b, const yaml_event_t *e)
{
	if (e->type != YAML_SCALAR_EVENT || !is_empty(e))
		b->last_line = node_line(e);
	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		for (size_t i = 0; i < b->nanchors; i++)
			free(b->anchors[i].name);
		b->nanchors = 0;
		smap_free(&b->aidx);
		break;
	case YAML_SCALAR_EVENT:
		finish(b, scalar(b, e), text_of(e->data.scalar.anchor));
		break;
	case YAML_ALIAS_EVENT:
		finish(b, alias(b, e), NULL);
		break;
	case YAML_MAPPING_START_EVENT:
		push(b, e, Y_MAP, e->data.mapping_start.anchor, e->data.mapping_start.tag);
		break;
	case YAML_SEQUENCE_START_EVENT:
		push(b, e, Y_SEQ, e->data.sequence_start.anchor, e->data.sequence_start.tag);
		break;
	case YAML_DOCUMENT_END_EVENT:
		b->done = b->r->first_doc;
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		if (b->depth > 0)
			pop(b);
		break;
	default:
		break;
	}
	if (b->r->budget->exceeded)
		fail(b, b->last_line, "document too large after alias expansion (over "
		                      Y_MAX_BYTES_TEXT " of nodes)");
}

/* libyaml's problem, with where the construct it was reading began when that is elsewhere. */
static void parse_error(struct build *b, const yaml_parser_t *p)
{
	if (p->error == YAML_MEMORY_ERROR || !p->problem) {
		fail(b, b->last_line, p->error == YAML_MEMORY_ERROR ? "out of memory" : "syntax error");
		return;
	}
	int line = p->error == YAML_READER_ERROR ? b->last_line : (int)p->problem_mark.line + 1;
	int cline = (int)p->context_mark.line + 1;
	char *msg = p->context && cline != line
	                    ? xasprintf("%s %s at line %d", p->problem, p->context, cline)
	                    : xstrdup(p->problem);
	fail(b, line, msg);
	free(msg);
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
	yaml_parser_t p;
	yaml_event_t e;
	if (!yaml_parser_initialize(&p)) {
		fail(b, 0, "out of memory");
		return;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!b->failed && !b->done) {
		if (!yaml_parser_parse(&p, &e)) {
			parse_error(b, &p);
			break;
		}
		bool end = e.type == YAML_STREAM_END_EVENT;
		event(b, &e);
		yaml_event_delete(&e);
		if (end)
			break;
	}
	yaml_parser_delete(&p);
}

/* Only what YAML allows reaches the parser, refused here with the line of the first bad byte. */
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
	if (check_text(&b, text, len)) {
		size_t qlen;
		char *quoted = yaml_quote_colons(text, len, &qlen);
		run(&b, quoted ? quoted : text, quoted ? qlen : len);
		free(quoted);
	}
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
