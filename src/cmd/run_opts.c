#include "cmd/run_opts.h"
#include "cmd/cmd.h"
#include "util/util.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	"      --replay DIR       audit a recorded engine (DIR/info.json, ...) instead of a live one;\n"
	"                         its host files come from DIR/root (or --root), none from here\n"
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
	o->end.fail_on = -1;
	o->end.color = -1;
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
		case O_CACHE: o->cache.cache = optarg; break;
		case O_NO_CACHE: o->cache.no_cache = true; break;
		case O_IMAGES: a->images_full = true; break;
		case O_MAX_LAYER: {
			char *end;
			o->cache.max_layer_bytes = strtoull(optarg, &end, 10);
			if (*end == 'G' || *end == 'g') o->cache.max_layer_bytes <<= 30, end++;
			else if (*end == 'M' || *end == 'm') o->cache.max_layer_bytes <<= 20, end++;
			if (*end || !o->cache.max_layer_bytes)
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
		case 'f': push(&o->files.compose, &o->files.ncompose, optarg); break;
		case 'o': o->end.output = optarg; break;
		case O_CONFIG: o->end.config = optarg; break;
		case O_NO_CONFIG: o->end.no_config = true; break;
		case O_SECRETS: g_show_secrets = true; break;
		case O_NO_COLOR: o->end.color = 0; break;
		case O_FORMAT:
			if (!strcmp(optarg, "text")) o->end.format = FMT_TEXT;
			else if (!strcmp(optarg, "json")) o->end.format = FMT_JSON;
			else if (!strcmp(optarg, "sarif")) o->end.format = FMT_SARIF;
			else return usage_error(usage, "unknown format (text, json, sarif)", optarg);
			break;
		case O_FAIL_ON:
			if ((o->end.fail_on = severity_parse(optarg)) < 0)
				return usage_error(usage, "unknown severity", optarg);
			break;
		case O_COLOR:
			if (!strcmp(optarg, "auto")) o->end.color = -1;
			else if (!strcmp(optarg, "always")) o->end.color = 1;
			else if (!strcmp(optarg, "never")) o->end.color = 0;
			else return usage_error(usage, "--color takes auto, always or never", optarg);
			break;
		case 'h':
			printf("usage: bulwark %s\n%s%s", usage, options_help,
			       str_prefix(usage, "audit") ? audit_help
			       : str_prefix(usage, "image") ? image_help : "");
			run_opts_free(o);
			return EXIT_CLEAN;
		case ':':
			run_opts_free(o);
			return usage_error(usage, "option needs a value", argv[optind - 1]);
		default:
			run_opts_free(o);
			return usage_error(usage, "unknown option", argv[optind - 1]);
		}
	}
	for (int i = optind; i < argc; i++)
		push(&o->files.paths, &o->files.npaths, argv[i]);
	if (o->audit.replay && o->audit.images_full) {   /* it would read the live engine */
		run_opts_free(o);
		return usage_error(usage, "--images needs a live engine: a recording (--replay) holds "
		                   "no layers", NULL);
	}
	if (o->audit_set && !str_prefix(usage, "audit") && !str_prefix(usage, "image")) {
		run_opts_free(o);
		return usage_error(usage, "engine options (--host, --container, ...) belong to "
		                   "`bulwark audit`", NULL);
	}
	return -1;
}

void run_opts_free(struct run_opts *o)
{
	free(o->files.compose);
	free(o->files.paths);
	free(o->audit.containers);
	free(o->audit.images);
}
