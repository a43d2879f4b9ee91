/* bulwark verify: cosign signatures of registry images, checked offline against given keys. */
#include "cmd/cmd.h"
#include "cmd/run_opts.h"
#include "util/util.h"
#include <stdio.h>

static const char about[] =
	"\nEach IMAGE (REGISTRY/NAME[:TAG|@DIGEST], docker:// optional) is resolved to its manifest\n"
	"digest, and the signatures cosign stored under the tag sha256-<hex>.sig are checked:\n"
	"one must verify under a --key over its payload, and the payload must name that digest\n"
	"(and, with --identity, that reference). Every image not verified is one BW-T001 finding\n"
	"whose message gives the verdict: unsigned, bad signature, digest mismatch, identity\n"
	"mismatch or unreachable. Verified images are named on stderr with the key that verified\n"
	"them. Exit 0 when every image verified, 1 when one did not, 2 for usage or input errors.\n";

static int run(int argc, char **argv)
{
	struct run_opts o;
	int rc = run_opts_parse(&o, argc, argv, &cmd_verify);
	if (rc >= 0)
		return rc;
	o.verify.ca = o.audit.registry_ca;
	o.verify.insecure = o.audit.insecure;
	o.verify.timeout = o.audit.timeout;
	if (!o.files.npaths || !o.verify.nkeys) {
		fprintf(stderr, "bulwark: verify needs %s\nusage: bulwark %s\n",
		        o.verify.nkeys ? "at least one IMAGE" : "--key FILE", cmd_verify.usage);
		rc = EXIT_ERROR;
	} else {
		rc = pipeline_verify(&o.end, &o.verify, o.files.paths, o.files.npaths);
	}
	run_opts_free(&o);
	return rc;
}

const struct cmd cmd_verify = {
	.name = "verify",
	.usage = "verify --key FILE [options] IMAGE...",
	.summary = "verify images' cosign signatures in a registry against public keys",
	.run = run,
	.opts = run_opts_describe,
	.about = about,
};
