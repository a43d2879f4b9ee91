#include "model/finding.h"
#include "util/util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool g_show_secrets;

static const char *const sev_names[] = { "info", "low", "medium", "high", "critical" };

const char *severity_name(enum severity s)
{
	return s < SEV__COUNT ? sev_names[s] : "unknown";
}

int severity_parse(const char *s)
{
	for (int i = 0; i < SEV__COUNT; i++)
		if (str_ieq(s, sev_names[i]))
			return i;
	return -1;
}

const char *target_kind_name(enum target_kind k)
{
	static const char *const n[] = { "dockerfile", "compose", "container", "image",
	                                 "daemon", "host", "file" };
	return (size_t)k < sizeof n / sizeof *n ? n[k] : "unknown";
}

/* Findings of one input repeat its path and target name: one copy, owned by the list, serves
 * them all (the last two strings kept are the candidates). */
static char *shared(struct findings *out, const char *s)
{
	if (!s)
		return NULL;
	for (size_t i = out->nstrs; i > 0 && i + 2 > out->nstrs; i--)
		if (!strcmp(out->strs[i - 1], s))
			return out->strs[i - 1];
	GROW(out->strs, out->cap_strs, out->nstrs);
	return out->strs[out->nstrs++] = xstrdup(s);
}

/* The message and the evidence share one block, evidence after the message's NUL: one malloc
 * per finding on the worker threads, one free on the main thread (findings_free frees only
 * message). */
static void set_text(struct finding *f, const char *evidence, const char *fmt, va_list ap)
{
	char small[256];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	size_t ml = n > 0 ? (size_t)n : 0, el = evidence ? strlen(evidence) + 1 : 0;
	char *p = xmalloc(ml + 1 + el);
	if (ml < sizeof small)
		memcpy(p, small, ml);
	else
		vsnprintf(p, ml + 1, fmt, ap);
	p[ml] = '\0';
	f->message = p;
	f->evidence = evidence ? memcpy(p + ml + 1, evidence, el) : NULL;
}

void findings_push(struct findings *out, const struct rule *r, enum severity sev, struct loc loc,
                   const char *evidence, const char *fmt, va_list ap)
{
	GROW(out->v, out->cap, out->n);
	struct finding *f = &out->v[out->n++];
	memset(f, 0, sizeof *f);
	f->rule = r;
	f->severity = sev;
	f->kind = out->cur.kind;
	f->target_name = shared(out, out->cur.name);
	f->target_id = xstrdup(out->cur.id);
	f->target_state = shared(out, out->cur.state);
	f->layer = -1;
	f->path = shared(out, loc.path);
	f->line = loc.line;
	set_text(f, evidence, fmt, ap);
}

void finding_set_layer(struct findings *out, size_t layer, const char *digest, bool visible,
                       size_t deleted_in, const char *created_by)
{
	struct finding *f = &out->v[out->n - 1];
	f->created_by = shared(out, created_by && *created_by ? created_by : NULL);
	f->deleted_in = visible ? -1 : (int)deleted_in;
	f->layer = (int)layer;
	f->layer_digest = shared(out, digest);
	f->visible = visible;
}

void finding_set_vuln(struct findings *out, const struct finding_vuln *v)
{
	struct finding_vuln *c = xcalloc(1, sizeof *c);
	*c = *v;
	c->aliases = v->naliases ? xcalloc(v->naliases, sizeof *c->aliases) : NULL;
	for (size_t i = 0; i < v->naliases; i++)
		c->aliases[i] = xstrdup(v->aliases[i]);
	c->id = xstrdup(v->id), c->summary = xstrdup(v->summary);
	c->package = xstrdup(v->package), c->source = xstrdup(v->source);
	c->installed = xstrdup(v->installed), c->fixed = xstrdup(v->fixed);
	c->ecosystem = xstrdup(v->ecosystem), c->severity = xstrdup(v->severity);
	c->cvss_vector = xstrdup(v->cvss_vector), c->path = xstrdup(v->path);
	out->v[out->n - 1].vuln = c;
}

static void vuln_free(struct finding_vuln *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->naliases; i++)
		free(v->aliases[i]);
	free(v->aliases);
	free(v->id), free(v->summary), free(v->package), free(v->source), free(v->installed);
	free(v->fixed), free(v->ecosystem), free(v->severity), free(v->cvss_vector), free(v->path);
	free(v);
}

void findings_error(struct findings *out, const char *input, int line, const char *fmt, ...)
{
	va_list ap;
	GROW(out->errors, out->cap_errors, out->nerrors);
	struct input_error *e = &out->errors[out->nerrors++];
	e->input = xstrdup(input);
	e->line = line;
	va_start(ap, fmt);
	e->message = xvasprintf(fmt, ap);
	va_end(ap);
}

void findings_warn(struct findings *out, const char *input, int line, const char *fmt, ...)
{
	va_list ap;
	GROW(out->warnings, out->cap_warnings, out->nwarnings);
	struct warning *w = &out->warnings[out->nwarnings++];
	w->input = xstrdup(input);
	w->line = line;
	va_start(ap, fmt);
	w->message = xvasprintf(fmt, ap);
	va_end(ap);
}

static void finding_clear(struct finding *x)
{
	free(x->target_id);
	free(x->message);   /* and the evidence after it */
	free(x->suppress_reason);
	free(x->suppress_source);
	free(x->fingerprint);
	vuln_free(x->vuln);
}

void findings_remove_if(struct findings *out, size_t from, bool (*drop)(const struct finding *))
{
	size_t k = from;
	for (size_t i = from; i < out->n; i++) {
		if (drop(&out->v[i]))
			finding_clear(&out->v[i]);
		else
			out->v[k++] = out->v[i];
	}
	out->n = k;
}

/* Appends m elements of size sz. Unlike GROW it does not zero the spare capacity: the whole
 * run's list gets large, and zeroing pages it may never use costs a page fault each. */
static void append(void *to, size_t *n, size_t *cap, const void *from, size_t m, size_t sz)
{
	void **v = to;
	if (*n + m > *cap) {
		*cap = 2 * (*n + m);
		*v = xrealloc(*v, *cap * sz);
	}
	if (m)
		memcpy((char *)*v + *n * sz, from, m * sz);
	*n += m;
}

/* Appends what one input produced to the whole run's list: the entries move, strings and all. */
void findings_move(struct findings *to, struct findings *from)
{
	append(&to->v, &to->n, &to->cap, from->v, from->n, sizeof *from->v);
	append(&to->errors, &to->nerrors, &to->cap_errors, from->errors, from->nerrors,
	       sizeof *from->errors);
	append(&to->warnings, &to->nwarnings, &to->cap_warnings, from->warnings, from->nwarnings,
	       sizeof *from->warnings);
	append(&to->strs, &to->nstrs, &to->cap_strs, from->strs, from->nstrs, sizeof *from->strs);
	free(from->v);
	free(from->errors);
	free(from->warnings);
	free(from->strs);
	memset(from, 0, sizeof *from);
}

/* Live targets come first, a section each (host, daemon, containers, images), grouped by
 * target; files (Dockerfiles, compose files) follow, by path. */
int target_section(enum target_kind k)
{
	switch (k) {
	case TK_HOST: return 0;
	case TK_DAEMON: return 1;
	case TK_CONTAINER: return 2;
	case TK_IMAGE: return 3;
	default: return 4;
	}
}

void findings_free(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		finding_clear(&f->v[i]);
	for (size_t i = 0; i < f->nerrors; i++) {
		free(f->errors[i].input);
		free(f->errors[i].message);
	}
	for (size_t i = 0; i < f->nwarnings; i++) {
		free(f->warnings[i].input);
		free(f->warnings[i].message);
	}
	for (size_t i = 0; i < f->nstrs; i++)
		free(f->strs[i]);
	free(f->v);
	free(f->errors);
	free(f->warnings);
	free(f->strs);
	memset(f, 0, sizeof *f);
}

char *redact(const char *secret)
{
	size_t n = strlen(secret);
	if (g_show_secrets)
		return xstrdup(secret);
	if (n <= 8)
		return xasprintf("…(%zu chars)", n);
	return xasprintf("%.4s…(%zu chars)", secret, n);
}
