/* libFuzzer target: the bytes are a `docker save` stream (manifest.json, configs, layers in one
 * tar) read by imgsrc_stream, and read again as a file (a memfd: two passes, manifest first);
 * with the first byte 'M' the rest is manifest.json itself, put in a small valid archive (one
 * layer, one config) so that the manifest parser is reached at once. */
#include "collect/imgsrc.h"
#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mem { const uint8_t *p; size_t n, at; };

static ssize_t mem_read(void *ctx, void *buf, size_t n)
{
	struct mem *m = ctx;
	size_t k = m->n - m->at < n ? m->n - m->at : n;
	memcpy(buf, m->p + m->at, k);
	m->at += k;
	return (ssize_t)k;
}

static void put(struct archive *a, const char *name, const void *p, size_t n)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)n);
	archive_write_header(a, e);
	archive_write_data(a, p, n);
	archive_entry_free(e);
}

/* An archive with a config "c.json", a layer "l/layer.tar" and the fuzzer's manifest.json. */
static uint8_t *wrap(const uint8_t *man, size_t n, size_t *len)
{
	static const char cfg[] = "{\"rootfs\":{\"diff_ids\":[\"sha256:00\"]},\"history\":[{}]}";
	static uint8_t layer[1024];        /* an empty tar */
	size_t cap = n + 16384;
	uint8_t *buf = malloc(cap);
	struct archive *a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	archive_write_open_memory(a, buf, cap, len);
	put(a, "l/layer.tar", layer, sizeof layer);
	put(a, "c.json", cfg, sizeof cfg - 1);
	put(a, "manifest.json", man, n);
	archive_write_close(a);
	archive_write_free(a);
	return buf;
}

static void as_file(const uint8_t *p, size_t n, const struct imgsrc_opts *o)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);
	char path[64];
	struct image_read r;
	struct findings errs = { 0 };
	if (fd < 0)
		return;
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (write(fd, p, n) == (ssize_t)n && imgsrc_docker_archive(path, NULL, o, &r, &errs) == 0)
		image_read_free(&r);
	findings_free(&errs);
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (4u << 20))
		return 0;
	uint8_t *own = NULL;
	struct mem m = { data, size, 0 };
	if (size && data[0] == 'M') {
		own = wrap(data + 1, size - 1, &m.n);
		m.p = own;
	}
	struct imgsrc_opts o = { .max_layer_bytes = 16u << 20, .max_files = 1000 };
	struct image_read r;
	struct findings errs = { 0 };
	if (imgsrc_stream(mem_read, &m, "fuzz", &o, &r, &errs) == 0)
		image_read_free(&r);
	findings_free(&errs);
	as_file(m.p, m.n, &o);
	free(own);
	return 0;
}
