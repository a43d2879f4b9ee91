/* YAML text -> a small tree of null/string/sequence/mapping nodes with lines, built from
 * libyaml's event stream. Every reader of YAML goes through here; no other file includes
 * <yaml.h>. */
#ifndef BW_YAML_H
#define BW_YAML_H
#include <stdbool.h>
#include <stddef.h>

#define Y_MAX_DEPTH    48              /* nesting levels a document may have */
/* The memory one load's trees may take, aliases expanded, so that a whole run stays well under
 * 64 MiB: each node is charged Y_NODE_COST, each string its length plus Y_STR_COST, what
 * the allocator really spends on them and on their slots in the parent. */
#define Y_MAX_BYTES    (32u << 20)
#define Y_MAX_BYTES_TEXT "32 MiB"
#define Y_NODE_COST    (sizeof(struct ynode) + 2 * sizeof(struct ypair) + 16)
#define Y_STR_COST     24

/* ---- strings -> index hash map (keys borrowed) ---- */
struct smap_slot { const char *k; size_t v; };
struct smap { struct smap_slot *slots; size_t cap, n; };
size_t *smap_get(const struct smap *m, const char *k);
void smap_put(struct smap *m, const char *k, size_t v);
void smap_free(struct smap *m);

/* ---- the tree ---- */
enum ykind { Y_NULL, Y_STR, Y_SEQ, Y_MAP };
enum ytag { YT_NONE, YT_STR, YT_RESET, YT_OVERRIDE };

struct ypair;
struct ynode {
	enum ykind kind;
	enum ytag tag;
	bool quoted;            /* scalar was not plain */
	bool anchored;
	bool interpolated;      /* the text is one ${VAR} from the environment */
	int line;               /* 1-based; a mapping value has its key's line */
	int at;                 /* the line of the node's own text; 0 for an empty scalar */
	int file;               /* the caller's file index */
	int height;             /* nesting levels below this node */
	char *s;                /* Y_STR; also the text of a plain null */
	size_t n, cap;
	struct ynode **items;   /* Y_SEQ */
	struct ypair *pairs;    /* Y_MAP */
};
struct ypair {
	char *key;
	struct ynode *val;
	int kline;              /* the key's own line, 0 when empty or not from the parser */
};

/* Caps the total memory of one load: alias bombs and extends chains stop here. bytes is the
 * estimate of what the nodes charged so far take. */
struct ybudget { size_t nodes, bytes; bool exceeded; };
bool y_charge(struct ybudget *b, size_t nodes, size_t bytes);   /* bytes: of strings */

struct ynode *y_new(struct ybudget *b, enum ykind k, int file, int line);
struct ynode *y_newstr(struct ybudget *b, const char *s, size_t len, int file, int line);
struct ynode *y_clone(struct ybudget *b, const struct ynode *n);
void y_free(struct ynode *n);
void y_seq_add(struct ynode *seq, struct ynode *item);
void y_map_add(struct ynode *map, char *key, struct ynode *val);   /* takes key */
struct ynode *y_get(const struct ynode *map, const char *key);
struct ynode *y_take(struct ynode *map, const char *key);          /* detach; caller frees */
const char *y_text(const struct ynode *n);                         /* Y_STR text or NULL */
void y_set_height(struct ynode *n);
/* A scalar's text, null or not ("" for an empty one), else NULL; and its own line, else 0. */
const char *y_scalar(const struct ynode *n);
int y_scalar_line(const struct ynode *n);

/* ---- the reader ---- */
struct yread {
	struct ybudget *budget;   /* shared by every file of one load */
	int file;                 /* stored in each node */
	bool first_doc;           /* stop after the first document, as a config reader wants */
	void (*error)(void *u, int line, const char *msg);   /* each problem, as it is found */
	void *u;
};
/* text -> documents (caller frees them and the array). False after a fatal error, with no
 * documents; a duplicate or non-scalar key is reported but the parse goes on. */
bool yaml_parse(const struct yread *r, const char *text, size_t len, struct ynode ***docs,
                size_t *ndocs);

/* text with each plain scalar that Go's yaml.v3 reads and libyaml refuses (`[a:, b]`: "a:")
 * single-quoted, lines kept; NULL when there is none. yaml_parse does this itself. */
char *yaml_quote_colons(const char *text, size_t len, size_t *outlen);

/* The first document of a small file, any problem an error: NULL with *msg set (caller frees)
 * and *line, or NULL with *msg NULL when the text holds no document. */
struct ynode *yaml_load_doc(const char *text, size_t len, int *line, char **msg);
#endif
