/* bulwark image: everything wrong inside images, layer by layer, from a `docker save` archive,
 * an OCI layout or the engine. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"
#include "pipeline/image_audit.h"
#include <stdio.h>
#include <stdlib.h>

static int run(int argc, char **argv)
{
	struct run_opts o;
	struct findings out = { 0 };
	struct image_audit_counts n;
	int rc = run_opts_parse(&o, argc, argv, cmd_image.usage);
	if (rc >= 0)
		return rc;
	if (!o.npaths) {
		fprintf(stderr, "bulwark: image needs at least one REF\nusage: bulwark %s\n",
		        cmd_image.usage);
		run_opts_finish(&o, &out, 0);
		return EXIT_ERROR;
	}
	char *cache = o.no_cache ? NULL : o.cache ? NULL : image_cache_default();
	struct image_audit_opts io = { &o.audit, o.no_cache ? NULL : o.cache ? o.cache : cache,
	                               o.max_layer_bytes };
	image_audit(&io, o.paths, o.npaths, &out, &n);
	free(cache);
	fprintf(stderr, "bulwark: note: %zu %s, %zu layers (%zu scanned, %zu from the cache)\n", n.images,
	        n.images == 1 ? "image" : "images", n.layers, n.layers_scanned, n.layers_cached);
	return run_opts_finish(&o, &out, n.images);
}

const struct cmd cmd_image = {
	.name = "image",
	.usage = "image [options] REF...   (REF: docker-archive:PATH, oci:DIR[:TAG], or an image "
	         "the engine has)",
	.summary = "audit images layer by layer: secrets, keys, risky files, config",
	.run = run,
};
