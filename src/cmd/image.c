/* bulwark image: everything wrong inside images, layer by layer, from a `docker save` archive,
 * an OCI layout or the engine. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"

static int run(int argc, char **argv)
{
	return run_images(&cmd_image, argc, argv);
}

const struct cmd cmd_image = {
	.name = "image",
	.usage = "image [options] REF...   (REF: docker-archive:PATH, docker-archive:- for stdin, "
	         "oci:DIR[:TAG], docker://REGISTRY/NAME[:TAG|@DIGEST], or an image the engine has)",
	.summary = "audit images layer by layer: secrets, keys, risky files, config",
	.run = run,
	.opts = run_opts_describe,
};
