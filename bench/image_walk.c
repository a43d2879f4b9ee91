/* Bench driver: reads one docker-archive through imgsrc_docker_archive and prints what it kept
 * and how long it took. usage: image_walk ARCHIVE [CACHE_DB] */
#include "collect/imgsrc.h"
#include <stdio.h>
#include <time.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: image_walk ARCHIVE [CACHE_DB]\n");
		return 2;
	}
	struct imgsrc_opts o = { .cache_path = argc > 2 ? argv[2] : NULL };
	struct image_read r;
	struct findings errs = { 0 };
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = imgsrc_docker_archive(argv[1], NULL, &o, &r, &errs);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	unsigned long long bytes = 0, entries = 0;
	for (size_t i = 0; rc == 0 && i < r.fs.nlayers; i++) {
		bytes += r.fs.layers[i].bytes;
		entries += r.fs.layers[i].entries;
	}
	printf("image_walk: %.2f s, %zu layers (%zu cached), %llu entries, %llu bytes, %zu files "
	       "kept, %zu errors\n", s, rc ? 0 : r.fs.nlayers, r.layers_cached, entries, bytes,
	       rc ? 0 : r.fs.nfiles, errs.nerrors);
	for (size_t i = 0; i < errs.nerrors; i++)
		fprintf(stderr, "  %s: %s\n", errs.errors[i].input, errs.errors[i].message);
	if (rc == 0)
		image_read_free(&r);
	findings_free(&errs);
	return rc ? 1 : 0;
}
