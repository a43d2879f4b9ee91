/* The layer walker and the image sources over images written by the test: layers made with
 * libarchive's writer (plain, gzip, zstd), docker-archive and OCI layouts in a temporary dir. */
#include "test.h"
#include "collect/imgsrc.h"
#include "collect/layer.h"
#include "util/util.h"
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <ftw.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

enum { PLAIN, GZIP, ZSTD };

struct te { const char *name; int type; unsigned mode; const char *data; size_t len; const char *link; };
#define F(n, m, d) { n, AE_IFREG, m, d, sizeof(d) - 1, NULL }
#define D(n, m) { n, AE_IFDIR, m, NULL, 0, NULL }
#define HL(n, t) { n, AE_IFREG, 0644, NULL, 0, t }

static const char pem[] = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                          "-----END OPENSSH PRIVATE KEY-----\n";

/* ---- building layers and images ---- */

static char *digest_hex(const void *p, size_t n)
{
	unsigned char md[32];
	unsigned len;
	EVP_Digest(p, n, md, &len, EVP_sha256(), NULL);
	char *s = xmalloc(65);
	for (int i = 0; i < 32; i++)
		snprintf(s + 2 * i, 3, "%02x", md[i]);
	return s;
}

/* A tar of v (NULL name ends it), compressed as asked; *len its size. */
static char *tar_of(const struct te *v, int filter, size_t *len)
{
	size_t cap = 1 << 20;
	char *buf = xmalloc(cap);
	struct archive *a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	if (filter == GZIP)
		archive_write_add_filter_gzip(a);
	if (filter == ZSTD)
		archive_write_add_filter_zstd(a);
	archive_write_set_bytes_in_last_block(a, 1);
	archive_write_open_memory(a, buf, cap, len);
	for (; v->name; v++) {
		struct archive_entry *e = archive_entry_new();
		archive_entry_set_pathname(e, v->name);
		archive_entry_set_filetype(e, (unsigned)v->type);
		archive_entry_set_perm(e, v->mode);
		if (v->link)
			archive_entry_set_hardlink(e, v->link);
		else
			archive_entry_set_size(e, (la_int64_t)v->len);
		archive_write_header(a, e);
		if (v->len)
			archive_write_data(a, v->data, v->len);
		archive_entry_free(e);
	}
	archive_write_close(a);
	archive_write_free(a);
	return buf;
}

struct layer { char *bytes; size_t len; char *diff_id; char *blob; };

static struct layer mklayer(const struct te *v, int filter)
{
	struct layer l;
	size_t n;
	char *plain = tar_of(v, PLAIN, &n);
	char *hex = digest_hex(plain, n);
	l.diff_id = xasprintf("sha256:%s", hex);
	free(hex);
	if (filter == PLAIN) {
		l.bytes = plain;
		l.len = n;
	} else {
		free(plain);
		l.bytes = tar_of(v, filter, &l.len);
	}
	hex = digest_hex(l.bytes, l.len);
	l.blob = xasprintf("sha256:%s", hex);
	free(hex);
	return l;
}

static void layer_free(struct layer *l)
{
	free(l->bytes);
	free(l->diff_id);
	free(l->blob);
}

static char *config_json(struct layer *ls, size_t n, const char *tamper)
{
	struct buf b = { 0 };
	buf_adds(&b, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"app\"},"
	             "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[");
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s\"%s\"", i ? "," : "", i == 0 && tamper ? tamper : ls[i].diff_id);
	buf_adds(&b, "]},\"history\":[{\"created_by\":\"ENV A=1\",\"empty_layer\":true}");
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, ",{\"created_by\":\"RUN step %zu\"}", i);
	buf_adds(&b, "]}");
	return buf_take(&b);
}

/* docker save, legacy layout: layers first, manifest.json last (as the engine streams it). */
static void write_docker(const char *path, struct layer *ls, size_t n, const char *config,
                         const char *manifest_extra)
{
	struct archive *a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	archive_write_open_filename(a, path);
	struct buf m = { 0 };
	char *cfghex = digest_hex(config, strlen(config));
	buf_printf(&m, "[{\"Config\":\"%s.json\",\"RepoTags\":[\"bw/test:1\"],\"Layers\":[", cfghex);
	for (size_t i = 0; i < n; i++) {
		char *name = xasprintf("l%zu/layer.tar", i);
		test_tar_add(a, name, ls[i].bytes, ls[i].len);
		buf_printf(&m, "%s\"%s\"", i ? "," : "", name);
		free(name);
	}
	if (manifest_extra)
		buf_printf(&m, ",\"%s\"", manifest_extra);
	buf_adds(&m, "]}]");
	char *cfgname = xasprintf("%s.json", cfghex);
	test_tar_add(a, cfgname, config, strlen(config));
	test_tar_add(a, "manifest.json", m.s, m.len);
	archive_write_close(a);
	archive_write_free(a);
	free(cfgname);
	free(cfghex);
	free(m.s);
}

static void write_file(const char *dir, const char *rel, const void *p, size_t n)
{
	char *path = xasprintf("%s/%s", dir, rel);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0 && write(fd, p, n) == (ssize_t)n);
	close(fd);
	free(path);
}

static char *write_blob(const char *dir, const void *p, size_t n)
{
	char *hex = digest_hex(p, n);
	char *rel = xasprintf("blobs/sha256/%s", hex);
	write_file(dir, rel, p, n);
	free(rel);
	char *d = xasprintf("sha256:%s", hex);
	free(hex);
	return d;
}

static const char *media(struct layer *l)
{
	unsigned char c = (unsigned char)l->bytes[0];
	return c == 0x1f ? "application/vnd.oci.image.layer.v1.tar+gzip"
	     : c == 0x28 ? "application/vnd.oci.image.layer.v1.tar+zstd"
	                 : "application/vnd.oci.image.layer.v1.tar";
}

/* An OCI layout whose index.json points to a nested index, which lists the manifest. */
static void write_oci(const char *dir, struct layer *ls, size_t n, const char *config)
{
	char *sub = xasprintf("%s/blobs", dir), *sub2 = xasprintf("%s/blobs/sha256", dir);
	mkdir(dir, 0755);
	mkdir(sub, 0755);
	mkdir(sub2, 0755);
	free(sub);
	free(sub2);
	write_file(dir, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}", 30);
	char *cfgd = write_blob(dir, config, strlen(config));
	struct buf m = { 0 };
	buf_printf(&m, "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
	               "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
	               "\"digest\":\"%s\",\"size\":%zu},\"layers\":[", cfgd, strlen(config));
	for (size_t i = 0; i < n; i++) {
		char *d = write_blob(dir, ls[i].bytes, ls[i].len);
		buf_printf(&m, "%s{\"mediaType\":\"%s\",\"digest\":\"%s\",\"size\":%zu}", i ? "," : "",
		           media(&ls[i]), ls[i].blob, ls[i].len);
		free(d);
	}
	buf_adds(&m, "]}");
	char *md = write_blob(dir, m.s, m.len);
	char *idx = xasprintf("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
	                      "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"%s\","
	                      "\"size\":%zu,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}",
	                      md, m.len);
	char *idxd = write_blob(dir, idx, strlen(idx));
	char *top = xasprintf("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
	                      "\"application/vnd.oci.image.index.v1+json\",\"digest\":\"%s\",\"size\":%zu,"
	                      "\"annotations\":{\"org.opencontainers.image.ref.name\":\"v1\"}}]}",
	                      idxd, strlen(idx));
	write_file(dir, "index.json", top, strlen(top));
	free(cfgd);
	free(m.s);
	free(md);
	free(idx);
	free(idxd);
	free(top);
}

static char *tmpdir(void)
{
	char t[] = "/tmp/bw-layers-XXXXXX";
	return xstrdup(mkdtemp(t));
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(p);
}

static void rmdir_all(char *d)
{
	nftw(d, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(d);
}

/* ---- the test hook: records what it was asked to open, finds "AKIAFAKESECRET" ---- */

struct hook_log { char *paths[64]; size_t n; };
struct hstate { bool hit; char tail[16]; };

static void *h_open(void *arg, const char *path)
{
	struct hook_log *l = arg;
	if (l->n < 64)
		l->paths[l->n++] = xstrdup(path);
	return xcalloc(1, sizeof(struct hstate));
}

static void h_feed(void *st, const void *buf, size_t n)
{
	struct hstate *s = st;
	if (memmem(buf, n, "AKIAFAKESECRET", 14))
		s->hit = true;
}

static void h_close(void *st, struct img_file *f)
{
	struct hstate *s = st;
	if (s->hit) {
		f->secrets = xcalloc(1, sizeof *f->secrets);
		f->secrets[0] = (struct img_secret){ xstrdup("aws-access-key-id"), xstrdup("AWS key"),
		                                     SEV_HIGH, 1, xstrdup("AKIA…(14 chars)") };
		f->nsecrets = 1;
	}
	free(s);
}

static bool hook_saw(struct hook_log *l, const char *path)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->paths[i], path) == 0)
			return true;
	return false;
}

static void hook_log_free(struct hook_log *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	l->n = 0;
}

/* ---- the standard three-layer image ---- */

static const char shadow[] = "root:$6$salt$hash:19000:0:99999:7:::\nbin:*:19000::::::\n";
static const char passwd[] = "root:x:0:0::/root:/bin/sh\r\n# c\n\nshort:x\ntoor::0:0::/:\n";
static const char dcfg[] = "{\"auths\":{\"registry.example\":{\"auth\":\"dXNlcjpwdw==\"}}}";
static const char keybin[] = "\0\1\2-----BEGIN RSA PRIVATE KEY-----\nxx\n";

static void std_layers(struct layer ls[3])
{
	const struct te l0[] = {
		D("app/", 0755), F("app/.env", 0644, "TOKEN=AKIAFAKESECRET\n"),
		F("app/notes.txt", 0644, "see AKIAFAKESECRET here\n"),
		F("app/readme.txt", 0644, "nothing\n"),
		F("root/.ssh/id_rsa", 0600, pem), F("etc/shadow", 0640, shadow),
		F("usr/bin/sudo", 04755, "ELF\0sudo"), D("tmp/", 01777), D("data/", 0777),
		F("data/x.pem", 0600, pem), F("opt/cert.pem", 0644, "-----BEGIN CERTIFICATE-----\n"),
		{ "opt/priv.key", AE_IFREG, 0600, keybin, sizeof keybin - 1, NULL },
		F("home/u/.docker/config.json", 0600, dcfg), F("src/main.c", 0644, "int main;\n"),
		F("var/cache/apt/archives/a.deb", 0644, "a"), F("var/cache/apt/archives/b.deb", 0644, "b"),
		F("var/cache/apt/archives/c.deb", 0644, "c"), F("var/cache/apt/archives/d.deb", 0644, "d"),
		F("var/cache/apt/archives/lock", 0644, ""), D("srv/.git/", 0755),
		F("srv/keep.txt", 0644, "k"), { 0 } };
	const struct te l1[] = {
		F("app/.wh..env", 0644, ""), F("data/.wh..wh..opq", 0644, ""),
		F("usr/bin/sudo", 0755, "ELF\0new"), F("usr/sbin/sshd", 0755, "ELF\0sshd"), { 0 } };
	const struct te l2[] = { F("srv/.wh..git", 0644, ""), F("etc/gshadow", 0640, "root:!::\n"),
	                         D("tmp/", 0777), F("etc/passwd", 0644, passwd),
	                         F("etc/group", 0644, "root:x:0:\n+:::\nbad:x:4294967296:\n"),
	                         { 0 } };
	ls[0] = mklayer(l0, PLAIN);
	ls[1] = mklayer(l1, GZIP);
	ls[2] = mklayer(l2, ZSTD);
}

static const struct img_file *find(const struct image_read *r, const char *path, size_t layer)
{
	for (size_t i = 0; i < r->fs.nfiles; i++)
		if (strcmp(r->fs.files[i].path, path) == 0 && r->fs.files[i].layer == layer)
			return &r->fs.files[i];
	return NULL;
}

/* The account databases' entries, the same whether scanned or from the cache. */
static void check_accounts(const struct image_read *r)
{
	const struct img_file *f = find(r, "/etc/shadow", 0);
	CHECK(f && f->acctdb == ACCT_SHADOW && f->naccounts == 2);
	if (f && f->naccounts == 2)
		CHECK(!f->accounts[0].empty_password && !f->accounts[1].empty_password &&
		      !strcmp(f->accounts[1].name, "bin") && f->accounts[1].line == 2);
	f = find(r, "/etc/gshadow", 2);
	CHECK(f && f->acctdb == ACCT_NONE && f->naccounts == 0);
	f = find(r, "/etc/passwd", 2);      /* CR LF, a comment, a blank and a short line */
	CHECK(f && f->acctdb == ACCT_PASSWD && f->visible && f->naccounts == 2);
	if (f && f->naccounts == 2) {
		CHECK_STR(f->accounts[0].name, "root");
		CHECK_STR(f->accounts[1].name, "toor");
		CHECK(f->accounts[1].has_id && f->accounts[1].id == 0 && f->accounts[1].line == 5);
	}
	f = find(r, "/etc/group", 2);       /* an NIS line; an id past 32 bits is no id */
	CHECK(f && f->acctdb == ACCT_GROUP && f->naccounts == 2);
	if (f && f->naccounts == 2)
		CHECK(f->accounts[0].has_id && !f->accounts[1].has_id && f->accounts[1].line == 3);
}

static void check_std(const struct image_read *r)
{
	CHECK_INT(r->fs.nlayers, 3);
	if (r->fs.nlayers != 3)
		return;
	for (size_t i = 0; i < 3; i++) {
		CHECK(r->fs.layers[i].verified);
		CHECK(!r->fs.layers[i].failed);
	}
	CHECK_STR(r->fs.layers[1].created_by, "RUN step 1");
	/* tar entries per layer, the same whether scanned or from the cache */
	CHECK_INT(r->fs.layers[0].entries, 21);
	CHECK_INT(r->fs.layers[1].entries, 4);
	CHECK_INT(r->fs.layers[2].entries, 5);
	const struct img_file *f = find(r, "/app/.env", 0);
	CHECK(f && !f->visible && f->nsecrets == 1);
	f = find(r, "/app/notes.txt", 0);
	CHECK(f && f->visible && f->nsecrets == 1);
	CHECK(!find(r, "/app/readme.txt", 0));
	f = find(r, "/root/.ssh/id_rsa", 0);
	CHECK(f && f->visible && (f->flags & IMGF_PRIVATE_KEY));
	f = find(r, "/etc/shadow", 0);
	CHECK(f && (f->flags & IMGF_SHADOW_HASH));
	f = find(r, "/etc/gshadow", 2);
	CHECK(f && !(f->flags & IMGF_SHADOW_HASH));
	check_accounts(r);
	f = find(r, "/usr/bin/sudo", 0);
	CHECK(f && !f->visible && f->mode == 04755);
	f = find(r, "/usr/bin/sudo", 1);
	CHECK(f && f->visible);
	CHECK(find(r, "/usr/sbin/sshd", 1));
	CHECK(!find(r, "/tmp", 0));                /* sticky */
	f = find(r, "/tmp", 2);                    /* the same directory again, not sticky */
	CHECK(f && f->visible && f->mode == 0777);
	f = find(r, "/data", 0);
	CHECK(f && f->visible && f->type == IMG_DIR);
	f = find(r, "/data/x.pem", 0);
	CHECK(f && !f->visible);
	CHECK(!find(r, "/opt/cert.pem", 0));
	f = find(r, "/opt/priv.key", 0);
	CHECK(f && f->binary && (f->flags & IMGF_PRIVATE_KEY));
	f = find(r, "/home/u/.docker/config.json", 0);
	CHECK(f && (f->flags & IMGF_DOCKER_AUTH));
	CHECK(find(r, "/src/main.c", 0));
	CHECK_INT(r->fs.layers[0].source_files, 1);
	CHECK(find(r, "/var/cache/apt/archives/c.deb", 0));
	CHECK(!find(r, "/var/cache/apt/archives/d.deb", 0));
	CHECK_INT(r->fs.layers[0].ncaches, 1);
	if (r->fs.layers[0].ncaches)
		CHECK_INT(r->fs.layers[0].caches[0].files, 4);
	f = find(r, "/srv/.git", 0);
	CHECK(f && !f->visible);
	CHECK(!find(r, "/srv/keep.txt", 0));
}

static void std_free(struct layer ls[3])
{
	for (int i = 0; i < 3; i++)
		layer_free(&ls[i]);
}

TEST(layers_docker_archive)
{
	char *dir = tmpdir();
	struct layer ls[3];
	std_layers(ls);
	char *cfg = config_json(ls, 3, NULL);
	char *tar = xasprintf("%s/img.tar", dir);
	write_docker(tar, ls, 3, cfg, NULL);
	struct hook_log log = { 0 };
	struct content_hook hook = { h_open, h_feed, h_close, &log, "test" };
	struct imgsrc_opts o = { .hook = &hook };
	struct image_read r;
	struct findings errs = { 0 };
	CHECK_INT(imgsrc_docker_archive(tar, NULL, &o, &r, &errs), 0);
	CHECK_INT(errs.nerrors, 0);
	CHECK_STR(r.ref, "bw/test:1");
	CHECK(json_is_object(r.config));
	check_std(&r);
	CHECK(hook_saw(&log, "/app/.env"));
	CHECK(!hook_saw(&log, "/usr/bin/sudo"));   /* binary */
	CHECK_INT(r.layers_scanned, 3);
	image_read_free(&r);
	/* Asked by tag without ":latest", and for an image it does not hold. */
	CHECK_INT(imgsrc_docker_archive(tar, "bw/test:1", &o, &r, &errs), 0);
	image_read_free(&r);
	CHECK_INT(imgsrc_docker_archive(tar, "other:2", &o, &r, &errs), -1);
	CHECK_INT(errs.nerrors, 1);
	findings_free(&errs);
	hook_log_free(&log);
	free(tar);
	free(cfg);
	std_free(ls);
	rmdir_all(dir);
}

struct mem { const char *p; size_t n, at; };
static ssize_t mem_read(void *ctx, void *buf, size_t n)
{
	struct mem *m = ctx;
	size_t k = m->n - m->at < n ? m->n - m->at : n;
	k = k > 1000 ? 1000 : k;      /* small reads: blocks never line up with entries */
	memcpy(buf, m->p + m->at, k);
	m->at += k;
	return (ssize_t)k;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct buf b = { 0 };
	char tmp[4096];
	size_t k;
	while (f && (k = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, k);
	if (f)
		fclose(f);
	*n = b.len;
	return b.s;
}

TEST(layers_stream)
{
	char *dir = tmpdir();
	struct layer ls[3];
	std_layers(ls);
	char *cfg = config_json(ls, 3, NULL);
	char *tar = xasprintf("%s/img.tar", dir);
	write_docker(tar, ls, 3, cfg, NULL);
	struct mem m = { 0 };
	char *data = slurp(tar, &m.n);
	m.p = data;
	struct hook_log log = { 0 };
	struct content_hook hook = { h_open, h_feed, h_close, &log, "test" };
	struct imgsrc_opts o = { .hook = &hook };
	struct image_read r;
	struct findings errs = { 0 };
	CHECK_INT(imgsrc_stream(mem_read, &m, "bw/test:1", &o, &r, &errs), 0);
	CHECK_INT(errs.nerrors, 0);
	check_std(&r);
	image_read_free(&r);
	findings_free(&errs);
	hook_log_free(&log);
	free(data);
	free(tar);
	free(cfg);
	std_free(ls);
	rmdir_all(dir);
}

TEST(layers_oci_layout)
{
	char *dir = tmpdir();
	char *oci = xasprintf("%s/oci", dir);
	struct layer ls[3];
	std_layers(ls);
	char *cfg = config_json(ls, 3, NULL);
	write_oci(oci, ls, 3, cfg);
	struct hook_log log = { 0 };
	struct content_hook hook = { h_open, h_feed, h_close, &log, "test" };
	struct imgsrc_opts o = { .hook = &hook };
	struct image_read r;
	struct findings errs = { 0 };
	CHECK_INT(imgsrc_oci_layout(oci, "v1", &o, &r, &errs), 0);
	CHECK_INT(errs.nerrors, 0);
	check_std(&r);
	image_read_free(&r);
	CHECK_INT(imgsrc_oci_layout(oci, NULL, &o, &r, &errs), 0);
	CHECK_STR(r.ref, "v1");
	image_read_free(&r);
	CHECK_INT(imgsrc_oci_layout(oci, "v2", &o, &r, &errs), -1);
	CHECK_INT(errs.nerrors, 1);
	findings_free(&errs);
	hook_log_free(&log);
	free(oci);
	free(cfg);
	std_free(ls);
	rmdir_all(dir);
}

TEST(layers_tampered)
{
	char *dir = tmpdir();
	struct layer ls[3];
	std_layers(ls);
	/* The config promises another layer 0; the OCI blob of layer 1 is altered after its
	 * digest went into the manifest. */
	char *cfg = config_json(ls, 3, "sha256:0000000000000000000000000000000000000000000000000000000000000000");
	char *tar = xasprintf("%s/img.tar", dir);
	write_docker(tar, ls, 3, cfg, NULL);
	struct imgsrc_opts o = { 0 };
	struct image_read r;
	struct findings errs = { 0 };
	CHECK_INT(imgsrc_docker_archive(tar, NULL, &o, &r, &errs), 0);
	CHECK(r.fs.nlayers == 3 && !r.fs.layers[0].verified && r.fs.layers[1].verified);
	image_read_free(&r);
	free(cfg);
	cfg = config_json(ls, 3, NULL);
	char *oci = xasprintf("%s/oci", dir);
	write_oci(oci, ls, 3, cfg);
	char *blob = xasprintf("%s/blobs/sha256/%s", oci, ls[1].blob + 7);
	size_t n;
	char *zbytes = slurp(blob, &n);
	/* Same uncompressed content, different gzip bytes: only the blob digest breaks. */
	zbytes[4] ^= 1;     /* the gzip header's mtime */
	int fd = open(blob, O_WRONLY | O_TRUNC);
	CHECK(write(fd, zbytes, n) == (ssize_t)n);
	close(fd);
	CHECK_INT(imgsrc_oci_layout(oci, NULL, &o, &r, &errs), 0);
	CHECK(r.fs.nlayers == 3 && r.fs.layers[0].verified && !r.fs.layers[1].verified &&
	      !r.fs.layers[1].failed);
	CHECK_INT(errs.nerrors, 0);
	image_read_free(&r);
	findings_free(&errs);
	free(zbytes);
	free(blob);
	free(oci);
	free(tar);
	free(cfg);
	std_free(ls);
	rmdir_all(dir);
}

TEST(layers_cache)
{
	char *dir = tmpdir();
	struct layer ls[3];
	std_layers(ls);
	char *cfg = config_json(ls, 3, NULL);
	char *tar = xasprintf("%s/img.tar", dir), *oci = xasprintf("%s/oci", dir);
	char *db = xasprintf("%s/cache/bulwark/layers.db", dir);
	write_docker(tar, ls, 3, cfg, NULL);
	write_oci(oci, ls, 3, cfg);
	struct hook_log log = { 0 };
	struct content_hook hook = { h_open, h_feed, h_close, &log, "test" };
	struct imgsrc_opts o = { .hook = &hook, .cache_path = db };
	struct image_read r;
	struct findings errs = { 0 };
	/* Layers 1 and 2 of this docker-archive are compressed: their names say nothing of their
	 * stored digest, so only layer 0 (a plain tar, stored digest = diff_id) is found early. */
	for (int round = 0; round < 2; round++) {
		CHECK_INT(imgsrc_docker_archive(tar, NULL, &o, &r, &errs), 0);
		CHECK_INT(r.layers_cached, round ? 1 : 0);
		check_std(&r);
		image_read_free(&r);
	}
	/* The OCI blobs are the same bytes, known by digest before they are read. */
	for (int round = 0; round < 2; round++) {
		CHECK_INT(imgsrc_oci_layout(oci, NULL, &o, &r, &errs), 0);
		CHECK_INT(r.layers_cached, 3);
		CHECK(r.fs.nlayers == 3 && r.fs.layers[2].cached);
		check_std(&r);
		image_read_free(&r);
	}
	struct stat st;
	CHECK(stat(db, &st) == 0 && (st.st_mode & 0777) == 0600);
	char *cdir = xasprintf("%s/cache/bulwark", dir);
	CHECK(stat(cdir, &st) == 0 && (st.st_mode & 0777) == 0700);
	free(cdir);
	CHECK_INT(errs.nerrors, 0);
	CHECK_INT(errs.nwarnings, 0);
	/* A damaged cache file: a warning, and the image is still read. */
	write_file(dir, "bad.db", "this is not a database, not at all, not even close......", 56);
	char *bad = xasprintf("%s/bad.db", dir);
	o.cache_path = bad;
	CHECK_INT(imgsrc_docker_archive(tar, NULL, &o, &r, &errs), 0);
	CHECK_INT(errs.nerrors, 0);
	CHECK(errs.nwarnings >= 1);
	check_std(&r);
	image_read_free(&r);
	findings_free(&errs);
	hook_log_free(&log);
	free(bad);
	free(db);
	free(tar);
	free(oci);
	free(cfg);
	std_free(ls);
	rmdir_all(dir);
}

/* Reads a docker-archive of layers, expecting nerr errors and every good layer verified. */
static struct image_read read_layers(struct layer *ls, size_t n, const struct imgsrc_opts *o,
                                     struct findings *errs)
{
	char *dir = tmpdir();
	char *cfg = config_json(ls, n, NULL);
	char *tar = xasprintf("%s/img.tar", dir);
	write_docker(tar, ls, n, cfg, NULL);
	struct image_read r;
	CHECK_INT(imgsrc_docker_archive(tar, NULL, o, &r, errs), 0);
	free(tar);
	free(cfg);
	rmdir_all(dir);
	return r;
}

static bool msg_has(const struct findings *e, const char *s)
{
	for (size_t i = 0; i < e->nerrors; i++)
		if (strstr(e->errors[i].message, s))
			return true;
	return false;
}

TEST(layers_hostile_entries)
{
	const struct te bad[] = {
		F("../../etc/cron.d/x", 0644, "x"), F("/abs/.env", 0644, "A=1"),
		HL("hl", "nowhere"), F("dup/.env", 0644, "A=1"), F("dup/.env", 0644, "B=AKIAFAKESECRET"),
		F("ok/.env", 0644, "C=1"), { 0 } };
	const struct te good[] = { F("root/.netrc", 0600, "machine x password y"), { 0 } };
	struct layer ls[2] = { mklayer(bad, GZIP), mklayer(good, PLAIN) };
	struct hook_log log = { 0 };
	struct content_hook hook = { h_open, h_feed, h_close, &log, "test" };
	struct imgsrc_opts o = { .hook = &hook };
	struct findings errs = { 0 };
	struct image_read r = read_layers(ls, 2, &o, &errs);
	CHECK_INT(errs.nerrors, 4);
	CHECK(msg_has(&errs, "leaves the image root"));
	CHECK(msg_has(&errs, "absolute path"));
	CHECK(msg_has(&errs, "hard link to /nowhere"));
	CHECK(msg_has(&errs, "twice"));
	CHECK(msg_has(&errs, "entry \"../../etc/cron.d/x\""));
	CHECK(find(&r, "/abs/.env", 0));
	const struct img_file *f = find(&r, "/dup/.env", 0);
	CHECK(f && f->nsecrets == 1);
	size_t dups = 0;
	for (size_t i = 0; i < r.fs.nfiles; i++)
		dups += strcmp(r.fs.files[i].path, "/dup/.env") == 0;
	CHECK_INT(dups, 1);
	CHECK(find(&r, "/ok/.env", 0) && find(&r, "/root/.netrc", 1));
	CHECK(r.fs.layers[0].verified && r.fs.layers[1].verified);
	image_read_free(&r);
	findings_free(&errs);
	hook_log_free(&log);
	layer_free(&ls[0]);
	layer_free(&ls[1]);
}

/* An account file over 1 MiB or 10000 entries is kept unparsed, with a warning while it is in
 * the final image. */
TEST(layers_accounts_too_big)
{
	size_t n = (1u << 20) + 14;
	char *big = xmalloc(n);
	for (size_t i = 0; i + 14 <= n; i += 14)
		memcpy(big + i, "root::1::::::\n", 14);
	const struct te l0[] = { { "etc/shadow", AE_IFREG, 0640, big, n, NULL }, { 0 } };
	const struct te l1[] = { F("etc/shadow", 0640, "root:*:1::::::\n"), { 0 } };
	struct layer ls[2] = { mklayer(l0, GZIP), mklayer(l1, PLAIN) };
	struct imgsrc_opts o = { 0 };
	struct findings errs = { 0 };
	struct image_read r = read_layers(ls, 1, &o, &errs);
	const struct img_file *f = find(&r, "/etc/shadow", 0);
	CHECK(f && (f->flags & IMGF_ACCOUNTS_SKIPPED) && f->naccounts == 0);
	CHECK_INT(errs.nerrors, 0);
	CHECK_INT(errs.nwarnings, 1);
	if (errs.nwarnings)
		CHECK_STR(errs.warnings[0].message, "/etc/shadow (layer 0) is 1048590 bytes, more than "
		          "the 1048576 read for the account checks; its entries are not checked");
	image_read_free(&r);
	findings_free(&errs);
	errs = (struct findings){ 0 };
	r = read_layers(ls, 2, &o, &errs);     /* replaced by a later layer: nothing to say */
	f = find(&r, "/etc/shadow", 1);
	CHECK(f && f->visible && f->naccounts == 1);
	CHECK_INT(errs.nwarnings, 0);
	image_read_free(&r);
	findings_free(&errs);
	layer_free(&ls[0]);
	layer_free(&ls[1]);
	/* Small, but more entries than kept: the same, so a layer costs bounded memory. */
	size_t m = 10001 * 12;
	for (size_t i = 0; i < m; i += 12)
		memcpy(big + i, "u:x:1:1::/:\n", 12);
	const struct te many[] = { { "etc/passwd", AE_IFREG, 0644, big, m, NULL }, { 0 } };
	ls[0] = mklayer(many, GZIP);
	errs = (struct findings){ 0 };
	r = read_layers(ls, 1, &o, &errs);
	f = find(&r, "/etc/passwd", 0);
	CHECK(f && (f->flags & IMGF_ACCOUNTS_SKIPPED) && f->naccounts == 0);
	CHECK_INT(errs.nwarnings, 1);
	if (errs.nwarnings)
		CHECK_STR(errs.warnings[0].message, "/etc/passwd (layer 0) has more than 10000 entries, "
		          "the most the account checks read; its entries are not checked");
	image_read_free(&r);
	findings_free(&errs);
	layer_free(&ls[0]);
	free(big);
}

TEST(layers_hostile_streams)
{
	const struct te a[] = { F("a/.env", 0644, "A=1"), { 0 } };
	static char blob[3000];
	const struct te big[] = { { "big.bin", AE_IFREG, 0644, blob, sizeof blob, NULL }, { 0 } };
	/* layer 2's header declares more than the limit: refused there */
	struct layer ls[4] = { mklayer(a, GZIP), mklayer(a, ZSTD), mklayer(big, PLAIN), mklayer(a, PLAIN) };
	ls[0].len /= 2;                            /* truncated gzip */
	ls[1].bytes[4] ^= 0xff;                    /* corrupt zstd: its frame header */
	struct imgsrc_opts o = { .max_layer_bytes = 2048 };   /* layer 2 is larger: a "bomb" */
	struct findings errs = { 0 };
	struct image_read r = read_layers(ls, 4, &o, &errs);
	CHECK_INT(errs.nerrors, 3);
	CHECK(msg_has(&errs, "layer l0/layer.tar: unreadable: gzip stream truncated"));
	CHECK(msg_has(&errs, "layer l1/layer.tar: unreadable: zstd stream corrupt"));
	CHECK(msg_has(&errs, "layer l2/layer.tar: entry \"big.bin\": declares 3000 bytes at "
	              "offset 0, past the limit of 2048 bytes uncompressed per layer"));
	CHECK(r.fs.nlayers == 4 && r.fs.layers[0].failed && r.fs.layers[1].failed &&
	      r.fs.layers[2].failed && !r.fs.layers[3].failed && r.fs.layers[3].verified);
	CHECK(find(&r, "/a/.env", 3));
	image_read_free(&r);
	findings_free(&errs);
	for (int i = 0; i < 4; i++)
		layer_free(&ls[i]);
}

TEST(layers_hostile_manifests)
{
	char *dir = tmpdir();
	const struct te a[] = { F("a/.env", 0644, "A=1"), { 0 } };
	struct layer ls[1] = { mklayer(a, PLAIN) };
	char *cfg = config_json(ls, 1, NULL);
	char *tar = xasprintf("%s/img.tar", dir);
	struct imgsrc_opts o = { 0 };
	struct image_read r;
	struct findings errs = { 0 };
	/* A layer the archive does not hold: reported, the others still there. */
	write_docker(tar, ls, 1, cfg, "missing/layer.tar");
	CHECK_INT(imgsrc_docker_archive(tar, NULL, &o, &r, &errs), 0);
	CHECK(msg_has(&errs, "missing/layer.tar, which the archive does not hold"));
	CHECK(r.fs.nlayers == 2 && r.fs.layers[1].failed && find(&r, "/a/.env", 0));
	image_read_free(&r);
	findings_free(&errs);
	/* A config nested deeper than jansson accepts, and one over the size cap. */
	struct buf deep = { 0 };
	buf_adds(&deep, "{\"rootfs\":");
	for (int i = 0; i < 100000; i++)
		buf_addc(&deep, '[');
	write_docker(tar, ls, 1, deep.s, NULL);
	CHECK_INT(imgsrc_docker_archive(tar, NULL, &o, &r, &errs), -1);
	CHECK_INT(errs.nerrors, 1);
	findings_free(&errs);
	/* A config that is JSON but not an object: one error naming it. */
	write_docker(tar, ls, 1, "[1, 2]", NULL);
	CHECK_INT(imgsrc_docker_archive(tar, NULL, &o, &r, &errs), -1);
	CHECK_INT(errs.nerrors, 1);
	CHECK(msg_has(&errs, ".json is not a JSON object"));
	findings_free(&errs);
	struct buf wide = { 0 };
	buf_adds(&wide, "{\"a\":[");
	for (int i = 0; i < (9 << 20) / 2; i++)
		buf_adds(&wide, "1,");
	buf_adds(&wide, "1]}");
	write_docker(tar, ls, 1, wide.s, NULL);
	CHECK_INT(imgsrc_docker_archive(tar, NULL, &o, &r, &errs), -1);
	CHECK(msg_has(&errs, "larger than"));
	findings_free(&errs);
	/* OCI: a digest that would leave blobs/, and a missing blob. */
	char *oci = xasprintf("%s/oci", dir);
	write_oci(oci, ls, 1, cfg);
	write_file(oci, "index.json", "{\"manifests\":[{\"digest\":\"sha256:../../../etc/passwd\"}]}", 55);
	CHECK_INT(imgsrc_oci_layout(oci, NULL, &o, &r, &errs), -1);
	CHECK(msg_has(&errs, "not alg:hex"));
	findings_free(&errs);
	write_file(oci, "index.json", "{\"manifests\":[{\"digest\":\"sha256:00ff\"}]}", 40);
	CHECK_INT(imgsrc_oci_layout(oci, NULL, &o, &r, &errs), -1);
	CHECK(msg_has(&errs, "blobs/sha256/00ff"));
	findings_free(&errs);
	free(deep.s);
	free(wide.s);
	free(oci);
	free(tar);
	free(cfg);
	layer_free(&ls[0]);
	rmdir_all(dir);
}

TEST(layers_empty)
{
	/* Layers of metadata-only steps: an empty tar (its end marker only), and zero bytes. */
	const struct te none[] = { { 0 } };
	struct layer ls[2] = { mklayer(none, PLAIN), mklayer(none, GZIP) };
	ls[1].len = 0;
	free(ls[1].diff_id);
	ls[1].diff_id = xstrdup("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	struct imgsrc_opts o = { 0 };
	struct findings errs = { 0 };
	struct image_read r = read_layers(ls, 2, &o, &errs);
	CHECK_INT(errs.nerrors, 0);
	CHECK(r.fs.nlayers == 2 && r.fs.layers[0].verified && r.fs.layers[1].verified &&
	      !r.fs.layers[1].failed);
	image_read_free(&r);
	findings_free(&errs);
	layer_free(&ls[0]);
	layer_free(&ls[1]);
}

TEST(layers_norm_path)
{
	char *p;
	bool abs;
	CHECK(layer_norm_path("./a/b/../c", &p, &abs) == 0 && !abs);
	CHECK_STR(p, "/a/c");
	free(p);
	CHECK(layer_norm_path("/x//y/.", &p, &abs) == 0 && abs);
	CHECK_STR(p, "/x/y");
	free(p);
	CHECK(layer_norm_path("a/../../b", &p, &abs) == -1);
	CHECK(layer_norm_path("./", &p, &abs) == 0);
	CHECK_STR(p, "/");
	free(p);
}

/* n bytes as one gzip member (libarchive's raw format: the data alone); *len its size. */
static char *gzip_member(const char *p, size_t n, size_t *len)
{
	size_t cap = n + 4096;
	char *buf = xmalloc(cap);
	struct archive *a = archive_write_new();
	archive_write_set_format_raw(a);
	archive_write_add_filter_gzip(a);
	archive_write_set_bytes_in_last_block(a, 1);
	archive_write_open_memory(a, buf, cap, len);
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, "x");
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_size(e, (la_int64_t)n);
	archive_write_header(a, e);
	archive_write_data(a, p, n);
	archive_entry_free(e);
	archive_write_close(a);
	archive_write_free(a);
	return buf;
}

/* A layer of two gzip members and zero padding, as pigz and some registries write it: read
 * whole; the same with garbage after the first member is an error. */
TEST(layers_gzip_members)
{
	const struct te a[] = { F("a/.env", 0644, "A=1"), F("b/notes.txt", 0644, "hello"), { 0 } };
	struct layer ls[2] = { mklayer(a, PLAIN), mklayer(a, PLAIN) };
	for (int k = 0; k < 2; k++) {
		size_t half = ls[k].len / 2, n1, n2;
		char *m1 = gzip_member(ls[k].bytes, half, &n1);
		char *m2 = gzip_member(ls[k].bytes + half, ls[k].len - half, &n2);
		free(ls[k].bytes);
		ls[k].len = n1 + n2 + 512;
		ls[k].bytes = xcalloc(1, ls[k].len);
		memcpy(ls[k].bytes, m1, n1);
		memcpy(ls[k].bytes + n1, m2, n2);
		if (k == 1)
			ls[k].bytes[n1] = 0x1e;   /* not a gzip member */
		free(m1);
		free(m2);
		char *hex = digest_hex(ls[k].bytes, ls[k].len);
		free(ls[k].blob);
		ls[k].blob = xasprintf("sha256:%s", hex);
		free(hex);
	}
	struct imgsrc_opts o = { 0 };
	struct findings errs = { 0 };
	struct image_read r = read_layers(ls, 2, &o, &errs);
	CHECK_INT(errs.nerrors, 1);
	CHECK(msg_has(&errs, "layer l1/layer.tar: entry \"b/notes.txt\": the layer stream broke"));
	CHECK(r.fs.nlayers == 2 && !r.fs.layers[0].failed && r.fs.layers[0].verified &&
	      r.fs.layers[1].failed);
	CHECK(r.fs.nlayers == 2 && r.fs.layers[0].entries == 2);
	CHECK(find(&r, "/a/.env", 0));
	image_read_free(&r);
	findings_free(&errs);
	layer_free(&ls[0]);
	layer_free(&ls[1]);
}

/* ---- layouts: what docker save (before and since 25) and go-containerregistry write ---- */

struct ent { char *name; const char *p; size_t n; };

static void ent_add(struct ent *v, size_t *n, char *name, const char *p, size_t len)
{
	v[(*n)++] = (struct ent){ name, p, len };
}

static void write_tar(const char *path, const struct ent *v, size_t n)
{
	struct archive *a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	archive_write_open_filename(a, path);
	for (size_t i = 0; i < n; i++)
		test_tar_add(a, v[i].name, v[i].p, v[i].n);
	archive_write_close(a);
	archive_write_free(a);
}

enum layout { LEGACY, DOCKER25, CRANE, CRANE_MANIFEST_FIRST, REORDERED };

/* The std image as `kind` lays it out, in the order it writes it: the entries into v (names
 * owned), their texts kept in *texts to be freed. */
static size_t layout(enum layout kind, struct layer *ls, const char *cfg, struct ent *v,
                     struct buf *texts)
{
	size_t n = 0;
	char *cfghex = digest_hex(cfg, strlen(cfg)), *lname[3], *cname;
	static const char *const ext[3] = { ".tar", ".tar.gz", ".tar.zst" };
	for (int i = 0; i < 3; i++)
		lname[i] = kind == LEGACY ? xasprintf("%064d/layer.tar", i)
		         : kind == DOCKER25 ? xasprintf("blobs/sha256/%s", ls[i].blob + 7)
		         : kind == REORDERED ? xasprintf("./layers/%d/blob%s", i, ext[i])
		         : xasprintf("%s%s", ls[i].blob + 7, ext[i]);
	cname = kind == LEGACY ? xasprintf("%s.json", cfghex)
	      : kind == DOCKER25 ? xasprintf("blobs/sha256/%s", cfghex)
	      : kind == REORDERED ? xstrdup("config/image.json") : xasprintf("sha256:%s", cfghex);
	buf_printf(&texts[0], "[{\"Config\":\"%s\",\"RepoTags\":[\"bw/test:1\"],\"Layers\":[\"%s\","
	           "\"%s\",\"%s\"]}]", cname, lname[0], lname[1], lname[2]);
	buf_adds(&texts[1], "1.0");
	buf_printf(&texts[2], "{\"bw/test\":{\"1\":\"%s\"}}", cfghex);
	struct buf *man = &texts[0];
	if (kind == CRANE_MANIFEST_FIRST || kind == REORDERED)
		ent_add(v, &n, xstrdup("manifest.json"), man->s, man->len);
	if (kind == CRANE || kind == CRANE_MANIFEST_FIRST)
		ent_add(v, &n, xstrdup(cname), cfg, strlen(cfg));
	static const int reordered[3] = { 2, 0, 1 };
	for (int k = 0; k < 3; k++) {
		int i = kind == REORDERED ? reordered[k] : k;
		if (kind == LEGACY) {
			ent_add(v, &n, xasprintf("%064d/VERSION", i), texts[1].s, texts[1].len);
			ent_add(v, &n, xasprintf("%064d/json", i), "{\"id\":\"x\"}", 10);
		}
		ent_add(v, &n, xstrdup(lname[i]), ls[i].bytes, ls[i].len);
	}
	if (kind == LEGACY || kind == DOCKER25 || kind == REORDERED)
		ent_add(v, &n, xstrdup(cname), cfg, strlen(cfg));
	if (kind == DOCKER25) {
		ent_add(v, &n, xstrdup("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}", 33);
		ent_add(v, &n, xstrdup("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", 30);
	}
	if (kind == REORDERED)
		ent_add(v, &n, xstrdup("README"), "not JSON, not a layer", 21);
	if (kind == LEGACY || kind == DOCKER25 || kind == CRANE)
		ent_add(v, &n, xstrdup("manifest.json"), man->s, man->len);
	if (kind == LEGACY || kind == DOCKER25)
		ent_add(v, &n, xstrdup("repositories"), texts[2].s, texts[2].len);
	for (int i = 0; i < 3; i++)
		free(lname[i]);
	free(cname);
	free(cfghex);
	return n;
}

/* Each layout, as a file and as a stream: the same image, every layer read and verified. */
TEST(layers_archive_layouts)
{
	static const char *const kinds[] = { "legacy", "docker 25", "crane", "crane, manifest first",
	                                     "reordered, in directories" };
	char *dir = tmpdir();
	struct layer ls[3];
	std_layers(ls);
	char *cfg = config_json(ls, 3, NULL);
	char *tar = xasprintf("%s/img.tar", dir);
	struct hook_log log = { 0 };
	struct content_hook hook = { h_open, h_feed, h_close, &log, "test" };
	struct imgsrc_opts o = { .hook = &hook };
	for (int k = LEGACY; k <= REORDERED; k++) {
		struct ent v[16];
		struct buf texts[3] = { { 0 } };
		size_t n = layout((enum layout)k, ls, cfg, v, texts);
		write_tar(tar, v, n);
		for (int stream = 0; stream < 2; stream++) {
			struct image_read r;
			struct findings errs = { 0 };
			struct mem m = { 0 };
			char *data = stream ? slurp(tar, &m.n) : NULL;
			m.p = data;
			int rc = stream ? imgsrc_stream(mem_read, &m, NULL, &o, &r, &errs)
			                : imgsrc_docker_archive(tar, NULL, &o, &r, &errs);
			if (rc != 0 || errs.nerrors)
				fprintf(stderr, "  layout %s as a %s: %s\n", kinds[k], stream ? "stream" : "file",
				        errs.nerrors ? errs.errors[0].message : "no image");
			CHECK_INT(rc, 0);
			CHECK_INT(errs.nerrors, 0);
			CHECK_STR(r.ref, "bw/test:1");
			CHECK_INT(r.layers_scanned, 3);
			check_std(&r);
			image_read_free(&r);
			findings_free(&errs);
			free(data);
		}
		for (size_t i = 0; i < n; i++)
			free(v[i].name);
		for (int i = 0; i < 3; i++)
			free(texts[i].s);
	}
	hook_log_free(&log);
	free(tar);
	free(cfg);
	std_free(ls);
	rmdir_all(dir);
}

static ssize_t fd_read(void *ctx, void *buf, size_t n)
{
	return read(*(int *)ctx, buf, n);
}

/* crane's order (config, layers, manifest.json last) after 64 MiB of other JSON: a file is read
 * again once manifest.json has said what the config is; a stream cannot be, and says so. */
TEST(layers_archive_stream_order)
{
	char *dir = tmpdir();
	struct layer ls[3];
	std_layers(ls);
	char *cfg = config_json(ls, 3, NULL);
	char *tar = xasprintf("%s/img.tar", dir);
	struct ent v[16 + 8];
	struct buf texts[3] = { { 0 } };
	size_t junk = 8u << 20;
	char *j = xmalloc(junk);
	memset(j, ' ', junk);
	j[0] = '[';
	j[junk - 1] = ']';
	for (int i = 0; i < 8; i++)
		v[i] = (struct ent){ xasprintf("notes/%d.json", i), j, junk };
	size_t n = 8 + layout(CRANE, ls, cfg, v + 8, texts);
	write_tar(tar, v, n);
	struct hook_log log = { 0 };
	struct content_hook hook = { h_open, h_feed, h_close, &log, "test" };
	struct imgsrc_opts o = { .hook = &hook };
	struct image_read r;
	struct findings errs = { 0 };
	CHECK_INT(imgsrc_docker_archive(tar, NULL, &o, &r, &errs), 0);
	CHECK_INT(errs.nerrors, 0);
	check_std(&r);
	image_read_free(&r);
	int fd = open(tar, O_RDONLY);
	CHECK_INT(imgsrc_stream(fd_read, &fd, "bw/test:1", &o, &r, &errs), -1);
	close(fd);
	CHECK_INT(errs.nerrors, 1);
	char *want = xasprintf("%s came before manifest.json, after more than 67108864 bytes of other "
	                       "JSON documents: a stream is read once, and no more is kept while "
	                       "waiting for manifest.json; give the archive as a file, or with "
	                       "manifest.json first", v[8].name);
	if (errs.nerrors)
		CHECK_STR(errs.errors[0].message, want);
	findings_free(&errs);
	free(want);
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	for (int i = 0; i < 3; i++)
		free(texts[i].s);
	free(j);
	hook_log_free(&log);
	free(tar);
	free(cfg);
	std_free(ls);
	rmdir_all(dir);
}

/* ---- packages ---- */

char *test_inv_text(const struct pkg_inv *inv);     /* test_pkg_os.c */

static const char deb11[] = "ID=debian\nVERSION_ID=\"11\"\nVERSION_CODENAME=bullseye\n";
static const char deb12[] = "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";
static const char st0[] = "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\n"
                          "Architecture: amd64\nSource: glibc\n\n"
                          "Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\n";
static const char st1[] = "Package: libc6\nStatus: install ok installed\n"
                          "Version: 2.36-9+deb12u4\nArchitecture: amd64\nSource: glibc\n";
static const char apkdb[] = "P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\n";

/* Layer 0: a dpkg status, status.d, an apk db, both os-releases; layer 1 replaces the status,
 * deletes the apk db and /etc/os-release, hides status.d (opaque) and adds a broken stanza
 * file; layer 2 deletes that broken file again in one case. */
static void pkg_layers(struct layer ls[3])
{
	const struct te l0[] = {
		F("etc/os-release", 0644, deb11), F("usr/lib/os-release", 0644, deb12),
		F("var/lib/dpkg/status", 0644, st0),
		F("var/lib/dpkg/status.d/tzdata", 0644, "Package: tzdata\nVersion: 2024a-0+deb12u1\n"),
		F("var/lib/dpkg/status.d/tzdata.md5sums", 0644, "00 x\n"),
		F("lib/apk/db/installed", 0644, apkdb), { 0 } };
	const struct te l1[] = {
		F("etc/.wh.os-release", 0644, ""), F("var/lib/dpkg/status", 0644, st1),
		F("lib/apk/db/.wh.installed", 0644, ""), F("var/lib/dpkg/status.d/.wh..wh..opq", 0644, ""),
		F("var/lib/dpkg/status.d/base", 0644,
		  "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n\nPackage: nov\n"),
		F("var/lib/dpkg/status.d/bad", 0644, "Package: x\n"), { 0 } };
	const struct te l2[] = { F("var/lib/dpkg/status.d/.wh.bad", 0644, ""), { 0 } };
	ls[0] = mklayer(l0, PLAIN);
	ls[1] = mklayer(l1, GZIP);
	ls[2] = mklayer(l2, PLAIN);
}

static const char pkg_want[] =
	"dpkg libc6 2.36-9+deb12u4 src=glibc/2.36-9+deb12u4 arch=amd64 /var/lib/dpkg/status@1 "
	"Debian:12 pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12\n"
	"dpkg base-files 12.4+deb12u5 src=base-files/12.4+deb12u5 arch=amd64 "
	"/var/lib/dpkg/status.d/base@1 Debian:12 "
	"pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12\n";

static void check_pkgs(const struct image_read *r, const struct findings *errs)
{
	char *s = test_inv_text(&r->fs.inv);
	CHECK_STR(s, pkg_want);
	free(s);
	CHECK(r->fs.inv.have_os && r->fs.inv.os.known);
	CHECK_STR(r->fs.inv.os.codename, "bookworm");
	CHECK_INT(errs->nwarnings, 1);
	if (errs->nwarnings)
		CHECK_STR(errs->warnings[0].message, "/var/lib/dpkg/status.d/base (layer 1): dpkg "
		          "status: line 5: package nov has no Version; the packages read before it "
		          "are kept");
}

TEST(layers_packages)
{
	char *dir = tmpdir();
	struct layer ls[3];
	pkg_layers(ls);
	char *cfg = config_json(ls, 3, NULL);
	char *oci = xasprintf("%s/oci", dir), *db = xasprintf("%s/layers.db", dir);
	write_oci(oci, ls, 3, cfg);
	struct imgsrc_opts o = { .cache_path = db, .pkg_warnings = true };
	for (int round = 0; round < 2; round++) {      /* scanned, then every layer from the cache */
		struct findings errs = { 0 };
		struct image_read r;
		CHECK_INT(imgsrc_oci_layout(oci, NULL, &o, &r, &errs), 0);
		CHECK_INT(r.layers_cached, round ? 3 : 0);
		CHECK_INT(errs.nerrors, 0);
		check_pkgs(&r, &errs);
		image_read_free(&r);
		findings_free(&errs);
	}
	/* Without layer 2 the broken file is still there: its warning too. Without layer 1, the
	 * packages of layer 0 and the distribution of its /etc/os-release. */
	struct findings errs = { 0 };
	struct image_read r = read_layers(ls, 2, &(struct imgsrc_opts){ .pkg_warnings = true }, &errs);
	CHECK_INT(errs.nwarnings, 2);
	if (errs.nwarnings == 2)
		CHECK_STR(errs.warnings[1].message, "/var/lib/dpkg/status.d/bad (layer 1): dpkg status: "
		          "line 1: package x has no Version; the packages read before it are kept");
	image_read_free(&r);
	findings_free(&errs);
	errs = (struct findings){ 0 };
	r = read_layers(ls, 1, &(struct imgsrc_opts){ .pkg_warnings = true }, &errs);
	char *s = test_inv_text(&r.fs.inv);
	CHECK_STR(s, "dpkg libc6 2.36-9 src=glibc/2.36-9 arch=amd64 /var/lib/dpkg/status@0 Debian:11 "
	             "pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-11\n"
	             "dpkg zlib1g 1:1.2.13.dfsg-1 src=zlib1g/1:1.2.13.dfsg-1 arch=- "
	             "/var/lib/dpkg/status@0 Debian:11 "
	             "pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?distro=debian-11\n"
	             "dpkg tzdata 2024a-0+deb12u1 src=tzdata/2024a-0+deb12u1 arch=- "
	             "/var/lib/dpkg/status.d/tzdata@0 Debian:11 "
	             "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?distro=debian-11\n"
	             "apk musl 1.2.4-r2 src=musl/1.2.4-r2 arch=x86_64 /lib/apk/db/installed@0 "
	             "Debian:11 pkg:apk/debian/musl@1.2.4-r2?arch=x86_64&distro=debian-11\n");
	free(s);
	CHECK_INT(errs.nwarnings, 0);
	image_read_free(&r);
	findings_free(&errs);
	for (int i = 0; i < 3; i++)
		layer_free(&ls[i]);
	free(cfg);
	free(oci);
	free(db);
	rmdir_all(dir);
}

/* An unknown distribution, a package file larger than read and one that is broken: one
 * warning each. */
TEST(layers_packages_unread)
{
	size_t n = (64u << 10) + 1;
	char *big = xmalloc(n);
	memset(big, '#', n);
	const struct te l0[] = { F("etc/os-release", 0644, "ID=plan9\nVERSION_ID=4\n"),
		F("var/lib/dpkg/status", 0644, st1), F("var/lib/rpm/Packages", 0644, "bdb"),
		{ "usr/lib/os-release", AE_IFREG, 0644, big, n, NULL }, { 0 } };
	struct layer ls[1] = { mklayer(l0, GZIP) };
	struct findings errs = { 0 };
	struct image_read r = read_layers(ls, 1, &(struct imgsrc_opts){ 0 }, &errs);
	CHECK_INT(errs.nwarnings, 0);          /* not asked to tell */
	image_read_free(&r);
	findings_free(&errs);
	errs = (struct findings){ 0 };
	r = read_layers(ls, 1, &(struct imgsrc_opts){ .pkg_warnings = true }, &errs);
	char *s = test_inv_text(&r.fs.inv);
	CHECK_STR(s, "dpkg libc6 2.36-9+deb12u4 src=glibc/2.36-9+deb12u4 arch=amd64 "
	             "/var/lib/dpkg/status@0 - pkg:deb/plan9/libc6@2.36-9%2Bdeb12u4?arch=amd64&"
	             "distro=plan9-4\n");
	free(s);
	CHECK(r.fs.inv.have_os && !r.fs.inv.os.known);
	CHECK_INT(errs.nwarnings, 3);
	if (errs.nwarnings == 3) {
		CHECK_STR(errs.warnings[0].message, "/var/lib/rpm/Packages (layer 0): rpm Berkeley "
		          "DB: truncated: 3 bytes, less than a metadata page; the packages read before "
		          "it are kept");
		CHECK_STR(errs.warnings[1].message, "/usr/lib/os-release (layer 0): os-release: 65537 "
		          "bytes, more than the 65536 read for its packages; they are not in the "
		          "inventory");
		CHECK_STR(errs.warnings[2].message, "os-release names a distribution bulwark does not "
		          "map to a vulnerability ecosystem (ID=plan9 VERSION_ID=4); its 1 OS packages "
		          "are not matched");
	}
	image_read_free(&r);
	findings_free(&errs);
	layer_free(&ls[0]);
	free(big);
}
