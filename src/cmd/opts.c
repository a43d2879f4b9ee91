#include "cmd/opts.h"
#include "cmd/cmd.h"
#include "util/util.h"
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OPTS 48
#define HELP_COL 25

const struct opt opts_help_opt = { "help", 'h', NULL, "this help", 0 };

bool opts_takes(const struct opts *o, const struct opt *e)
{
	return !o->cmd || !e->cmds || (e->cmds & o->cmd);
}

/* getopt's arrays for o: the table's entries this command takes, then -h/--help. */
static void build(const struct opts *o, struct option *longs, char *shorts)
{
	size_t n = 0, k = 0;
	shorts[k++] = ':';   /* a missing value is ':', told apart from an unknown option */
	for (const struct opt *e = o->table; e && e->name && n < MAX_OPTS - 2; e++) {
		if (!opts_takes(o, e))
			continue;
		longs[n++] = (struct option){ e->name, e->arg ? required_argument : no_argument, NULL,
		                              e->key };
		if (e->key < 256) {
			shorts[k++] = (char)e->key;
			if (e->arg)
				shorts[k++] = ':';
		}
	}
	longs[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	longs[n] = (struct option){ NULL, 0, NULL, 0 };
	shorts[k++] = 'h';
	shorts[k] = '\0';
}

static void help_line(FILE *fp, const struct opt *e)
{
	char left[64];
	int n = snprintf(left, sizeof left, "  %c%c%s--%s%s%s", e->key < 256 ? '-' : ' ',
	                 e->key < 256 ? e->key : ' ', e->key < 256 ? ", " : "  ", e->name,
	                 e->arg ? " " : "", e->arg ? e->arg : "");
	fprintf(fp, "%s%*s", left, n < HELP_COL ? HELP_COL - n : 1, "");
	for (const char *p = e->help; *p; p++) {
		fputc(*p, fp);
		if (*p == '\n')
			fprintf(fp, "%*s", HELP_COL, "");
	}
	fputc('\n', fp);
}

void opts_help(const struct opts *o, FILE *fp)
{
	fprintf(fp, "usage: bulwark %s\n\noptions:\n", o->usage);
	for (const struct opt *e = o->table; e && e->name; e++)
		if (opts_takes(o, e))
			help_line(fp, e);
	help_line(fp, &opts_help_opt);
	if (o->about)
		fputs(o->about, fp);
}

int opts_usage_error(const struct opts *o, const char *msg, const char *arg)
{
	fprintf(stderr, "bulwark: %s%s%s\nusage: bulwark %s\n", msg, arg ? ": " : "",
	        arg ? arg : "", o->usage);
	return EXIT_ERROR;
}

/* An option this command lacks but others sharing its table take: say which. */
static int unknown(const struct opts *o, const char *arg)
{
	bool lng = arg[1] == '-';
	size_t len = strcspn(arg + 2, "=");
	struct buf b = { 0 };
	unsigned seen = 0;
	for (const struct opt *e = o->table; o->names && e && e->name; e++) {
		bool same = lng ? strlen(e->name) == len && !strncmp(e->name, arg + 2, len)
		                : e->key == (unsigned char)arg[1] && !arg[2];
		if (!same || opts_takes(o, e))
			continue;
		seen |= e->cmds;
	}
	/* "audit, image and vulns" */
	unsigned left = 0;
	for (unsigned bit = 0; bit < 32 && o->names && o->names[bit]; bit++)
		left += (seen >> bit) & 1;
	for (unsigned bit = 0; bit < 32 && o->names && o->names[bit]; bit++)
		if (seen & (1u << bit))
			buf_printf(&b, "%s%s", !b.len ? "" : --left == 1 ? " and " : ", ", o->names[bit]);
	char *who = buf_take(&b);
	if (*who) {
		char *msg = xasprintf("%.*s is an option of %s, not of %s", (int)(lng ? len + 2 : 2),
		                      arg, who, o->name);
		opts_usage_error(o, msg, NULL);
		free(msg);
	} else {
		opts_usage_error(o, "unknown option", arg);
	}
	free(who);
	return EXIT_ERROR;
}

/* The long option just read was written in full: getopt_long takes any unambiguous prefix,
 * so --host would pass for --host-name where only that exists, and an option added later
 * would change what an old command line means. */
static bool whole_name(char **argv, const char *name, const char *arg)
{
	const char *tok = argv[optind - (arg && arg == argv[optind - 1] ? 2 : 1)];
	size_t n = strcspn(tok + 2, "=");
	return str_prefix(tok, "--") && strlen(name) == n && !strncmp(tok + 2, name, n);
}

int opts_next(const struct opts *o, int argc, char **argv, int *rc)
{
	struct option longs[MAX_OPTS];
	char shorts[2 * MAX_OPTS + 4];
	build(o, longs, shorts);
	opterr = 0;
	int idx = -1;
	int c = getopt_long(argc, argv, shorts, longs, &idx);
	if (c == -1)
		return OPT_DONE;
	if (idx >= 0 && !whole_name(argv, longs[idx].name, optarg))
		return *rc = unknown(o, argv[optind - (optarg && optarg == argv[optind - 1] ? 2 : 1)]),
		       OPT_EXIT;
	if (c == 'h') {
		opts_help(o, stdout);
		*rc = EXIT_CLEAN;
		return OPT_EXIT;
	}
	if (c == ':' || c == '?') {
		char shortopt[3] = { '-', (char)optopt, '\0' };
		const char *arg = str_prefix(argv[optind - 1], "--") || !optopt || optopt > 255
		                  ? argv[optind - 1] : shortopt;
		*rc = c == ':' ? opts_usage_error(o, "option needs a value", arg) : unknown(o, arg);
		return OPT_EXIT;
	}
	return c;
}

int opts_only_help(const struct opts *o, int argc, char **argv)
{
	int c, rc = -1;
	optind = 0;
	while ((c = opts_next(o, argc, argv, &rc)) != OPT_DONE)
		if (c == OPT_EXIT)
			return rc;
	return -1;
}
