/* `docker save` archives and the others in its format, as a file or as a stream: the config and
 * the layers are whatever manifest.json names, in any order (imgsrc_manifest.c).
 * A file is read twice: a first pass reads manifest.json and the configs it names (seeking past
 * everything else, and stopping once it has them), so that the second reads exactly the layers
 * named, known by digest for the cache when their configs say so.
 * A stream is read once. Until manifest.json has passed, an entry is taken by what it holds:
 * JSON is kept as a config it may name (DOCS_MAX in all), anything else is scanned as a layer it
 * may name, its errors held until it does. Layer bytes are never buffered, so any order of a
 * real archive is read in one pass; the one thing a stream cannot have is a config that came
 * after DOCS_MAX of other JSON and before manifest.json, and that is an error naming it. */
#include "collect/archive_api.h"
#include "collect/imgsrc_docker_int.h"
#include "util/util.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ENTRIES_MAX 20000u     /* entries of one archive: memory, and lookups by name, stay bounded */
#define HEAD 512u              /* bytes an entry is judged by: a tar header */

struct entry_in {
	struct layer_input in;
	struct archive *a;
	unsigned char head[HEAD]; size_t nhead;
	bool head_given;
	const void *tail; size_t ntail;   /* the rest of the block the head ended in */
};

static ssize_t entry_next(struct layer_input *in, const void **p)
{
	struct entry_in *e = (struct entry_in *)in;
	if (!e->head_given) {
		e->head_given = true;
		if (e->nhead) {
			*p = e->head;
			return (ssize_t)e->nhead;
		}
	}
	if (e->ntail) {
		*p = e->tail;
		size_t n = e->ntail;
		e->ntail = 0;
		return (ssize_t)n;
	}
	for (;;) {
		size_t n;
		la_int64_t off;
		int r = archive_read_data_block(e->a, p, &n, &off);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			snprintf(in->err, sizeof in->err, "archive: %s", archive_error_string(e->a));
			return -1;
		}
		if (n)
			return (ssize_t)n;
	}
}

/* The entry's first HEAD bytes (fewer when it is shorter) into e->head; -1 on a read error. */
static int read_head(struct entry_in *e)
{
	e->head_given = true;
	while (e->nhead < HEAD) {
		const void *p;
		ssize_t n = entry_next(&e->in, &p);
		if (n <= 0) {
			e->head_given = false;
			return n < 0 ? -1 : 0;
		}
		size_t take = (size_t)n < HEAD - e->nhead ? (size_t)n : HEAD - e->nhead;
		memcpy(e->head + e->nhead, p, take);
		e->nhead += take;
		e->tail = (const char *)p + take;
		e->ntail = (size_t)n - take;
	}
	e->head_given = false;
	return 0;
}

char *arc_norm(const char *name)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (*name == '/')
		name++;
	return xstrdup(name);
}

const struct doc *docs_find(const struct docs *d, const char *name)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].name, name) == 0)
			return &d->v[i];
	return NULL;
}

/* Adds the document, or replaces one of that name that was not kept before. */
void docs_add(struct docs *d, const char *name, char *data, size_t len, enum doc_state st)
{
	struct doc *old = (struct doc *)docs_find(d, name);
	if (old) {
		d->bytes -= old->len;
		free(old->data);
		*old = (struct doc){ old->name, data, len, st };
	} else {
		GROW(d->v, d->cap, d->n);
		d->v[d->n++] = (struct doc){ xstrdup(name), data, len, st };
	}
	d->bytes += len;
}

static bool have_doc(const struct arc *x, const char *name)
{
	const struct doc *d = docs_find(&x->docs, name);
	return d && d->state != DOC_NO_ROOM;
}

void docs_free(struct docs *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].name);
		free(d->v[i].data);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* Reads the rest of a JSON entry into x->docs; what was not kept is recorded with the reason. */
static void read_doc(struct arc *x, struct entry_in *e, const char *name)
{
	struct buf b = { 0 };
	const void *p;
	ssize_t n;
	enum doc_state st = DOC_OK;
	bool manifest = strcmp(name, "manifest.json") == 0;
	while (st == DOC_OK && (n = entry_next(&e->in, &p)) > 0) {
		if (b.len + (size_t)n > IMGSRC_JSON_MAX)
			st = DOC_TOO_LARGE;
		else if (!manifest && x->docs.bytes + b.len + (size_t)n > DOCS_MAX)
			st = DOC_NO_ROOM;     /* manifest.json is always read: it says what to keep */
		else
			buf_add(&b, p, (size_t)n);
	}
	if (st == DOC_OK && n < 0) {
		findings_error(x->errs, x->image, 0, "%s: %s", name, e->in.err);
		free(b.s);
		return;
	}
	if (st != DOC_OK) {
		free(b.s);
		docs_add(&x->docs, name, NULL, 0, st);
		return;
	}
	docs_add(&x->docs, name, b.s ? b.s : xstrdup(""), b.len, DOC_OK);
}

static bool looks_json(const unsigned char *s, size_t n)
{
	size_t i = 0;
	if (n >= 262 && memcmp(s + 257, "ustar", 5) == 0)
		return false;    /* a tar whose first name starts with '{' */
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
		i++;
	return i < n && (s[i] == '{' || s[i] == '[');
}

static bool compressed(const unsigned char *p, size_t n)
{
	return n >= 4 && ((p[0] == 0x1f && p[1] == 0x8b) ||
	                  (p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd));
}

/* The digest the layer's stored bytes must have: the one its name says (blobs/sha256/<hex>), or
 * for a plain tar the diff_id its config gives it. */
static const char *key_for(struct arc *x, const char *name, const void *first, size_t n,
                           char *tmp, size_t tmpn)
{
	const struct doc *k = docs_find(&x->keys, name);
	if (k)
		return compressed(first, n) ? NULL : k->data;
	if (str_prefix(name, "blobs/sha256/") && !strchr(name + 13, '/')) {
		snprintf(tmp, tmpn, "sha256:%s", name + 13);
		char *check = imgsrc_blob_path(tmp);
		bool ok = check && strcmp(check, name) == 0;
		free(check);
		return ok ? tmp : NULL;
	}
	return NULL;
}

static void scan_layer(struct arc *x, struct entry_in *e, const char *name, uint64_t size)
{
	char tmp[160];
	const char *key = key_for(x, name, e->head, e->nhead, tmp, sizeof tmp);
	struct scanned *s = scanned_add(&x->layers, name);
	size_t i = (size_t)(s - x->layers.v);
	GROW(x->held, x->cap_held, i);
	memset(&x->held[i], 0, sizeof x->held[i]);
	imgsrc_layer(&e->in, size, x->image, key, x->cache, x->o, s, &x->held[i]);
}

/* The configs the manifest names are all here: a file's first pass is done. */
static bool have_configs(const struct arc *x)
{
	for (size_t i = 0; i < x->configs.n; i++)
		if (!have_doc(x, x->configs.v[i]))
			return false;
	return true;
}

static void one_entry(struct arc *x, struct archive *a, struct archive_entry *ae)
{
	if (archive_entry_filetype(ae) != AE_IFREG)
		return;
	char *name = arc_norm(archive_entry_pathname(ae) ? archive_entry_pathname(ae) : "");
	bool manifest = strcmp(name, "manifest.json") == 0;
	bool config = !have_doc(x, name) && (!x->planned || names_has(&x->configs, name));
	bool layer = !x->prepass && !scanned_find(&x->layers, name) &&
	             (x->planned ? names_has(&x->wanted, name) : !docs_find(&x->docs, name));
	if (x->planned ? !config && !layer : !(manifest || config || layer)) {
		free(name);
		return;
	}
	struct entry_in e = { { entry_next, NULL, "" }, a, { 0 }, 0, false, NULL, 0 };
	if (read_head(&e) < 0) {
		findings_error(x->errs, x->image, 0, "%s: %s", name, e.in.err);
	} else if (manifest && !x->planned) {
		read_doc(x, &e, name);
		manifest_plan(x);
	} else if (config && (x->planned || looks_json(e.head, e.nhead))) {
		read_doc(x, &e, name);
		if (x->planned)
			manifest_learn_keys(x, name);
	} else if (layer) {
		scan_layer(x, &e, name,
		           archive_entry_size(ae) > 0 ? (uint64_t)archive_entry_size(ae) : 0);
	}
	x->stop = x->prepass && x->planned && have_configs(x);
	free(name);
}

/* Every entry of the outer archive, until x->stop; -1 when it broke (what was read is kept). */
static int walk(struct arc *x, struct archive *a)
{
	struct archive_entry *ae;
	while (!x->stop) {
		int r = archive_read_next_header(a, &ae);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r < ARCHIVE_WARN) {
			findings_error(x->errs, x->image, 0, "the image archive is unreadable: %s",
			               archive_error_string(a));
			return -1;
		}
		if (++x->entries > ENTRIES_MAX) {
			findings_error(x->errs, x->image, 0, "the image archive has more than %u entries; "
			               "the rest is not read", ENTRIES_MAX);
			return -1;
		}
		one_entry(x, a, ae);
	}
	return 0;
}

static void arc_free(struct arc *x)
{
	for (size_t i = 0; i < x->layers.n; i++)
		findings_free(&x->held[i]);
	free(x->held);
	scanned_free(&x->layers);
	docs_free(&x->docs);
	docs_free(&x->keys);
	names_free(&x->configs);
	names_free(&x->wanted);
	json_decref(x->man);
	layer_cache_close(x->cache);
}

static struct archive *tar_reader(void)
{
	struct archive *a = archive_read_new();
	archive_read_support_format_tar(a);
	return a;
}

/* A regular file's first pass: manifest.json and the configs, every layer skipped unread. -1
 * when the archive broke (the second pass reports it). */
static int prepass(struct arc *x, int fd)
{
	struct archive *a = tar_reader();
	int rc = -1;
	struct findings quiet = { 0 }, *errs = x->errs;   /* the second pass reports what is wrong */
	x->errs = &quiet;
	x->prepass = true;
	if (archive_read_open_fd(a, fd, 1 << 20) == ARCHIVE_OK)
		rc = walk(x, a);
	archive_read_free(a);
	x->prepass = x->stop = false;
	x->entries = 0;
	x->errs = errs;
	findings_free(&quiet);
	return rc;
}

struct user_stream {
	ssize_t (*read)(void *ctx, void *buf, size_t n);
	void *ctx;
	char *buf;
};

static la_ssize_t user_read(struct archive *a, void *ctx, const void **p)
{
	struct user_stream *u = ctx;
	ssize_t n = u->read(u->ctx, u->buf, 1 << 20);
	if (n < 0)
		archive_set_error(a, -1, "the image stream failed");
	*p = u->buf;
	return n;
}

static ssize_t fd_read(void *ctx, void *buf, size_t n)
{
	ssize_t r;
	while ((r = read(*(int *)ctx, buf, n)) < 0 && errno == EINTR)
		;
	return r;
}

/* One pass over a stream, then the image. */
static int read_stream(struct arc *x, ssize_t (*read)(void *ctx, void *buf, size_t n), void *ctx,
                       struct image_read *out)
{
	struct user_stream u = { read, ctx, xmalloc(1 << 20) };
	struct archive *a = tar_reader();
	int rc = -1;
	if (archive_read_open(a, &u, NULL, user_read, NULL) != ARCHIVE_OK) {
		findings_error(x->errs, x->image, 0, "the image stream is unreadable: %s",
		               archive_error_string(a));
	} else {
		walk(x, a);
		rc = manifest_finish(x, out);
	}
	archive_read_free(a);
	free(u.buf);
	return rc;
}

/* A file: first manifest.json and the configs, then the layers they name. */
static int read_file(struct arc *x, int fd, struct image_read *out)
{
	bool whole = prepass(x, fd) == 0;
	struct archive *a = tar_reader();
	int rc = -1;
	if (whole && !x->planned) {
		rc = manifest_finish(x, out);      /* no manifest.json: nothing names a layer */
	} else if (lseek(fd, 0, SEEK_SET) != 0 ||
	           archive_read_open_fd(a, fd, 1 << 20) != ARCHIVE_OK) {
		findings_error(x->errs, x->image, 0, "cannot read the image archive: %s",
		               archive_error_string(a) ? archive_error_string(a) : strerror(errno));
	} else {
		walk(x, a);
		rc = manifest_finish(x, out);
	}
	archive_read_free(a);
	return rc;
}

/* tar_path "-" is stdin; a path that is no regular file (a pipe) is read as a stream. */
int imgsrc_docker_archive(const char *tar_path, const char *want_ref,
                          const struct imgsrc_opts *o, struct image_read *out,
                          struct findings *errs)
{
	memset(out, 0, sizeof *out);
	const char *why;
	if (!archive_api_load(&why)) {
		findings_error(errs, tar_path, 0, "%s", why);
		return -1;
	}
	bool std_in = strcmp(tar_path, "-") == 0;
	struct arc x = { std_in ? "stdin" : tar_path, want_ref, o,
	                 layer_cache_open(o->cache_path, o->hook, errs), errs };
	int fd = std_in ? 0 : open(tar_path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	int rc = -1;
	if (fd < 0 || fstat(fd, &st) != 0)
		findings_error(errs, x.image, 0, "cannot read the image archive: %s", strerror(errno));
	else if (S_ISDIR(st.st_mode))
		findings_error(errs, x.image, 0, "cannot read the image archive: %s", strerror(EISDIR));
	else if (S_ISREG(st.st_mode))
		rc = read_file(&x, fd, out);
	else
		rc = read_stream(&x, fd_read, &fd, out);
	if (fd > 0)
		close(fd);
	arc_free(&x);
	return rc;
}

int imgsrc_stream(ssize_t (*read)(void *ctx, void *buf, size_t n), void *ctx, const char *name,
                  const struct imgsrc_opts *o, struct image_read *out, struct findings *errs)
{
	memset(out, 0, sizeof *out);
	const char *image = name ? name : "image stream", *why;
	if (!archive_api_load(&why)) {
		findings_error(errs, image, 0, "%s", why);
		return -1;
	}
	struct arc x = { image, NULL, o, layer_cache_open(o->cache_path, o->hook, errs), errs };
	/* A name that is not in the archive's RepoTags (an id, a digest): the first image. */
	int rc = read_stream(&x, read, ctx, out);
	if (rc == 0 && name) {
		free(out->ref);
		out->ref = xstrdup(name);
	}
	arc_free(&x);
	return rc;
}
