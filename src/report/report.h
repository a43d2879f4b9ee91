/* Reporters: format a findings list. They read the list and the rule table, nothing else. */
#ifndef BW_REPORT_H
#define BW_REPORT_H
#include <stdbool.h>
#include <stdio.h>
#include "model/finding.h"

enum report_format { FMT_TEXT, FMT_JSON, FMT_SARIF, FMT_HTML, FMT_JUNIT, FMT_GITLAB };
/* The --format names, in help order, ended by { NULL }: option parsing, help and shell
 * completion all read this one table. */
struct report_format_name { const char *name; enum report_format format; };
extern const struct report_format_name report_formats[];
int report_format_parse(const char *name);                  /* -1 if unknown */

struct report_opts {
	enum report_format format;
	bool color;                 /* text only; set when the output is a TTY and NO_COLOR unset */
	enum severity fail_on;      /* recorded in the summary */
	size_t inputs;              /* how many inputs were examined */
	bool list_problems;         /* text: list errors and warnings (not when they went to stderr) */
	size_t baselined;           /* findings left out as the --baseline report had them */
};

/* Unsuppressed findings at or above fail_on. */
size_t report_failing(const struct findings *f, enum severity fail_on);
int report_write(FILE *fp, const struct findings *f, const struct report_opts *o);
int report_text(FILE *fp, const struct findings *f, const struct report_opts *o);
int report_json(FILE *fp, const struct findings *f, const struct report_opts *o);
int report_sarif(FILE *fp, const struct findings *f, const struct report_opts *o);
int report_html(FILE *fp, const struct findings *f, const struct report_opts *o);
int report_junit(FILE *fp, const struct findings *f, const struct report_opts *o);
int report_gitlab(FILE *fp, const struct findings *f, const struct report_opts *o);
struct rule;
/* The whole rule table sorted by id as "text", "json" or "markdown"; -1 for another format. */
int report_rules(FILE *fp, const char *format);
/* One rule for `bulwark explain`. */
void report_explain(FILE *fp, const struct rule *r);
#endif
