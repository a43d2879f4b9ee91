/* --format sarif for the fleet: one run per host, each the single-host run of its latest
 * findings (sarif.c) with the host named in automationDetails.id ("bulwark/fleet/HOST/") and
 * a "host" property. Written run by run, so one host's findings are in memory at a time. */
#include "report/fleet_int.h"
#include "model/fleet_findings.h"
#include "report/report_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static json_t *host_run(const struct fleet_host *h, const struct findings *fl)
{
	json_t *run = sarif_run(fl);
	char *id = xmalloc(strlen(h->name) + sizeof "bulwark/fleet//");
	sprintf(id, "bulwark/fleet/%s/", h->name);
	json_object_set_new(run, "automationDetails", json_pack("{s:o}", "id", report_jstr(id)));
	json_object_set_new(run, "properties", json_pack("{s:o, s:o, s:I}",
	                    "host", report_jstr(h->name), "last_run", report_jstr(h->last_run),
	                    "runs", (json_int_t)h->runs));
	free(id);
	return run;
}

int fleet_sarif_write(FILE *fp, const struct fleet *f)
{
	if (!f->source)
		return -1;
	fprintf(fp, "{\n  \"$schema\": \"%s\",\n  \"version\": \"2.1.0\",\n  \"runs\": [",
	        SARIF_SCHEMA_URI);
	for (size_t i = 0; i < f->nhosts; i++) {
		struct findings fl = { 0 };
		bool ok = f->source->read(f->source->ctx, i, &fl);
		json_t *run = ok ? host_run(&f->hosts[i], &fl) : NULL;
		findings_free(&fl);
		if (!ok)
			return -1;
		fputs(i ? ",\n" : "\n", fp);
		int rc = json_dumpf(run, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(run);
		if (rc != 0)
			return -1;
	}
	fputs(f->nhosts ? "\n  ]\n}\n" : "]\n}\n", fp);
	return ferror(fp) ? -1 : 0;
}
