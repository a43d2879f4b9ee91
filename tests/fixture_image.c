/* Image fixtures: a case's image.json describes an image declaratively and this writes it as a
 * `docker save` archive (manifest.json, the config, one uncompressed layer.tar per layer), so
 * the case runs through the real image reader. image.json:
 *   {"config": {...image config...},
 *    "layers": [[{"path": "etc/shadow", "mode": "0640", "content": "..."},
 *                {"path": "app/.git", "type": "dir"}, {"path": "app/.wh.key"}], ...],
 *    "tamper": 1}      -- optional: the config's diff_id of that layer is wrong */
#include "fixture_image.h"
#include "util/util.h"
#include <archive.h>
#include <archive_entry.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_entry(struct archive *a, const char *name, const char *content, size_t n,
                      unsigned mode, bool dir)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, dir ? AE_IFDIR : AE_IFREG);
	archive_entry_set_perm(e, mode);
	archive_entry_set_size(e, dir ? 0 : (la_int64_t)n);
	archive_write_header(a, e);
	if (!dir && n)
		archive_write_data(a, content, n);
	archive_entry_free(e);
}

/* One layer as a tar in memory. */
static void layer_tar(json_t *files, struct buf *out)
{
	struct archive *a = archive_write_new();
	size_t used = 0, i;
	json_t *f;
	out->cap = 1 << 20;
	out->s = xmalloc(out->cap);
	archive_write_set_format_pax_restricted(a);
	archive_write_set_bytes_per_block(a, 0);
	archive_write_open_memory(a, out->s, out->cap, &used);
	json_array_foreach(files, i, f) {
		const char *path = json_string_value(json_object_get(f, "path"));
		const char *content = json_string_value(json_object_get(f, "content"));
		const char *mode = json_string_value(json_object_get(f, "mode"));
		bool dir = str_eq(json_string_value(json_object_get(f, "type")), "dir");
		unsigned m = mode ? (unsigned)strtoul(mode, NULL, 8) : dir ? 0755 : 0644;
		add_entry(a, path ? path : "x", content ? content : "", content ? strlen(content) : 0,
		          m, dir);
	}
	archive_write_close(a);
	archive_write_free(a);
	out->len = used;
}

static char *sha256_hex(const void *p, size_t n)
{
	unsigned char md[32];
	unsigned len = 0;
	EVP_Digest(p, n, md, &len, EVP_sha256(), NULL);
	char *hex = xmalloc(72);
	strcpy(hex, "sha256:");
	for (unsigned i = 0; i < len; i++)
		snprintf(hex + 7 + 2 * i, 3, "%02x", md[i]);
	return hex;
}

/* Writes the archive to path; false when image.json cannot be read. */
bool fixture_image_write(const char *json_path, const char *path)
{
	json_t *j = json_load_file(json_path, 0, NULL);
	json_t *layers = json_object_get(j, "layers"), *cfg, *ids = json_array(), *lnames;
	struct archive *a;
	size_t i;
	json_t *l;
	if (!j)
		return false;
	cfg = json_deep_copy(json_object_get(j, "config"));
	if (!json_is_object(cfg))
		cfg = json_object();
	lnames = json_array();
	a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	archive_write_open_filename(a, path);
	json_array_foreach(layers, i, l) {
		struct buf t = { 0 };
		layer_tar(l, &t);
		char *id = sha256_hex(t.s, t.len);
		char *name = xasprintf("%zu/layer.tar", i);
		if ((json_int_t)i == json_integer_value(json_object_get(j, "tamper")) &&
		    json_object_get(j, "tamper"))
			id[10] = id[10] == '0' ? '1' : '0';
		json_array_append_new(ids, json_string(id));
		json_array_append_new(lnames, json_string(name));
		add_entry(a, name, t.s, t.len, 0644, false);
		free(name);
		free(id);
		free(t.s);
	}
	json_object_set_new(cfg, "rootfs", json_pack("{s:s,s:o}", "type", "layers", "diff_ids", ids));
	char *cs = json_dumps(cfg, JSON_COMPACT | JSON_SORT_KEYS);
	char *cid = sha256_hex(cs, strlen(cs));
	char *cname = xasprintf("%s.json", cid + 7);
	add_entry(a, cname, cs, strlen(cs), 0644, false);
	json_t *man = json_pack("[{s:s,s:[s],s:o}]", "Config", cname, "RepoTags", "fixture:1",
	                        "Layers", lnames);
	char *ms = json_dumps(man, JSON_COMPACT);
	add_entry(a, "manifest.json", ms, strlen(ms), 0644, false);
	archive_write_close(a);
	archive_write_free(a);
	free(ms);
	free(cname);
	free(cid);
	free(cs);
	json_decref(man);
	json_decref(cfg);
	json_decref(j);
	return true;
}
