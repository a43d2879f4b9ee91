/* Reporter dispatch, the exit-status count, and helpers the JSON and SARIF writers share. */
#include "report/report.h"
#include "report/report_int.h"
#include "util/util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

size_t report_failing(const struct findings *f, enum severity fail_on)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (!f->v[i].suppressed && f->v[i].severity >= fail_on)
			n++;
	return n;
}

const struct report_format_name report_formats[] = {
	{ "text", FMT_TEXT }, { "json", FMT_JSON }, { "sarif", FMT_SARIF }, { "html", FMT_HTML },
	{ "junit", FMT_JUNIT }, { "gitlab", FMT_GITLAB }, { NULL, FMT_TEXT },
};

int report_format_parse(const char *name)
{
	for (const struct report_format_name *r = report_formats; r->name; r++)
		if (!strcmp(r->name, name))
			return (int)r->format;
	return -1;
}

int report_write(FILE *fp, const struct findings *f, const struct report_opts *o)
{
	switch (o->format) {
	case FMT_JSON:
		return report_json(fp, f, o);
	case FMT_SARIF:
		return report_sarif(fp, f, o);
	case FMT_HTML:
		return report_html(fp, f, o);
	case FMT_JUNIT:
		return report_junit(fp, f, o);
	case FMT_GITLAB:
		return report_gitlab(fp, f, o);
	case FMT_TEXT:
		break;
	}
	return report_text(fp, f, o);
}


/*
 * A JSON string, or null for NULL. Messages and evidence quote user files, which need not be
 * UTF-8; jansson refuses such strings, so bad bytes become U+FFFD rather than losing the finding.
 */
json_t *report_jstr(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b = { 0 };
	json_t *j;

	if (!s)
		return json_null();
	if ((j = json_string(s)))
		return j;
	while (*p) {
		size_t n = utf8_seq(p, 4);
		if (n) {
			buf_add(&b, (const char *)p, n);
			p += n;
		} else {
			buf_adds(&b, "\xef\xbf\xbd");
			p++;
		}
	}
	char *t = buf_take(&b);
	j = json_string(t);
	free(t);
	return j ? j : json_string("");
}

/* A line number, or null when unknown (0). */
json_t *report_jline(int line)
{
	return line > 0 ? json_integer(line) : json_null();
}

/* Pretty-print, end with a newline, and free the document. */
int report_dump(FILE *fp, json_t *doc)
{
	int rc = json_dumpf(doc, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (rc != 0 || fputc('\n', fp) == EOF || ferror(fp))
		return -1;
	return 0;
}
