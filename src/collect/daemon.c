/* The daemon collector: which dockerd, which daemon.json, and the merge of the three sources. */
#include "collect/daemon_int.h"
#include "collect/input.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_DATA_ROOT "/var/lib/docker"
#define DEFAULT_SOCKET "/var/run/docker.sock"

/* The running dockerd's flags, when one runs: the one that serves the endpoint. With several
 * and no evidence which, none: another daemon's flags are not this engine's. *ran says whether
 * any dockerd runs (then the unit file, which says how one would start, is not read). */
static bool flags_from_proc(struct daemon *d, const struct daemon_inputs *in, const char *root,
                            struct dflag **f, size_t *nf, bool *ran, struct findings *errs)
{
	struct dproc *p;
	size_t n = dproc_find(root, &p);
	long pick = n ? dproc_pick(p, n, root, in->endpoint, in->info) : -1;
	*ran = n > 0;
	if (n && pick < 0) {
		struct buf pids = { 0 };
		for (size_t i = 0; i < n && i < 8; i++)
			buf_printf(&pids, "%s%d", i ? ", " : "", p[i].pid);
		findings_warn(errs, in->endpoint, 0, "%zu dockerd process%s (pid %s%s) and %s known "
		              "to serve this engine: no dockerd flags are audited", n,
		              n > 1 ? "es run" : " runs", pids.s, n > 8 ? ", ..." : "",
		              n > 1 ? "none is" : "it is not");
		free(pids.s);
	}
	if (pick >= 0) {
		*nf = dflags_parse(p[pick].argv + 1, p[pick].argc - 1, f);
		d->pid = p[pick].pid;
		d->cmdline_from = xasprintf("%s/proc/%d/cmdline", root, d->pid);
	}
	dproc_free(p, n);
	return pick >= 0;
}

/* No dockerd runs: the unit file's ExecStart says how it would start. */
static void flags_from_unit(struct daemon *d, const char *root, const char *unit,
                            struct findings *errs, struct dflag **f, size_t *nf, int *line)
{
	char *path = *root && !str_prefix(unit, root) ? xasprintf("%s%s", root, unit)
	                                              : xstrdup(unit);
	char *text = NULL, **argv = NULL;
	size_t len, argc = 0;
	if (access(path, F_OK) == 0 && input_read(path, &text, &len, errs) &&
	    dunit_execstart(text, &argv, &argc, line)) {
		*nf = dflags_parse(argv + 1, argc - 1, f);
		d->cmdline_from = xstrdup(path);
	}
	dargv_free(argv, argc);
	free(text);
	free(path);
}

static void read_daemon_json(struct daemon *d, const char *path, bool must_exist,
                             struct findings *errs)
{
	char *text;
	size_t len;
	if (!must_exist && access(path, F_OK) != 0)
		return;
	if (!input_read(path, &text, &len, errs))
		return;
	d->daemon_json = xstrdup(path);
	daemon_json_apply(d, path, text, len, errs);
	free(text);
}

static void add_socket(char ***v, size_t *n, size_t *cap, const char *path)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], path))
			return;
	GROW(*v, *cap, *n + 1);
	(*v)[(*n)++] = xstrdup(path);
	(*v)[*n] = NULL;
}

/* unix:// and fd:// (systemd socket activation, docker.socket's default path) entries. */
static void derive_sockets(struct daemon *d)
{
	const struct d_setting *h = daemon_get(d, "hosts");
	size_t n = 0, cap = 0;
	for (size_t i = 0; d->unix_sockets && d->unix_sockets[i]; i++)
		free(d->unix_sockets[i]);
	free(d->unix_sockets);
	d->unix_sockets = NULL;
	for (size_t i = 0; h && i < h->nitems; i++) {
		const char *s = h->items[i];
		if (str_prefix(s, "unix://"))
			add_socket(&d->unix_sockets, &n, &cap, s[7] ? s + 7 : DEFAULT_SOCKET);
		else if (str_prefix(s, "fd://"))
			add_socket(&d->unix_sockets, &n, &cap, DEFAULT_SOCKET);
	}
	if (!h || !h->nitems)
		add_socket(&d->unix_sockets, &n, &cap, DEFAULT_SOCKET);
}

static void set_str(char **to, const char *s)
{
	free(*to);
	*to = xstrdup(s);
}

void daemon_derive(struct daemon *d)
{
	const struct d_setting *ul = daemon_get(d, "default-ulimits");
	const char *dr = daemon_str(d, "data-root");
	set_str(&d->data_root, dr && *dr ? dr : DEFAULT_DATA_ROOT);
	set_str(&d->tls_ca, daemon_str(d, "tlscacert"));
	set_str(&d->tls_cert, daemon_str(d, "tlscert"));
	set_str(&d->tls_key, daemon_str(d, "tlskey"));
	derive_sockets(d);
	d->default_ulimits = ul && ul->nitems > 0;
	d->no_new_privileges = daemon_bool(d, "no-new-privileges", false);
	d->rootless = daemon_bool(d, "rootless", false);
}

int daemon_collect(struct daemon *d, const struct daemon_inputs *in, struct findings *errs)
{
	const char *root = in->root ? in->root : "";
	size_t errors = errs->nerrors, nf = 0;
	struct dflag *f = NULL;
	int unit_line = 0;
	memset(d, 0, sizeof *d);
	d->endpoint = xstrdup(in->endpoint);
	d->content_trust = xstrdup(getenv("DOCKER_CONTENT_TRUST"));
	dinfo_facts(d, in->info, in->version);
	bool ran = false;
	if (!flags_from_proc(d, in, root, &f, &nf, &ran, errs) && !ran && in->unit_path)
		flags_from_unit(d, root, in->unit_path, errs, &f, &nf, &unit_line);

	const char *cfg = dflags_get(f, nf, "config-file");
	char *path = in->daemon_json ? xstrdup(in->daemon_json)
	           : xasprintf("%s%s", root, cfg && *cfg == '/' ? cfg : "/etc/docker/daemon.json");
	read_daemon_json(d, path, in->daemon_json != NULL, errs);
	free(path);

	if (d->cmdline_from) {
		struct loc loc = { daemon_path(d, d->cmdline_from), d->pid ? 0 : unit_line };
		char *where = d->pid ? xasprintf("(pid %d)", d->pid)
		                     : xasprintf("in %s:%d", d->cmdline_from, unit_line);
		d->sources |= DSRC_BIT(DSRC_FLAG);
		dflags_apply(d, f, nf, loc, where);
		free(where);
	}
	dflags_free(f, nf);
	dinfo_settings(d, in->info);
	dswarm_spec(d, json_object_get(json_object_get(in->info, "Swarm"), "Cluster"));
	daemon_derive(d);
	return errs->nerrors > errors ? -1 : 0;
}
