/* bulwark watch: the runtime watch. Options only; pipeline/watch.c runs it. */
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include "pipeline/watch.h"
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char about[] =
	"\nEach running container's processes and sockets are read from /proc every interval.\n"
	"For --learn seconds after the watch first sees a container, what it runs and listens\n"
	"on is learned into its image's baseline (kept in the store, one per image id, shared\n"
	"by every container of the image); after that, deviations are alerts: new-process,\n"
	"new-listener, packet-socket, shell, network-shell, dropped-executed, privilege. Every\n"
	"exec into a container is an exec alert. An alert is raised once per process. Alerts\n"
	"are JSON lines (--format jsonl) or text; SIGINT or SIGTERM ends the watch. --once\n"
	"compares one scan with the stored baselines and exits, for cron and CI. Exit status:\n"
	"1 when an alert at or above --fail-on was raised, 2 on errors. Reading other users'\n"
	"processes needs root.\n";

static const char *const *format_values(void)
{
	static const char *const v[] = { "jsonl", "text", NULL };
	return v;
}

enum { O_LEARN = 256, O_INTERVAL, O_ONCE, O_FAIL_ON, O_STORE, O_FORMAT };

static const struct opt table[] = {
	{ "learn", O_LEARN, "SECONDS", "learn each container's behaviour this long from when it is\n"
	  "first seen (default 60; 0: compare with the stored baseline at once)", 0 },
	{ "interval", O_INTERVAL, "SECONDS", "between scans of /proc (default 2)", 0 },
	{ "once", O_ONCE, NULL, "one scan against the stored baselines, then exit", 0 },
	{ "format", O_FORMAT, "FMT", "jsonl (default) or text", 0, format_values },
	{ "fail-on", O_FAIL_ON, "SEV", "exit 1 when an alert this severe or worse was raised: "
	  "critical,\nhigh (default), medium, low, info; none: never", 0, opt_values_fail_on },
	{ "output", 'o', "FILE", "write the alerts to FILE instead of stdout", 0 },
	{ "store", O_STORE, "PATH", "the baseline store (default: "
	  "$XDG_STATE_HOME/bulwark/watch.db)", 0 },
	{ "host", 'H', "URL", "engine to watch (unix:///path, tcp://host:port); default as the\n"
	  "docker CLI: DOCKER_HOST, the current context, the local socket", 0 },
	{ "context", 'c', "NAME", "docker context to watch", 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

static void opts(const struct cmd *self, struct opts *out)
{
	*out = (struct opts){ "watch", self->usage, table, 0, NULL, about };
}

/* A whole number of seconds in [min, 86400]; -1 otherwise. */
static int seconds(const char *s, int min)
{
	char *end;
	long v = strtol(s, &end, 10);
	return *s && !*end && v >= min && v <= 86400 ? (int)v : -1;
}

static int run(int argc, char **argv)
{
	struct opts p;
	opts(&cmd_watch, &p);
	struct watch_opts w = { .learn_s = 60, .interval_s = 2, .fail_on = SEV_HIGH };
	const char *format = "jsonl", *learn = NULL, *interval = NULL, *fail_on = NULL;
	int c, rc = -1;
	optind = 0;
	while ((c = opts_next(&p, argc, argv, &rc)) != OPT_DONE)
		switch (c) {
		case OPT_EXIT: return rc;
		case O_LEARN: learn = optarg; break;
		case O_INTERVAL: interval = optarg; break;
		case O_ONCE: w.once = true; break;
		case O_FORMAT: format = optarg; break;
		case O_FAIL_ON: fail_on = optarg; break;
		case 'o': w.output = optarg; break;
		case O_STORE: w.store = optarg; break;
		case 'H': w.host = optarg; break;
		case 'c': w.context = optarg; break;
		}
	if (optind < argc)
		return opts_usage_error(&p, "unexpected argument", argv[optind]);
	if (learn && (w.learn_s = seconds(learn, 0)) < 0)
		return opts_usage_error(&p, "--learn takes whole seconds, 0 to 86400", learn);
	if (interval && (w.interval_s = seconds(interval, 1)) < 0)
		return opts_usage_error(&p, "--interval takes whole seconds, 1 to 86400", interval);
	if (strcmp(format, "jsonl") && strcmp(format, "text"))
		return opts_usage_error(&p, "--format takes jsonl or text", format);
	w.text = !strcmp(format, "text");
	if (fail_on && (w.fail_on = run_fail_on_parse(fail_on)) < 0)
		return opts_usage_error(&p, "unknown --fail-on severity", fail_on);
	if (w.host && w.context)
		return opts_usage_error(&p, "--host and --context both name the engine: give one", NULL);
	return pipeline_watch(&w);
}

const struct cmd cmd_watch = {
	.name = "watch",
	.usage = "watch [--learn SECONDS] [--interval SECONDS] [--once] [--format jsonl|text] "
	         "[--fail-on SEV] [--output FILE] [--store PATH]",
	.summary = "watch running containers for drift and attack behaviour (runtime alerts)",
	.run = run,
	.about = about,
	.opts = opts,
	.operands = OPERANDS_NONE,
};
