/* The JSON reporter: schema "bulwark/findings/v1", documented in docs/json-schema.md.
 * Written straight to the stream, laid out as jansson's JSON_INDENT(2) would: building a
 * jansson tree for every finding cost more than linting. */
#include "report/report.h"
#include "rules/rule.h"
#include "util/util.h"
#include "util/version.h"

#include "report/report_int.h"

/* Where the writer is: nesting depth, and whether the open container is still empty. */
struct jw { struct out o; int depth; bool empty; };

static void jw_raw(struct jw *w, const char *s)
{
	out_str(&w->o, s);
}

/* Before the next member or element: a comma after the previous one, then a new line. */
static void jw_next(struct jw *w)
{
	static const char line[] = ",\n                                ";
	size_t n = 2 * (size_t)w->depth;
	if (w->empty)
		out_c(&w->o, '\n');
	else
		out_add(&w->o, line, 2);
	for (; n > 32; n -= 32)
		out_add(&w->o, line + 2, 32);
	out_add(&w->o, line + 2, n);
	w->empty = false;
}

static void jw_open(struct jw *w, char c)
{
	out_c(&w->o, c);
	w->depth++;
	w->empty = true;
}

static void jw_close(struct jw *w, char c)
{
	bool empty = w->empty;
	w->depth--;
	if (!empty) {
		w->empty = true;        /* no comma: the closing bracket goes on a line of its own */
		jw_next(w);
	}
	out_c(&w->o, c);
	w->empty = false;
}

/* The escape for byte c, which must not appear raw in a JSON string. */
static void jw_escape(struct jw *w, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
	if (c == '"' || c == '\\') {
		out_c(&w->o, '\\');
		out_c(&w->o, (char)c);
	} else if (c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f') {
		out_c(&w->o, '\\');
		out_c(&w->o, "btn?fr"[c - '\b']);
	} else {
		out_add(&w->o, u, sizeof u);
	}
}

/* Bytes copied as they are: printable ASCII but '"' and '\\'. */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* A string, or null for NULL. Messages and evidence quote user files, which need not be UTF-8:
 * bad bytes become U+FFFD rather than losing the finding. */
static void jw_str(struct jw *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run;
	if (!s) {
		jw_raw(w, "null");
		return;
	}
	out_c(&w->o, '"');
	for (run = p; *p;) {
		size_t n;
		while (plain[*p])   /* most of it */
			p++;
		if (!*p)
			break;
		if (*p >= 0x80 && (n = utf8_seq(p, 4))) {
			p += n;
			continue;
		}
		out_add(&w->o, (const char *)run, (size_t)(p - run));
		if (*p < 0x80)
			jw_escape(w, *p);
		else
			jw_raw(w, "\xef\xbf\xbd");
		run = ++p;
	}
	out_add(&w->o, (const char *)run, (size_t)(p - run));
	out_c(&w->o, '"');
}

/* Keys are ours, plain ASCII: no escaping to look for. */
static void jw_key(struct jw *w, const char *k)
{
	jw_next(w);
	out_c(&w->o, '"');
	jw_raw(w, k);
	out_add(&w->o, "\": ", 3);
}

static void jw_kstr(struct jw *w, const char *k, const char *v)
{
	jw_key(w, k);
	jw_str(w, v);
}

static void jw_kint(struct jw *w, const char *k, size_t v)
{
	jw_key(w, k);
	out_int(&w->o, (long long)v);
}

/* A line number, or null when unknown (0). */
static void jw_kline(struct jw *w, int line)
{
	jw_key(w, "line");
	if (line > 0)
		out_int(&w->o, line);
	else
		jw_raw(w, "null");
}

static void put_aliases(struct jw *w, const struct rule *r)
{
	jw_key(w, "aliases");
	jw_open(w, '[');
	for (const char *const *p = r->aliases; p && *p; p++) {
		jw_next(w);
		jw_str(w, *p);
	}
	jw_close(w, ']');
}

static void put_location(struct jw *w, const struct finding *f)
{
	jw_key(w, "location");
	if (!f->path) {
		jw_raw(w, "null");
		return;
	}
	jw_open(w, '{');
	jw_kstr(w, "path", f->path);
	jw_kline(w, f->line);
	if (f->layer >= 0) {
		jw_kint(w, "layer", (size_t)f->layer);
		jw_kstr(w, "layer_digest", f->layer_digest);
		jw_key(w, "visible");
		jw_raw(w, f->visible ? "true" : "false");
		if (!f->visible)
			jw_kint(w, "deleted_in_layer", (size_t)f->deleted_in);
		jw_kstr(w, "created_by", f->created_by);
	}
	jw_close(w, '}');
}

/* A known vulnerability's facts (BW-V001); absent from every other finding. */
static void put_vuln(struct jw *w, const struct finding_vuln *v)
{
	char score[32];
	jw_key(w, "vuln");
	jw_open(w, '{');
	jw_kstr(w, "id", v->id);
	jw_key(w, "aliases");
	jw_open(w, '[');
	for (size_t i = 0; i < v->naliases; i++) {
		jw_next(w);
		jw_str(w, v->aliases[i]);
	}
	jw_close(w, ']');
	jw_kstr(w, "package", v->package);
	jw_kstr(w, "source", v->source);
	jw_kstr(w, "installed", v->installed);
	jw_kstr(w, "fixed", v->fixed);
	jw_kstr(w, "ecosystem", v->ecosystem);
	jw_kstr(w, "severity", v->severity);
	jw_key(w, "cvss");
	snprintf(score, sizeof score, "%.1f", v->cvss);
	jw_raw(w, v->cvss > 0 ? score : "null");
	jw_kstr(w, "cvss_vector", v->cvss_vector);
	jw_kstr(w, "summary", v->summary);
	jw_kstr(w, "path", v->path);
	jw_key(w, "layer");
	if (v->layer >= 0)
		out_int(&w->o, v->layer);
	else
		jw_raw(w, "null");
	jw_close(w, '}');
}

static void put_finding(struct jw *w, const struct finding *f)
{
	jw_next(w);
	jw_open(w, '{');
	jw_kstr(w, "rule", f->rule->id);
	jw_kstr(w, "title", f->rule->title);
	jw_kstr(w, "severity", severity_name(f->severity));
	jw_kstr(w, "cis", f->rule->cis);
	put_aliases(w, f->rule);
	jw_key(w, "target");
	jw_open(w, '{');
	jw_kstr(w, "kind", target_kind_name(f->kind));
	jw_kstr(w, "name", f->target_name);
	jw_kstr(w, "id", f->target_id);
	if (f->kind == TK_CONTAINER && f->target_state)
		jw_kstr(w, "state", f->target_state);
	jw_close(w, '}');
	put_location(w, f);
	jw_kstr(w, "message", f->message);
	jw_kstr(w, "evidence", f->evidence);
	jw_kstr(w, "fingerprint", f->fingerprint);
	if (f->vuln)
		put_vuln(w, f->vuln);
	if (f->suppressed) {
		jw_key(w, "suppression");
		jw_open(w, '{');
		jw_kstr(w, "source", f->suppress_source);   /* inline, config or option */
		jw_kstr(w, "reason", f->suppress_reason);
		jw_close(w, '}');
	}
	jw_close(w, '}');
}

static void put_findings(struct jw *w, const struct findings *f, const char *key, bool sup)
{
	jw_key(w, key);
	jw_open(w, '[');
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].suppressed == sup)
			put_finding(w, &f->v[i]);
	jw_close(w, ']');
}

static void put_notes(struct jw *w, const struct findings *f, bool errors)
{
	size_t n = errors ? f->nerrors : f->nwarnings;
	jw_key(w, errors ? "errors" : "warnings");
	jw_open(w, '[');
	for (size_t i = 0; i < n; i++) {
		jw_next(w);
		jw_open(w, '{');
		jw_kstr(w, "input", errors ? f->errors[i].input : f->warnings[i].input);
		jw_kline(w, errors ? f->errors[i].line : f->warnings[i].line);
		jw_kstr(w, "message", errors ? f->errors[i].message : f->warnings[i].message);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void put_summary(struct jw *w, const struct findings *f, const struct report_opts *o)
{
	size_t by[SEV__COUNT] = { 0 }, nsup = 0, nfind = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (f->v[i].suppressed) {
			nsup++;
		} else {
			nfind++;
			if (f->v[i].severity < SEV__COUNT)
				by[f->v[i].severity]++;
		}
	}
	jw_key(w, "summary");
	jw_open(w, '{');
	jw_kint(w, "inputs", o->inputs);
	jw_kint(w, "findings", nfind);
	jw_key(w, "by_severity");
	jw_open(w, '{');
	for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
		jw_kint(w, severity_name(s), by[s]);
	jw_close(w, '}');
	jw_kint(w, "suppressed", nsup);
	jw_kint(w, "baselined", o->baselined);
	jw_kint(w, "errors", f->nerrors);
	jw_kint(w, "warnings", f->nwarnings);
	jw_kstr(w, "fail_on", o->fail_on >= SEV__COUNT ? "none" : severity_name(o->fail_on));
	jw_key(w, "failed");
	jw_raw(w, report_failing(f, o->fail_on) > 0 ? "true" : "false");
	jw_close(w, '}');
}

int report_json(FILE *fp, const struct findings *f, const struct report_opts *o)
{
	struct jw w = { .o.fp = fp, .empty = true };
	jw_open(&w, '{');
	jw_kstr(&w, "schema", "bulwark/findings/v1");
	jw_key(&w, "tool");
	jw_open(&w, '{');
	jw_kstr(&w, "name", "bulwark");
	jw_kstr(&w, "version", bulwark_version);
	jw_close(&w, '}');
	put_findings(&w, f, "findings", false);
	put_findings(&w, f, "suppressed", true);
	put_notes(&w, f, true);
	put_notes(&w, f, false);
	put_summary(&w, f, o);
	jw_close(&w, '}');
	out_c(&w.o, '\n');
	return out_end(&w.o);
}
