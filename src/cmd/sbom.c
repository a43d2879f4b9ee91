/* bulwark sbom REF: the image's packages as CycloneDX 1.5 or SPDX 2.3 JSON. */
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include "pipeline/sbom.h"
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { O_FORMAT = 256, O_TIMEOUT, O_CACHE, O_NO_CACHE, O_MAX_LAYER };

static const char *const *formats(void)
{
	static const char *const v[] = { "cyclonedx", "spdx", NULL };
	return v;
}

static const struct opt table[] = {
	{ "format", O_FORMAT, "SBOM", "cyclonedx (default: CycloneDX 1.5 JSON) or spdx (SPDX 2.3 JSON)",
	  0, formats },
	{ "output", 'o', "FILE", "write the SBOM to FILE instead of stdout", 0 },
	{ "host", 'H', "URL", "engine to take images from (as for audit)", 0 },
	{ "context", 'c', "NAME", "docker context to take images from", 0 },
	{ "timeout", O_TIMEOUT, "SECONDS", "give up on an engine request after this long (default 10)", 0 },
	{ "cache", O_CACHE, "FILE", "layer cache (default $XDG_CACHE_HOME/bulwark/layers.db)", 0 },
	{ "no-cache", O_NO_CACHE, NULL, "scan every layer, read and write no cache", 0 },
	{ "max-layer-size", O_MAX_LAYER, "N", "refuse layers over N bytes uncompressed (NM, NG; "
	  "default 8G)", 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

static const char about[] =
	"\nThe components are sorted: two runs over one image differ only in the timestamp and\n"
	"the serial number (SPDX: document namespace). With SOURCE_DATE_EPOCH set, the timestamp\n"
	"is that time and the serial is derived from the image and it: the output is reproducible.\n";

static int opt(const struct opts *p, int c, struct sbom_run *r, struct audit_opts *a,
               struct run_cache *k)
{
	char *end;
	switch (c) {
	case O_FORMAT: {
		int f = sbom_format_parse(optarg);
		if (f < 0)
			return opts_usage_error(p, "unknown SBOM format (cyclonedx, spdx)", optarg);
		r->format = (enum sbom_format)f;
		break;
	}
	case 'o': r->output = optarg; break;
	case 'H': a->host = optarg; break;
	case 'c': a->context = optarg; break;
	case O_CACHE: k->cache = optarg; break;
	case O_NO_CACHE: k->no_cache = true; break;
	case O_TIMEOUT:
		a->timeout = strtod(optarg, &end);
		if (*end || !(a->timeout > 0 && a->timeout <= 3600))
			return opts_usage_error(p, "--timeout takes seconds, up to 3600", optarg);
		break;
	case O_MAX_LAYER:
		k->max_layer_bytes = strtoull(optarg, &end, 10);
		if (*end == 'G' || *end == 'g') k->max_layer_bytes <<= 30, end++;
		else if (*end == 'M' || *end == 'm') k->max_layer_bytes <<= 20, end++;
		if (*end || !k->max_layer_bytes)
			return opts_usage_error(p, "--max-layer-size takes bytes (or NM, NG)", optarg);
		break;
	}
	return -1;
}

static void opts(const struct cmd *self, struct opts *out)
{
	*out = (struct opts){ "sbom", self->usage, table, 0, NULL, about };
}

static int run(int argc, char **argv)
{
	struct opts p;
	opts(&cmd_sbom, &p);
	struct audit_opts a = { 0 };
	struct run_cache k = { 0 };
	struct sbom_run r = { SBOM_CYCLONEDX, NULL, &a, &k };
	int c, rc = -1;
	optind = 0;
	while (rc < 0 && (c = opts_next(&p, argc, argv, &rc)) != OPT_DONE)
		if (c != OPT_EXIT)
			rc = opt(&p, c, &r, &a, &k);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return opts_usage_error(&p, "sbom takes one REF", NULL);
	return pipeline_sbom(&r, argv[optind]);
}

const struct cmd cmd_sbom = {
	.name = "sbom",
	.usage = "sbom [options] REF   (REF as for bulwark image)",
	.summary = "the image's packages as an SBOM: CycloneDX 1.5 or SPDX 2.3 JSON",
	.run = run,
	.about = about,
	.opts = opts,
};
