/* One OSV record (https://ossf.github.io/osv-schema/) from untrusted JSON into plain data.
 * Every field is checked for its type and bounded in size; a record that breaks the schema is
 * refused with the place ("affected[2].ranges[0].events[1]") rather than partly kept, since a
 * dropped range would turn a vulnerable version into a clean one. */
#include "collect/vulndb_int.h"
#include "util/cvss.h"
#include "util/util.h"
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct pctx { char *err; size_t errlen; struct osv_mem *mem; };

/* The parsed record's strings and arrays: from the caller's block when it gave one (the ring
 * slot's, reused for each record it holds: no malloc and no free from another thread per
 * field), else malloc'd for osv_doc_clear. What does not fit in the block is malloc'd and listed
 * for osv_mem_reset. */
static void *mem_alloc(struct pctx *c, size_t n)
{
	struct osv_mem *m = c->mem;
	if (!m)
		return xcalloc(1, n ? n : 1);
	n = (n + 15) & ~(size_t)15;
	if (!m->blk)
		m->blk = xmalloc(m->cap = OSV_MEM_BLOCK);
	if (n <= m->cap - m->used) {
		void *p = m->blk + m->used;
		m->used += n;
		return memset(p, 0, n);
	}
	if (m->nbig == m->capbig)
		m->big = xrealloc(m->big, (m->capbig = m->capbig ? m->capbig * 2 : 8) * sizeof *m->big);
	return m->big[m->nbig++] = xcalloc(1, n);
}

static char *mem_strndup(struct pctx *c, const char *s, size_t n)
{
	char *p = mem_alloc(c, n + 1);
	memcpy(p, s, n);
	return p;
}

static void mem_free(struct pctx *c, void *p)
{
	if (!c->mem)
		free(p);
}

void osv_mem_reset(struct osv_mem *m)
{
	for (size_t i = 0; i < m->nbig; i++)
		free(m->big[i]);
	m->nbig = m->used = 0;
}

void osv_mem_free(struct osv_mem *m)
{
	osv_mem_reset(m);
	free(m->blk), free(m->big);
	memset(m, 0, sizeof *m);
}

/* The reason, as ": reason"; the callers put the place in front on the way out (at()), so
 * that nothing is formatted while a record is good. */
__attribute__((format(printf, 2, 3))) static bool fail(struct pctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	c->err[0] = ':', c->err[1] = ' ';
	vsnprintf(c->err + 2, c->errlen - 2, fmt, ap);
	va_end(ap);
	return false;
}

/* Puts a place before the error: "ranges" + "[2].events: ..." or "package" + "name: ...". */
static bool at(struct pctx *c, const char *name, long idx)
{
	char seg[64];
	const char *dot = c->err[0] == '[' || c->err[0] == ':' ? "" : ".";
	if (idx >= 0)
		snprintf(seg, sizeof seg, "[%ld]%s", idx, dot);
	else
		snprintf(seg, sizeof seg, "%s%s", name, dot);
	size_t n = strlen(seg), len = strnlen(c->err, c->errlen - 1);
	if (len + n >= c->errlen)
		len = c->errlen - 1 - n;
	memmove(c->err + n, c->err, len);
	memcpy(c->err, seg, n);
	c->err[len + n] = 0;
	return false;
}

static bool clean(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* A short identifier-like string (id, name, ecosystem, version, date): non-empty, bounded, no
 * control characters. */
static bool word(struct pctx *c, json_t *j, char **out)
{
	if (!json_is_string(j))
		return fail(c, "not a string");
	const char *s = json_string_value(j);
	size_t n = json_string_length(j);
	if (n == 0 || n > 1024 || !clean(s, n))
		return fail(c, "empty, too long or holds control characters");
	*out = mem_strndup(c, s, n);
	return true;
}

static bool field(struct pctx *c, json_t *obj, const char *name, char **out)
{
	return word(c, json_object_get(obj, name), out) || at(c, name, -1);
}

/* Free text, cut to OSV_MAX_STRING. */
static bool text(struct pctx *c, json_t *j, char **out)
{
	if (!json_is_string(j))
		return fail(c, "not a string");
	size_t n = json_string_length(j);
	*out = mem_strndup(c, json_string_value(j), n > OSV_MAX_STRING ? OSV_MAX_STRING : n);
	return true;
}

static bool word_list(struct pctx *c, json_t *a, size_t max, char ***out, size_t *n)
{
	if (!json_is_array(a))
		return fail(c, "not an array");
	size_t len = json_array_size(a);
	if (len > max)
		return fail(c, "more than %zu entries", max);
	*out = len ? mem_alloc(c, len * sizeof **out) : NULL;
	for (size_t i = 0; i < len; i++) {
		if (!word(c, json_array_get(a, i), &(*out)[i]))
			return at(c, NULL, (long)i);
		(*n)++;
	}
	return true;
}

/* Keeps the highest-scoring CVSS vector of a severity array in r. Vectors that do not parse
 * are ignored: the rest of the record is still good data. */
static bool severity(struct pctx *c, json_t *a, struct vuln_rec *r, char **rating)
{
	if (!json_is_array(a))
		return fail(c, "not an array");
	size_t i;
	json_t *e;
	json_array_foreach(a, i, e) {
		const char *type = json_string_value(json_object_get(e, "type"));
		json_t *score = json_object_get(e, "score");
		if (!type || !json_is_string(score) || json_string_length(score) > 1024)
			return fail(c, "needs type and score strings"), at(c, NULL, (long)i);
		const char *v = json_string_value(score);
		if (!strcmp(type, "Ubuntu")) {
			mem_free(c, *rating);
			*rating = mem_strndup(c, v, strlen(v));
			continue;
		}
		if (strcmp(type, "CVSS_V3") && strcmp(type, "CVSS_V4"))
			continue;
		double s = cvss_base_score(v);
		if (s >= 0 && (!r->cvss_vector || s > r->cvss_score)) {
			mem_free(c, r->cvss_vector);
			r->cvss_vector = mem_strndup(c, v, strlen(v));
			r->cvss_score = s;
		}
	}
	return true;
}

static const struct { const char *key; enum osv_event_kind kind; } event_keys[] = {
	{ "introduced", OSV_INTRODUCED }, { "fixed", OSV_FIXED },
	{ "last_affected", OSV_LAST_AFFECTED }, { "limit", OSV_LIMIT },
};

static bool event(struct pctx *c, json_t *e, struct osv_event *ev)
{
	if (!json_is_object(e) || json_object_size(e) == 0)
		return fail(c, "not an object with one event");
	for (size_t k = 0; k < sizeof event_keys / sizeof *event_keys; k++) {
		json_t *v = json_object_get(e, event_keys[k].key);
		if (!v)
			continue;
		if (json_object_size(e) != 1)
			return fail(c, "more than one event in one object");
		ev->kind = event_keys[k].kind;
		return word(c, v, &ev->version) || at(c, event_keys[k].key, -1);
	}
	return fail(c, "no introduced, fixed, last_affected or limit");
}

static bool range(struct pctx *c, json_t *j, struct osv_range *rg)
{
	const char *type = json_string_value(json_object_get(j, "type"));
	if (!type)
		return fail(c, "no type");
	if (!strcmp(type, "ECOSYSTEM"))
		rg->type = OSV_ECOSYSTEM;
	else if (!strcmp(type, "SEMVER"))
		rg->type = OSV_SEMVER;
	else if (!strcmp(type, "GIT"))
		rg->type = OSV_GIT;
	else
		return fail(c, "unknown type \"%.40s\"", type);
	json_t *ev = json_object_get(j, "events");
	size_t n = json_array_size(ev);
	if (!json_is_array(ev) || n == 0 || n > OSV_MAX_EVENTS)
		return fail(c, "not an array of 1 to %u events", OSV_MAX_EVENTS), at(c, "events", -1);
	rg->events = mem_alloc(c, n * sizeof *rg->events);
	for (size_t i = 0; i < n; i++) {
		if (!event(c, json_array_get(ev, i), &rg->events[i]))
			return at(c, NULL, (long)i), at(c, "events", -1);
		rg->nevents++;
	}
	return true;
}

static void urgency(struct pctx *c, json_t *obj, struct vuln_rec *head)
{
	const char *u = json_string_value(json_object_get(obj, "urgency"));
	if (u && !head->urgency && strlen(u) < 64)
		head->urgency = mem_strndup(c, u, strlen(u));
}

static bool ranges(struct pctx *c, json_t *v, struct vuln_rec *a)
{
	size_t n = json_array_size(v);
	if (!json_is_array(v) || n > OSV_MAX_RANGES)
		return fail(c, "not an array of at most %u", OSV_MAX_RANGES);
	a->ranges = n ? mem_alloc(c, n * sizeof *a->ranges) : NULL;
	for (size_t i = 0; i < n; i++) {
		a->nranges++;   /* counted first: a range that fails half-way is freed too */
		if (!range(c, json_array_get(v, i), &a->ranges[i]))
			return at(c, NULL, (long)i);
	}
	return true;
}

static bool affected(struct pctx *c, json_t *j, struct vuln_rec *a, struct vuln_rec *head,
                     char **rating)
{
	if (!json_is_object(j))
		return fail(c, "not an object");
	json_t *pkg = json_object_get(j, "package"), *v;
	if (!field(c, pkg, "ecosystem", &a->ecosystem) || !field(c, pkg, "name", &a->package))
		return at(c, "package", -1);
	if ((v = json_object_get(j, "severity")) && !severity(c, v, head, rating))
		return at(c, "severity", -1);
	urgency(c, json_object_get(j, "ecosystem_specific"), head);
	urgency(c, json_object_get(j, "database_specific"), head);
	if ((v = json_object_get(j, "versions")) &&
	    !word_list(c, v, OSV_MAX_VERSIONS, &a->versions, &a->nversions))
		return at(c, "versions", -1);
	if ((v = json_object_get(j, "ranges")) && !ranges(c, v, a))
		return at(c, "ranges", -1);
	return true;
}

/* critical/high/medium/low from a rating word of GHSA, Debian or Ubuntu. */
static const char *from_rating(const char *s)
{
	static const struct { const char *word, *sev; } map[] = {
		{ "critical", "critical" }, { "high", "high" }, { "medium", "medium" },
		{ "moderate", "medium" }, { "low", "low" }, { "unimportant", "low" },
		{ "negligible", "low" },
	};
	for (size_t i = 0; s && i < sizeof map / sizeof *map; i++)
		if (!strncasecmp(s, map[i].word, strlen(map[i].word)))   /* Debian: "high**" */
			return map[i].sev;
	return NULL;
}

static void set_severity(struct pctx *c, struct vuln_rec *h, const char *ghsa,
                         const char *rating)
{
	const char *s = NULL;
	if (h->cvss_vector && h->cvss_score > 0)
		s = h->cvss_score >= 9 ? "critical" : h->cvss_score >= 7 ? "high" :
		    h->cvss_score >= 4 ? "medium" : "low";
	if (!s)
		s = from_rating(ghsa);
	if (!s)
		s = from_rating(h->urgency);
	if (!s)
		s = from_rating(rating);
	s = s ? s : "unknown";
	h->severity = mem_strndup(c, s, strlen(s));
}

static bool head(struct pctx *c, json_t *root, struct vuln_rec *h)
{
	json_t *v;
	if (!field(c, root, "id", &h->id) || !field(c, root, "modified", &h->modified))
		return false;
	if ((v = json_object_get(root, "withdrawn")) && !word(c, v, &h->withdrawn))
		return at(c, "withdrawn", -1);
	if ((v = json_object_get(root, "summary")) && !text(c, v, &h->summary))
		return at(c, "summary", -1);
	if ((v = json_object_get(root, "aliases")) && !json_is_null(v) &&
	    !word_list(c, v, OSV_MAX_ALIASES, &h->aliases, &h->naliases))
		return at(c, "aliases", -1);
	return true;
}

static bool record(struct pctx *c, json_t *root, struct osv_doc *d)
{
	struct vuln_rec *h = &d->head;
	json_t *v;
	if (!json_is_object(root))
		return fail(c, "not a JSON object");
	if (!head(c, root, h))
		return false;
	char *rating = NULL;
	bool ok = !(v = json_object_get(root, "severity")) || json_is_null(v) ||
	          severity(c, v, h, &rating) || at(c, "severity", -1);
	json_t *dbs = json_object_get(root, "database_specific");
	urgency(c, dbs, h);
	json_t *aff = json_object_get(root, "affected");
	size_t n = json_array_size(aff);
	if (ok && aff && (!json_is_array(aff) || n > OSV_MAX_AFFECTED))
		ok = fail(c, "not an array of at most %u", OSV_MAX_AFFECTED), at(c, "affected", -1);
	if (ok && n)
		d->aff = mem_alloc(c, n * sizeof *d->aff);
	for (size_t i = 0; ok && i < n; i++) {
		json_t *e = json_array_get(aff, i);
		if (json_is_object(e) && !json_object_get(e, "package"))
			continue;   /* a repository-only (GIT) entry: no package to match */
		ok = affected(c, e, &d->aff[d->naff], h, &rating) ||
		     (at(c, NULL, (long)i), at(c, "affected", -1));
		d->naff++;
	}
	const char *ghsa = json_string_value(json_object_get(dbs, "severity"));
	if (ok)
		set_severity(c, h, ghsa, rating);
	if (ghsa && strlen(ghsa) < 64)
		mem_free(c, rating), rating = mem_strndup(c, ghsa, strlen(ghsa));
	d->rating = rating && strlen(rating) < 64 ? rating : NULL;
	if (!d->rating)
		mem_free(c, rating);
	return ok;
}

/* jansson's allocations while a record is parsed come from a per-thread block reused for every
 * record: a record's tree is a few hundred small blocks that all die together, and malloc and
 * free were a third of the import's time. What does not fit goes to malloc and is freed at the
 * record's end. Outside osv_parse jansson allocates as before. */
#define JSON_BLOCK (256u << 10)
static _Thread_local struct jarena {
	bool on;
	char *base; size_t used;
	void **extra; size_t nextra, cap;
} ja;

static void *json_alloc(size_t n)
{
	if (!ja.on)
		return malloc(n);
	n = (n + 15) & ~(size_t)15;
	if (ja.base && n <= JSON_BLOCK - ja.used) {
		void *p = ja.base + ja.used;
		ja.used += n;
		return p;
	}
	if (ja.nextra == ja.cap)
		ja.extra = xrealloc(ja.extra, (ja.cap = ja.cap ? ja.cap * 2 : 16) * sizeof *ja.extra);
	return ja.extra[ja.nextra++] = xmalloc(n);
}

static void json_release(void *p)
{
	if (!ja.on)
		free(p);
}

static void jarena_begin(void)
{
	if (!ja.base)
		ja.base = xmalloc(JSON_BLOCK);
	ja.used = 0;
	ja.on = true;
}

static void jarena_end(void)
{
	for (size_t i = 0; i < ja.nextra; i++)
		free(ja.extra[i]);
	ja.nextra = 0;
	ja.on = false;
}

void osv_parse_release(void)
{
	free(ja.base), free(ja.extra);
	memset(&ja, 0, sizeof ja);
}

static void set_alloc(void)
{
	json_set_alloc_funcs(json_alloc, json_release);
}

bool osv_parse(const char *buf, size_t n, struct osv_doc *doc, char *err, size_t errlen)
{
	return osv_parse_in(buf, n, doc, NULL, err, errlen);
}

bool osv_parse_in(const char *buf, size_t n, struct osv_doc *doc, struct osv_mem *mem,
                  char *err, size_t errlen)
{
	struct pctx c = { err, errlen, mem };
	memset(doc, 0, sizeof *doc);
	doc->mem = mem;
	if (n > OSV_MAX_RECORD) {
		snprintf(err, errlen, "record larger than %u bytes", OSV_MAX_RECORD);
		return false;
	}
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, set_alloc);
	jarena_begin();
	json_error_t je;
	json_t *root = json_loadb(buf, n, 0, &je);
	bool ok = root && record(&c, root, doc);
	if (!root)
		snprintf(err, errlen, "line %d: %s", je.line, je.text);
	json_decref(root);
	jarena_end();
	if (!root)
		return false;
	if (!ok) {
		osv_doc_clear(doc);
		if (err[0] == ':')   /* a reason with no place: the record itself */
			memmove(err, err + 2, strlen(err + 2) + 1);
	}
	return ok;
}

void osv_doc_clear(struct osv_doc *doc)
{
	if (doc->mem) {   /* the block's owner resets it */
		memset(doc, 0, sizeof *doc);
		return;
	}
	free(doc->rating);
	vuln_rec_clear(&doc->head);
	for (size_t i = 0; i < doc->naff; i++)
		vuln_rec_clear(&doc->aff[i]);
	free(doc->aff);
	memset(doc, 0, sizeof *doc);
}
