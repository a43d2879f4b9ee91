/* bulwark vulns: the short form of `bulwark image --vulns`: known vulnerabilities in the
 * packages images ship. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"

static int run(int argc, char **argv)
{
	return run_images(&cmd_vulns, argc, argv);
}

const struct cmd cmd_vulns = {
	.name = "vulns",
	.usage = "vulns [options] REF... | vulns --rematch [--db PATH]   (REF as for image, or "
	         "sbom:FILE: a CycloneDX or SPDX JSON SBOM; --rematch: the inventories earlier scans "
	         "kept)",
	.summary = "known vulnerabilities in images' packages (image --vulns), from the OSV store",
	.run = run,
	.opts = run_opts_describe,
};
