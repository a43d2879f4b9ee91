/* A run from start to end: collect, rules, suppression and config, sort, report, exit status.
 * cmd/ parses options into these structs and calls one pipeline_* function; nothing else. */
#ifndef BW_RUN_H
#define BW_RUN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model/finding.h"
#include "model/fleet.h"
#include "pipeline/audit.h"
#include "report/report.h"

/* The fleet store a run is recorded in (--store), and who it says ran it. */
struct run_store {
	const char *url;            /* NULL: the run is not recorded */
	const char *host_name;      /* --host-name; NULL: the machine's host name */
	const char *run_id;         /* --run-id; NULL: a fresh UUID */
	const char *command;        /* "audit", "lint", "image" */
	const char *engine_id;      /* set by the audit: the engine's ID */
	struct fleet_inv *inv;      /* set by audit and image: what the run saw; NULL: nothing */
};

/* How a run ends: where and how the report goes, and what fails it. */
struct run_end {
	enum report_format format;
	const char *output;         /* NULL: stdout */
	int fail_on;                /* -1: from config, else high; FAIL_ON_NONE */
	const char *config;         /* --config */
	bool no_config;
	int color;                  /* -1 auto, 0 never, 1 always */
	char **ignore; size_t nignore;   /* --ignore lists, as given (argv's) */
	const char *baseline;       /* --baseline: an earlier JSON report; NULL: none */
	struct run_store store;
};

/* The files of a run: compose files merged in order (-f), then paths. */
struct run_files { char **compose; size_t ncompose; char **paths; size_t npaths; };

/* The image stage's cache: cache NULL and no_cache false means the default file. */
struct run_cache { const char *cache; bool no_cache; uint64_t max_layer_bytes; };

/* Known vulnerabilities (--vulns): which store, what to leave out, when the data is stale. */
struct run_vulns {
	bool on;
	bool ignore_unfixed;        /* drop findings with no fixed version */
	const char *db;             /* --db; NULL: vulndb_default_path */
	int max_age_days;           /* warn when the newest record is older; 0: the default, 7 */
	bool rematch;               /* vulns --rematch: the kept inventories, no REFs */
};

/* Records the finished run in e->store.url, when set (pipeline/store.c): an input error in out
 * when the store cannot be written. */
void run_store_record(const struct run_end *e, struct findings *out);
/* bulwark store migrate; bulwark report over the store. Exit statuses. */
int pipeline_store_migrate(const char *url, int to);
struct fleet_report_opts {
	const char *url, *since, *host_glob;
	const char *db;             /* --db: the vulnerability store; NULL: the default path */
	enum report_format format;
	const char *output;
};
int pipeline_fleet_report(const struct fleet_report_opts *o);

/* The report prints fingerprints (json, sarif, gitlab) or --baseline compares them. */
bool run_fingerprints(const struct run_end *e);

/* --fail-on none: no finding fails the run. */
#define FAIL_ON_NONE SEV__COUNT
/* A severity name or "none" -> the threshold; -1 for anything else. */
int run_fail_on_parse(const char *s);

#define EXIT_CLEAN 0
#define EXIT_FINDINGS 1
#define EXIT_ERROR 2

/* Each returns the exit status: 0 clean, 1 findings at or above fail-on, 2 errors. */
int pipeline_lint(const struct run_end *e, const struct run_files *f);
int pipeline_audit(const struct run_end *e, struct audit_opts *a, const struct run_cache *c,
                   const struct run_vulns *v, const struct run_files *f);
int pipeline_image(const struct run_end *e, const struct audit_opts *a, const struct run_cache *c,
                   const struct run_vulns *v, char **refs, size_t n);
int pipeline_secrets(const struct run_end *e, char **paths, size_t n);
/* The layer cache file c names: none, its own, or the default; malloc'd. */
char *run_cache_file(const struct run_cache *c);
/* The warnings and input errors in out, one line each on stderr. */
void run_print_problems(const struct findings *out);
/* Config, suppression, sort, report and exit status over what the stages collected; frees out. */
int pipeline_finish(const struct run_end *e, struct findings *out, size_t inputs);
/* The config e names or the one found upward (NULL: none, or errors recorded in out), for a
 * run whose collecting needs it; pipeline_finish_config then applies and frees it. */
struct config;
struct config *run_config(const struct run_end *e, struct findings *out);
int pipeline_finish_config(const struct run_end *e, struct findings *out, size_t inputs,
                           struct config *cfg);
#endif
