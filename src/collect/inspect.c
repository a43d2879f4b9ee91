/* `docker inspect` output (GET /containers/{id}/json) becomes the container spec that compose
 * services also become, so the container rules run unchanged on live containers. Missing or
 * mistyped fields are simply unset: the engine's answer is trusted for shape, not for content. */
#include "collect/inspect.h"
#include "collect/input.h"
#include "collect/engine_cspec.h"
#include "util/util.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_mounts(struct cspec *c, json_t *arr)
{
	size_t i;
	json_t *m;
	json_array_foreach(arr, i, m) {
		struct cs_mount *x = cspec_add_mount(c);
		const char *prop = ej_str(m, "Propagation");
		x->type = ej_mount_type(ej_str(m, "Type"));
		x->source = xstrdup(x->type == MOUNT_VOLUME && ej_str(m, "Name") ? ej_str(m, "Name")
		                                                                : ej_str(m, "Source"));
		x->target = xstrdup(ej_str(m, "Destination"));
		x->read_only = json_is_false(json_object_get(m, "RW"));
		x->propagation = prop && *prop ? xstrdup(prop) : NULL;
	}
}

void cspec_follow_volume(struct cspec *c, json_t *vol)
{
	json_t *opts = json_object_get(vol, "Options");
	const char *name = ej_str(vol, "Name");
	bool ro = false;
	const char *dev = cs_volume_bind(ej_str(vol, "Driver"), ej_str(opts, "o"),
	                                 ej_str(opts, "device"), &ro);
	for (size_t i = 0; dev && name && i < c->nmounts; i++) {
		struct cs_mount *m = &c->mounts[i];
		if (m->type == MOUNT_VOLUME && str_eq(m->source, name))
			cs_mount_bind_volume(m, dev, ro);
	}
}

static void set_health(struct cspec *c, json_t *cfg, json_t *state)
{
	ej_set_healthcheck(c, cfg);
	c->health_status = xstrdup(ej_str(json_object_get(state, "Health"), "Status"));
}

static void set_networks(struct cspec *c, json_t *nets)
{
	const char *k;
	json_t *v;
	c->networks = xcalloc(json_object_size(nets) + 1, sizeof *c->networks);
	json_object_foreach(nets, k, v)
		c->networks[c->nnetworks++] = xstrdup(k);
}

static void set_host_config(struct cspec *c, json_t *hc)
{
	ej_set_host_config(c, hc);
	/* The engine turns systempaths=unconfined into empty mask lists and drops the option
	 * (a privileged container has none at all: null). */
	json_t *masked = json_object_get(hc, "MaskedPaths");
	if (json_is_array(masked) && json_array_size(masked) == 0)
		cs_strs_add(&c->security_opt, "systempaths=unconfined", LOC_NONE);
	ej_add_port_bindings(c, json_object_get(hc, "PortBindings"));
}

struct cspec *cspec_from_inspect(json_t *j, const struct cs_engine *engine)
{
	if (!json_is_object(j))
		return NULL;
	struct cspec *c = cspec_new(CSPEC_INSPECT);
	json_t *cfg = json_object_get(j, "Config"), *state = json_object_get(j, "State");
	const char *name = ej_str(j, "Name");
	c->name = xstrdup(name && *name == '/' ? name + 1 : name);
	c->id = xstrdup(ej_str(j, "Id"));
	c->image_id = xstrdup(ej_str(j, "Image"));
	c->state = xstrdup(ej_str(state, "Status"));
	c->engine = engine;
	ej_set_str(&c->image, cfg, "Image");
	ej_set_str(&c->user, cfg, "User");
	ej_set_str(&c->apparmor_profile, j, "AppArmorProfile");
	ej_add_env(c, json_object_get(cfg, "Env"));
	set_health(c, cfg, state);
	set_host_config(c, json_object_get(j, "HostConfig"));
	add_mounts(c, json_object_get(j, "Mounts"));
	set_networks(c, json_object_get(json_object_get(j, "NetworkSettings"), "Networks"));
	return c;
}

/* The command name of one process: /proc/PID/comm when this host can read it (same PID
 * namespace as the engine), else the first word of top's CMD column. */
static char *proc_name(const char *root, const char *pid, const char *cmd)
{
	char path[4096], buf[64];
	snprintf(path, sizeof path, "%s/proc/%s/comm", root ? root : "", pid ? pid : "?");
	FILE *fp = pid && strspn(pid, "0123456789") == strlen(pid) ? fopen(path, "r") : NULL;
	if (fp) {
		char *ok = fgets(buf, sizeof buf, fp);
		fclose(fp);
		if (ok) {
			buf[strcspn(buf, "\n")] = '\0';
			return xstrdup(buf);
		}
	}
	if (!cmd)
		return NULL;
	size_t n = strcspn(cmd, " ");
	char *word = xstrndup(cmd, n);
	const char *base = strrchr(word, '/');
	char *out = xstrdup(base ? base + 1 : word);
	free(word);
	return out;
}

static int column(json_t *titles, const char *name)
{
	size_t i;
	json_t *t;
	json_array_foreach(titles, i, t)
		if (json_is_string(t) && !strcmp(json_string_value(t), name))
			return (int)i;
	return -1;
}

void cspec_set_procs(struct cspec *c, json_t *top, const char *root)
{
	json_t *procs = json_object_get(top, "Processes");
	int pid = column(json_object_get(top, "Titles"), "PID");
	int cmd = column(json_object_get(top, "Titles"), "CMD");
	size_t i;
	json_t *row;
	if (!json_is_array(procs))
		return;
	c->procs_known = true;
	c->procs = xcalloc(json_array_size(procs) + 1, sizeof *c->procs);
	json_array_foreach(procs, i, row) {
		char *n = proc_name(root, json_string_value(json_array_get(row, (size_t)pid)),
		                    json_string_value(json_array_get(row, (size_t)cmd)));
		if (!n)
			continue;
		c->procs[c->nprocs++] = n;
	}
}

enum { MAX_PROCS = 4096 };

/* root/sys/fs/cgroup[/CONTROLLER]/PATH/cgroup.procs of one /proc/PID/cgroup line that names
 * the container ("4:memory:/docker/ID", "0::/system.slice/docker-ID.scope"). */
static char *procs_of_line(const char *root, const char *line, const char *id)
{
	const char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	if (!c2 || !strstr(c2 + 1, id))
		return NULL;
	char ctl[64] = "", path[4096];
	size_t n = (size_t)(c2 - c1 - 1);
	if (n >= sizeof ctl)
		return NULL;
	memcpy(ctl, c1 + 1, n);
	ctl[n] = '\0';
	ctl[strcspn(ctl, ",")] = '\0';
	const char *name = str_prefix(ctl, "name=") ? ctl + 5 : ctl;
	if (*name)
		snprintf(path, sizeof path, "%s/sys/fs/cgroup/%s%s/cgroup.procs", root, name, c2 + 1);
	else
		snprintf(path, sizeof path, "%s/sys/fs/cgroup%s/cgroup.procs", root, c2 + 1);
	return input_read_small(path, MAX_PROCS * 8);
}

static char *container_procs(const char *root, long pid, const char *id)
{
	char path[4096], *lines, *out = NULL, *save = NULL;
	snprintf(path, sizeof path, "%s/proc/%ld/cgroup", root, pid);
	if (!(lines = input_read_small(path, 65536)))
		return NULL;
	for (char *l = strtok_r(lines, "\n", &save); l && !out; l = strtok_r(NULL, "\n", &save))
		out = procs_of_line(root, l, id);
	free(lines);
	return out;
}

bool cspec_procs_from_cgroup(struct cspec *c, json_t *inspect, const char *root)
{
	json_t *st = json_object_get(inspect, "State");
	long pid = (long)json_integer_value(json_object_get(st, "Pid"));
	char *procs;
	if (pid <= 0 || !c->id || strlen(c->id) < 12 ||
	    !(procs = container_procs(root ? root : "", pid, c->id)))
		return false;
	size_t n = 0;
	char *save = NULL;
	for (const char *p = procs; *p; p++)
		n += *p == '\n';
	c->procs = xcalloc(n + 2, sizeof *c->procs);
	c->procs_known = true;
	for (char *l = strtok_r(procs, "\n", &save); l && c->nprocs <= n;
	     l = strtok_r(NULL, "\n", &save)) {
		char *name = proc_name(root, l, NULL);
		if (name)
			c->procs[c->nprocs++] = name;
	}
	free(procs);
	return true;
}

/* An exec id becomes a request path: letters, digits, '-', '_' and '.' only, not "." or "..". */
static bool id_safe(const char *id)
{
	size_t n = id ? strlen(id) : 0;
	if (n == 0 || n > 128 || !strcmp(id, ".") || !strcmp(id, ".."))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)id[i]) && !strchr("-_.", id[i]))
			return false;
	return true;
}

size_t cspec_exec_ids(struct cspec *c, json_t *inspect, const char **ids)
{
	json_t *arr = json_object_get(inspect, "ExecIDs"), *v;
	size_t i, n = 0;
	c->nexec_ids = json_is_array(arr) ? json_array_size(arr) : 0;
	json_array_foreach(arr, i, v)
		if (n < CSPEC_MAX_EXECS && id_safe(json_string_value(v)))
			ids[n++] = json_string_value(v);
	return n;
}

enum { EXEC_PROG_MAX = 64 };

/* The engine runs a health check as an exec of the container's user: Healthcheck.Test after
 * "CMD", or the shell (Config.Shell, else /bin/sh -c) and the command of "CMD-SHELL". */
static bool health_probe(json_t *pc, json_t *inspect)
{
	json_t *cfg = json_object_get(inspect, "Config");
	json_t *test = json_object_get(json_object_get(cfg, "Healthcheck"), "Test");
	json_t *shell = json_object_get(cfg, "Shell");
	const char *kind = json_string_value(json_array_get(test, 0));
	json_t *want = json_array(), *got = json_array();
	if (str_eq(kind, "CMD-SHELL") && json_array_size(shell)) {
		json_array_extend(want, shell);
	} else if (str_eq(kind, "CMD-SHELL")) {
		json_array_append_new(want, json_string("/bin/sh"));
		json_array_append_new(want, json_string("-c"));
	}
	for (size_t i = 1; (str_eq(kind, "CMD") || str_eq(kind, "CMD-SHELL")) &&
	                   i < json_array_size(test); i++)
		json_array_append(want, json_array_get(test, i));
	json_array_append(got, json_object_get(pc, "entrypoint"));
	json_array_extend(got, json_object_get(pc, "arguments"));
	bool probe = json_array_size(want) > 0 && json_equal(want, got) &&
	             !json_is_true(json_object_get(pc, "privileged")) &&
	             str_eq(ej_str(pc, "user") ? ej_str(pc, "user") : "",
	                    ej_str(cfg, "User") ? ej_str(cfg, "User") : "");
	json_decref(want);
	json_decref(got);
	return probe;
}

void cspec_add_exec_inspect(struct cspec *c, json_t *exec, json_t *inspect)
{
	json_t *pc = json_object_get(exec, "ProcessConfig");
	const char *id = ej_str(exec, "ID"), *cid = ej_str(exec, "ContainerID");
	const char *user = ej_str(pc, "user"), *prog = ej_str(pc, "entrypoint");
	if (!json_is_object(exec) || !id || (cid && c->id && strcmp(cid, c->id)) ||
	    c->nexecs >= CSPEC_MAX_EXECS || health_probe(pc, inspect))
		return;
	struct cs_exec *x = cspec_add_exec(c);
	x->id = xstrdup(id);
	x->user = user && *user ? xstrdup(user) : NULL;
	/* Only the program, not its arguments: those can hold a password. */
	x->program = prog && *prog ? xstrndup(prog, strnlen(prog, EXEC_PROG_MAX)) : NULL;
	x->privileged = json_is_true(json_object_get(pc, "privileged"));
	x->running = json_is_true(json_object_get(exec, "Running"));
}
