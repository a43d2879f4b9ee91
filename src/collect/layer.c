/* Walking one layer's tar: every entry is counted and hashed for visibility, whiteouts are
 * recorded, and the few files a rule may report are kept with the facts read from their
 * content (streamed in chunks, never whole files in memory). */
#include "collect/accounts.h"
#include "collect/archive_api.h"
#include "collect/layer_int.h"
#include "collect/pkg_source.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

#define HEAD_SIZE   8192u              /* a NUL in here: binary */
#define SCAN_CAP    (16ull << 20)      /* content scanned per file */
#define SPECIAL_CAP ACCOUNTS_CAP       /* shadow, passwd, docker config read whole up to this */
#define CACHE_KEEP  3                  /* files kept per package cache per layer */
#define SOURCE_KEEP 50

struct walk {
	const struct layer_opts *o;
	struct layer_facts *f;
	struct findings *errs;
	struct layer_stream *st;
	size_t max_files;
};

static la_ssize_t rd(struct archive *a, void *ctx, const void **p)
{
	struct layer_stream *st = ctx;
	ssize_t n = layer_stream_read(st, p);
	if (n < 0)
		archive_set_error(a, -1, "%s", layer_stream_error(st));
	return n;
}

static void err(struct walk *w, const char *entry, const char *fmt, const char *arg)
{
	char *msg = xasprintf(fmt, arg);
	if (entry)
		findings_error(w->errs, w->o->image, 0, "layer %s: entry \"%s\": %s", w->o->name,
		               entry, msg);
	else
		findings_error(w->errs, w->o->image, 0, "layer %s: %s", w->o->name, msg);
	free(msg);
}

static enum img_ftype ftype(struct archive_entry *e)
{
	if (archive_entry_hardlink(e))
		return IMG_HARDLINK;
	switch (archive_entry_filetype(e)) {
	case AE_IFREG: return IMG_FILE;
	case AE_IFDIR: return IMG_DIR;
	case AE_IFLNK: return IMG_SYMLINK;
	default: return IMG_OTHER;
	}
}

/* ---- content ---- */

struct content {
	struct walk *w;
	struct img_file *file;
	const struct keep_class *kc;
	unsigned char head[HEAD_SIZE]; size_t nhead;
	bool decided;
	void *hook;
	struct keyscan ks;
	struct buf special;
	uint64_t fed;
	const struct pkg_source *pkg;   /* a package file: read whole into pkgbuf */
	struct buf pkgbuf;
};

/* Returns false when the rest of the file is of no interest. */
static bool chunk(struct content *c, const char *p, size_t n)
{
	if (c->fed >= SCAN_CAP) {
		c->file->flags |= IMGF_TRUNCATED;
		return false;
	}
	if (c->fed + n > SCAN_CAP) {
		n = (size_t)(SCAN_CAP - c->fed);
		c->file->flags |= IMGF_TRUNCATED;
	}
	c->fed += n;
	if (c->hook)
		c->w->o->hook->feed(c->hook, p, n);
	if (!c->file->binary || c->kc->key_path)
		keyscan_feed(&c->ks, p, n);
	if ((c->kc->special || c->kc->acctdb) && c->special.len + n <= SPECIAL_CAP)
		buf_add(&c->special, p, n);
	return !(c->file->flags & IMGF_TRUNCATED);
}

static bool decide(struct content *c)
{
	c->decided = true;
	c->file->binary = memchr(c->head, 0, c->nhead) != NULL;
	const struct content_hook *h = c->w->o->hook;
	if (!c->file->binary && h && h->open)
		c->hook = h->open(h->arg, c->file->path);
	if (c->file->binary && !c->kc->key_path)
		return false;
	return chunk(c, (const char *)c->head, c->nhead);
}

static bool block(struct content *c, const char *p, size_t n)
{
	if (!c->decided) {
		size_t take = n < HEAD_SIZE - c->nhead ? n : HEAD_SIZE - c->nhead;
		memcpy(c->head + c->nhead, p, take);
		c->nhead += take;
		p += take;
		n -= take;
		if (c->nhead < HEAD_SIZE)
			return true;
		if (!decide(c))
			return false;
	}
	return n == 0 || chunk(c, p, n);
}

/* Reads the file's data; -1 when the layer stream broke. */
static int read_content(struct walk *w, struct archive *a, struct img_file *file,
                        const struct keep_class *kc, const struct pkg_source *pkg)
{
	struct content *c = xcalloc(1, sizeof *c);
	c->w = w;
	c->file = file;
	c->kc = kc;
	c->pkg = pkg;
	if (pkg)
		buf_reserve(&c->pkgbuf, (size_t)file->size);
	const void *p;
	size_t n;
	la_int64_t off;
	int r, rc = 0;
	bool more = true;
	while ((more || c->pkg) && (r = archive_read_data_block(a, &p, &n, &off)) == ARCHIVE_OK) {
		if (more)
			more = block(c, p, n);
		if (c->pkg && c->pkgbuf.len + n > pkg->max_bytes)
			c->pkg = NULL;        /* more data than its header declared (sparse): not read */
		else if (c->pkg)
			buf_add(&c->pkgbuf, p, n);
	}
	if ((more || c->pkg) && r != ARCHIVE_EOF && r != ARCHIVE_OK)
		rc = -1;
	if (c->pkg && rc == 0)
		layer_pkgs_file(w->f, pkg, file->path, c->pkgbuf.s, c->pkgbuf.len);
	free(c->pkgbuf.s);
	if (!c->decided && rc == 0)
		decide(c);
	if (c->ks.found)
		file->flags |= IMGF_PRIVATE_KEY;
	if (kc->special == SPECIAL_SHADOW && shadow_has_hash(c->special.s ? c->special.s : "",
	                                                     c->special.len))
		file->flags |= IMGF_SHADOW_HASH;
	if (kc->acctdb && file->size > SPECIAL_CAP)
		file->flags |= IMGF_ACCOUNTS_SKIPPED;
	else if (kc->acctdb && c->special.len == (size_t)file->size)
		accounts_parse(kc->acctdb, c->special.s, c->special.len, file);
	if (kc->special == SPECIAL_DOCKERCFG && c->special.len &&
	    dockercfg_has_auth(c->special.s, c->special.len))
		file->flags |= IMGF_DOCKER_AUTH;
	if (c->hook)
		w->o->hook->close(c->hook, file);
	free(c->special.s);
	free(c);
	return rc;
}

/* ---- keeping ---- */

static struct img_cache *cache_slot(struct layer_facts *f, const char *dir)
{
	for (size_t i = 0; i < f->ncaches; i++)
		if (strcmp(f->caches[i].dir, dir) == 0)
			return &f->caches[i];
	GROW(f->caches, f->cap_caches, f->ncaches);
	struct img_cache *c = &f->caches[f->ncaches++];
	*c = (struct img_cache){ xstrdup(dir), 0, 0 };
	return c;
}

static bool wanted(struct walk *w, const struct img_file *file, const struct keep_class *kc)
{
	struct layer_facts *f = w->f;
	if (file->nsecrets || (file->flags & (IMGF_PRIVATE_KEY | IMGF_SHADOW_HASH)))
		return true;
	switch (kc->why) {
	case KEEP_ALWAYS:
		return true;
	case KEEP_CACHE: {
		struct img_cache *c = cache_slot(f, kc->cache_dir);
		c->bytes += (uint64_t)(file->size > 0 ? file->size : 0);
		return ++c->files <= CACHE_KEEP;
	}
	case KEEP_SOURCE:
		return ++f->source_files <= SOURCE_KEEP;
	default:
		return false;
	}
}

static void keep(struct walk *w, struct img_file *file)
{
	struct layer_facts *f = w->f;
	if (f->nfiles >= w->max_files) {
		f->capped = true;
		img_file_clear(file);
		return;
	}
	GROW(f->files, f->cap_files, f->nfiles);
	f->files[f->nfiles++] = *file;
}

/* Duplicate entry: the earlier one is gone. */
static void drop_kept(struct layer_facts *f, const char *path)
{
	for (size_t i = 0; i < f->nfiles; i++)
		if (strcmp(f->files[i].path, path) == 0) {
			img_file_clear(&f->files[i]);
			memmove(&f->files[i], &f->files[i + 1], (f->nfiles - i - 1) * sizeof *f->files);
			f->nfiles--;
			return;
		}
}

static void whiteout(struct layer_facts *f, char *path, const char *base)
{
	bool opaque = strcmp(base, ".wh..wh..opq") == 0;
	char *dir = xstrndup(path, (size_t)(base - path));
	if (strlen(dir) > 1)
		dir[strlen(dir) - 1] = '\0';   /* no trailing slash */
	GROW(f->wh, f->cap_wh, f->nwh);
	f->wh[f->nwh++] = (struct layer_whiteout){
		opaque ? dir : xasprintf("%s%s%s", dir, strcmp(dir, "/") ? "/" : "", base + 4), opaque
	};
	if (!opaque)
		free(dir);
}

static bool link_ok(struct walk *w, const char *name, const char *target)
{
	char *t;
	bool abs;
	if (layer_norm_path(target, &t, &abs) < 0) {
		err(w, name, "hard link target %s leaves the image root; skipped", target);
		return false;
	}
	bool ok = layer_set_get(w->f, layer_path_hash(t, strlen(t)), NULL);
	if (!ok)
		err(w, name, "hard link to %s, which is not in the layer before it; skipped", t);
	free(t);
	return ok;
}

/* One entry; -1 when the layer stream broke while reading its data. */
static int entry(struct walk *w, struct archive *a, struct archive_entry *e)
{
	const char *name = archive_entry_pathname(e);
	if (!name) {
		err(w, NULL, "%s", "an entry without a readable name; skipped");
		return 0;
	}
	char *path;
	bool abs;
	if (layer_norm_path(name, &path, &abs) < 0) {
		err(w, name, "%s", "\"..\" leaves the image root; skipped");
		return 0;
	}
	if (abs)
		err(w, name, "absolute path in a layer; read as %s", path);
	const char *base = strrchr(path, '/') + 1;
	if (str_prefix(base, ".wh.")) {
		whiteout(w->f, path, base);
		free(path);
		return 0;
	}
	enum img_ftype t = ftype(e);
	if (t == IMG_HARDLINK && !link_ok(w, name, archive_entry_hardlink(e))) {
		free(path);
		return 0;
	}
	bool isdir = t == IMG_DIR, wasdir = false;
	uint64_t h = layer_path_hash(path, strlen(path));
	if (layer_set_get(w->f, h, &wasdir) && !(isdir && wasdir)) {
		err(w, name, "%s", "the layer holds this path twice; the last entry wins");
		drop_kept(w->f, path);
		layer_pkgs_drop(w->f, path);
	}
	layer_set_put(w->f, h, isdir);

	struct img_file file = {
		.path = path, .type = t, .mode = (unsigned)archive_entry_mode(e) & 07777,
		.uid = (unsigned)archive_entry_uid(e), .gid = (unsigned)archive_entry_gid(e),
		.size = archive_entry_size(e),
	};
	const char *lk = t == IMG_HARDLINK ? archive_entry_hardlink(e)
	               : t == IMG_SYMLINK  ? archive_entry_symlink(e) : NULL;
	struct keep_class kc;
	layer_classify(path, t, file.mode, &kc);
	if (t == IMG_FILE)
		file.acctdb = kc.acctdb;
	const struct pkg_source *ps = t == IMG_FILE ? pkg_source_for(path, file.mode) : NULL;
	if (ps && (uint64_t)file.size > ps->max_bytes) {
		layer_pkgs_note(w->f, path, xasprintf("%s: %lld bytes, more than the %zu read for its "
		                "packages; they are not in the inventory", ps->name,
		                (long long)file.size, ps->max_bytes));
		ps = NULL;
	}
	int rc = 0;
	if (t == IMG_FILE && file.size > 0 && (rc = read_content(w, a, &file, &kc, ps)) < 0)
		err(w, name, "%s", "the layer stream broke inside this file");
	if (wanted(w, &file, &kc) && (kc.why != KEEP_IF_KEY || (file.flags & IMGF_PRIVATE_KEY))) {
		file.link = xstrdup(lk);
		keep(w, &file);
	} else {
		img_file_clear(&file);
	}
	return rc;
}

/* An entry whose header declares more data than the layer may still hold: the layer is over its
 * limit whatever follows, so it is refused here, before that data is decompressed. (A sparse
 * file declares its expanded size, not the bytes stored.) */
static bool over_limit(struct walk *w, struct archive *a, struct archive_entry *e)
{
	la_int64_t size = archive_entry_size(e);
	uint64_t max = w->o->max_bytes ? w->o->max_bytes : (8ull << 30);
	uint64_t at = (uint64_t)archive_read_header_position(a);
	if (size <= 0 || archive_entry_sparse_count(e) > 0 || (at < max && (uint64_t)size <= max - at))
		return false;
	char *msg = xasprintf("declares %lld bytes at offset %llu, past the limit of %llu bytes "
	                      "uncompressed per layer (--max-layer-size); the layer is not read further",
	                      (long long)size, (unsigned long long)at, (unsigned long long)max);
	const char *name = archive_entry_pathname(e);
	err(w, name ? name : "?", "%s", msg);
	free(msg);
	w->f->failed = true;
	return true;
}

static void walk(struct walk *w, struct archive *a)
{
	struct archive_entry *e;
	for (;;) {
		int r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			return;
		if (r < ARCHIVE_WARN && !layer_stream_error(w->st) && layer_stream_total(w->st) == 0)
			return;      /* zero bytes: libarchive finds no format, but it is an empty layer */
		if (r < ARCHIVE_WARN) {
			const char *why = layer_stream_error(w->st);
			err(w, NULL, "unreadable: %s", why ? why : archive_error_string(a));
			w->f->failed = true;
			return;
		}
		w->f->entries++;
		if (over_limit(w, a, e))
			return;
		if (entry(w, a, e) < 0) {
			w->f->failed = true;
			return;
		}
	}
}

int layer_scan(struct layer_input *in, const struct layer_opts *o, struct layer_facts *out,
               struct findings *errs)
{
	const char *no_lib;
	if (!archive_api_load(&no_lib)) {
		findings_error(errs, o->image, 0, "layer %s: %s", o->name, no_lib);
		out->failed = true;
		return -1;
	}
	struct walk w = { o, out, errs, layer_stream_open(in, o->max_bytes, o->raw_digest),
	                  o->max_files ? o->max_files : 20000 };
	struct archive *a = archive_read_new();
	archive_read_support_format_tar(a);
	/* Zero bytes (an empty layer) have no format for libarchive: not an error. */
	int r = archive_read_open(a, w.st, NULL, rd, NULL);
	bool empty = !layer_stream_error(w.st) && layer_stream_total(w.st) == 0;
	if (r == ARCHIVE_OK) {
		walk(&w, a);
	} else if (!empty) {
		const char *why = layer_stream_error(w.st);
		err(&w, NULL, "unreadable: %s", why ? why : archive_error_string(a));
		out->failed = true;
	}
	/* The digest covers every byte, also those after the tar's end marker. */
	const void *p;
	ssize_t n = 0;
	while (!out->failed && (n = layer_stream_read(w.st, &p)) > 0)
		;
	if (n < 0) {
		err(&w, NULL, "unreadable: %s", layer_stream_error(w.st));
		out->failed = true;
	}
	archive_read_free(a);
	out->bytes = layer_stream_total(w.st);
	layer_stream_close(w.st, &out->digest, &out->raw_digest);
	return out->failed ? -1 : 0;
}

char *layer_hash_only(struct layer_input *in)
{
	return decomp_hash_raw(in);
}

void layer_facts_free(struct layer_facts *f)
{
	if (!f)
		return;
	free(f->raw_digest);
	free(f->digest);
	for (size_t i = 0; i < f->nfiles; i++)
		img_file_clear(&f->files[i]);
	free(f->files);
	for (size_t i = 0; i < f->nwh; i++)
		free(f->wh[i].path);
	free(f->wh);
	free(f->set);
	for (size_t i = 0; i < f->ncaches; i++)
		free(f->caches[i].dir);
	free(f->caches);
	layer_pkgs_free(f);
	memset(f, 0, sizeof *f);
}
