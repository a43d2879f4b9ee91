/* The estate's report: posture per host, each rule across hosts, the rule x host matrix and
 * runs per day. JSON through jansson (a fleet's report is small next to its findings). */
#include "report/fleet.h"
#include "report/fleet_int.h"
#include "util/version.h"
#include <jansson.h>

static json_t *by_severity(const size_t *n)
{
	json_t *o = json_object();
	for (int s = SEV__COUNT - 1; s >= 0; s--)
		json_object_set_new(o, severity_name((enum severity)s), json_integer((json_int_t)n[s]));
	return o;
}

static json_t *host_json(const struct fleet_host *h)
{
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string(h->name));
	json_object_set_new(o, "machine_id", h->machine_id ? json_string(h->machine_id) : json_null());
	json_object_set_new(o, "engine_id", h->engine_id ? json_string(h->engine_id) : json_null());
	json_object_set_new(o, "runs", json_integer((json_int_t)h->runs));
	json_object_set_new(o, "last_run", json_string(h->last_run));
	json_object_set_new(o, "findings", by_severity(h->by_sev));
	json_object_set_new(o, "total", json_integer((json_int_t)h->findings));
	json_object_set_new(o, "new", h->compared ? json_integer((json_int_t)h->new_) : json_null());
	json_object_set_new(o, "fixed", h->compared ? json_integer((json_int_t)h->fixed) : json_null());
	return o;
}

static json_t *rules_json(const struct fleet *f)
{
	json_t *a = json_array();
	for (size_t i = 0; i < f->nrules; i++) {
		const struct fleet_rule *r = &f->rules[i];
		json_t *hosts = json_object();
		for (size_t c = 0; c < f->ncells; c++)
			if (f->cells[c].rule == i)
				json_object_set_new(hosts, f->hosts[f->cells[c].host].name,
				                    json_integer((json_int_t)f->cells[c].n));
		json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:I, s:o}", "rule", r->rule,
		                                   "severity", r->severity, "hosts",
		                                   (json_int_t)r->hosts, "findings",
		                                   (json_int_t)r->findings, "by_host", hosts));
	}
	return a;
}

static json_t *vuln_json(const struct fleet_vuln *v)
{
	json_t *images = json_array(), *hosts = json_array();
	for (size_t i = 0; i < v->nimages; i++)
		json_array_append_new(images, json_pack("{s:s, s:o}", "digest", v->images[i].digest,
		                      "ref", v->images[i].ref ? json_string(v->images[i].ref)
		                                              : json_null()));
	for (size_t i = 0; i < v->nhosts; i++)
		json_array_append_new(hosts, json_string(v->hosts[i]));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:o}", "id", v->id,
	                 "severity", v->severity, "package", v->package, "ecosystem",
	                 v->ecosystem ? v->ecosystem : "", "installed", v->installed, "fixed",
	                 v->fixed ? json_string(v->fixed) : json_null(), "images", images,
	                 "containers", (json_int_t)v->containers, "hosts", hosts);
}

static void vulns_json(json_t *root, const struct fleet *f)
{
	if (!f->have_vulns)
		return;
	json_t *a = json_array();
	for (size_t i = 0; i < f->nvulns; i++)
		json_array_append_new(a, vuln_json(&f->vulns[i]));
	json_object_set_new(json_object_get(root, "summary"), "images",
	                    json_integer((json_int_t)f->images_in_use));
	json_object_set_new(json_object_get(root, "summary"), "images_without_packages",
	                    json_integer((json_int_t)f->images_unread));
	json_object_set_new(json_object_get(root, "summary"), "vulns",
	                    json_integer((json_int_t)f->nvulns));
	json_object_set_new(root, "vulns", a);
}

static int write_json(FILE *fp, const struct fleet *f)
{
	json_t *root = json_object(), *hosts = json_array(), *days = json_array();
	size_t total[SEV__COUNT] = { 0 };
	for (size_t i = 0; i < f->nhosts; i++) {
		json_array_append_new(hosts, host_json(&f->hosts[i]));
		for (int s = 0; s < SEV__COUNT; s++)
			total[s] += f->hosts[i].by_sev[s];
	}
	for (size_t i = 0; i < f->ndays; i++)
		json_array_append_new(days, json_pack("{s:s, s:I, s:I, s:I}", "day", f->days[i].day,
		                                      "hosts", (json_int_t)f->days[i].hosts, "runs",
		                                      (json_int_t)f->days[i].runs, "findings",
		                                      (json_int_t)f->days[i].findings));
	json_object_set_new(root, "schema_version", json_integer(1));
	json_object_set_new(root, "tool", json_pack("{s:s, s:s}", "name", "bulwark", "version",
	                                            bulwark_version));
	json_object_set_new(root, "since", f->since ? json_string(f->since) : json_null());
	json_object_set_new(root, "summary", json_pack("{s:I, s:I, s:o}", "hosts",
	                    (json_int_t)f->nhosts, "runs", (json_int_t)f->runs, "findings",
	                    by_severity(total)));
	json_object_set_new(root, "hosts", hosts);
	json_object_set_new(root, "rules", rules_json(f));
	json_object_set_new(root, "trend", days);
	vulns_json(root, f);
	int rc = json_dumpf(root, fp, JSON_INDENT(2)) == 0 && fputc('\n', fp) != EOF ? 0 : -1;
	json_decref(root);
	return rc;
}

static void change(FILE *fp, const struct fleet_host *h)
{
	if (h->compared)
		fprintf(fp, "  +%-5zu -%-5zu", h->new_, h->fixed);
	else
		fprintf(fp, "  %-13s", "(first run)");
}

/* One line per vulnerability; its hosts by name, its images by ref. */
static void vulns_text(FILE *fp, const struct fleet *f)
{
	if (!f->have_vulns)
		return;
	fprintf(fp, "\n%zu known %s in %zu %s in use", f->nvulns,
	        f->nvulns == 1 ? "vulnerability" : "vulnerabilities", f->images_in_use,
	        f->images_in_use == 1 ? "image" : "images");
	if (f->images_unread)
		fprintf(fp, " (%zu with no packages stored: record %s with bulwark image or audit "
		        "--images, --store)", f->images_unread, f->images_unread == 1 ? "it" : "them");
	fputc('\n', fp);
	if (f->nvulns)
		fprintf(fp, "%-20s %-9s %-20s %-20s %-20s %10s  %s\n", "VULNERABILITY", "SEVERITY",
		        "PACKAGE", "INSTALLED", "FIXED", "CONTAINERS", "HOSTS / IMAGES");
	for (size_t i = 0; i < f->nvulns; i++) {
		const struct fleet_vuln *v = &f->vulns[i];
		fprintf(fp, "%-20s %-9s %-20s %-20s %-20s %10zu ", v->id, v->severity, v->package,
		        v->installed, v->fixed ? v->fixed : "(none)", v->containers);
		for (size_t h = 0; h < v->nhosts; h++)
			fprintf(fp, "%s%s", h ? ", " : " ", v->hosts[h]);
		fputs(" /", fp);
		for (size_t m = 0; m < v->nimages; m++)
			fprintf(fp, "%s%s", m ? ", " : " ",
			        v->images[m].ref ? v->images[m].ref : v->images[m].digest);
		fputc('\n', fp);
	}
}

static int write_text(FILE *fp, const struct fleet *f)
{
	fprintf(fp, "%zu hosts, %zu runs%s%s\n\n", f->nhosts, f->runs, f->since ? " since " : "",
	        f->since ? f->since : "");
	fprintf(fp, "%-24s %-20s %5s %5s %5s %5s %5s  %-13s\n", "HOST", "LAST RUN", "CRIT",
	        "HIGH", "MED", "LOW", "INFO", "NEW / FIXED");
	for (size_t i = 0; i < f->nhosts; i++) {
		const struct fleet_host *h = &f->hosts[i];
		fprintf(fp, "%-24s %-20s %5zu %5zu %5zu %5zu %5zu", h->name, h->last_run,
		        h->by_sev[SEV_CRITICAL], h->by_sev[SEV_HIGH], h->by_sev[SEV_MEDIUM],
		        h->by_sev[SEV_LOW], h->by_sev[SEV_INFO]);
		change(fp, h);
		fputc('\n', fp);
	}
	if (f->nrules)
		fprintf(fp, "\n%-10s %-9s %6s %9s\n", "RULE", "SEVERITY", "HOSTS", "FINDINGS");
	for (size_t i = 0; i < f->nrules; i++)
		fprintf(fp, "%-10s %-9s %6zu %9zu\n", f->rules[i].rule, f->rules[i].severity,
		        f->rules[i].hosts, f->rules[i].findings);
	vulns_text(fp, f);
	return ferror(fp) ? -1 : 0;
}

int fleet_report_write(FILE *fp, const struct fleet *f, enum report_format format)
{
	if (format == FMT_JSON)
		return write_json(fp, f);
	if (format == FMT_TEXT)
		return write_text(fp, f);
	if (format == FMT_HTML)
		return fleet_html_write(fp, f);
	if (format == FMT_SARIF)
		return fleet_sarif_write(fp, f);
	return -1;
}
