/* The layer cache in SQLite. A row holds one layer's kept facts as JSON and its path-hash set as
 * a blob. Anything wrong with the file is a warning and the cache is then not used. */
#include "collect/layer_cache.h"
#include "collect/layer_int.h"
#include "collect/sqlite_api.h"
#include "util/util.h"
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct layer_cache {
	sqlite3 *db;
	char *version;     /* LAYER_CACHE_VERSION, the content scanner and --show-secrets */
	char *path;
	struct findings *errs;
	bool warned;
};

static void warn(struct layer_cache *c, const char *what)
{
	if (!c->warned)
		findings_warn(c->errs, c->path, 0, "layer cache not used: %s", what);
	c->warned = true;
}

static bool exec(struct layer_cache *c, const char *sql)
{
	if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return true;
	warn(c, sqlite3_errmsg(c->db));
	return false;
}

struct layer_cache *layer_cache_open(const char *path, const struct content_hook *hook,
                                     struct findings *errs)
{
	if (!path)
		return NULL;
	struct layer_cache *c = xcalloc(1, sizeof *c);
	c->path = xstrdup(path);
	c->errs = errs;
	c->version = xasprintf("%s/%s%s", LAYER_CACHE_VERSION,
	                       hook ? (hook->id ? hook->id : "hook") : "nohook",
	                       g_show_secrets ? "/show" : "");
	char why[256];   /* warn names errno's reason */
	int fd = path_mkdir_parents(path, why, sizeof why)
	       ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : -1;
	if (fd < 0) {
		warn(c, strerror(errno));
		goto fail;
	}
	close(fd);
	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		warn(c, c->db ? sqlite3_errmsg(c->db) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(c->db, 5000);
	if (!exec(c, "PRAGMA journal_mode=WAL") ||
	    !exec(c, "CREATE TABLE IF NOT EXISTS layers (key TEXT NOT NULL, version TEXT NOT NULL, "
	             "facts TEXT NOT NULL, paths BLOB, PRIMARY KEY (key, version))"))
		goto fail;
	return c;
fail:
	layer_cache_close(c);
	return NULL;
}

void layer_cache_close(struct layer_cache *c)
{
	if (!c)
		return;
	sqlite3_close(c->db);
	free(c->version);
	free(c->path);
	free(c);
}

/* ---- facts <-> JSON ---- */

static json_t *file_json(const struct img_file *f)
{
	json_t *sec = json_array();
	for (size_t i = 0; i < f->nsecrets; i++) {
		const struct img_secret *s = &f->secrets[i];
		json_array_append_new(sec, json_pack("{s:s?,s:s?,s:i,s:i,s:s?}", "id", s->kind_id,
		                                     "name", s->kind_name, "sev", (int)s->severity,
		                                     "line", s->line, "ev", s->evidence));
	}
	/* [name, id or null, line, empty password]: compact, an /etc/passwd may have thousands. */
	json_t *acct = json_array();
	for (size_t i = 0; i < f->naccounts; i++) {
		const struct img_account *a = &f->accounts[i];
		json_array_append_new(acct, json_pack("[s?,o,i,b]", a->name,
		                                      a->has_id ? json_integer(a->id) : json_null(),
		                                      a->line, a->empty_password));
	}
	return json_pack("{s:s,s:i,s:i,s:I,s:I,s:I,s:s?,s:b,s:i,s:o,s:i,s:o}", "path", f->path,
	                 "type", (int)f->type, "mode", (int)f->mode, "uid", (json_int_t)f->uid, "gid",
	                 (json_int_t)f->gid, "size", (json_int_t)f->size, "link", f->link, "bin",
	                 f->binary, "flags", (int)f->flags, "secrets", sec, "acctdb",
	                 (int)f->acctdb, "acct", acct);
}

/* Packages as arrays [kind, name, version, source, source version, ecosystem, purl, path,
 * arch, scheme]: compact, a dpkg status has hundreds. */
static json_t *pkgs_json(const struct layer_facts *f)
{
	json_t *a = json_array();
	for (size_t i = 0; i < f->inv.npkgs; i++) {
		const struct pkg *p = &f->inv.pkgs[i];
		json_array_append_new(a, json_pack("[i,s,s,s?,s?,s?,s?,s?,s?,i]", (int)p->kind, p->name,
		                                   p->version, p->source, p->source_version,
		                                   p->ecosystem, p->purl, p->path, p->arch,
		                                   (int)p->scheme));
	}
	return a;
}

static json_t *os_json(const struct layer_facts *f)
{
	json_t *a = json_array();
	for (size_t i = 0; i < f->nos; i++) {
		const struct layer_os *o = &f->os[i];
		json_array_append_new(a, json_pack("[s,s?,s?,s?,s?,b]", o->path, o->os.id,
		                                   o->os.version_id, o->os.codename, o->os.ecosystem,
		                                   o->os.known));
	}
	return a;
}

static json_t *pnotes_json(const struct layer_facts *f)
{
	json_t *a = json_array();
	for (size_t i = 0; i < f->npnotes; i++)
		json_array_append_new(a, json_pack("[s,s]", f->pnotes[i].path, f->pnotes[i].msg));
	return a;
}

static char *facts_dump(const struct layer_facts *f)
{
	json_t *files = json_array(), *wh = json_array(), *caches = json_array();
	for (size_t i = 0; i < f->nfiles; i++)
		json_array_append_new(files, file_json(&f->files[i]));
	for (size_t i = 0; i < f->nwh; i++)
		json_array_append_new(wh, json_pack("{s:s,s:b}", "path", f->wh[i].path, "opaque",
		                                    f->wh[i].opaque));
	for (size_t i = 0; i < f->ncaches; i++)
		json_array_append_new(caches, json_pack("{s:s,s:I,s:I}", "dir", f->caches[i].dir,
		                                        "files", (json_int_t)f->caches[i].files,
		                                        "bytes", (json_int_t)f->caches[i].bytes));
	json_t *j = json_pack("{s:s,s:I,s:I,s:b,s:I,s:o,s:o,s:o,s:o,s:b,s:o,s:o}", "digest",
	                      f->digest, "bytes", (json_int_t)f->bytes, "entries",
	                      (json_int_t)f->entries, "capped", f->capped, "sources",
	                      (json_int_t)f->source_files, "files", files, "wh", wh, "caches",
	                      caches, "pkgs", pkgs_json(f), "pkgs_capped", f->inv.capped, "os",
	                      os_json(f), "pnotes", pnotes_json(f));
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	return s;
}

static char *jstr(json_t *o, const char *k)
{
	return xstrdup(json_string_value(json_object_get(o, k)));
}

static json_int_t jint(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static void file_load(json_t *o, struct img_file *f)
{
	f->path = jstr(o, "path");
	f->type = (enum img_ftype)jint(o, "type");
	f->mode = (unsigned)jint(o, "mode");
	f->uid = (unsigned)jint(o, "uid");
	f->gid = (unsigned)jint(o, "gid");
	f->size = jint(o, "size");
	f->link = jstr(o, "link");
	f->binary = json_is_true(json_object_get(o, "bin"));
	f->flags = (unsigned)jint(o, "flags");
	json_t *sec = json_object_get(o, "secrets");
	f->nsecrets = json_array_size(sec);
	f->secrets = f->nsecrets ? xcalloc(f->nsecrets, sizeof *f->secrets) : NULL;
	for (size_t i = 0; i < f->nsecrets; i++) {
		json_t *s = json_array_get(sec, i);
		f->secrets[i] = (struct img_secret){ jstr(s, "id"), jstr(s, "name"),
		                                     (enum severity)jint(s, "sev"), (int)jint(s, "line"),
		                                     jstr(s, "ev") };
	}
	f->acctdb = (enum img_acctdb)jint(o, "acctdb");
	json_t *acct = json_object_get(o, "acct"), *a;
	size_t i, cap = 0;
	json_array_foreach(acct, i, a) {
		json_t *id = json_array_get(a, 1);
		if (!json_is_string(json_array_get(a, 0)))
			continue;
		GROW(f->accounts, cap, f->naccounts);
		f->accounts[f->naccounts++] = (struct img_account){
			xstrdup(json_string_value(json_array_get(a, 0))),
			(unsigned)json_integer_value(id), json_is_integer(id),
			json_is_true(json_array_get(a, 3)), (int)json_integer_value(json_array_get(a, 2))
		};
	}
}

static char *astr(json_t *a, size_t i)
{
	return xstrdup(json_string_value(json_array_get(a, i)));
}

static void pkgs_load(json_t *j, struct layer_facts *f)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(j, "pkgs"), i, v) {
		if (!json_is_string(json_array_get(v, 1)) || !json_is_string(json_array_get(v, 2)))
			continue;
		struct pkg *p = pkg_inv_add(&f->inv, (enum pkg_kind)json_integer_value(json_array_get(v, 0)),
		                            json_string_value(json_array_get(v, 1)),
		                            json_string_value(json_array_get(v, 2)));
		if (!p)
			break;
		p->source = astr(v, 3), p->source_version = astr(v, 4), p->ecosystem = astr(v, 5);
		p->purl = astr(v, 6), p->path = astr(v, 7), p->arch = astr(v, 8);
		p->scheme = (enum vers_scheme)json_integer_value(json_array_get(v, 9));
	}
	f->inv.capped = json_is_true(json_object_get(j, "pkgs_capped"));
	json_array_foreach(json_object_get(j, "os"), i, v) {
		if (!json_is_string(json_array_get(v, 0)))
			continue;
		GROW(f->os, f->cap_os, f->nos);
		f->os[f->nos++] = (struct layer_os){ astr(v, 0), { astr(v, 1), astr(v, 2), astr(v, 3),
		                                     astr(v, 4), json_is_true(json_array_get(v, 5)) } };
	}
	json_array_foreach(json_object_get(j, "pnotes"), i, v)
		if (json_is_string(json_array_get(v, 0)) && json_is_string(json_array_get(v, 1)))
			layer_pkgs_note(f, json_string_value(json_array_get(v, 0)), astr(v, 1));
}

static bool facts_load(const char *text, const void *paths, size_t plen, struct layer_facts *f)
{
	json_error_t e;
	json_t *j = json_loads(text, 0, &e);
	json_t *files = json_object_get(j, "files"), *wh = json_object_get(j, "wh"),
	       *caches = json_object_get(j, "caches");
	if (!json_is_array(files) || !json_is_array(wh) || !json_is_array(caches) ||
	    !json_is_string(json_object_get(j, "digest")) || plen % 8) {
		json_decref(j);
		return false;
	}
	f->digest = jstr(j, "digest");
	f->bytes = (uint64_t)jint(j, "bytes");
	f->entries = (size_t)jint(j, "entries");
	f->capped = json_is_true(json_object_get(j, "capped"));
	f->source_files = (size_t)jint(j, "sources");
	size_t i;
	json_t *v;
	json_array_foreach(files, i, v) {
		if (!json_is_string(json_object_get(v, "path")))
			continue;
		GROW(f->files, f->cap_files, f->nfiles);
		file_load(v, &f->files[f->nfiles++]);
	}
	json_array_foreach(wh, i, v) {
		if (!json_is_string(json_object_get(v, "path")))
			continue;
		GROW(f->wh, f->cap_wh, f->nwh);
		f->wh[f->nwh++] = (struct layer_whiteout){ jstr(v, "path"),
		                                           json_is_true(json_object_get(v, "opaque")) };
	}
	json_array_foreach(caches, i, v) {
		if (!json_is_string(json_object_get(v, "dir")))
			continue;
		GROW(f->caches, f->cap_caches, f->ncaches);
		f->caches[f->ncaches++] = (struct img_cache){ jstr(v, "dir"), (size_t)jint(v, "files"),
		                                              (uint64_t)jint(v, "bytes") };
	}
	pkgs_load(j, f);
	json_decref(j);
	const unsigned char *p = paths;
	for (size_t k = 0; k + 8 <= plen; k += 8) {
		uint64_t h;
		memcpy(&h, p + k, 8);
		if (h & ~1ull)
			layer_set_put(f, h & ~1ull, h & 1);
	}
	return true;
}

bool layer_cache_get(struct layer_cache *c, const char *key, struct layer_facts *out)
{
	if (!c)
		return false;
	sqlite3_stmt *st = NULL;
	bool hit = false;
	if (sqlite3_prepare_v2(c->db, "SELECT facts, paths FROM layers WHERE key = ? AND version = ?",
	                       -1, &st, NULL) != SQLITE_OK) {
		warn(c, sqlite3_errmsg(c->db));
		return false;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->version, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		const char *facts = (const char *)sqlite3_column_text(st, 0);
		const void *paths = sqlite3_column_blob(st, 1);
		size_t plen = (size_t)sqlite3_column_bytes(st, 1);
		memset(out, 0, sizeof *out);
		hit = facts && facts_load(facts, paths, plen, out);
		if (!hit) {
			layer_facts_free(out);
			warn(c, "an entry is damaged");
		} else {
			out->raw_digest = xstrdup(key);
		}
	} else if (r != SQLITE_DONE) {
		warn(c, sqlite3_errmsg(c->db));
	}
	sqlite3_finalize(st);
	return hit;
}

void layer_cache_put(struct layer_cache *c, const char *key, const struct layer_facts *f)
{
	if (!c || c->warned || f->failed)
		return;
	char *facts = facts_dump(f);
	size_t n = 0;
	uint64_t *paths = xmalloc((f->set_n ? f->set_n : 1) * 8);
	for (size_t i = 0; i < f->set_cap; i++)
		if (f->set[i])
			paths[n++] = f->set[i];
	sqlite3_stmt *st = NULL;
	if (facts && sqlite3_prepare_v2(c->db, "INSERT OR REPLACE INTO layers VALUES (?, ?, ?, ?)",
	                                -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, c->version, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, facts, -1, SQLITE_STATIC);
		sqlite3_bind_blob64(st, 4, paths, n * 8, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			warn(c, sqlite3_errmsg(c->db));
	} else if (facts) {
		warn(c, sqlite3_errmsg(c->db));
	}
	sqlite3_finalize(st);
	free(paths);
	free(facts);
}
