/* bulwark as a docker CLI plugin: installed as docker-bulwark, the CLI asks it for its
 * metadata (`docker-bulwark docker-cli-plugin-metadata`) and then runs it as
 * `docker-bulwark [DOCKER-OPTIONS] bulwark ARGS...`: the CLI passes its own global options as
 * typed (`docker --context X bulwark ...` gives `--context X bulwark ...`). The engine options
 * among them go into the environment the endpoint resolution reads (DOCKER_CONTEXT,
 * DOCKER_HOST, DOCKER_CONFIG), with the CLI's precedence; the rest run as bulwark ARGS. */
#include "cmd/cmd.h"
#include "cmd/complete.h"
#include "util/version.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLUGIN "docker-bulwark"

bool cmd_is_plugin(const char *argv0)
{
	const char *base = strrchr(argv0, '/');
	return !strcmp(base ? base + 1 : argv0, PLUGIN);
}

/* The CLI's global options: long name, short letter, whether it takes a value. */
static const struct gopt { const char *name; char key; bool arg; } gopts[] = {
	{ "context", 'c', true }, { "host", 'H', true }, { "config", 0, true },
	{ "debug", 'D', false }, { "log-level", 'l', true }, { "tls", 0, false },
	{ "tlsverify", 0, false }, { "tlscacert", 0, true }, { "tlscert", 0, true },
	{ "tlskey", 0, true },
};

/* argv[*i] as a global option: its entry and value (NULL if none); *i moves past it. */
static const struct gopt *global(int argc, char **argv, int *i, const char **val)
{
	const char *a = argv[*i], *eq = NULL;
	const struct gopt *g = NULL;
	for (size_t k = 0; k < sizeof gopts / sizeof *gopts && !g; k++) {
		size_t n = strlen(gopts[k].name);
		if (a[1] == '-' && !strncmp(a + 2, gopts[k].name, n) && (!a[n + 2] || a[n + 2] == '='))
			g = &gopts[k], eq = a[n + 2] ? a + n + 3 : NULL;
		else if (a[1] != '-' && gopts[k].key && a[1] == gopts[k].key)
			g = &gopts[k], eq = a[2] ? a + 2 + (a[2] == '=') : NULL;
	}
	*val = NULL;
	if (!g)
		return NULL;
	if (g->arg && !eq && *i + 1 < argc)
		eq = argv[++*i];
	*val = eq;
	return g->arg && !eq ? NULL : g;
}

/* What `docker --context X` and `-H` mean, in the variables the endpoint resolution reads:
 * either wins over the environment (the caller refuses both at once). Returns -1 for an
 * option the plugin cannot honour. */
static int apply(const struct gopt *g, const char *val)
{
	if (!strcmp(g->name, "context")) {
		setenv("DOCKER_CONTEXT", val, 1);
		unsetenv("DOCKER_HOST");
	} else if (!strcmp(g->name, "host")) {
		setenv("DOCKER_HOST", val, 1);
		unsetenv("DOCKER_CONTEXT");
	} else if (!strcmp(g->name, "config")) {
		setenv("DOCKER_CONFIG", val, 1);
	} else if (!strcmp(g->name, "tlsverify")) {
		setenv("DOCKER_TLS_VERIFY", "1", 1);
	} else if (!strncmp(g->name, "tls", 3) && strcmp(g->name, "tls")) {
		fprintf(stderr, "bulwark: docker's --%s is not read by the plugin: set "
		        "DOCKER_CERT_PATH to the directory of ca.pem, cert.pem and key.pem\n", g->name);
		return -1;
	}
	return 0;
}

int cmd_plugin_main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "docker-cli-plugin-metadata")) {
		printf("{\"SchemaVersion\":\"0.1.0\",\"Vendor\":\"bulwark\",\"Version\":\"%s\","
		       "\"ShortDescription\":\"Audit Docker hosts, images, Dockerfiles and compose "
		       "files\"}\n", bulwark_version);
		return EXIT_CLEAN;
	}
	/* The CLI's completion of `docker bulwark ...`: __complete bulwark WORDS... */
	if (argc >= 3 && (!strcmp(argv[1], "__complete") || !strcmp(argv[1], "__completeNoDesc"))) {
		complete_cobra(stdout, argc - 3, argv + 3);
		return EXIT_CLEAN;
	}
	bool ctx = false, host = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *val;
		const struct gopt *g = global(argc, argv, &i, &val);
		if (!g) {
			fprintf(stderr, "bulwark: unknown docker option before 'bulwark': %s\n", argv[i]);
			return EXIT_ERROR;
		}
		ctx |= !strcmp(g->name, "context");
		host |= !strcmp(g->name, "host");
		if (ctx && host) {
			fputs("bulwark: conflicting options: either specify --host or --context, not "
			      "both\n", stderr);
			return EXIT_ERROR;
		}
		if (apply(g, val) < 0)
			return EXIT_ERROR;
	}
	/* argv[i] is the plugin's name, "bulwark"; what follows is as for bulwark itself. */
	if (i >= argc) {
		fputs("bulwark: run as a docker CLI plugin: docker bulwark COMMAND\n", stderr);
		return EXIT_ERROR;
	}
	argv[i] = "bulwark";
	return cmd_main(argc - i, argv + i);
}
