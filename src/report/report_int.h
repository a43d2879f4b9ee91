/* Shared by the JSON and SARIF reporters (report.c). */
#ifndef BW_REPORT_INT_H
#define BW_REPORT_INT_H
#include <jansson.h>
#include <stdio.h>
json_t *report_jstr(const char *s);     /* NULL -> JSON null; invalid UTF-8 replaced */
json_t *report_jline(int line);         /* 0 -> JSON null */
int report_dump(FILE *fp, json_t *doc); /* indented, newline-terminated; -1 on write error */
#endif
