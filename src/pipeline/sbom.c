/* The SBOM run: the image reader fills the inventory in its one pass over the layers, the
 * writer formats it. */
#include "pipeline/sbom.h"
#include "pipeline/image_audit.h"
#include "collect/image_read.h"
#include "util/util.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

/* SOURCE_DATE_EPOCH (reproducible-builds.org): decimal seconds; -1 when set but not that. */
static long long created_at(bool *fixed)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	*fixed = e && *e;
	if (!*fixed)
		return (long long)time(NULL);
	char *end;
	errno = 0;
	long long t = strtoll(e, &end, 10);
	/* up to 9999-12-31T23:59:59Z, what the timestamp's four-digit year holds */
	return *end || errno || *e == '-' || *e == '+' || t > 253402300799LL ? -1 : t;
}

static FILE *open_output(const char *path)
{
	if (!path || !strcmp(path, "-"))
		return stdout;
	FILE *fp = fopen(path, "w");
	if (!fp)
		fprintf(stderr, "bulwark: %s: cannot write: %s\n", path, strerror(errno));
	return fp;
}

static int write_sbom(const struct sbom_run *r, const struct image_read *rd, const char *ref,
                      long long when, bool fixed)
{
	unsigned char nonce[16];
	if (!fixed && getrandom(nonce, sizeof nonce, 0) != (ssize_t)sizeof nonce)
		fixed = true;   /* no randomness: a derived serial is still a valid one */
	struct sbom_subject s = { rd->ref ? rd->ref : ref, rd->id, rd->fs.layers, rd->fs.nlayers,
	                          when, fixed ? NULL : nonce };
	FILE *fp = open_output(r->output);
	if (!fp)
		return EXIT_ERROR;
	int rc = sbom_write(fp, r->format, &s, &rd->fs.inv);
	if (fp != stdout && fclose(fp))
		rc = -1;
	if (rc)
		fprintf(stderr, "bulwark: %s: write failed\n", r->output ? r->output : "stdout");
	return rc ? EXIT_ERROR : EXIT_CLEAN;
}

int pipeline_sbom(const struct sbom_run *r, const char *ref)
{
	bool fixed;
	long long when = created_at(&fixed);
	if (when < 0) {
		fprintf(stderr, "bulwark: SOURCE_DATE_EPOCH: not a number of seconds since 1970: '%s'\n",
		        getenv("SOURCE_DATE_EPOCH"));
		return EXIT_ERROR;
	}
	const struct audit_opts *a = r->engine;
	char *cache = run_cache_file(r->cache);
	struct image_reader_opts ro = { a ? a->host : NULL, a ? a->context : NULL,
	                                a ? a->timeout : 0, cache, r->cache->max_layer_bytes, true,
	                                a ? a->registry_ca : NULL, a && a->insecure };
	struct findings out = { 0 };
	struct image_reader *rdr = image_reader_open(&ro, &out);
	struct image_read rd = { 0 };
	image_reader_read(rdr, ref, &rd, &out);
	int rc = rd.config ? write_sbom(r, &rd, ref, when, fixed) : EXIT_ERROR;
	if (rd.fs.inv.capped)
		fprintf(stderr, "bulwark: warning: %s: more packages than an inventory keeps; the SBOM "
		        "lists the first %zu\n", ref, rd.fs.inv.npkgs);
	run_print_problems(&out);
	if (out.nerrors)
		rc = EXIT_ERROR;
	image_read_free(&rd);
	image_reader_close(rdr);
	findings_free(&out);
	free(cache);
	return rc;
}
