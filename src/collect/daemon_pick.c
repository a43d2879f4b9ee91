/* Which running dockerd serves the audited endpoint. Several daemons may run on one host (a
 * rootless one beside the system one, a second instance with its own data root); attributing
 * one daemon's flags to another's engine would be wrong, so a process is chosen only on
 * evidence: it listens on the endpoint (its -H/--host flags, else the hosts of its daemon.json,
 * else dockerd's default socket), its data root holds the engine-id that /info reports, or its
 * data root is /info's DockerRootDir. Without such evidence nothing is chosen. */
#include "collect/daemon_int.h"
#include "collect/input.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_DATA_ROOT "/var/lib/docker"
#define DEFAULT_HOST "unix:///var/run/docker.sock"
#define SMALL_FILE (1u << 20)

struct cand { char **hosts; size_t nhosts, cap; char *data_root; };


static void add_host(struct cand *c, const char *h)
{
	GROW(c->hosts, c->cap, c->nhosts);
	c->hosts[c->nhosts++] = xstrdup(h);
}

/* The hosts and data root a daemon.json gives, for the ones its flags leave out. */
static void from_json(struct cand *c, const char *root, const char *cfg)
{
	char *path = xasprintf("%s%s", root, cfg && *cfg == '/' ? cfg : "/etc/docker/daemon.json");
	char *text = input_read_small(path, SMALL_FILE);
	json_t *j = text ? json_loads(text, 0, NULL) : NULL, *v;
	size_t i;
	if (!c->nhosts)
		json_array_foreach(json_object_get(j, "hosts"), i, v)
			if (json_is_string(v))
				add_host(c, json_string_value(v));
	const char *dr = json_string_value(json_object_get(j, "data-root"));
	if (!c->data_root && dr && *dr)
		c->data_root = xstrdup(dr);
	json_decref(j);
	free(text);
	free(path);
}

static void cand_fill(struct cand *c, const struct dproc *p, const char *root)
{
	struct dflag *f;
	size_t nf = dflags_parse(p->argv + 1, p->argc - 1, &f);
	for (size_t i = 0; i < nf; i++)
		if (!strcmp(f[i].key, "hosts"))
			add_host(c, f[i].value);
	const char *dr = dflags_get(f, nf, "data-root");
	c->data_root = dr && *dr ? xstrdup(dr) : NULL;
	from_json(c, root, dflags_get(f, nf, "config-file"));
	if (!c->nhosts)
		add_host(c, DEFAULT_HOST);
	if (!c->data_root)
		c->data_root = xstrdup(DEFAULT_DATA_ROOT);
	dflags_free(f, nf);
}

static void cand_free(struct cand *c)
{
	for (size_t i = 0; i < c->nhosts; i++)
		free(c->hosts[i]);
	free(c->hosts);
	free(c->data_root);
}

/* A unix socket path as the daemon binds it: fd:// is systemd's docker.socket, and /var/run
 * is /run. Writes into out (n bytes); false when h is no local socket. */
static bool socket_path(const char *h, char *out, size_t n)
{
	const char *p;
	if (str_prefix(h, "fd://"))
		p = "/var/run/docker.sock";
	else if (str_prefix(h, "unix://"))
		p = h[7] ? h + 7 : "/var/run/docker.sock";
	else
		return false;
	if (str_prefix(p, "/var/run/"))
		p += 4;
	snprintf(out, n, "%s", p);
	return true;
}

/* "tcp://0.0.0.0:2376" serves "tcp://127.0.0.1:2376": the same port, and the same address or a
 * wildcard one. */
static bool tcp_serves(const char *h, const char *ep)
{
	const char *hp = strrchr(h, ':'), *ep_p = strrchr(ep, ':');
	if (!str_prefix(h, "tcp://") || !str_prefix(ep, "tcp://") || !hp || !ep_p ||
	    strcmp(hp, ep_p))
		return false;
	size_t hn = (size_t)(hp - h - 6);
	const char *addr = h + 6;
	return hn == 0 || (hn == 7 && !strncmp(addr, "0.0.0.0", 7)) ||
	       (hn == 4 && !strncmp(addr, "[::]", 4)) ||
	       (hn == (size_t)(ep_p - ep - 6) && !strncmp(addr, ep + 6, hn));
}

static bool serves(const struct cand *c, const char *ep)
{
	char a[4096], b[4096];
	bool ep_sock = ep && socket_path(ep, b, sizeof b);
	for (size_t i = 0; ep && i < c->nhosts; i++) {
		if (ep_sock && socket_path(c->hosts[i], a, sizeof a) && !strcmp(a, b))
			return true;
		if (tcp_serves(c->hosts[i], ep))
			return true;
	}
	return false;
}

/* Is the engine's DockerRootDir this data root? With userns-remap it is a "UID.GID"
 * directory below it. */
static bool same_root(const char *data_root, const char *engine_root)
{
	size_t n = strlen(data_root);
	while (n > 1 && data_root[n - 1] == '/')
		n--;
	if (!engine_root || strncmp(data_root, engine_root, n))
		return false;
	return !engine_root[n] || (engine_root[n] == '/' && engine_root[n + 1] &&
	                           !strchr(engine_root + n + 1, '/'));
}

/* The engine-id file (Docker 20.10+) under the data root names the engine. */
static bool has_id(const struct cand *c, const char *root, const char *id)
{
	char *path = xasprintf("%s%s/engine-id", root, c->data_root);
	char *text = id ? input_read_small(path, SMALL_FILE) : NULL;
	bool same = text && !strcmp(str_trim(text), id);
	free(text);
	free(path);
	return same;
}

enum { BY_SOCKET, BY_ID, BY_ROOT };

/* Keeps in[] those that pass test; returns how many. */
static size_t narrow(struct cand *c, size_t *in, size_t n, int test, const char *root,
                     const char *ep, json_t *info)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct cand *x = &c[in[i]];
		bool ok = test == BY_SOCKET ? serves(x, ep)
		        : test == BY_ID ? has_id(x, root, json_string_value(json_object_get(info, "ID")))
		        : same_root(x->data_root,
		                          json_string_value(json_object_get(info, "DockerRootDir")));
		if (ok)
			in[k++] = in[i];
	}
	return k;
}

long dproc_pick(const struct dproc *p, size_t n, const char *root, const char *endpoint,
                json_t *info)
{
	struct cand *c = xcalloc(n ? n : 1, sizeof *c);
	size_t *in = xcalloc(n ? n : 1, sizeof *in), *keep = xcalloc(n ? n : 1, sizeof *keep);
	long pick = -1;
	for (size_t i = 0; i < n; i++)
		cand_fill(&c[i], &p[i], root);
	for (size_t i = 0; i < n; i++)
		in[i] = i;
	size_t k = narrow(c, in, n, BY_SOCKET, root, endpoint, info);
	bool by_socket = k > 0, url = endpoint && strstr(endpoint, "://");
	if (k == 1)
		pick = (long)in[0];
	for (size_t i = 0; !by_socket && i < n; i++)
		in[k++] = i;
	/* Among those on the endpoint's socket, or among all when none is: the engine's own ID,
	 * then its data root. A data root alone does not tie a process to another endpoint (any
	 * daemon may use the default one); a recording has no socket, so there it counts. */
	for (int t = BY_ID; pick < 0 && t <= BY_ROOT; t++) {
		if (t == BY_ROOT && !by_socket && url)
			break;
		memcpy(keep, in, k * sizeof *in);
		if (narrow(c, keep, k, t, root, endpoint, info) == 1)
			pick = (long)keep[0];
	}
	for (size_t i = 0; i < n; i++)
		cand_free(&c[i]);
	free(c);
	free(in);
	free(keep);
	return pick;
}
