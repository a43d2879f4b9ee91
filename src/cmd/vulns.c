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
	.usage = "vulns [options] REF...   (as for image: docker-archive:PATH, oci:DIR[:TAG], an "
	         "image the engine has; or sbom:FILE, a CycloneDX or SPDX JSON SBOM)\n"
	         "       bulwark vulns --rematch [--db PATH]   (the inventories earlier scans kept)",
	.summary = "known vulnerabilities in images' packages (image --vulns), from the OSV store",
	.run = run,
};
