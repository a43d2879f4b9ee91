/* Method + path -> action. Names follow the API's resource families so a policy reads like the
 * docker CLI: container.create, image.pull, network.connect, swarm.service, system.info. */
#include "authz/authz_int.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const actions[] = {
	"container.list", "container.create", "container.prune", "container.inspect",
	"container.delete", "container.update", "container.exec", "container.start",
	"container.stop", "container.kill", "container.restart", "container.pause",
	"container.unpause", "container.rename", "container.resize", "container.wait",
	"container.attach", "container.logs", "container.top", "container.changes",
	"container.export", "container.stats", "container.archive", "container.commit",
	"exec.start", "exec.resize", "exec.inspect",
	"image.list", "image.pull", "image.import", "image.push", "image.load", "image.save",
	"image.build", "image.delete", "image.tag", "image.inspect", "image.history",
	"image.search", "image.prune",
	"volume.list", "volume.create", "volume.inspect", "volume.delete", "volume.prune",
	"volume.update",
	"network.list", "network.create", "network.inspect", "network.delete", "network.prune",
	"network.connect", "network.disconnect",
	"plugin.list", "plugin.privileges", "plugin.install", "plugin.create", "plugin.inspect",
	"plugin.delete", "plugin.enable", "plugin.disable", "plugin.push", "plugin.set",
	"plugin.upgrade",
	"swarm.inspect", "swarm.init", "swarm.join", "swarm.leave", "swarm.update", "swarm.unlock",
	"swarm.unlockkey", "swarm.service", "swarm.node", "swarm.secret", "swarm.config",
	"swarm.task",
	"system.ping", "system.version", "system.info", "system.events", "system.df",
	"system.auth",
	NULL,
};

static const char *known(const char *name)
{
	for (size_t i = 0; actions[i]; i++)
		if (!strcmp(actions[i], name))
			return actions[i];
	return NULL;
}

bool authz_action_match(const char *pattern, const char *action)
{
	size_t n = strlen(pattern);
	if (!strcmp(pattern, "*"))
		return true;
	if (n >= 2 && !strcmp(pattern + n - 2, ".*"))
		return !strncmp(pattern, action, n - 1);
	return !strcmp(pattern, action);
}

bool authz_action_known(const char *pattern)
{
	for (size_t i = 0; actions[i]; i++)
		if (authz_action_match(pattern, actions[i]))
			return true;
	return false;
}

char *authz_image_registry(const char *ref)
{
	const char *slash = ref ? strchr(ref, '/') : NULL;
	if (!slash)
		return xstrdup("docker.io");
	char *first = xstrndup(ref, (size_t)(slash - ref));
	if (strpbrk(first, ".:") || !strcmp(first, "localhost"))
		return first;
	free(first);
	return xstrdup("docker.io");
}

/* Path split into at most 8 components; names with '/' (images, plugins) are rejoined. */
struct segs { char *v[8]; size_t n; char *buf; };

static void split(struct segs *s, const char *path)
{
	char *save = NULL;
	s->buf = xstrdup(path);
	s->n = 0;
	for (char *t = strtok_r(s->buf, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
		if (s->n == 8) {
			s->n = 0;      /* deeper than any API path: unclassifiable */
			return;
		}
		s->v[s->n++] = t;
	}
}

static char *join(struct segs *s, size_t from, size_t to)
{
	struct buf b = { 0 };
	for (size_t i = from; i < to; i++) {
		if (i > from)
			buf_addc(&b, '/');
		buf_adds(&b, s->v[i]);
	}
	return b.len ? buf_take(&b) : (free(b.s), NULL);
}

static const char *op_action(const char *family, const char *op)
{
	char name[64];
	snprintf(name, sizeof name, "%s.%s", family, op);
	return known(name);
}

static bool is(const char *a, const char *b) { return !strcmp(a, b); }

static const char *containers(struct segs *s, const char *m, const char *query,
                              struct authz_action *a)
{
	if (s->n == 2 && is(s->v[1], "json"))
		return "container.list";
	if (s->n == 2 && is(s->v[1], "create")) {
		a->target = authz_query_get(query, "name");
		return is(m, "POST") ? "container.create" : NULL;
	}
	if (s->n == 2 && is(s->v[1], "prune"))
		return "container.prune";
	if (s->n < 2)
		return NULL;
	a->target = xstrdup(s->v[1]);
	if (s->n == 2)
		return is(m, "DELETE") ? "container.delete" : NULL;
	if (s->n == 4 && is(s->v[2], "attach") && is(s->v[3], "ws"))
		return "container.attach";
	if (s->n != 3)
		return NULL;
	if (is(s->v[2], "json"))
		return "container.inspect";
	if (is(s->v[2], "exec") || is(s->v[2], "update"))
		return is(m, "POST") ? op_action("container", s->v[2]) : NULL;
	return op_action("container", s->v[2]);
}

/* /images/{name...}/{op} or DELETE /images/{name...}: names hold '/'. */
static const char *images(struct segs *s, const char *m, const char *query,
                          struct authz_action *a)
{
	static const char *const ops[] = { "push", "tag", "json", "history", "get", NULL };
	if (s->n == 2 && is(s->v[1], "create")) {
		char *from = authz_query_get(query, "fromImage");
		char *src = authz_query_get(query, "fromSrc");
		char *tag = authz_query_get(query, "tag");
		const char *act = NULL;
		if (from && *from) {
			a->registry = authz_image_registry(from);
			a->target = tag && *tag && !strchr(from, '@') ?
			            xasprintf("%s:%s", from, tag) : xstrdup(from);
			act = "image.pull";
		} else if (src)
			act = "image.import";
		free(from), free(src), free(tag);
		return is(m, "POST") ? act : NULL;
	}
	if (s->n == 2) {
		static const char *const top[][2] = { { "json", "image.list" },
			{ "load", "image.load" }, { "get", "image.save" }, { "search", "image.search" },
			{ "prune", "image.prune" } };
		for (size_t i = 0; i < sizeof top / sizeof *top; i++)
			if (is(s->v[1], top[i][0]))
				return top[i][1];
	}
	if (s->n < 2)
		return NULL;
	if (is(m, "DELETE")) {
		a->target = join(s, 1, s->n);
		return "image.delete";
	}
	for (size_t i = 0; ops[i]; i++)
		if (s->n >= 3 && is(s->v[s->n - 1], ops[i])) {
			a->target = join(s, 1, s->n - 1);
			if (is(ops[i], "push"))
				a->registry = authz_image_registry(a->target);
			return is(ops[i], "json") ? "image.inspect" :
			       is(ops[i], "get") ? "image.save" : op_action("image", ops[i]);
		}
	return NULL;
}

/* volumes, networks: list, create, prune, {name} inspect/delete, {id}/{op}. */
static const char *simple(struct segs *s, const char *m, const char *family,
                          struct authz_action *a)
{
	if (s->n == 1)
		return is(m, "GET") ? op_action(family, "list") : NULL;
	if (s->n == 2 && (is(s->v[1], "create") || is(s->v[1], "prune")))
		return is(m, "POST") ? op_action(family, s->v[1]) : NULL;
	a->target = xstrdup(s->v[1]);
	if (s->n == 2)
		return is(m, "DELETE") ? op_action(family, "delete") :
		       is(m, "PUT") ? op_action(family, "update") : op_action(family, "inspect");
	if (s->n == 3 && (is(s->v[2], "connect") || is(s->v[2], "disconnect")))
		return op_action(family, s->v[2]);
	return NULL;
}

static const char *plugins(struct segs *s, const char *m, const char *query,
                           struct authz_action *a)
{
	static const char *const ops[] = { "enable", "disable", "push", "set", "upgrade", "json",
	                                   NULL };
	if (s->n == 1 || (s->n == 2 && is(s->v[1], "json")))
		return "plugin.list";
	if (s->n == 2 && (is(s->v[1], "pull") || is(s->v[1], "create"))) {
		char *remote = authz_query_get(query, "remote");
		a->target = remote ? remote : authz_query_get(query, "name");
		if (a->target)
			a->registry = authz_image_registry(a->target);
		return is(s->v[1], "pull") ? "plugin.install" : "plugin.create";
	}
	if (s->n == 2 && is(s->v[1], "privileges"))
		return "plugin.privileges";
	if (s->n < 2)
		return NULL;
	if (is(m, "DELETE")) {
		a->target = join(s, 1, s->n);
		return "plugin.delete";
	}
	for (size_t i = 0; ops[i] && s->n >= 3; i++)
		if (is(s->v[s->n - 1], ops[i])) {
			a->target = join(s, 1, s->n - 1);
			return is(ops[i], "json") ? "plugin.inspect" : op_action("plugin", ops[i]);
		}
	return NULL;
}

static const char *swarm(struct segs *s, const char *m, struct authz_action *a)
{
	static const char *const fam[][2] = { { "services", "swarm.service" },
		{ "nodes", "swarm.node" }, { "secrets", "swarm.secret" },
		{ "configs", "swarm.config" }, { "tasks", "swarm.task" } };
	if (is(s->v[0], "swarm")) {
		if (s->n == 1)
			return is(m, "GET") ? "swarm.inspect" : NULL;
		return s->n == 2 ? op_action("swarm", s->v[1]) : NULL;
	}
	for (size_t i = 0; i < sizeof fam / sizeof *fam; i++)
		if (is(s->v[0], fam[i][0])) {
			if (s->n >= 2 && !is(s->v[1], "create"))
				a->target = xstrdup(s->v[1]);
			return fam[i][1];
		}
	return NULL;
}

static const char *classify(struct segs *s, const char *m, const char *query,
                            struct authz_action *a)
{
	static const char *const sys[][2] = { { "_ping", "system.ping" },
		{ "version", "system.version" }, { "info", "system.info" },
		{ "events", "system.events" }, { "auth", "system.auth" } };
	const char *f = s->v[0];
	if (s->n == 1)
		for (size_t i = 0; i < sizeof sys / sizeof *sys; i++)
			if (is(f, sys[i][0]))
				return sys[i][1];
	if (s->n == 2 && is(f, "system") && is(s->v[1], "df"))
		return "system.df";
	if (is(f, "containers"))
		return containers(s, m, query, a);
	if (is(f, "exec") && s->n == 3) {
		a->target = xstrdup(s->v[1]);
		return is(s->v[2], "json") ? "exec.inspect" : op_action("exec", s->v[2]);
	}
	if (is(f, "images"))
		return images(s, m, query, a);
	if (s->n == 1 && (is(f, "build") || is(f, "session") || is(f, "grpc")))
		return is(m, "GET") ? NULL : "image.build";
	if (s->n == 2 && is(f, "build") && is(s->v[1], "prune"))
		return "image.prune";
	if (s->n == 1 && is(f, "commit"))
		return "container.commit";
	if (s->n >= 2 && is(f, "distribution") && is(s->v[s->n - 1], "json")) {
		a->target = join(s, 1, s->n - 1);
		return "image.inspect";
	}
	if (is(f, "volumes"))
		return simple(s, m, "volume", a);
	if (is(f, "networks"))
		return simple(s, m, "network", a);
	if (is(f, "plugins"))
		return plugins(s, m, query, a);
	return swarm(s, m, a);
}

bool authz_classify(const char *method, const char *path, const char *query,
                    struct authz_action *a)
{
	struct segs s;
	memset(a, 0, sizeof *a);
	split(&s, path);
	a->name = s.n ? classify(&s, method, query, a) : NULL;
	free(s.buf);
	if (!a->name)
		authz_action_free(a);
	return a->name != NULL;
}

void authz_action_free(struct authz_action *a)
{
	free(a->target);
	free(a->registry);
	a->target = a->registry = NULL;
}
