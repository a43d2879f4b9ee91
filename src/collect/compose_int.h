/* Compose loader internals: the passes over the YAML tree of util/yaml.h (parse, interpolate,
 * merge, extends, map to cspec). */
#ifndef BW_COMPOSE_INT_H
#define BW_COMPOSE_INT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "collect/compose.h"
#include "util/yaml.h"

#define COMPOSE_MAX_FILE (16u << 20)   /* any file we read */
#define COMPOSE_MAX_PATHS 256          /* distinct files per load */
#define INTERP_MAX     (1u << 20)      /* one interpolated value */

/* ---- a load ---- */
struct denv { char *key; char *val; int line; };
struct dotenv { struct denv *v; size_t n, cap; struct smap idx; size_t bytes; };

struct ydoc {                     /* one file's merged documents, for extends */
	int file;
	struct ynode *root;
	unsigned char *state;         /* per service: 0 new, 1 resolving, 2 done */
	size_t nstate;
};

struct envcache { int file; struct dotenv env; };

struct cctx {
	struct compose_project *p;
	struct findings *out;
	struct ybudget b;
	bool budget_reported;
	char **basedirs; size_t cap_paths, cap_dirs;    /* per path: where its relative paths start */
	struct dotenv dotenv;                 /* .env beside the first file */
	struct ydoc **xdocs; size_t nxdocs, cap_xdocs;   /* files loaded for extends */
	struct envcache *envs; size_t nenvs, cap_envs;   /* env_file contents */
	struct smap warned; char **warned_keys; size_t nwarned, cap_warned;   /* "file\nVAR" */
};

/* A mapping's scalar under key, or NULL. */
static inline const char *y_key_text(const struct ynode *map, const char *key)
{
	return y_text(y_get(map, key));
}

const char *cx_path(const struct cctx *cx, int file);
int cx_add_path(struct cctx *cx, const char *path, const char *basedir);
void cx_budget_check(struct cctx *cx, int file, int line);
char *read_capped(const char *path, size_t max, size_t *len, int *err);
char *path_join(const char *dir, const char *rel);
char *path_dir(const char *path);

/* compose_yaml.c: text -> documents. False after recording an error. */
bool y_parse(struct cctx *cx, int file, const char *text, size_t len,
             struct ynode ***docs, size_t *ndocs);

/* compose_interp.c */
struct interp {
	const char *(*lookup)(void *u, const char *name);
	void (*unset)(void *u, const char *name);
	void (*missing)(void *u, const char *name, const char *msg);
	void *u;
	bool invalid, too_long;
};
char *interp_str(struct interp *ip, const char *s);   /* NULL when invalid */
void interp_doc(struct cctx *cx, int file, struct ynode *root);
const char *env_lookup(struct cctx *cx, const char *name);

/* compose_dotenv.c */
void dotenv_parse(struct dotenv *d, const char *text, size_t len, struct cctx *cx);
const char *dotenv_get(const struct dotenv *d, const char *key, bool *found);
void dotenv_free(struct dotenv *d);

/* compose_merge.c: both arguments are consumed. */
struct ynode *merge_top(struct cctx *cx, struct ynode *base, struct ynode *over);
struct ynode *merge_service(struct cctx *cx, const char *name, struct ynode *base,
                            struct ynode *over);
void service_normalize(struct cctx *cx, const char *name, struct ynode *svc);
struct ynode *kv_normalize(struct cctx *cx, const char *name, const char *key, struct ynode *n);

/* compose_extends.c */
void extends_resolve(struct cctx *cx, struct ydoc *doc);
void ydoc_free(struct ydoc *d);
/* compose.c: parse, interpolate and check one file. NULL: unusable (reported). */
struct ynode *load_file_root(struct cctx *cx, int file, const char *text, size_t len);

/* compose_fields.c: value parsers (pure) */
bool parse_bytes(const char *s, int64_t *out);
bool parse_int(const char *s, int64_t *out);
bool parse_bool(const char *s, bool *out);
bool parse_cpus(const char *s, int64_t *nano);
char *vol_target(const char *spec);                  /* short volume syntax -> target */
void add_port_short(struct cspec *c, const char *spec, bool published, struct loc loc);
void add_volume_short(struct cspec *c, const char *spec, struct loc loc);
void add_device_short(struct cspec *c, const char *spec, struct loc loc);

/* compose_svc.c / compose_svc2.c */
struct svc { struct cctx *cx; struct cspec *c; const char *name; struct smap envidx; };
struct cspec *service_to_cspec(struct cctx *cx, const char *name, struct ynode *svc);
struct loc y_loc(const struct svc *s, const struct ynode *n);
void svc_type_err(struct svc *s, const char *key, const struct ynode *n, const char *what);
void svc_env_file(struct svc *s, struct ynode *v);
/* Calls fn for each entry of a list; a non-list is reported. */
void svc_each(struct svc *s, const char *key, struct ynode *v,
              void (*fn)(struct svc *s, const char *key, struct ynode *it));
void svc_env_set(struct svc *s, const char *key, const char *val, bool interpolated,
                 struct loc loc);
void svc_deploy(struct svc *s, struct ynode *v);
void svc_healthcheck(struct svc *s, const char *key, struct ynode *v);
void svc_ulimits(struct svc *s, const char *key, struct ynode *v);
void svc_volumes(struct svc *s, const char *key, struct ynode *v);
void svc_ports(struct svc *s, const char *key, struct ynode *v);
void svc_devices(struct svc *s, const char *key, struct ynode *v);
/* Named volumes that the top-level volumes map defines as local binds become those binds. */
void svc_follow_volumes(struct cspec *c, const struct ynode *top);

#endif
