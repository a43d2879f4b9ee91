#include "cmd/run_opts.h"
#include "cmd/cmd.h"
#include "pipeline/config.h"
#include "pipeline/lint.h"
#include "util/util.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char options_help[] =
	"  -f, --file FILE        compose file; repeat to merge files in order\n"
	"      --format FMT       text (default), json or sarif\n"
	"  -o, --output FILE      write the report to FILE instead of stdout\n"
	"      --fail-on SEV      exit 1 on a finding at or above SEV (default high)\n"
	"      --config FILE      configuration (default: nearest .bulwark.yaml upward)\n"
	"      --no-config        ignore .bulwark.yaml\n"
	"      --show-secrets     print secrets in evidence instead of redacting them\n"
	"      --color WHEN       auto (default), always or never; NO_COLOR is honoured\n"
	"  -h, --help             this help\n";

static const char image_help[] =
	"image options:\n"
	"  -H, --host URL         engine to take images from (as for audit)\n"
	"  -c, --context NAME     docker context to take images from\n"
	"      --cache FILE       layer cache (default $XDG_CACHE_HOME/bulwark/layers.db)\n"
	"      --no-cache         scan every layer, read and write no cache\n"
	"      --max-layer-size N refuse layers over N bytes uncompressed (NM, NG; default 8G)\n";

static const char audit_help[] =
	"audit options:\n"
	"  -H, --host URL         engine to audit (unix:///path, tcp://host:port); default as the\n"
	"                         docker CLI: DOCKER_HOST, the current context, the local socket\n"
	"  -c, --context NAME     docker context to audit\n"
	"      --container NAME   audit only this container (name or id; repeat for more)\n"
	"      --image REF        audit only this image (repeat for more)\n"
	"      --daemon-json FILE the daemon's configuration (default /etc/docker/daemon.json)\n"
	"      --root DIR         read the host's files under DIR instead of /\n"
	"      --timeout SECONDS  give up on an engine request after this long (default 10)\n"
	"      --replay DIR       audit a recorded engine (DIR/info.json, ...) instead of a live one\n"
	"      --images           audit every layer of every image too (as bulwark image does),\n"
	"                         with the layer cache (--cache FILE, --no-cache)\n";

static int usage_error(const char *usage, const char *msg, const char *arg)
{
	fprintf(stderr, "bulwark: %s%s%s\nusage: bulwark %s\n", msg, arg ? ": " : "",
	        arg ? arg : "", usage);
	return EXIT_ERROR;
}

static void push(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

int run_opts_parse(struct run_opts *o, int argc, char **argv, const char *usage)
{
	enum { O_FORMAT = 256, O_FAIL_ON, O_CONFIG, O_NO_CONFIG, O_SECRETS, O_COLOR, O_NO_COLOR,
	       O_CONTAINER, O_IMAGE, O_DAEMON_JSON, O_ROOT, O_TIMEOUT, O_REPLAY, O_CACHE,
	       O_NO_CACHE, O_MAX_LAYER, O_IMAGES };
	static const struct option longs[] = {
		{ "file", required_argument, 0, 'f' },    { "format", required_argument, 0, O_FORMAT },
		{ "output", required_argument, 0, 'o' },  { "fail-on", required_argument, 0, O_FAIL_ON },
		{ "config", required_argument, 0, O_CONFIG }, { "no-config", no_argument, 0, O_NO_CONFIG },
		{ "show-secrets", no_argument, 0, O_SECRETS }, { "color", required_argument, 0, O_COLOR },
		{ "no-color", no_argument, 0, O_NO_COLOR }, { "help", no_argument, 0, 'h' },
		{ "host", required_argument, 0, 'H' }, { "context", required_argument, 0, 'c' },
		{ "container", required_argument, 0, O_CONTAINER },
		{ "image", required_argument, 0, O_IMAGE },
		{ "daemon-json", required_argument, 0, O_DAEMON_JSON },
		{ "root", required_argument, 0, O_ROOT }, { "timeout", required_argument, 0, O_TIMEOUT },
		{ "replay", required_argument, 0, O_REPLAY },
		{ "cache", required_argument, 0, O_CACHE }, { "no-cache", no_argument, 0, O_NO_CACHE },
		{ "max-layer-size", required_argument, 0, O_MAX_LAYER },
		{ "images", no_argument, 0, O_IMAGES },
		{ 0, 0, 0, 0 },
	};
	int c;
	memset(o, 0, sizeof *o);
	o->fail_on = -1;
	o->color = -1;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:hH:c:", longs, NULL)) != -1) {
		struct audit_opts *a = &o->audit;
		if (c == 'H' || c == 'c' || (c >= O_CONTAINER && c <= O_IMAGES))
			o->audit_set = 1;
		switch (c) {
		case 'H': a->host = optarg; break;
		case 'c': a->context = optarg; break;
		case O_CONTAINER: push(&a->containers, &a->ncontainers, optarg); break;
		case O_IMAGE: push(&a->images, &a->nimages, optarg); break;
		case O_DAEMON_JSON: a->daemon_json = optarg; break;
		case O_ROOT: a->root = optarg; break;
		case O_REPLAY: a->replay = optarg; break;
		case O_CACHE: o->cache = optarg; break;
		case O_NO_CACHE: o->no_cache = 1; break;
		case O_IMAGES: a->images_full = true; break;
		case O_MAX_LAYER: {
			char *end;
			o->max_layer_bytes = strtoull(optarg, &end, 10);
			if (*end == 'G' || *end == 'g') o->max_layer_bytes <<= 30, end++;
			else if (*end == 'M' || *end == 'm') o->max_layer_bytes <<= 20, end++;
			if (*end || !o->max_layer_bytes)
				return usage_error(usage, "--max-layer-size takes bytes (or NM, NG)", optarg);
			break;
		}
		case O_TIMEOUT: {
			char *end;
			a->timeout = strtod(optarg, &end);
			if (*end || !(a->timeout > 0 && a->timeout <= 3600))
				return usage_error(usage, "--timeout takes seconds, up to 3600", optarg);
			break;
		}
		case 'f': push(&o->compose, &o->ncompose, optarg); break;
		case 'o': o->output = optarg; break;
		case O_CONFIG: o->config = optarg; break;
		case O_NO_CONFIG: o->no_config = 1; break;
		case O_SECRETS: g_show_secrets = true; break;
		case O_NO_COLOR: o->color = 0; break;
		case O_FORMAT:
			if (!strcmp(optarg, "text")) o->format = FMT_TEXT;
			else if (!strcmp(optarg, "json")) o->format = FMT_JSON;
			else if (!strcmp(optarg, "sarif")) o->format = FMT_SARIF;
			else return usage_error(usage, "unknown format (text, json, sarif)", optarg);
			break;
		case O_FAIL_ON:
			if ((o->fail_on = severity_parse(optarg)) < 0)
				return usage_error(usage, "unknown severity", optarg);
			break;
		case O_COLOR:
			if (!strcmp(optarg, "auto")) o->color = -1;
			else if (!strcmp(optarg, "always")) o->color = 1;
			else if (!strcmp(optarg, "never")) o->color = 0;
			else return usage_error(usage, "--color takes auto, always or never", optarg);
			break;
		case 'h':
			printf("usage: bulwark %s\n%s%s", usage, options_help,
			       str_prefix(usage, "audit") ? audit_help
			       : str_prefix(usage, "image") ? image_help : "");
			free(o->compose);
			return EXIT_CLEAN;
		case ':':
			free(o->compose);
			return usage_error(usage, "option needs a value", argv[optind - 1]);
		default:
			free(o->compose);
			return usage_error(usage, "unknown option", argv[optind - 1]);
		}
	}
	for (int i = optind; i < argc; i++)
		push(&o->paths, &o->npaths, argv[i]);
	if (o->audit_set && !str_prefix(usage, "audit") && !str_prefix(usage, "image")) {
		free(o->compose);
		free(o->paths);
		free(o->audit.containers);
		free(o->audit.images);
		return usage_error(usage, "engine options (--host, --container, ...) belong to "
		                   "`bulwark audit`", NULL);
	}
	return -1;
}

static void today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static void print_problems(const struct findings *out)
{
	for (size_t i = 0; i < out->nwarnings; i++) {
		const struct warning *w = &out->warnings[i];
		if (w->line)
			fprintf(stderr, "bulwark: warning: %s:%d: %s\n", w->input, w->line, w->message);
		else
			fprintf(stderr, "bulwark: warning: %s: %s\n", w->input, w->message);
	}
	for (size_t i = 0; i < out->nerrors; i++) {
		const struct input_error *e = &out->errors[i];
		if (e->line)
			fprintf(stderr, "bulwark: %s:%d: %s\n", e->input, e->line, e->message);
		else
			fprintf(stderr, "bulwark: %s: %s\n", e->input, e->message);
	}
}

static struct config *load_config(const struct run_opts *o, struct findings *out)
{
	char *found = NULL;
	struct config *c = NULL;
	if (o->no_config)
		return NULL;
	if (o->config || (found = config_find()))
		c = config_load(o->config ? o->config : found, out);
	free(found);
	return c;
}

static bool want_color(const struct run_opts *o, FILE *fp)
{
	if (o->color >= 0)
		return o->color;
	return !getenv("NO_COLOR") && isatty(fileno(fp));
}

int run_opts_finish(struct run_opts *o, struct findings *out, size_t inputs)
{
	struct config *cfg = load_config(o, out);
	char day[11];
	today(day);
	if (cfg)
		config_apply(cfg, out, day);
	int fail_on = o->fail_on >= 0 ? o->fail_on : cfg && cfg->fail_on >= 0 ? cfg->fail_on
	                                                                      : SEV_HIGH;
	config_free(cfg);
	findings_sort(out);
	FILE *fp = o->output ? fopen(o->output, "w") : stdout;
	int rc = EXIT_ERROR;
	if (!fp) {
		fprintf(stderr, "bulwark: %s: cannot write report: %m\n", o->output);
	} else {
		struct report_opts ro = { o->format, want_color(o, fp), (enum severity)fail_on, inputs,
		                          o->output != NULL };
		print_problems(out);
		if (report_write(fp, out, &ro) != 0 || (o->output && fclose(fp) != 0) ||
		    (!o->output && fflush(fp) != 0))
			fprintf(stderr, "bulwark: cannot write report\n");
		else if (out->nerrors)
			rc = EXIT_ERROR;
		else
			rc = report_failing(out, (enum severity)fail_on) ? EXIT_FINDINGS : EXIT_CLEAN;
	}
	findings_free(out);
	free(o->compose);
	free(o->paths);
	free(o->audit.containers);
	free(o->audit.images);
	return rc;
}

int run_opts_lint(struct run_opts *o)
{
	struct findings out = { 0 };
	struct lint l = { .out = &out };
	if (o->ncompose)
		lint_compose(&l, (const char *const *)o->compose, o->ncompose);
	lint_paths(&l, o->paths, o->npaths);
	if (!o->ncompose && !o->npaths)
		lint_path(&l, ".");
	return run_opts_finish(o, &out, l.inputs);
}
