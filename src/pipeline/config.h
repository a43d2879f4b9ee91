/* .bulwark.yaml: suppressions with optional path globs, reasons and expiry; severity overrides.
 *
 * The keys and their meaning: docs/config.md.
 *
 *   fail-on: high                # or none
 *   ignore:
 *     - rule: BW-D003            # our id, an alias, or a CIS number ("4.1": every rule of it)
 *       paths: [legacy/x.Dockerfile]  # optional; globs relative to this file's directory
 *       reason: base images are pinned by the release pipeline
 *       expires: 2027-03-31      # optional; after it the suppression stops and a warning says so
 *     - DL3008                   # shorthand: ignore everywhere, no reason
 *   severity:
 *     BW-D005: high
 *   trusted-registries: [registry.example.com, "*.corp.example"]   # FROM only these (BW-D068)
 */
#ifndef BW_CONFIG_H
#define BW_CONFIG_H
#include <stddef.h>
#include "model/finding.h"

struct cfg_ignore { char *rule; char **paths; size_t npaths; char *reason; char *expires; int line; };
struct cfg_severity { char *rule; enum severity severity; };

struct config {
	char *path;
	char *dir;                 /* absolute directory of the file: path globs are relative to it */
	int fail_on;               /* -1 when not set; FAIL_ON_NONE (pipeline/run.h) */
	struct cfg_ignore *ignores; size_t nignores, cap_ignores;
	struct cfg_severity *sevs; size_t nsevs, cap_sevs;
	/* NULL-terminated registry patterns; NULL when none are given */
	char **trusted; size_t ntrusted, cap_trusted;
};

/* The nearest .bulwark.yaml from the current directory upward, as a path relative to the
 * current directory, or NULL. Caller frees. */
char *config_find(void);
/* Load and validate; on errors records each (path and line) in out and returns NULL. */
struct config *config_load(const char *path, struct findings *out);
/* The same for text already read (not NUL-terminated); path names it in errors. */
struct config *config_parse(const char *path, const char *text, size_t len,
                            struct findings *out);
/* Apply severity overrides and suppressions; today is "YYYY-MM-DD". */
void config_apply(const struct config *c, struct findings *out, const char *today);
/* --ignore ID: what an ignore entry's rule may be (ours, an alias, a CIS number, another tool's
 * id, a vulnerability id, all). */
bool config_ignore_id_ok(const char *id);
/* Suppresses, with source "option", the findings that ids name: each a comma-separated list. */
void config_apply_ignore_ids(char *const *ids, size_t n, struct findings *out);
void config_free(struct config *c);
/* The trusted registries for the Dockerfile models, or NULL (no config, or none given). */
static inline const char *const *config_registries(const struct config *c)
{
	return c ? (const char *const *)c->trusted : NULL;
}
#endif
