#include "cmd/run_opts.h"
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include "pipeline/config.h"
#include "pipeline/rematch.h"
#include "util/util.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { L = 1, A = 2, I = 4, S = 8, V = 16, T = 32 };   /* lint ... vulns, verify */
static const char *const names[] = { "lint", "audit", "image", "secrets", "vulns", "verify",
                                     NULL };

enum { O_FORMAT = 256, O_FAIL_ON, O_CONFIG, O_NO_CONFIG, O_SECRETS, O_COLOR, O_NO_COLOR,
       O_CONTAINER, O_IMAGE, O_DAEMON_JSON, O_ROOT, O_TIMEOUT, O_REPLAY, O_CACHE, O_NO_CACHE,
       O_MAX_LAYER, O_IMAGES, O_VULNS, O_IGNORE_UNFIXED, O_DB, O_MAX_DB_AGE, O_REMATCH,
       O_BASELINE, O_IGNORE, O_ONLY, O_STORE, O_HOST_NAME, O_RUN_ID, O_CA, O_INSECURE, O_KEY,
       O_IDENTITY };

/* --only's words, in AUDIT_* bit order. */
static const char *const *only_values(void)
{
	static const char *const v[] = { "host", "daemon", "containers", "images", NULL };
	return v;
}

/* Every option of the commands that produce findings, with the commands that take it. */
static const struct opt table[] = {
	{ "file", 'f', "FILE", "compose file; repeat to merge files in order", L | A },
	{ "format", O_FORMAT, "FMT", "text (default), json, sarif, html, junit, gitlab", 0,
	  opt_values_formats },
	{ "output", 'o', "FILE", "write the report to FILE instead of stdout", 0 },
	{ "fail-on", O_FAIL_ON, "SEV", "exit 1 on a finding at or above SEV: critical, high (default),\n"
	  "medium, low, info; none: never for findings", 0, opt_values_fail_on },
	{ "config", O_CONFIG, "FILE", "configuration (default: nearest .bulwark.yaml upward;\n"
	  "keys: docs/config.md)", 0 },
	{ "no-config", O_NO_CONFIG, NULL, "read no .bulwark.yaml", 0 },
	{ "baseline", O_BASELINE, "FILE", "report only findings that FILE, an earlier --format json\n"
	  "report, does not hold; those count as baselined", 0 },
	{ "store", O_STORE, "URL", "record the run in a fleet store: sqlite:PATH, postgresql://...\n"
	  "or a libpq keyword string (bulwark report reads it)", L | A | I },
	{ "host-name", O_HOST_NAME, "NAME", "with --store: the host the run is recorded for "
	  "(default: the host name)", L | A | I },
	{ "run-id", O_RUN_ID, "ID", "with --store: the run's id (default: a fresh UUID); a run id "
	  "stored already\nis not written again", L | A | I },
	{ "ignore", O_IGNORE, "RULE", "suppress RULE's findings: an id, alias, CIS number or\n"
	  "vulnerability id; repeat, or separate with commas", 0, opt_values_rules },
	{ "show-secrets", O_SECRETS, NULL, "print secrets in evidence instead of redacting them", 0 },
	{ "color", O_COLOR, "WHEN", "auto (default), always or never; NO_COLOR is honoured", 0,
	  opt_values_color },
	{ "no-color", O_NO_COLOR, NULL, "the same as --color never", 0 },
	{ "host", 'H', "URL", "engine to audit (unix:///path, tcp://host:port); default as the\n"
	  "docker CLI: DOCKER_HOST, the current context, the local socket", A },
	{ "host", 'H', "URL", "engine to take images from (as for audit)", I | V },
	{ "context", 'c', "NAME", "docker context to audit", A },
	{ "context", 'c', "NAME", "docker context to take images from", I | V },
	{ "only", O_ONLY, "PARTS", "audit only these parts: host, daemon, containers, images\n"
	  "(comma-separated); host alone contacts no engine", A, only_values },
	{ "container", O_CONTAINER, "NAME", "audit only this container (name or id; repeat for more)", A },
	{ "image", O_IMAGE, "REF", "audit only this image (repeat for more)", A },
	{ "daemon-json", O_DAEMON_JSON, "FILE", "the daemon's configuration (default "
	  "/etc/docker/daemon.json)", A },
	{ "root", O_ROOT, "DIR", "read the host's files under DIR instead of /", A },
	{ "timeout", O_TIMEOUT, "SECONDS", "give up on an engine request after this long (default 10)",
	  A | I | V },
	{ "key", O_KEY, "FILE", "PEM public key a signature must verify under (ECDSA P-256/P-384,\n"
	  "RSA, Ed25519); repeat to trust several", T },
	{ "identity", O_IDENTITY, "REF", "the payload must also name this reference (its\n"
	  "critical.identity docker-reference)", T },
	{ "timeout", O_TIMEOUT, "SECONDS", "give up on a registry request making no progress for this "
	  "long\n(default 30)", T },
	{ "replay", O_REPLAY, "DIR", "audit a recorded engine (DIR/info.json, ...) instead of a live one;\n"
	  "its host files come from DIR/root (or --root), none from here", A },
	{ "images", O_IMAGES, NULL, "audit every layer of every image too (as bulwark image does)", A },
	{ "ca", O_CA, "FILE", "CA certificates for docker:// registries (default\n"
	  "/etc/docker/certs.d/HOST/ca.crt, else the system's)", I | V },
	{ "ca", O_CA, "FILE", "CA certificates for the registries (default\n"
	  "/etc/docker/certs.d/HOST/ca.crt, else the system's)", T },
	{ "insecure", O_INSECURE, NULL, "plain HTTP to a docker:// registry on this machine "
	  "(loopback only)", I | V },
	{ "insecure", O_INSECURE, NULL, "plain HTTP to a registry on this machine (loopback only)",
	  T },
	{ "cache", O_CACHE, "FILE", "layer cache (default $XDG_CACHE_HOME/bulwark/layers.db)", I | V },
	{ "cache", O_CACHE, "FILE", "layer cache for --images (default\n"
	  "$XDG_CACHE_HOME/bulwark/layers.db)", A },
	{ "no-cache", O_NO_CACHE, NULL, "scan every layer, read and write no cache", A | I | V },
	{ "max-layer-size", O_MAX_LAYER, "N", "refuse layers over N bytes uncompressed (NM, NG; "
	  "default 8G)", I | V },
	{ "vulns", O_VULNS, NULL, "match installed packages against known vulnerabilities (OSV\n"
	  "data from bulwark db update or db import)", I },
	{ "vulns", O_VULNS, NULL, "with --images: match installed packages against known\n"
	  "vulnerabilities", A },
	{ "ignore-unfixed", O_IGNORE_UNFIXED, NULL, "leave out vulnerabilities with no fixed "
	  "version yet", A | I | V },
	{ "db", O_DB, "PATH", "vulnerability store (default $XDG_DATA_HOME/bulwark/vulns.db)",
	  A | I | V },
	{ "max-db-age", O_MAX_DB_AGE, "DAYS", "warn when the newest vulnerability record is older "
	  "(default 7)", A | I | V },
	{ "rematch", O_REMATCH, NULL, "no REFs: match every inventory kept by earlier scans against\n"
	  "the store again and report what is newly affected", V },
	{ NULL, 0, NULL, NULL, 0 },
};

static void push(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

/* "host,daemon" as AUDIT_* bits; 0 when a word is unknown or empty. */
static unsigned only_parse(const char *list)
{
	unsigned bits = 0;
	for (const char *w = list;; w++) {
		size_t len = strcspn(w, ","), i = 0;
		while (only_values()[i] && (strlen(only_values()[i]) != len ||
		                            strncmp(only_values()[i], w, len)))
			i++;
		if (!only_values()[i])
			return 0;
		bits |= 1u << i;
		w += len;
		if (!*w)
			return bits;
	}
}

/* The options that set the engine or what the audit reads. */
static int audit_opt(struct run_opts *o, const struct opts *p, int c)
{
	struct audit_opts *a = &o->audit;
	switch (c) {
	case 'H': a->host = optarg; break;
	case 'c': a->context = optarg; break;
	case O_CONTAINER: push(&a->containers, &a->ncontainers, optarg); break;
	case O_IMAGE: push(&a->images, &a->nimages, optarg); break;
	case O_DAEMON_JSON: a->daemon_json = optarg; break;
	case O_ROOT: a->root = optarg; break;
	case O_REPLAY: a->replay = optarg; break;
	case O_IMAGES: a->images_full = true; break;
	case O_ONLY: {
		unsigned bits = only_parse(optarg);
		if (!bits)
			return opts_usage_error(p, "--only takes host, daemon, containers or images, "
			                        "comma-separated", optarg);
		a->only |= bits;
		break;
	}
	case O_VULNS: o->vulns.on = true; break;
	case O_IGNORE_UNFIXED: o->vulns.ignore_unfixed = true; break;
	case O_DB: o->vulns.db = optarg; break;
	case O_REMATCH: o->vulns.rematch = true; break;
	case O_MAX_DB_AGE: {
		char *end;
		long d = strtol(optarg, &end, 10);
		if (*end || d < 1 || d > 36500)
			return opts_usage_error(p, "--max-db-age takes whole days, 1 to 36500", optarg);
		o->vulns.max_age_days = (int)d;
		break;
	}
	case O_CACHE: o->cache.cache = optarg; break;
	case O_CA: o->audit.registry_ca = optarg; break;
	case O_KEY: push(&o->verify.keys, &o->verify.nkeys, optarg); break;
	case O_IDENTITY: o->verify.identity = optarg; break;
	case O_INSECURE: o->audit.insecure = true; break;
	case O_NO_CACHE: o->cache.no_cache = true; break;
	case O_MAX_LAYER: {
		char *end;
		o->cache.max_layer_bytes = strtoull(optarg, &end, 10);
		if (*end == 'G' || *end == 'g') o->cache.max_layer_bytes <<= 30, end++;
		else if (*end == 'M' || *end == 'm') o->cache.max_layer_bytes <<= 20, end++;
		if (*end || !o->cache.max_layer_bytes)
			return opts_usage_error(p, "--max-layer-size takes bytes (or NM, NG)", optarg);
		break;
	}
	case O_TIMEOUT: {
		char *end;
		a->timeout = strtod(optarg, &end);
		if (*end || !(a->timeout > 0 && a->timeout <= 3600))
			return opts_usage_error(p, "--timeout takes seconds, up to 3600", optarg);
		break;
	}
	}
	return -1;
}

static bool ignore_ids_ok(const char *list)
{
	char *copy = xstrdup(list), *save = NULL;
	bool ok = *list != '\0';
	for (char *id = strtok_r(copy, ",", &save); ok && id; id = strtok_r(NULL, ",", &save))
		ok = config_ignore_id_ok(id);
	free(copy);
	return ok;
}

/* The options every such command has: how the run ends. */
static int end_opt(struct run_opts *o, const struct opts *p, int c)
{
	switch (c) {
	case 'f': push(&o->files.compose, &o->files.ncompose, optarg); break;
	case 'o': o->end.output = optarg; break;
	case O_CONFIG: o->end.config = optarg; break;
	case O_NO_CONFIG: o->end.no_config = true; break;
	case O_BASELINE: o->end.baseline = optarg; break;
	case O_STORE: o->end.store.url = optarg; break;
	case O_HOST_NAME: o->end.store.host_name = optarg; break;
	case O_RUN_ID: o->end.store.run_id = optarg; break;
	case O_IGNORE:
		if (!ignore_ids_ok(optarg))
			return opts_usage_error(p, "unknown rule in --ignore (see 'bulwark rules')",
			                        optarg);
		push(&o->end.ignore, &o->end.nignore, optarg);
		break;
	case O_SECRETS: g_show_secrets = true; break;
	case O_NO_COLOR: o->end.color = 0; break;
	case O_FORMAT:
	{
		int fmt = report_format_parse(optarg);
		if (fmt < 0)
			return opts_usage_error(p, "unknown format (text, json, sarif, html, junit, "
			                        "gitlab)", optarg);
		o->end.format = (enum report_format)fmt;
		break;
	}
	case O_FAIL_ON:
		if ((o->end.fail_on = run_fail_on_parse(optarg)) < 0)
			return opts_usage_error(p, "unknown severity (critical, high, medium, low, "
			                        "info, none)", optarg);
		break;
	case O_COLOR:
		if (!strcmp(optarg, "auto")) o->end.color = -1;
		else if (!strcmp(optarg, "always")) o->end.color = 1;
		else if (!strcmp(optarg, "never")) o->end.color = 0;
		else return opts_usage_error(p, "--color takes auto, always or never", optarg);
		break;
	default:
		return audit_opt(o, p, c);
	}
	return -1;
}

static unsigned bit_of(const char *name)
{
	for (unsigned i = 0; names[i]; i++)
		if (!strcmp(names[i], name))
			return 1u << i;
	return 0;
}

/* --only against the options that pick containers or images; host alone needs no engine. */
static int only_check(struct run_opts *o, const struct opts *p)
{
	struct audit_opts *a = &o->audit;
	if (!a->only)
		return -1;
	if (a->ncontainers && !(a->only & AUDIT_CONTAINERS))
		return opts_usage_error(p, "--container picks containers, which --only leaves out",
		                        NULL);
	if ((a->nimages || a->images_full) && !(a->only & AUDIT_IMAGES))
		return opts_usage_error(p, "--image and --images pick images, which --only leaves out",
		                        NULL);
	a->no_engine = a->only == AUDIT_HOST;
	return -1;
}

int run_opts_parse(struct run_opts *o, int argc, char **argv, const struct cmd *cmd)
{
	const struct opts p = { cmd->name, cmd->usage, table, bit_of(cmd->name), names, cmd->about };
	int c, rc = -1;
	memset(o, 0, sizeof *o);
	o->end.fail_on = -1;
	o->end.color = -1;
	optind = 0;
	while (rc < 0 && (c = opts_next(&p, argc, argv, &rc)) != OPT_DONE)
		if (c != OPT_EXIT)
			rc = end_opt(o, &p, c);
	if (rc < 0 && o->end.config && o->end.no_config)
		rc = opts_usage_error(&p, "--config and --no-config contradict each other", NULL);
	if (rc < 0 && !o->end.store.url && (o->end.store.host_name || o->end.store.run_id))
		rc = opts_usage_error(&p, "--host-name and --run-id name a run in a store: add "
		                      "--store", NULL);
	o->end.store.command = cmd->name;
	if (rc >= 0) {
		run_opts_free(o);
		return rc;
	}
	for (int i = optind; i < argc; i++)
		push(&o->files.paths, &o->files.npaths, argv[i]);
	if (cmd == &cmd_vulns)
		o->vulns.on = true;
	if (!o->vulns.on && (o->vulns.ignore_unfixed || o->vulns.db || o->vulns.max_age_days)) {
		run_opts_free(o);
		return opts_usage_error(&p, "--ignore-unfixed, --db and --max-db-age go with --vulns",
		                        NULL);
	}
	if (o->vulns.on && !o->audit.images_full && cmd == &cmd_audit) {
		run_opts_free(o);
		return opts_usage_error(&p, "--vulns needs --images: packages are read from the "
		                        "layers", NULL);
	}
	if ((rc = only_check(o, &p)) >= 0) {
		run_opts_free(o);
		return rc;
	}
	if (o->audit.replay && o->audit.images_full) {   /* it would read the live engine */
		run_opts_free(o);
		return opts_usage_error(&p, "--images needs a live engine: a recording (--replay) holds "
		                        "no layers", NULL);
	}
	return -1;
}

void run_opts_free(struct run_opts *o)
{
	free(o->end.ignore);
	free(o->files.compose);
	free(o->files.paths);
	free(o->audit.containers);
	free(o->audit.images);
	free(o->verify.keys);
}

int run_images(const struct cmd *cmd, int argc, char **argv)
{
	struct run_opts o;
	int rc = run_opts_parse(&o, argc, argv, cmd);
	if (rc >= 0)
		return rc;
	if (o.vulns.rematch && o.files.npaths) {
		fprintf(stderr, "bulwark: --rematch takes no REF: it matches the kept inventories\n"
		        "usage: bulwark %s\n", cmd->usage);
		rc = EXIT_ERROR;
	} else if (o.vulns.rematch) {
		rc = pipeline_rematch(&o.end, &o.vulns);
	} else if (!o.files.npaths) {
		fprintf(stderr, "bulwark: %s needs at least one REF\nusage: bulwark %s\n", cmd->name,
		        cmd->usage);
		rc = EXIT_ERROR;
	} else {
		rc = pipeline_image(&o.end, &o.audit, &o.cache, &o.vulns, o.files.paths,
		                    o.files.npaths);
	}
	run_opts_free(&o);
	return rc;
}

void run_opts_describe(const struct cmd *cmd, struct opts *out)
{
	*out = (struct opts){ cmd->name, cmd->usage, table, bit_of(cmd->name), names, cmd->about };
}
