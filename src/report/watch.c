#include "report/watch.h"
#include "report/report_int.h"
#include "util/util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void stamp(char out[32], int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	size_t n = strftime(out, 24, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, 32 - n, ".%03dZ", (int)(ms % 1000));
}

/* A JSON string of s, its invalid UTF-8 (a process's argv is any bytes) mended. */
static json_t *js(const char *s)
{
	size_t n;
	char *m = utf8_mend(s ? s : "", strlen(s ? s : ""), &n);
	json_t *j = json_stringn(m, n);
	free(m);
	return j;
}

int report_watch_jsonl(FILE *fp, const struct watch_alert *a)
{
	char t[32];
	stamp(t, a->time_ms);
	json_t *ev = json_object();
	for (size_t i = 0; i < a->nev; i++)
		json_object_set_new(ev, a->ev[i].key, js(a->ev[i].value));
	json_t *o = json_pack("{s:s, s:s, s:s, s:{s:o, s:o, s:o}, s:o, s:o}", "time", t,
	                      "kind", watch_kind_name(a->kind), "severity",
	                      severity_name(a->severity), "container", "name", js(a->name), "id",
	                      js(a->id), "image", js(a->image), "message", js(a->message),
	                      "evidence", ev);
	if (!o)
		return -1;
	int rc = json_dumpf(o, fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (rc == 0 && fputc('\n', fp) != EOF && fflush(fp) == 0)
		return 0;
	return -1;
}

/* Process data is the container's to choose: never let it drive the operator's terminal. */
int report_watch_text(FILE *fp, const struct watch_alert *a)
{
	char t[32];
	stamp(t, a->time_ms);
	struct out *o = xmalloc(sizeof *o);
	*o = (struct out){ .fp = fp };
	out_printf(o, "%s %s %s ", t, severity_name(a->severity), watch_kind_name(a->kind));
	out_safe(o, a->name);
	out_str(o, ": ");
	out_safe(o, a->message);
	for (size_t i = 0; i < a->nev; i++) {
		out_str(o, i ? ", " : " (");
		out_safe(o, a->ev[i].key);
		out_c(o, '=');
		out_safe(o, a->ev[i].value);
	}
	out_str(o, a->nev ? ")\n" : "\n");
	out_flush(o);
	bool failed = o->failed;
	free(o);
	return !failed && fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
}

int report_watch_bases_text(FILE *fp, const struct watch_base *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct watch_base *b = &v[i];
		fprintf(fp, "%s%s\n  executables:", i ? "\n" : "", b->image);
		for (size_t j = 0; j < b->nexes; j++)
			fprintf(fp, " %s", b->exes[j].path);
		fprintf(fp, "%s\n  listening:", b->nexes ? "" : " none");
		for (size_t j = 0; j < b->nports; j++)
			fprintf(fp, " %s/%u", b->ports[j].proto, b->ports[j].port);
		fprintf(fp, "%s\n  capabilities: %llx\n", b->nports ? "" : " none",
		        (unsigned long long)b->cap_eff);
		if (b->has_uid)
			fprintf(fp, "  lowest uid: %u\n", b->min_uid);
		else
			fprintf(fp, "  lowest uid: none seen\n");
		fprintf(fp, "  packet sockets: %s\n  shell on a terminal: %s\n",
		        b->packet ? "yes" : "no", b->tty_shell ? "yes" : "no");
	}
	return fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
}

int report_watch_bases_json(FILE *fp, const struct watch_base *v, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct watch_base *b = &v[i];
		json_t *exes = json_array(), *ports = json_array();
		for (size_t j = 0; j < b->nexes; j++)
			json_array_append_new(exes, json_pack("{s:o, s:I, s:I}", "path",
			                      js(b->exes[j].path), "dev", (json_int_t)b->exes[j].dev,
			                      "ino", (json_int_t)b->exes[j].ino));
		for (size_t j = 0; j < b->nports; j++)
			json_array_append_new(ports, json_pack("{s:s, s:i}", "proto", b->ports[j].proto,
			                                       "port", (int)b->ports[j].port));
		char caps[20];
		snprintf(caps, sizeof caps, "%llx", (unsigned long long)b->cap_eff);
		json_array_append_new(arr, json_pack("{s:o, s:o, s:o, s:s, s:o, s:b, s:b}", "image",
			js(b->image), "executables", exes, "ports", ports, "capabilities", caps,
			"min_uid", b->has_uid ? json_integer(b->min_uid) : json_null(),
			"packet_socket", b->packet, "tty_shell", b->tty_shell));
	}
	json_t *doc = json_pack("{s:s, s:o}", "schema", "bulwark/watch-baselines/v1",
	                        "baselines", arr);
	int rc = doc ? json_dumpf(doc, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : -1;
	json_decref(doc);
	if (rc == 0 && fputc('\n', fp) != EOF && fflush(fp) == 0)
		return 0;
	return -1;
}
