/* bulwark watch: the runtime watch's loop. Running containers are scanned every interval; each
 * learns its image's baseline for a window from when the watch first sees it, then is compared
 * with it; execs from the event stream are alerts at once. */
#ifndef BW_PIPELINE_WATCH_H
#define BW_PIPELINE_WATCH_H
#include <stdbool.h>
#include <stddef.h>

struct watch_opts {
	const char *host, *context;   /* the engine, as for audit */
	int learn_s;                  /* learning window per container; 0: compare at once */
	int interval_s;               /* between scans */
	bool once;                    /* one scan against the stored baselines, then exit */
	bool text;                    /* --format text; else jsonl */
	int fail_on;                  /* a severity, or FAIL_ON_NONE */
	const char *output;           /* NULL: stdout */
	const char *store;            /* NULL: watch_store_default_path */
	const char *proc_root;        /* NULL: /proc */
};

/* Exit status: 0, 1 when an alert at or above fail_on was raised, 2 on errors. */
int pipeline_watch(const struct watch_opts *o);

/* bulwark baseline show|export|import: the stored baselines as text or JSON, or JSON baselines
 * written into the store (each replacing the image's own). */
enum watch_baseline_op { WB_SHOW, WB_EXPORT, WB_IMPORT };
struct watch_baseline_opts {
	enum watch_baseline_op op;
	const char *store;            /* NULL: watch_store_default_path */
	const char *output;           /* show, export: NULL stdout */
	const char *file;             /* import: the JSON */
	char **images; size_t nimages;   /* show, export: only these image ids; 0: all */
};
int pipeline_watch_baseline(const struct watch_baseline_opts *o);

#endif
