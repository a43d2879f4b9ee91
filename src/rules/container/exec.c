/* docker exec into a live container: with --privileged, or as root. Only the engine knows of
 * execs (cspec execs); compose files and create requests have none. One finding per container
 * and rule, naming the execs' programs. */
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOWN 3     /* programs named in a message; the rest are counted */

/* Why the exec is reported, or NULL when it is not. */
typedef const char *(*exec_test)(const struct cspec *c, const struct cs_exec *x, char *buf,
                                 size_t n);

static const char *privileged(const struct cspec *c, const struct cs_exec *x, char *buf,
                              size_t n)
{
	(void)c, (void)buf, (void)n;
	return x->privileged ? "--privileged" : NULL;
}

/* An exec without a user runs as the container's, which the engine has already resolved from
 * the image's USER: empty there means root too. */
static const char *as_root(const struct cspec *c, const struct cs_exec *x, char *buf, size_t n)
{
	if (x->user && !cs_user_is_root(x->user))
		return NULL;
	if (x->user) {
		snprintf(buf, n, "--user %s", x->user);
		return buf;
	}
	if (!c->user.s || !*c->user.s)
		return "no --user, and the container sets no user: root";
	return cs_user_is_root(c->user.s) ? "no --user, and the container runs as root" : NULL;
}

static void report(const struct rule *self, const struct cspec *c, exec_test test,
                   const char *what, bool show_why, struct findings *out)
{
	struct buf progs = { 0 }, state = { 0 };
	char first[96], buf[96];
	const char *why = NULL;
	size_t n = 0, running = 0;
	for (size_t i = 0; i < c->nexecs; i++) {
		const struct cs_exec *x = &c->execs[i];
		const char *w = test(c, x, buf, sizeof buf);
		if (!w)
			continue;
		if (!why)
			why = strcpy(first, w);
		running += x->running;
		if (n++ < SHOWN)
			buf_printf(&progs, "%s%s", n > 1 ? ", " : "", x->program ? x->program : "?");
	}
	if (!n)
		return;
	if (n > SHOWN)
		buf_printf(&progs, ", ...");
	if (n == 1)
		buf_printf(&state, running ? "running" : "created, not started");
	else
		buf_printf(&state, "%zu running", running);
	char reason[128] = "";
	if (show_why)
		snprintf(reason, sizeof reason, " (%s%s)", n > 1 ? "the first: " : "", why);
	finding_add(out, self, c->loc, NULL, "%s %s has %zu exec%s %s%s: %s (%s)", c_kind(c),
	            c_name(c), n, n > 1 ? "s" : "", what, reason, progs.s, state.s);
	free(progs.s);
	free(state.s);
}

static void check_exec_privileged(const struct rule *self, const struct cspec *c,
                                  struct findings *out)
{
	report(self, c, privileged, "with --privileged", false, out);
}

_Static_assert(CSPEC_MAX_EXECS == 64, "EXEC_SEEN names the limit");
#define EXEC_SEEN "The audit sees the execs the engine lists for a container (ExecIDs in its " \
	"inspect): those running, or created and not yet started. An exec's record lives only " \
	"as long as its container, and the engine stops listing an exec when it exits (the " \
	"record stays readable for a while, by an id nothing lists), so an exec that has ended " \
	"leaves no trace here: the audit judges what runs now, not a history. The engine's own " \
	"health check probes run as execs too and are left out. At most 64 execs per container " \
	"are read; a container that lists more gets a warning."

const struct rule rule_c_exec_privileged = {
	.id = "BW-C036",
	.title = "docker exec run with --privileged",
	.severity = SEV_HIGH,
	.cis = "5.23",
	.rationale = "docker exec --privileged gives the new process every capability and lifts "
	             "the container's seccomp, AppArmor and device limits for it, whatever the "
	             "container itself was allowed: a hardened container holds a process that can "
	             "mount host disks or load kernel modules. " EXEC_SEEN,
	.remediation = "Do not pass --privileged (Privileged: true in POST /containers/{id}/exec) "
	               "to docker exec; stop the running exec. If a task needs a capability, "
	               "grant that one to the container, or do the task on the host. The bulwark "
	               "AuthZ plugin refuses such execs before they start (docs/authz.md).",
	.check_cspec = check_exec_privileged,
};

static void check_exec_root(const struct rule *self, const struct cspec *c, struct findings *out)
{
	report(self, c, as_root, "as root", true, out);
}

const struct rule rule_c_exec_root = {
	.id = "BW-C037",
	.title = "docker exec run as root",
	.severity = SEV_MEDIUM,
	.cis = "5.24",
	.rationale = "docker exec --user root (or 0) runs a process as root in a container whose "
	             "workload was made to run unprivileged, undoing that choice for whoever "
	             "controls the process. An exec without --user runs as the container's user, "
	             "so it is judged by that: root when the container runs as root. " EXEC_SEEN,
	.remediation = "Run docker exec as the container's own unprivileged user (leave out "
	               "--user, or --user 1000:1000); stop the root exec. For a root container, "
	               "set a non-root user for the container itself (BW-C019). The bulwark AuthZ "
	               "plugin refuses execs that name root before they start (docs/authz.md).",
	.check_cspec = check_exec_root,
};
