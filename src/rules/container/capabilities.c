/* Capabilities: dangerous ones added, and the default set not dropped. */
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "util/util.h"

/* Capabilities that give a path to the host or to other containers. NET_RAW is deliberately
 * absent: it is in Docker's default set, so adding it changes nothing. */
static const char *const dangerous_caps[] = {
	"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_BOOT", "NET_ADMIN",
	"DAC_READ_SEARCH", "SYS_TIME", "MAC_ADMIN", "MAC_OVERRIDE", "BPF", "PERFMON",
};

/* "cap_sys_admin" -> "sys_admin": the engine accepts both spellings. */
static const char *cap_bare(const char *s)
{
	return str_iprefix(s, "CAP_") ? s + 4 : s;
}

static bool cap_dangerous(const char *s)
{
	const char *bare = cap_bare(s);
	for (size_t i = 0; i < sizeof dangerous_caps / sizeof *dangerous_caps; i++)
		if (str_ieq(bare, dangerous_caps[i]))
			return true;
	return false;
}

static void check_cap_add(const struct rule *self, const struct cspec *c, struct findings *out)
{
	for (size_t i = 0; i < c->cap_add.n; i++) {
		const struct cs_str *e = &c->cap_add.v[i];
		if (!e->s || !cap_dangerous(e->s))
			continue;
		finding_add(out, self, c_at(c, e->loc), e->s, "%s %s adds capability %s",
		            c_kind(c), c_name(c), e->s);
	}
}

const struct rule rule_c_cap_dangerous = {
	.id = "BW-C002",
	.title = "Dangerous capability added",
	.severity = SEV_HIGH,
	.cis = "5.4",
	.rationale = "Capabilities such as SYS_ADMIN, SYS_MODULE, SYS_PTRACE, SYS_RAWIO, NET_ADMIN, "
	             "DAC_READ_SEARCH, BPF or ALL let a process mount filesystems, load kernel "
	             "modules, trace other processes, read arbitrary files or reconfigure the "
	             "network; most of them are known container escape routes.",
	.remediation = "Remove the capability from cap_add (--cap-add). If one is truly needed, "
	               "document why and combine it with cap_drop: [ALL], a non-root user and the "
	               "default seccomp profile.",
	.check_cspec = check_cap_add,
};

static bool drops_all(const struct cspec *c)
{
	for (size_t i = 0; i < c->cap_drop.n; i++)
		if (c->cap_drop.v[i].s && str_ieq(cap_bare(c->cap_drop.v[i].s), "ALL"))
			return true;
	return false;
}

static void check_cap_drop(const struct rule *self, const struct cspec *c, struct findings *out)
{
	/* A privileged container ignores cap_drop; BW-C001 already says what to fix. */
	if (c->privileged.v || drops_all(c))
		return;
	finding_add(out, self, c->loc, NULL,
	            "%s %s keeps Docker's default capabilities (no cap_drop: [ALL])", c_kind(c),
	            c_name(c));
}

const struct rule rule_c_cap_not_dropped = {
	.id = "BW-C003",
	.title = "Capabilities not dropped",
	.severity = SEV_LOW,
	.cis = "5.4",
	.rationale = "Docker's default set still includes capabilities most services never use "
	             "(CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW, MKNOD, ...). Each one is "
	             "extra power for an attacker who gets code execution in the container.",
	.remediation = "Add cap_drop: [ALL] (--cap-drop=ALL) and add back only what the process "
	               "needs, e.g. cap_add: [NET_BIND_SERVICE].",
	.check_cspec = check_cap_drop,
};
