/* bulwark store: the fleet store's schema. */
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char about[] =
	"\nSubcommands:\n"
	"  migrate   apply the schema migrations the store lacks, each in one transaction;\n"
	"            run it once when a PostgreSQL store is new or bulwark is upgraded (a\n"
	"            SQLite store migrates itself on first use)\n"
	"\nSTORE is sqlite:PATH, postgresql://[user@]host[:port]/db (or postgres://), or a libpq\n"
	"keyword string (\"host=/run/postgresql dbname=fleet\"). Credentials come from the URL,\n"
	"PGPASSFILE (~/.pgpass) or the libpq environment (PGHOST, PGUSER...), and are never\n"
	"printed. A store whose schema is newer than this bulwark knows is refused. The default\n"
	"store is sqlite:$XDG_STATE_HOME/bulwark/fleet.db (~/.local/state/bulwark/fleet.db).\n";

static const struct opt table[] = {
	{ "store", 256, "URL", "the store (default: sqlite:$XDG_STATE_HOME/bulwark/fleet.db)", 0 },
	{ "to", 257, "N", "migrate: stop at schema version N (default: the newest)", 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

static void opts(const struct cmd *self, struct opts *out)
{
	*out = (struct opts){ "store", self->usage, table, 0, NULL, about };
}

static const struct cmd subs[] = {
	{ "migrate", "store migrate [--store URL] [--to N]", "apply the schema migrations", NULL,
	  NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int run(int argc, char **argv)
{
	struct opts p;
	opts(&cmd_store, &p);
	const char *url = NULL;
	int c, rc = -1, to = 0;
	optind = 0;
	while ((c = opts_next(&p, argc, argv, &rc)) != OPT_DONE)
		if (c == OPT_EXIT)
			return rc;
		else if (c == 256)
			url = optarg;
		else if (c == 257 && ((to = atoi(optarg)) < 1 || strspn(optarg, "0123456789") !=
		                      strlen(optarg)))
			return opts_usage_error(&p, "--to takes a schema version (1, 2...)", optarg);
	if (optind >= argc)
		return opts_usage_error(&p, "store takes a subcommand (migrate)", NULL);
	const char *sub = argv[optind++];
	if (strcmp(sub, "migrate"))
		return opts_usage_error(&p, "unknown store subcommand (migrate)", sub);
	if (optind < argc)
		return opts_usage_error(&p, "unexpected argument", argv[optind]);
	return pipeline_store_migrate(url, to);
}

const struct cmd cmd_store = {
	.name = "store",
	.usage = "store migrate [--store URL] [--to N]",
	.summary = "the fleet store: apply its schema migrations",
	.run = run,
	.about = about,
	.opts = opts,
	.subs = subs,
};
