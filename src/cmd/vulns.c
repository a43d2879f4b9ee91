/* bulwark vulns: the short form of `bulwark image --vulns`: known vulnerabilities in the
 * packages images ship. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"
#include <stdio.h>

static int run(int argc, char **argv)
{
	struct run_opts o;
	int rc = run_opts_parse(&o, argc, argv, &cmd_vulns);
	if (rc >= 0)
		return rc;
	if (!o.files.npaths) {
		fprintf(stderr, "bulwark: vulns needs at least one REF\nusage: bulwark %s\n",
		        cmd_vulns.usage);
		rc = EXIT_ERROR;
	} else {
		rc = pipeline_image(&o.end, &o.audit, &o.cache, &o.vulns, o.files.paths,
		                    o.files.npaths);
	}
	run_opts_free(&o);
	return rc;
}

const struct cmd cmd_vulns = {
	.name = "vulns",
	.usage = "vulns [options] REF...   (as for image: docker-archive:PATH, oci:DIR[:TAG], or "
	         "an image the engine has)",
	.summary = "known vulnerabilities in images' packages (image --vulns), from the OSV store",
	.run = run,
};
