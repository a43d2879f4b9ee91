/* What a process holding a listener is: its name and binary, the systemd unit and container
 * its cgroup places it in, and, for docker-proxy, the container port it publishes. */
#include "collect/host_net_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { CONTAINER_ID_LEN = 64 };

/* The first run of exactly 64 hex digits in a path component ("docker-<id>.scope",
 * "<id>" below /docker/, "cri-containerd-<id>.scope"); NULL when none. */
static char *container_id(const char *comp)
{
	for (const char *s = comp; *s;) {
		size_t k = strspn(s, "0123456789abcdef");
		if (k == CONTAINER_ID_LEN && (s == comp || !isxdigit((unsigned char)s[-1])))
			return xstrndup(s, k);
		s += k ? k : 1;
	}
	return NULL;
}

/* Walk one cgroup path's components, keeping the deepest unit and the container. */
static void cgroup_path(struct host_proc *p, char *path)
{
	char *service = NULL, *scope = NULL, *save = NULL;
	for (char *c = strtok_r(path, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		char *id = container_id(c);
		if (id) {
			if (!p->container)
				p->container = id;
			else
				free(id);
		} else if (str_suffix(c, ".service")) {
			service = c;
		} else if (str_suffix(c, ".scope")) {
			scope = c;
		}
	}
	if (!p->unit && (service || scope))
		p->unit = xstrdup(service ? service : scope);
}

/* Lines "HIERARCHY:CONTROLLERS:PATH". The unified hierarchy ("0::") or systemd's own
 * ("name=systemd") places the process in its unit; other v1 hierarchies come after. */
void host_net_cgroup(struct host_proc *p, char *text)
{
	for (int pass = 0; pass < 2; pass++) {
		char *copy = xstrdup(text), *save = NULL;
		for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			char *c1 = strchr(l, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
			if (!c2)
				continue;
			*c2 = '\0';
			bool systemd = !c1[1] || !strcmp(c1 + 1, "name=systemd");
			if (systemd == (pass == 0))
				cgroup_path(p, c2 + 1);
		}
		free(copy);
	}
}

static unsigned port_of(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	return *s && !*end && v < 65536 ? (unsigned)v : 0;
}

/* Go's flag syntax: -name value, --name value, -name=value. */
void host_net_proxy(struct host_proxy *x, const char *argv, size_t len)
{
	const char *end = argv + len;
	for (const char *a = argv; a < end; a += strlen(a) + 1) {
		if (*a != '-')
			continue;
		const char *name = a + 1 + (a[1] == '-');
		const char *eq = strchr(name, '='), *val;
		size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
		if (eq)
			val = eq + 1;
		else if (a + strlen(a) + 1 < end)
			val = a + strlen(a) + 1;
		else
			break;
		char *key = xstrndup(name, nlen);
		if (!strcmp(key, "host-ip"))
			free(x->host_ip), x->host_ip = xstrdup(val);
		else if (!strcmp(key, "container-ip"))
			free(x->container_ip), x->container_ip = xstrdup(val);
		else if (!strcmp(key, "proto"))
			free(x->proto), x->proto = xstrdup(val);
		else if (!strcmp(key, "host-port"))
			x->host_port = port_of(val);
		else if (!strcmp(key, "container-port"))
			x->container_port = port_of(val);
		else
			val = NULL;      /* a boolean flag such as -use-listen-fd: no value taken */
		free(key);
		if (val && !eq)
			a += strlen(a) + 1;
	}
	x->set = x->container_ip && x->container_port;
	if (x->set && !x->proto)
		x->proto = xstrdup("tcp");
}

static const char *base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;
	return s ? s + 1 : path;
}

void host_net_describe(struct host_proc *p, const struct hroot *r, int pid)
{
	size_t len;
	char *path = xasprintf("/proc/%d/comm", pid);
	char *text = host_net_read(r, path, &len);
	p->pid = pid;
	if (text && *str_trim(text))
		p->comm = xstrdup(str_trim(text));
	free(text);
	free(path);
	path = xasprintf("/proc/%d/exe", pid);
	p->exe = hfs_readlink(r, path);
	free(path);
	path = xasprintf("/proc/%d/cgroup", pid);
	if ((text = host_net_read(r, path, &len)))
		host_net_cgroup(p, text);
	free(text);
	free(path);
	const char *name = p->exe ? base_name(p->exe) : p->comm;
	if (!name || !str_prefix(name, "docker-proxy"))
		return;
	path = xasprintf("/proc/%d/cmdline", pid);
	if ((text = host_net_read(r, path, &len)))
		host_net_proxy(&p->proxy, text, len);
	free(text);
	free(path);
}
