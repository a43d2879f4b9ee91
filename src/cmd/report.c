/* bulwark report: the estate's posture, read back from the fleet store. */
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include "util/util.h"
#include <getopt.h>
#include <string.h>

static const char about[] =
	"\nFor each host, the unsuppressed findings of its latest run of each command (audit,\n"
	"lint, image) by severity, and how many are new and fixed against the run before it\n"
	"(by fingerprint); each rule with the hosts it fires on (the rule x host matrix); runs\n"
	"and findings per day; html and sarif add each host's latest findings (a page, or a SARIF\n"
	"run, per host). Runs are recorded with --store on bulwark audit, lint and image.\n"
	"The images in use in each host's latest runs are matched, by their stored packages,\n"
	"against the current vulnerability store (--db): no image is read again.\n"
	"STORE as for bulwark store; the JSON is described in docs/json-schema.md.\n";

static const struct opt table[] = {
	{ "store", 256, "URL", "the store (default: sqlite:$XDG_STATE_HOME/bulwark/fleet.db)", 0 },
	{ "since", 257, "DATE", "only runs at or after DATE (YYYY-MM-DD or an ISO 8601 UTC time)", 0 },
	{ "host", 258, "GLOB", "only hosts whose name matches GLOB (* and ?)", 0 },
	{ "format", 259, "FMT", "text (default), json, html or sarif", 0 },
	{ "db", 260, "PATH", "vulnerability store (default $XDG_DATA_HOME/bulwark/vulns.db)", 0 },
	{ "output", 'o', "FILE", "write the report to FILE instead of stdout", 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

static void opts(const struct cmd *self, struct opts *out)
{
	*out = (struct opts){ "report", self->usage, table, 0, NULL, about };
}

/* YYYY-MM-DD, optionally followed by THH:MM[:SS][Z]: compared as text with the stored times. */
static bool date_ok(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	size_t n = strlen(s);
	for (size_t i = 0; i < 10; i++)
		if (i >= n || (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-'))
			return false;
	return n == 10 || (s[10] == 'T' && n <= 20);
}

/* The fleet report's formats: a subset of report_formats[]; -1 for another. */
static int format_of(const char *name)
{
	int f = report_format_parse(name);
	return f == FMT_TEXT || f == FMT_JSON || f == FMT_HTML || f == FMT_SARIF ? f : -1;
}

static int run(int argc, char **argv)
{
	struct opts p;
	opts(&cmd_report, &p);
	struct fleet_report_opts o = { .format = FMT_TEXT };
	int c, rc = -1;
	optind = 0;
	while ((c = opts_next(&p, argc, argv, &rc)) != OPT_DONE)
		if (c == OPT_EXIT)
			return rc;
		else if (c == 256)
			o.url = optarg;
		else if (c == 257 && !date_ok(optarg))
			return opts_usage_error(&p, "--since takes YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ",
			                        optarg);
		else if (c == 257)
			o.since = optarg;
		else if (c == 258)
			o.host_glob = optarg;
		else if (c == 259 && format_of(optarg) < 0)
			return opts_usage_error(&p, "report formats: text, json, html, sarif", optarg);
		else if (c == 259)
			o.format = (enum report_format)format_of(optarg);
		else if (c == 260)
			o.db = optarg;
		else if (c == 'o')
			o.output = optarg;
	if (optind < argc)
		return opts_usage_error(&p, "unexpected argument", argv[optind]);
	return pipeline_fleet_report(&o);
}

const struct cmd cmd_report = {
	.name = "report",
	.usage = "report [--store URL] [--since DATE] [--host GLOB] [--db PATH] "
	         "[--format text|json|html|sarif]",
	.summary = "the estate's posture from the fleet store: per host, per rule, over time",
	.run = run,
	.about = about,
	.opts = opts,
	.operands = OPERANDS_NONE,
};
