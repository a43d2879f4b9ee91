/* Shared by the reporters: JSON helpers (report.c) and buffered output (out.c). */
#ifndef BW_REPORT_INT_H
#define BW_REPORT_INT_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
json_t *report_jstr(const char *s);     /* NULL -> JSON null; invalid UTF-8 replaced */
json_t *report_jline(int line);         /* 0 -> JSON null */
int report_dump(FILE *fp, json_t *doc); /* indented, newline-terminated; -1 on write error */

/* SARIF locations (sarif_loc.c): each result a relative URI under a base the run describes. */
struct sarif_bases { unsigned used; char *srcroot; };
struct finding;
void sarif_bases_init(struct sarif_bases *sb);
json_t *sarif_location(struct sarif_bases *sb, const struct finding *f);
json_t *sarif_input_location(struct sarif_bases *sb, const char *input, int line);
json_t *sarif_bases_json(struct sarif_bases *sb);   /* originalUriBaseIds; frees sb */
struct findings;
/* One SARIF run of the findings f (sarif.c): tool, rules, invocation, results. */
json_t *sarif_run(const struct findings *f);
#define SARIF_SCHEMA_URI "https://json.schemastore.org/sarif-2.1.0.json"

/* Buffered output to fp (out.c); out_end flushes and says -1 if any write failed. */
struct out { FILE *fp; bool failed; size_t len; char buf[65536]; };
void out_flush(struct out *o);
void out_add_slow(struct out *o, const char *s, size_t n);
void out_str(struct out *o, const char *s);
/* s with what could drive a terminal (C0 and C1 controls, DEL) written as escapes. */
void out_safe(struct out *o, const char *s);
void out_int(struct out *o, long long v);
void out_printf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int out_end(struct out *o);
/* Inline: reporters add many short pieces. */
static inline void out_add(struct out *o, const char *s, size_t n)
{
	if (o->len + n > sizeof o->buf) {
		out_add_slow(o, s, n);
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static inline void out_c(struct out *o, char c)
{
	if (o->len == sizeof o->buf)
		out_flush(o);
	o->buf[o->len++] = c;
}
#endif
