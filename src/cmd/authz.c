/* bulwark authz: the authorization plugin's offline subcommands (check, lint, policy). Each
 * subcommand is one entry in the table below. */
#include "authz/authz.h"
#include "cmd/cmd.h"
#include "collect/input.h"
#include "util/util.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_errors(const struct findings *errs)
{
	for (size_t i = 0; i < errs->nerrors; i++) {
		const struct input_error *e = &errs->errors[i];
		if (e->line > 0)
			fprintf(stderr, "bulwark: %s:%d: %s\n", e->input, e->line, e->message);
		else
			fprintf(stderr, "bulwark: %s: %s\n", e->input, e->message);
	}
}

static struct authz_policy *load_policy(const char *path)
{
	struct findings errs = { 0 };
	struct authz_policy *p = path ? authz_policy_load(path, &errs) : authz_policy_default();
	print_errors(&errs);
	findings_free(&errs);
	return p;
}

static void print_decision(const struct authz_decision *d, bool as_json)
{
	if (!as_json) {
		if (d->allow)
			printf("allowed: %s%s%s (role %s)\n", d->action ? d->action : "?",
			       d->target ? " " : "", d->target ? d->target : "", d->role ? d->role : "?");
		else
			printf("%s\n", d->msg);
		return;
	}
	json_t *o = json_pack("{s:b}", "allow", d->allow);
	const char *keys[] = { "msg", "rule", "role", "action", "target", "user" };
	const char *vals[] = { d->msg, d->rule, d->role, d->action, d->target, d->user };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		json_object_set_new(o, keys[i], vals[i] ? json_string(vals[i]) : json_null());
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	printf("%s\n", s);
	free(s);
	json_decref(o);
}

static int usage(const char *u)
{
	fprintf(stderr, "usage: bulwark %s\n", u);
	return EXIT_ERROR;
}

static int run_check(int argc, char **argv)
{
	static const char u[] = "authz check [--policy FILE] [--format text|json] REQUEST.json";
	const char *policy = NULL, *req = NULL;
	bool as_json = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--policy") && i + 1 < argc)
			policy = argv[++i];
		else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			as_json = !strcmp(argv[++i], "json");
			if (!as_json && strcmp(argv[i], "text"))
				return usage(u);
		} else if (argv[i][0] == '-' || req)
			return usage(u);
		else
			req = argv[i];
	}
	if (!req)
		return usage(u);
	struct findings errs = { 0 };
	char *text;
	size_t len;
	if (!input_read(req, &text, &len, &errs)) {
		print_errors(&errs);
		findings_free(&errs);
		return EXIT_ERROR;
	}
	struct authz_policy *p = load_policy(policy);
	if (!p) {
		free(text);
		return EXIT_ERROR;
	}
	struct authz_decision d;
	authz_decide(p, text, len, &d);
	print_decision(&d, as_json);
	int rc = d.allow ? EXIT_CLEAN : EXIT_FINDINGS;
	authz_decision_free(&d);
	authz_policy_free(p);
	free(text);
	return rc;
}

static int run_lint(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-')
		return usage("authz lint FILE");
	struct authz_policy *p = load_policy(argv[1]);
	authz_policy_free(p);
	return p ? EXIT_CLEAN : EXIT_ERROR;
}

static int run_policy(int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "--default"))
		return usage("authz policy --default");
	fputs(authz_policy_default_text(), stdout);
	return EXIT_CLEAN;
}

static const struct cmd subs[] = {
	{ "check", "authz check [--policy FILE] [--format text|json] REQUEST.json",
	  "decide one recorded plugin request offline (exit 0 allowed, 1 denied)", run_check },
	{ "lint", "authz lint FILE", "validate a policy file", run_lint },
	{ "policy", "authz policy --default", "print the built-in policy", run_policy },
	{ "serve", "authz serve [--socket PATH] [--policy FILE] [--audit-log FILE] [--threads N]",
	  "serve the engine's authorization plugin protocol", authz_serve_main },
	{ "install", "authz install [--socket PATH] [--policy FILE] [--unit-dir DIR]",
	  "write a systemd unit for the plugin and print the daemon.json line", authz_install_main },
};

static int run(int argc, char **argv)
{
	for (size_t i = 0; argc >= 2 && i < sizeof subs / sizeof *subs; i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(argc - 1, argv + 1);
	fprintf(stderr, "usage: bulwark authz COMMAND\n");
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
		fprintf(stderr, "  bulwark %s\n      %s\n", subs[i].usage, subs[i].summary);
	return EXIT_ERROR;
}

const struct cmd cmd_authz = {
	.name = "authz",
	.usage = "authz check|lint|policy ...",
	.summary = "Docker authorization plugin: decide requests, validate policies",
	.run = run,
};
