/* bulwark image: everything wrong inside images, layer by layer, from a `docker save` archive,
 * an OCI layout or the engine. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"
#include <stdio.h>

static int run(int argc, char **argv)
{
	struct run_opts o;
	int rc = run_opts_parse(&o, argc, argv, &cmd_image);
	if (rc >= 0)
		return rc;
	if (!o.files.npaths) {
		fprintf(stderr, "bulwark: image needs at least one REF\nusage: bulwark %s\n",
		        cmd_image.usage);
		rc = EXIT_ERROR;
	} else {
		rc = pipeline_image(&o.end, &o.audit, &o.cache, &o.vulns, o.files.paths,
		                    o.files.npaths);
	}
	run_opts_free(&o);
	return rc;
}

const struct cmd cmd_image = {
	.name = "image",
	.usage = "image [options] REF...   (REF: docker-archive:PATH, docker-archive:- for stdin, "
	         "oci:DIR[:TAG], or an image the engine has)",
	.summary = "audit images layer by layer: secrets, keys, risky files, config",
	.run = run,
};
