/* libFuzzer target: the bytes are one layer as stored (plain tar, gzip or zstd), walked the way an
 * image's layers are, with a content hook; then visibility is asked of every kept file. */
#include "collect/layer.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mem_in { struct layer_input in; const uint8_t *p; size_t n, at; };

static ssize_t mem_next(struct layer_input *in, const void **p)
{
	struct mem_in *m = (struct mem_in *)in;
	size_t k = m->n - m->at < 4096 ? m->n - m->at : 4096;   /* blocks cut entries anywhere */
	*p = m->p + m->at;
	m->at += k;
	return (ssize_t)k;
}

static void *h_open(void *arg, const char *path) { (void)arg; (void)path; return malloc(1); }
static void h_feed(void *st, const void *buf, size_t n) { (void)st; (void)buf; (void)n; }
static void h_close(void *st, struct img_file *f) { (void)f; free(st); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct content_hook hook = { h_open, h_feed, h_close, NULL, "fuzz" };
	struct layer_opts o = { 16u << 20, 1000, &hook, "fuzz-image", "fuzz-layer", true };
	struct mem_in m = { { mem_next, NULL, "" }, data, size, 0 };
	struct layer_facts f = { 0 };
	struct findings errs = { 0 };
	layer_scan(&m.in, &o, &f, &errs);
	for (size_t i = 0; i < f.nfiles; i++)
		layer_hides(&f, f.files[i].path, f.files[i].type == IMG_DIR);
	layer_facts_free(&f);
	findings_free(&errs);
	return 0;
}
