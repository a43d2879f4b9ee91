/* Rust: the dependency list cargo-auditable embeds in the ELF section .dep-v0, zlib-compressed
 * JSON {"packages": [{"name", "version", "source", "kind", "dependencies", "root"}]}. Only
 * crates from crates.io are packages of that ecosystem (local and git crates are not
 * published there); "kind": "build" ones ran at build time and are not in the binary. The
 * decompressed text is capped as cargo-auditable's own reader caps it (8 MiB). */
#include "collect/pkg_elf.h"
#include "collect/pkg_lang_int.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define JSON_MAX ((size_t)8 << 20)

/* The inflated section into a malloc'd buffer, or NULL with err set. */
static char *inflate_all(const unsigned char *in, size_t n, size_t *out_len, char *err,
                         size_t errlen)
{
	z_stream z = { 0 };
	if (inflateInit(&z) != Z_OK) {
		snprintf(err, errlen, ".dep-v0: zlib failed to start");
		return NULL;
	}
	size_t cap = 64 << 10, got = 0;
	char *out = malloc(cap);
	int rc = Z_OK;
	z.next_in = (unsigned char *)in;
	z.avail_in = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
	while (out && rc == Z_OK) {
		if (got == cap) {
			char *grown = cap < JSON_MAX ? realloc(out, cap * 2) : NULL;
			if (!grown)
				break;
			out = grown, cap *= 2;
		}
		z.next_out = (unsigned char *)out + got;
		z.avail_out = (uInt)(cap - got);
		rc = inflate(&z, Z_NO_FLUSH);
		got = cap - z.avail_out;
	}
	inflateEnd(&z);
	if (rc != Z_STREAM_END) {
		snprintf(err, errlen, ".dep-v0: %s", rc == Z_OK ? "longer than 8 MiB"
		                                     : rc == Z_BUF_ERROR ? "truncated"
		                                                         : "not valid zlib data");
		free(out);
		return NULL;
	}
	*out_len = got;
	return out;
}

PKG_LANG_PARSE(pkg_cargo_parse)
{
	struct elf e;
	size_t off, size, jlen;
	if (!elf_open(&e, data, len) || !elf_section(&e, ".dep-v0", &off, &size))
		return true;
	char *text = inflate_all(e.d + off, size, &jlen, err, errlen);
	if (!text)
		return false;
	json_error_t je;
	json_t *j = json_loadb(text, jlen, 0, &je);
	free(text);
	json_t *pkgs = json_object_get(j, "packages");
	if (!json_is_array(pkgs)) {
		if (j)
			snprintf(err, errlen, ".dep-v0: no \"packages\" array");
		else
			snprintf(err, errlen, ".dep-v0: line %d: %s", je.line, je.text);
		json_decref(j);
		return false;
	}
	size_t i;
	json_t *p;
	json_array_foreach(pkgs, i, p) {
		const char *src = json_string_value(json_object_get(p, "source"));
		const char *kind = json_string_value(json_object_get(p, "kind"));
		if (src && strcmp(src, "crates.io") == 0 && !(kind && strcmp(kind, "build") == 0))
			pkg_lang_add(inv, PKG_CARGO, json_string_value(json_object_get(p, "name")),
			             json_string_value(json_object_get(p, "version")), path, layer);
	}
	json_decref(j);
	return true;
}
