/* The fleet store from the pipeline's side: a finished run recorded, the schema migrated, the
 * estate's report read back. Every message names the store as it can be shown (no password). */
#include "pipeline/run.h"
#include "pipeline/fleet_vulns.h"
#include "collect/store.h"
#include "collect/store_run.h"
#include "pipeline/fleet_source.h"
#include "report/fleet.h"
#include "rules/rule.h"
#include "util/util.h"
#include "util/version.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>

static void uuid_v4(char out[37])
{
	unsigned char b[16] = { 0 };
	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) {   /* never in practice: mix clock */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		for (size_t i = 0; i < sizeof b; i++)
			b[i] ^= (unsigned char)((ts.tv_nsec >> (i % 4 * 8)) ^ (ts.tv_sec >> (i % 8)));
	}
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
	         b[13], b[14], b[15]);
}

/* Opens the store ready to use: a SQLite file is created and migrated on first use (it is
 * this host's own); a PostgreSQL database must be migrated by `bulwark store migrate`, once,
 * not by each of a fleet's hosts at the same moment. */
static struct store *open_ready(const char *url, char *err, size_t errlen)
{
	struct store *s = store_open(url, true, err, errlen);
	if (!s)
		return NULL;
	if ((store_is_pg(s) || store_version(s, err, errlen) != 0 ||
	     store_migrate(s, 0, err, errlen)) && store_ready(s, err, errlen))
		return s;
	store_close(s);
	return NULL;
}

void run_store_record(const struct run_end *e, struct findings *out)
{
	const struct run_store *st = &e->store;
	if (!st->url)
		return;
	char err[512], id[37], when[32];
	char *shown = store_url_shown(st->url), *host = NULL, *machine = store_machine_id();
	time_t now = time(NULL);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	if (!st->run_id)
		uuid_v4(id);
	struct fleet_run r = { st->run_id ? st->run_id : id,
		st->host_name ? st->host_name : (host = store_host_name()), machine, st->engine_id,
		st->command ? st->command : "run", when, bulwark_version, rules_version() };
	const char **ids = xcalloc(out->n + 1, sizeof *ids);
	for (size_t i = 0; i < out->n; i++)
		ids[i] = out->v[i].rule->id;
	struct store *s = open_ready(st->url, err, sizeof err);
	bool taken = false;
	if (!s || !store_put_run(s, &r, out, ids, st->inv, &taken, err, sizeof err))
		findings_error(out, shown, 0, "store: %s", err);
	else if (taken)
		findings_warn(out, shown, 0, "run %s is stored already: nothing written", r.run_id);
	store_close(s);
	free(ids);
	free(shown);
	free(host);
	free(machine);
}

/* url, else the default store's; NULL (said on stderr) when there is none. malloc'd. */
static char *url_or_default(const char *url)
{
	char *u = url ? xstrdup(url) : store_default_url();
	if (!u)
		fprintf(stderr, "bulwark: no default store: set XDG_STATE_HOME or HOME, or --store\n");
	return u;
}

int pipeline_store_migrate(const char *given, int to)
{
	char err[512];
	char *url = url_or_default(given), *shown;
	if (!url)
		return EXIT_ERROR;
	shown = store_url_shown(url);
	struct store *s = store_open(url, true, err, sizeof err);
	int before = s ? store_version(s, err, sizeof err) : -1;
	int rc = EXIT_ERROR;
	if (before >= 0 && store_migrate(s, to, err, sizeof err)) {
		int after = store_version(s, err, sizeof err);
		printf(after == before ? "%s: schema version %d, nothing to do\n"
		                       : "%s: schema version %d (was %d)\n", shown, after, before);
		rc = EXIT_CLEAN;
	} else {
		fprintf(stderr, "bulwark: %s: %s\n", shown, err);
	}
	store_close(s);
	free(shown);
	free(url);
	return rc;
}

/* A failed write, or a host's findings that could not be read back while writing. */
static void report_failed(const char *shown, const char *read_err)
{
	if (read_err[0])
		fprintf(stderr, "bulwark: %s: %s\n", shown, read_err);
	else
		fprintf(stderr, "bulwark: cannot write report\n");
}

int pipeline_fleet_report(const struct fleet_report_opts *o)
{
	char err[512];
	char *url = url_or_default(o->url), *shown;
	if (!url)
		return EXIT_ERROR;
	shown = store_url_shown(url);
	struct fleet f = { 0 };
	struct fleet_reader reader;
	struct store *s = store_open(url, false, err, sizeof err);
	int rc = EXIT_ERROR;
	if (s && store_ready(s, err, sizeof err) &&
	    store_read_fleet(s, o->since, o->host_glob, &f, err, sizeof err) &&
	    fleet_vulns_read(s, o->db, o->since, &f, err, sizeof err)) {
		fleet_reader_init(&reader, s, o->since, &f);
		f.source = &reader.src;
		FILE *fp = o->output ? fopen(o->output, "w") : stdout;
		if (!fp)
			fprintf(stderr, "bulwark: %s: cannot write report: %m\n", o->output);
		else if (fleet_report_write(fp, &f, o->format) != 0 ||
		         (o->output ? fclose(fp) : fflush(fp)) != 0)
			report_failed(shown, reader.err);
		else
			rc = EXIT_CLEAN;
		fleet_reader_free(&reader);
	} else {
		fprintf(stderr, "bulwark: %s: %s\n", shown, err);
	}
	fleet_free(&f);
	store_close(s);
	free(shown);
	free(url);
	return rc;
}
