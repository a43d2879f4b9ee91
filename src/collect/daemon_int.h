/* Inside the daemon collector: the daemon.json parser, the dockerd flag parser, the unit file's
 * ExecStart, process discovery and the engine merge. Exposed for the unit tests and the fuzzer. */
#ifndef BW_DAEMON_INT_H
#define BW_DAEMON_INT_H
#include <jansson.h>
#include "collect/daemon.h"

/* daemon_json.c: strict JSON (RFC 8259) with the line of every value. A member's line is its
 * key's; an array element's is where it starts. */
enum dj_type { DJ_NULL, DJ_BOOL, DJ_NUM, DJ_STR, DJ_ARR, DJ_OBJ };
struct dj {
	enum dj_type t;
	int line;
	char *key;                 /* object member name; NULL elsewhere */
	char *s;                   /* DJ_STR text (unescaped), DJ_NUM as written, DJ_BOOL "true"/"false" */
	struct dj *v; size_t n, cap;   /* array elements or object members, in order */
};
#define DJ_MAX_DEPTH 64
/* NULL on invalid JSON, with *eline and *emsg (static text) saying where and what. */
struct dj *dj_parse(const char *text, size_t len, int *eline, const char **emsg);
void dj_free(struct dj *v);
const struct dj *dj_member(const struct dj *obj, const char *key);   /* the last one wins */
char *dj_text(const struct dj *v, size_t max);   /* compact JSON, cut to about max bytes */
/* Parse text as daemon.json at path and put its settings into d; errors go to errs. */
void daemon_json_apply(struct daemon *d, const char *path, const char *text, size_t len,
                       struct findings *errs);

/* daemon_flags.c: dockerd's arguments (without argv[0]) normalised to daemon.json keys. */
struct dflag {
	char *key;                 /* "hosts", "icc", "insecure-registries" */
	char *value;               /* "true" for a bare boolean flag */
	char *text;                /* as shown in messages: "--icc=false", "-H tcp://0.0.0.0:2375" */
	bool list;                 /* repeatable: every occurrence adds an item */
};
size_t dflags_parse(char *const *argv, size_t argc, struct dflag **out);
void dflags_free(struct dflag *f, size_t n);
/* The value of the last flag for key, NULL if none. */
const char *dflags_get(const struct dflag *f, size_t n, const char *key);
/* Settings from the flags; each origin ends with where ("(pid 812)", "in PATH:LINE"). */
void dflags_apply(struct daemon *d, const struct dflag *f, size_t n, struct loc loc,
                  const char *where);

/* daemon_proc.c */
struct dproc { int pid; char **argv; size_t argc; };
/* The dockerd processes under root/proc, by pid. */
size_t dproc_find(const char *root, struct dproc **out);
void dproc_free(struct dproc *p, size_t n);
/* The last ExecStart= of a unit file's [Service] section when it runs dockerd: its words
 * ($VARIABLE words left out) and line. False when there is none. */
/* daemon_pick.c: the index of the process that serves endpoint ("unix:///...", "tcp://...", or
 * a recording's name), judged by its sockets and by /info's ID and DockerRootDir; -1 when that
 * cannot be told. */
long dproc_pick(const struct dproc *p, size_t n, const char *root, const char *endpoint,
                json_t *info);
bool dunit_execstart(const char *text, char ***argv, size_t *argc, int *line);
void dargv_free(char **argv, size_t argc);

/* daemon_info.c: facts and effective settings from /info and /version. */
void dinfo_facts(struct daemon *d, json_t *info, json_t *version);
void dinfo_settings(struct daemon *d, json_t *info);
/* The engine's value for key wins; config and flags keep their location when they agree. */
void dengine_value(struct daemon *d, const char *key, const char *value, const char *origin);
void dengine_list(struct daemon *d, const char *key, char *const *items, size_t n,
                  const char *origin);
/* daemon_swarm.c: autolock and certificate expiry from a cluster spec holder (/swarm, or
 * /info's Swarm.Cluster); NULL is ignored. */
void dswarm_spec(struct daemon *d, json_t *cluster);
/* Recompute the fields the audit command reads from the merged settings. */
void daemon_derive(struct daemon *d);
#endif
