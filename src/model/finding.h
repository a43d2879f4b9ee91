/* Findings and input errors: plain data that rules produce and reporters format. */
#ifndef BW_FINDING_H
#define BW_FINDING_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include "model/loc.h"

enum severity { SEV_INFO, SEV_LOW, SEV_MEDIUM, SEV_HIGH, SEV_CRITICAL, SEV__COUNT };
const char *severity_name(enum severity s);                 /* "high" */
int severity_parse(const char *s);                          /* -1 if unknown */

enum target_kind { TK_DOCKERFILE, TK_COMPOSE, TK_CONTAINER, TK_IMAGE, TK_DAEMON, TK_HOST,
                   TK_FILE };
const char *target_kind_name(enum target_kind k);           /* "dockerfile" */
/* Report order: 0 host, 1 daemon, 2 containers, 3 images, 4 files (Dockerfiles, compose). */
int target_section(enum target_kind k);

/* state: a container's state ("running", "exited", ...), NULL for other targets. */
struct target { enum target_kind kind; const char *name; const char *id; const char *state; };

/* A known vulnerability in an installed package (rule BW-V001): what the reporters print as
 * the finding's `vuln` object. Every string is owned by the finding. */
struct finding_vuln {
	char *id;                  /* "CVE-2024-1234", "DSA-5678-1", "GHSA-…" */
	char **aliases; size_t naliases;
	char *summary;             /* may be NULL */
	char *package;             /* the installed package's name */
	char *source;              /* its source package (dpkg Source, apk origin), or NULL */
	char *installed;           /* the version judged: dpkg's source version for Debian/Ubuntu */
	char *fixed;               /* the first fixed version above it, or NULL: no fix known */
	char *ecosystem;           /* the record's OSV ecosystem */
	char *severity;            /* the record's rating: "critical" … "low", "unknown" */
	double cvss;               /* base score; 0 when the record has none */
	char *cvss_vector;         /* or NULL */
	char *path;                /* the package database it was read from */
	int layer;                 /* that file's layer; -1 unknown */
};

struct rule;
struct finding {
	const struct rule *rule;
	enum severity severity;    /* the rule's, or the config's override */
	enum target_kind kind;
	char *target_name, *target_id;   /* target_name is owned by the list's strs */
	const char *target_state;  /* static string or owned by the list's strs; NULL */
	char *path; int line;      /* path NULL: no location; owned by the list's strs */
	char *message;
	char *evidence;            /* may be NULL; already redacted where it holds a secret */
	/* Files inside an image: the layer (index, -1 otherwise) that holds it, its digest (owned
	 * by the list's strs) and whether the file is still in the final filesystem. */
	int layer;
	const char *layer_digest;
	bool visible;
	int deleted_in;            /* when not visible: the layer that deletes or replaces it */
	const char *created_by;    /* the history line that made the layer; owned by the list's strs */
	bool suppressed;
	char *suppress_reason;     /* why, when suppressed */
	char *suppress_source;     /* "inline" or "config" */
	/* Stable across runs and line moves: rule, target and the offending content's normalized
	 * text, never the line number. Set by the pipeline before reporting; NULL before. */
	char *fingerprint;
	bool baselined;            /* marked by --baseline just before it is taken out of the list */
	struct finding_vuln *vuln; /* BW-V001 only; NULL for every other finding */
};

struct input_error { char *input; int line; char *message; };
/* Warnings do not change the exit status (unset compose variable, expired suppression). */
struct warning { char *input; int line; char *message; };

struct findings {
	struct finding *v; size_t n, cap;
	struct input_error *errors; size_t nerrors, cap_errors;
	struct warning *warnings; size_t nwarnings, cap_warnings;
	char **strs; size_t nstrs, cap_strs;   /* paths and target names, one copy each */
	struct target cur;         /* target the next findings belong to; set by the engine */
};

/* Add a finding of rule r for the current target. fmt is the message; evidence may be NULL.
 * Rules call finding_add (rules/rule.h), which passes the rule's severity. */
void findings_push(struct findings *out, const struct rule *r, enum severity sev, struct loc loc,
                   const char *evidence, const char *fmt, va_list ap);
/* The last finding added concerns a file in an image layer. */
void finding_set_layer(struct findings *out, size_t layer, const char *digest, bool visible,
                       size_t deleted_in, const char *created_by);
/* The last finding added is a known vulnerability: v is deep-copied. */
void finding_set_vuln(struct findings *out, const struct finding_vuln *v);
void findings_error(struct findings *out, const char *input, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void findings_warn(struct findings *out, const char *input, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Removes the findings from index from on that drop says to, keeping the others' order. */
void findings_remove_if(struct findings *out, size_t from, bool (*drop)(const struct finding *));
void findings_move(struct findings *to, struct findings *from);  /* append; from is freed */
void findings_free(struct findings *f);

/* Secrets in evidence are shown as their first 4 characters and a length: "AKIA…(20 chars)". */
char *redact(const char *secret);
extern bool g_show_secrets;                  /* --show-secrets */

#endif
