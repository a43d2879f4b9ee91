/* A rule is one table entry: identity, documentation and a pure check over one model. */
#ifndef BW_RULE_H
#define BW_RULE_H
#include "model/finding.h"
#include "model/dockerfile.h"
#include "model/cspec.h"

struct host;        /* model/host.h: the Docker host's files, mounts, audit rules, groups */
struct daemon;      /* model/daemon.h: the daemon's effective settings, version, swarm */
struct image_cfg;   /* model/image.h: an image's config (user, healthcheck, env, history) */
struct file_scan;   /* model/file_scan.h: a plain file and the secrets found in it */
struct sig_image;   /* model/signature.h: an image's cosign signatures and the trusted keys */

struct rule {
	const char *id;                 /* "BW-D001"; stable forever */
	const char *title;
	enum severity severity;
	const char *cis;                /* CIS Docker Benchmark v1.6.0 id, or NULL */
	const char *cis8;               /* the same recommendation's v1.8.0 id, where known */
	const char *const *aliases;     /* NULL-terminated: "DL3007", "DS001", "DKL-DI-0006" */
	const char *rationale;
	const char *remediation;
	const char *const *refs;        /* NULL-terminated URLs or document names; may be NULL */
	/* Exactly one check is set. Checks read the model and call finding_add; nothing else. */
	void (*check_dockerfile)(const struct rule *self, const struct dockerfile *df,
	                         struct findings *out);
	void (*check_cspec)(const struct rule *self, const struct cspec *c, struct findings *out);
	void (*check_host)(const struct rule *self, const struct host *h, struct findings *out);
	void (*check_daemon)(const struct rule *self, const struct daemon *d, struct findings *out);
	void (*check_image)(const struct rule *self, const struct image_cfg *im,
	                    struct findings *out);
	void (*check_file)(const struct rule *self, const struct file_scan *fs,
	                   struct findings *out);
	void (*check_signature)(const struct rule *self, const struct sig_image *im,
	                        struct findings *out);
};

/* Add a finding for the current target (out->cur). fmt is the message; evidence may be NULL. */
void finding_add(struct findings *out, const struct rule *r, struct loc loc, const char *evidence,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#define ALIASES(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* registry.c */
extern const struct rule *const rules_all[];
extern const size_t rules_count;
const struct rule *rule_find(const char *id_or_alias);    /* case-insensitive; NULL if none */
/* Our id, an alias (Trivy's in any of its forms: DS001, DS-0001, AVD-DS-0001), or a CIS number:
 * v1.6.0's, as docker-bench-security uses it ("4.1"), else v1.8.0's where v1.6.0 has none. */
bool rule_matches(const struct rule *r, const char *id_or_alias);
/* Every rule id names (rule_matches), the first max of them into v; returns how many. */
size_t rules_matching(const char *id, const struct rule **v, size_t max);
/* The rule set's version: "<rules>-<hash of ids, severities and titles>". */
const char *rules_version(void);
/* The peer tool whose id shape id has ("hadolint" for DL3059), else NULL. */
const char *rule_peer_tool(const char *id);

/* Run every rule of a kind over one model; out->cur must name the target. */
void rules_run_dockerfile(const struct dockerfile *df, struct findings *out);
void rules_run_cspec(const struct cspec *c, struct findings *out);
void rules_run_host(const struct host *h, struct findings *out);
void rules_run_daemon(const struct daemon *d, struct findings *out);
void rules_run_image(const struct image_cfg *im, struct findings *out);
void rules_run_file(const struct file_scan *fs, struct findings *out);
void rules_run_signature(const struct sig_image *im, struct findings *out);
/* What a rule reads, for docs: "dockerfile", "container", "host", "daemon", "image", "file" or
 * "signature". */
const char *rule_target(const struct rule *r);

#endif
