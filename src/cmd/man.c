/* bulwark man [PAGE]: the manual pages in roff, made from the tables --help, completion and
 * `bulwark rules` read (the build writes them; see the Makefile's man target). No PAGE: the
 * page names, one a line. Hidden from the command list. */
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include "model/finding.h"
#include "rules/rule.h"
#include "util/util.h"
#include "util/version.h"
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s as roff text: backslashes escaped, hyphens as \- (every one is an option or a name here
 * or harmless in prose), a newline as a space; a control character at a line's start is
 * kept literal by \&. */
static void text(FILE *fp, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		if (i == 0 && (s[i] == '.' || s[i] == '\''))
			fputs("\\&", fp);
		if (s[i] == '\\')
			fputs("\\e", fp);
		else if (s[i] == '-')
			fputs("\\-", fp);
		else
			fputc(s[i] == '\n' ? ' ' : s[i], fp);
	}
}

static void line(FILE *fp, const char *s)
{
	text(fp, s, strlen(s));
	fputc('\n', fp);
}

static void header(FILE *fp, const char *page, const char *summary)
{
	fputs(".TH \"", fp);
	for (const char *p = page; *p; p++)
		fputc(toupper((unsigned char)*p), fp);
	/* No hyphenation and a ragged right: names and options stay whole. */
	fprintf(fp, "\" 1 \"\" \"bulwark %s\" \"User Commands\"\n.nh\n.ad l\n.SH NAME\n",
	        bulwark_version);
	text(fp, page, strlen(page));
	fputs(" \\- ", fp);
	line(fp, summary);
}

static void option(FILE *fp, const struct opt *e)
{
	fputs(".TP\n", fp);
	if (e->key < 256)
		fprintf(fp, "\\fB\\-%c\\fR, ", e->key);
	fputs("\\fB\\-\\-", fp);
	text(fp, e->name, strlen(e->name));
	fputs("\\fR", fp);
	if (e->arg) {
		fputs(" \\fI", fp);
		text(fp, e->arg, strlen(e->arg));
		fputs("\\fR", fp);
	}
	fputc('\n', fp);
	line(fp, e->help);
}

static void options(FILE *fp, const struct cmd *c)
{
	struct opts o = { 0 };
	if (c->opts)
		c->opts(c, &o);
	for (const struct opt *e = o.table; e && e->name; e++)
		if (opts_takes(&o, e))
			option(fp, e);
	option(fp, &opts_help_opt);
}

/* The --help text after the options: paragraphs split by blank lines; one with indented
 * lines is a table or list and keeps its lines as they are. */
static void about(FILE *fp, const char *s)
{
	while (*s == '\n')
		s++;
	while (*s) {
		const char *end = strstr(s, "\n\n");
		size_t n = end ? (size_t)(end - s) + 1 : strlen(s);
		bool pre = false;
		for (const char *p = s; p < s + n; p = strchr(p, '\n') + 1)
			pre |= *p == ' ';
		fputs(pre ? ".PP\n.nf\n" : ".PP\n", fp);
		for (const char *p = s; p < s + n;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			text(fp, p, len);
			fputc('\n', fp);
			p += len + (nl != NULL);
		}
		if (pre)
			fputs(".fi\n", fp);
		s += n;
		while (*s == '\n')
			s++;
	}
}

static void synopsis(FILE *fp, const char *usage)
{
	fputs(".B bulwark\n", fp);
	line(fp, usage);
}

static int by_id(const void *a, const void *b)
{
	return strcmp((*(const struct rule *const *)a)->id, (*(const struct rule *const *)b)->id);
}

/* Every rule by id, as `bulwark rules` lists them. */
static void rules(FILE *fp)
{
	const struct rule **v = xcalloc(rules_count ? rules_count : 1, sizeof *v);
	memcpy(v, rules_all, rules_count * sizeof *v);
	qsort(v, rules_count, sizeof *v, by_id);
	fputs(".SH RULES\n", fp);
	for (size_t i = 0; i < rules_count; i++) {
		const struct rule *r = v[i];
		fprintf(fp, ".TP\n\\fB");
		text(fp, r->id, strlen(r->id));
		fprintf(fp, "\\fR (%s%s%s)\n", severity_name(r->severity), r->cis ? ", CIS " : "",
		        r->cis ? r->cis : "");
		line(fp, r->title);
		if (r->aliases && r->aliases[0]) {
			fputs(".br\naliases:", fp);
			for (const char *const *a = r->aliases; *a; a++) {
				fputs(a == r->aliases ? " " : ", ", fp);
				text(fp, *a, strlen(*a));
			}
			fputc('\n', fp);
		}
	}
	free(v);
}

static const char exit_status[] =
	".SH EXIT STATUS\n0: clean; 1: findings at or above \\-\\-fail\\-on; 2: a usage or input "
	"error.\n";

static void page_cmd(FILE *fp, const struct cmd *c)
{
	char page[64];
	snprintf(page, sizeof page, "bulwark-%s", c->name);
	header(fp, page, c->summary);
	fputs(".SH SYNOPSIS\n", fp);
	synopsis(fp, c->usage);
	fputs(".SH OPTIONS\n", fp);
	options(fp, c);
	if (c->subs)
		fputs(".SH SUBCOMMANDS\n", fp);
	for (const struct cmd *s = c->subs; s && s->name; s++) {
		fputs(s->run ? ".SS \"bulwark " : ".TP\n.B \"bulwark ", fp);
		text(fp, s->usage, strlen(s->usage));
		fputs("\"\n", fp);
		line(fp, s->summary);
		if (s->run) {
			fputs(".PP\nOptions:\n", fp);
			options(fp, s);
		}
	}
	if (c->about) {
		fputs(".SH DESCRIPTION\n", fp);
		about(fp, c->about);
	}
	if (c == &cmd_rules)
		rules(fp);
	fputs(exit_status, fp);
	fputs(".SH SEE ALSO\n.BR bulwark (1)\n", fp);
}

static void page_main(FILE *fp)
{
	header(fp, "bulwark", "secure a Docker environment and keep it so");
	fputs(".SH SYNOPSIS\n.B bulwark\n.I COMMAND\n[\\fIoptions\\fR]\n.br\n.B docker bulwark\n"
	      ".I COMMAND\n[\\fIoptions\\fR]\n.SH DESCRIPTION\n"
	      "bulwark lints Dockerfiles and compose files, audits a Docker host, its daemon, "
	      "containers and images against the CIS Docker Benchmark, scans images layer by "
	      "layer, finds secrets and known vulnerabilities, and serves the engine's "
	      "authorization plugin.\n.SH COMMANDS\n", fp);
	for (const struct cmd *const *c = cmd_table; *c; c++) {
		if ((*c)->hidden)
			continue;
		fprintf(fp, ".TP\n.BR bulwark\\-%s (1)\n", (*c)->name);
		line(fp, (*c)->summary);
	}
	fputs(".SH DOCKER CLI PLUGIN\n"
	      "Installed as \\fBdocker\\-bulwark\\fR in a docker CLI plugin directory "
	      "(\\fI$DOCKER_CONFIG/cli\\-plugins\\fR, \\fI/usr/lib/docker/cli\\-plugins\\fR), "
	      "bulwark runs as \\fBdocker bulwark\\fR \\fICOMMAND\\fR. The engine is the one the "
	      "docker CLI would use: its \\fB\\-\\-context\\fR, \\fB\\-\\-host\\fR and "
	      "\\fB\\-\\-config\\fR options, then DOCKER_HOST, DOCKER_CONTEXT and the current "
	      "context.\n", fp);
	fputs(exit_status, fp);
	fputs(".SH ENVIRONMENT\n.TP\n.B DOCKER_HOST\nthe engine, as for the docker CLI\n"
	      ".TP\n.B DOCKER_CONTEXT\nthe docker context, as for the docker CLI\n"
	      ".TP\n.B DOCKER_CONFIG\nwhere the docker CLI's configuration and contexts are "
	      "(default ~/.docker)\n"
	      ".TP\n.B DOCKER_TLS_VERIFY\\fR, \\fBDOCKER_CERT_PATH\nTLS to the engine\n"
	      ".TP\n.B NO_COLOR\nno colour in text output\n"
	      ".TP\n.B XDG_CACHE_HOME\\fR, \\fBXDG_DATA_HOME\nwhere the layer cache and the "
	      "vulnerability store are\n"
	      ".TP\n.B SOURCE_DATE_EPOCH\nreproducible SBOMs\n"
	      ".SH SEE ALSO\n", fp);
	const char *sep = "";
	for (const struct cmd *const *c = cmd_table; *c; c++)
		if (!(*c)->hidden) {
			fprintf(fp, "%s.BR bulwark\\-%s (1)", sep, (*c)->name);
			sep = " ,\n";
		}
	fputc('\n', fp);
}

static int run(int argc, char **argv)
{
	const struct opts p = { "man", cmd_man.usage, NULL, 0, NULL, NULL };
	int rc = opts_only_help(&p, argc, argv);
	if (rc >= 0)
		return rc;
	if (argc - optind > 1)
		return opts_usage_error(&p, "man takes one page name", NULL);
	if (argc == optind) {
		puts("bulwark");
		for (const struct cmd *const *c = cmd_table; *c; c++)
			if (!(*c)->hidden)
				printf("bulwark-%s\n", (*c)->name);
		return EXIT_CLEAN;
	}
	const char *page = argv[optind];
	if (!strcmp(page, "bulwark")) {
		page_main(stdout);
		return EXIT_CLEAN;
	}
	for (const struct cmd *const *c = cmd_table; *c; c++)
		if (!(*c)->hidden && !strncmp(page, "bulwark-", 8) && !strcmp(page + 8, (*c)->name)) {
			page_cmd(stdout, *c);
			return EXIT_CLEAN;
		}
	return opts_usage_error(&p, "unknown page (bulwark man lists them)", page);
}

const struct cmd cmd_man = {
	.name = "man", .usage = "man [PAGE]",
	.summary = "the manual pages in roff (for the build)", .run = run,
	.operands = OPERANDS_NONE, .hidden = true,
};
