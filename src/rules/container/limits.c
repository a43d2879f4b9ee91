/* Resource limits: memory, CPU and PIDs, and the cgroup they are accounted in. A limit that is
 * not set at all is reported at the service; one set to "unlimited" at its own line. */
#include "rules/rule.h"
#include "rules/container/c_util.h"

/* Docker's default CPU weight: setting it changes nothing. */
#define CPU_SHARES_DEFAULT 1024

static void check_memory(const struct rule *self, const struct cspec *c, struct findings *out)
{
	if (c->memory.set && c->memory.v > 0)
		return;
	finding_add(out, self, c_at(c, c->memory.loc), NULL, "%s %s has no memory limit",
	            c_kind(c), c_name(c));
}

const struct rule rule_c_no_memory_limit = {
	.id = "BW-C012",
	.title = "No memory limit",
	.severity = SEV_MEDIUM,
	.cis = "5.11",
	.rationale = "Without a memory limit one container can use all host memory, starving the "
	             "others and the daemon until the kernel's OOM killer picks victims: a leak or a "
	             "deliberate allocation becomes a host-wide denial of service.",
	.remediation = "Set a limit: deploy.resources.limits.memory or mem_limit in compose, "
	               "--memory for docker run.",
	.check_cspec = check_memory,
};

static bool has_cpu_limit(const struct cspec *c)
{
	if (c->cpu_shares.set && c->cpu_shares.v > 0 && c->cpu_shares.v != CPU_SHARES_DEFAULT)
		return true;
	if ((c->nano_cpus.set && c->nano_cpus.v > 0) || (c->cpu_quota.set && c->cpu_quota.v > 0))
		return true;
	return c->cpuset.s && *c->cpuset.s;
}

static void check_cpu(const struct rule *self, const struct cspec *c, struct findings *out)
{
	if (has_cpu_limit(c))
		return;
	finding_add(out, self, c->loc, NULL, "%s %s has no CPU limit or priority", c_kind(c),
	            c_name(c));
}

const struct rule rule_c_no_cpu_limit = {
	.id = "BW-C013",
	.title = "No CPU limit",
	.severity = SEV_LOW,
	.cis = "5.12",
	.rationale = "Without a CPU limit or weight a busy or compromised container can take all "
	             "host CPU time from the others. Any of a CPU count (cpus/--cpus), a CFS quota, "
	             "a cpuset or a CPU weight other than the default 1024 counts as set.",
	.remediation = "Set deploy.resources.limits.cpus (or cpus, cpu_shares, cpuset) in compose; "
	               "--cpus, --cpu-shares or --cpuset-cpus for docker run.",
	.check_cspec = check_cpu,
};

static void check_pids(const struct rule *self, const struct cspec *c, struct findings *out)
{
	if (c->pids_limit.set && c->pids_limit.v > 0)
		return;
	finding_add(out, self, c_at(c, c->pids_limit.loc), NULL, "%s %s has no PIDs limit",
	            c_kind(c), c_name(c));
}

const struct rule rule_c_no_pids_limit = {
	.id = "BW-C014",
	.title = "No PIDs limit",
	.severity = SEV_MEDIUM,
	.cis = "5.29",
	.rationale = "Without a PIDs limit a fork bomb or runaway worker pool in one container can "
	             "exhaust the host's process table, so nothing else on the host can start a "
	             "process.",
	.remediation = "Set pids_limit (or deploy.resources.limits.pids) in compose, --pids-limit for "
	               "docker run, to a value comfortably above the workload's needs.",
	.check_cspec = check_pids,
};

static void check_cgroup_parent(const struct rule *self, const struct cspec *c,
                                struct findings *out)
{
	if (!c->cgroup_parent.s || !*c->cgroup_parent.s)
		return;
	finding_add(out, self, c_at(c, c->cgroup_parent.loc), c->cgroup_parent.s,
	            "%s %s runs under custom cgroup parent %s", c_kind(c), c_name(c),
	            c->cgroup_parent.s);
}

const struct rule rule_c_cgroup_parent = {
	.id = "BW-C027",
	.title = "Custom cgroup parent",
	.severity = SEV_LOW,
	.cis = "5.25",
	.rationale = "The cgroup parent decides which resource limits and accounting apply. A "
	             "custom parent can escape the limits the daemon would apply or share them with "
	             "unrelated workloads; it should be a deliberate, reviewed choice.",
	.remediation = "Remove cgroup_parent (--cgroup-parent) unless the host's cgroup layout "
	               "requires it, and confirm that the parent carries the intended limits.",
	.check_cspec = check_cgroup_parent,
};
