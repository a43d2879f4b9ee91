/* bulwark baseline: the runtime watch's stored baselines (show, export, import). */
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include "pipeline/watch.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char about[] =
	"\nSubcommands:\n"
	"  show [IMAGE...]    each stored baseline as text: executables, listening ports,\n"
	"                     capabilities, lowest uid (IMAGE: an image id, sha256:...)\n"
	"  export [IMAGE...]  the same as JSON (schema bulwark/watch-baselines/v1)\n"
	"  import FILE        baselines exported before, each replacing its image's own\n"
	"\nThe store is the one bulwark watch learns into; import creates it when missing.\n";

enum { O_STORE = 256 };

static const struct opt table[] = {
	{ "store", O_STORE, "PATH", "the baseline store (default: "
	  "$XDG_STATE_HOME/bulwark/watch.db)", 0 },
	{ "output", 'o', "FILE", "show, export: write to FILE instead of stdout", 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

static void opts(const struct cmd *self, struct opts *out)
{
	*out = (struct opts){ "baseline", self->usage, table, 0, NULL, about };
}

static const struct cmd subs[] = {
	{ "show", "baseline show [IMAGE...]", "the stored baselines as text", NULL, NULL },
	{ "export", "baseline export [IMAGE...]", "the stored baselines as JSON", NULL, NULL },
	{ "import", "baseline import FILE", "baselines from an export into the store", NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int run(int argc, char **argv)
{
	struct opts p;
	opts(&cmd_baseline, &p);
	struct watch_baseline_opts b = { .op = WB_SHOW };
	int c, rc = -1;
	optind = 0;
	while ((c = opts_next(&p, argc, argv, &rc)) != OPT_DONE)
		if (c == OPT_EXIT)
			return rc;
		else if (c == O_STORE)
			b.store = optarg;
		else if (c == 'o')
			b.output = optarg;
	if (optind >= argc)
		return opts_usage_error(&p, "baseline takes a subcommand (show, export, import)", NULL);
	const char *sub = argv[optind++];
	if (!strcmp(sub, "import")) {
		if (argc - optind != 1)
			return opts_usage_error(&p, "baseline import takes one file", NULL);
		if (b.output)
			return opts_usage_error(&p, "--output is for show and export", NULL);
		b.op = WB_IMPORT;
		b.file = argv[optind];
		return pipeline_watch_baseline(&b);
	}
	if (strcmp(sub, "show") && strcmp(sub, "export"))
		return opts_usage_error(&p, "unknown baseline subcommand (show, export, import)", sub);
	b.op = !strcmp(sub, "show") ? WB_SHOW : WB_EXPORT;
	b.images = argv + optind;
	b.nimages = (size_t)(argc - optind);
	return pipeline_watch_baseline(&b);
}

const struct cmd cmd_baseline = {
	.name = "baseline",
	.usage = "baseline show|export [IMAGE...] | baseline import FILE  [--store PATH]",
	.summary = "the runtime watch's stored baselines: show, export or import them",
	.run = run,
	.about = about,
	.opts = opts,
	.subs = subs,
};
