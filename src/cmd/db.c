/* bulwark db: the vulnerability store (import, status). */
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include "pipeline/db.h"
#include "pipeline/db_update.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char about[] =
	"\nSubcommands:\n"
	"  import FILE|DIR...  OSV data: per-ecosystem all.zip archives, record .json files, or\n"
	"                      directories of them (walked for *.json and *.zip)\n"
	"  update              download OSV's per-ecosystem archives (<source>/<ecosystem>/all.zip)\n"
	"                      over HTTPS and import those that changed; an unchanged archive is\n"
	"                      not fetched again (ETag, Last-Modified), a broken transfer resumes\n"
	"                      on the next update, and the proxy variables are honoured\n"
	"  status              records, withdrawn records and the newest modified date per\n"
	"                      ecosystem\n"
	"\nAn import is atomic: the new store is built beside the old one and renamed over it, so\n"
	"readers see the old data until the new is complete, and any error leaves the store as\n"
	"it was. Records in the import replace their old copies by id; every other record of the\n"
	"store is kept. A corrupt or truncated archive, or an unreadable input, fails the import\n"
	"(exit 2). A malformed record inside an archive or directory is skipped with a warning\n"
	"naming it (its old copy, if any, is kept), the rest is imported, and the exit status is 2.\n"
	"The default store is $XDG_DATA_HOME/bulwark/vulns.db (~/.local/share/bulwark/vulns.db);\n"
	"its directory is created (mode 0700) by an import. A store of a newer schema than this\n"
	"bulwark knows is refused.\n";

static const struct opt table[] = {
	{ "db", 256, "PATH", "the store (default: $XDG_DATA_HOME/bulwark/vulns.db)", 0 },
	{ "source", 257, "URL", "update: where the archives are (default: OSV's public bucket)", 0 },
	{ "cacert", 258, "FILE", "update: CA certificates to verify the source with", 0 },
	{ "ecosystem", 259, "NAME", "update: only this one (repeatable; default: all bulwark reads)", 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

static void opts(const struct cmd *self, struct opts *out)
{
	*out = (struct opts){ "db", self->usage, table, 0, NULL, about };
}

static const struct cmd subs[] = {
	{ "import", "db import FILE|DIR...", "import OSV data", NULL, NULL },
	{ "update", "db update [--source URL] [--cacert FILE] [--ecosystem NAME]...",
	  "download OSV's archives and import those that changed", NULL, NULL },
	{ "status", "db status", "records and the newest modified date per ecosystem", NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int run(int argc, char **argv)
{
	struct opts p;
	opts(&cmd_db, &p);
	const char *ecos[32];
	struct db_update_opts u = { .ecosystems = ecos };
	const char *db = NULL;
	int c, rc = -1;
	optind = 0;
	while ((c = opts_next(&p, argc, argv, &rc)) != OPT_DONE)
		if (c == OPT_EXIT)
			return rc;
		else if (c == 257)
			u.source = optarg;
		else if (c == 258)
			u.cacert = optarg;
		else if (c == 259 && u.necosystems == sizeof ecos / sizeof *ecos)
			return opts_usage_error(&p, "too many --ecosystem (at most 32)", optarg);
		else if (c == 259)
			ecos[u.necosystems++] = optarg;
		else if (c == 256)
			db = optarg;
	if (optind >= argc)
		return opts_usage_error(&p, "db takes a subcommand (import, update, status)", NULL);
	const char *sub = argv[optind++];
	if (!strcmp(sub, "import")) {
		if (optind >= argc)
			return opts_usage_error(&p, "db import takes files or directories", NULL);
		return pipeline_db_import(db, argv + optind, (size_t)(argc - optind));
	}
	if (!strcmp(sub, "update")) {
		if (optind < argc)
			return opts_usage_error(&p, "unexpected argument", argv[optind]);
		u.db = db;
		if (!u.necosystems)
			u.ecosystems = NULL;
		return pipeline_db_update(&u);
	}
	if (!strcmp(sub, "status")) {
		if (optind < argc)
			return opts_usage_error(&p, "unexpected argument", argv[optind]);
		return pipeline_db_status(db);
	}
	return opts_usage_error(&p, "unknown db subcommand (import, update, status)", sub);
}

const struct cmd cmd_db = {
	.name = "db",
	.usage = "db import FILE|DIR... | db update [--source URL] | db status  [--db PATH]",
	.summary = "the vulnerability store: download or import OSV data, show its status",
	.run = run,
	.about = about,
	.opts = opts,
	.subs = subs,
};
