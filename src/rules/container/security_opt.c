/* security_opt: seccomp, AppArmor and SELinux switched off, no-new-privileges missing. */
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "util/util.h"
#include <string.h>
#include <strings.h>

/* A live container on a host without this LSM: the check does not apply (compose files and
 * create requests may run anywhere, so they are always checked). */
static bool lsm_absent(const struct cspec *c, bool enabled)
{
	return c->engine && c->engine->lsm_known && !enabled;
}

/* The last seccomp= / apparmor= entry is the one the engine applies. */
static const struct cs_str *unconfined(const struct cspec *c, const char *key)
{
	const struct cs_str *o = cs_secopt(c, key);
	return o && str_ieq(cs_secopt_value(o), "unconfined") ? o : NULL;
}

static void check_seccomp(const struct rule *self, const struct cspec *c, struct findings *out)
{
	const struct cs_str *o = unconfined(c, "seccomp");
	if (o)
		finding_add(out, self, c_at(c, o->loc), o->s,
		            "%s %s runs without a seccomp profile (%s)", c_kind(c), c_name(c), o->s);
}

const struct rule rule_c_seccomp_unconfined = {
	.id = "BW-C015",
	.title = "Seccomp disabled",
	.severity = SEV_HIGH,
	.cis = "5.22",
	.rationale = "Docker's default seccomp profile blocks dozens of system calls (keyctl, "
	             "add_key, unshare, mount, kexec_load, bpf, ...) that are behind many kernel "
	             "exploits and container escapes. seccomp=unconfined removes that filter.",
	.remediation = "Remove seccomp=unconfined (seccomp:unconfined). If the default profile "
	               "blocks a needed call, ship a custom profile that allows only that call: "
	               "security_opt: [\"seccomp=profile.json\"].",
	.check_cspec = check_seccomp,
};

static void check_apparmor(const struct rule *self, const struct cspec *c, struct findings *out)
{
	const struct cs_str *o = unconfined(c, "apparmor");
	if (lsm_absent(c, c->engine ? c->engine->apparmor : true))
		return;
	if (o)
		finding_add(out, self, c_at(c, o->loc), o->s,
		            "%s %s runs without an AppArmor profile (%s)", c_kind(c), c_name(c), o->s);
	else if (str_ieq(c->apparmor_profile.s, "unconfined"))
		finding_add(out, self, c_at(c, c->apparmor_profile.loc), c->apparmor_profile.s,
		            "%s %s runs with AppArmor profile unconfined", c_kind(c), c_name(c));
	else if (c->origin == CSPEC_INSPECT && c->engine && c->engine->lsm_known &&
	         !c->apparmor_profile.s && str_eq(c->state, "running"))
		finding_add(out, self, c->loc, NULL, "%s %s runs without an AppArmor profile on a "
		            "host that enforces AppArmor", c_kind(c), c_name(c));
}

const struct rule rule_c_apparmor_unconfined = {
	.id = "BW-C016",
	.title = "AppArmor disabled",
	.severity = SEV_HIGH,
	.cis = "5.2",
	.rationale = "On AppArmor hosts Docker confines every container with the docker-default "
	             "profile, which denies writes to /proc and /sys internals and mounting. "
	             "apparmor=unconfined removes that layer. (Only an explicit unconfined is "
	             "reported here; whether the host enforces AppArmor at all is a host check.)",
	.remediation = "Remove apparmor=unconfined (apparmor:unconfined), or name a custom profile "
	               "that allows only what the workload needs: apparmor=<profile>.",
	.check_cspec = check_apparmor,
};

/* The engine reads the value with Go's strconv.ParseBool; a bare key means true. */
static bool parse_true(const char *v)
{
	static const char *const yes[] = { "", "1", "t", "true" };
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		if (strcasecmp(v, yes[i]) == 0)
			return true;
	return false;
}

static void check_nnp(const struct rule *self, const struct cspec *c, struct findings *out)
{
	const struct cs_str *o = cs_secopt(c, "no-new-privileges");
	if (!o && c->engine && c->engine->no_new_privileges)
		return;     /* the daemon's default applies */
	if (!o)
		finding_add(out, self, c->loc, NULL, "%s %s does not set no-new-privileges",
		            c_kind(c), c_name(c));
	else if (!parse_true(cs_secopt_value(o)))
		finding_add(out, self, c_at(c, o->loc), o->s,
		            "%s %s turns no-new-privileges off (%s)", c_kind(c), c_name(c), o->s);
}

const struct rule rule_c_no_new_privileges = {
	.id = "BW-C017",
	.title = "no-new-privileges not set",
	.severity = SEV_MEDIUM,
	.cis = "5.26",
	.rationale = "Without no-new-privileges a process in the container can gain privileges "
	             "through setuid/setgid binaries or file capabilities, e.g. turn a foothold as an "
	             "unprivileged user into root inside the container. (A daemon-wide "
	             "no-new-privileges setting is checked with the daemon, not here.)",
	.remediation = "Add security_opt: [\"no-new-privileges:true\"] (--security-opt "
	               "no-new-privileges), or enable it for all containers in daemon.json.",
	.check_cspec = check_nnp,
};

static bool label_disable(const char *s)
{
	size_t k = strlen("label");
	return s && strncasecmp(s, "label", k) == 0 && (s[k] == '=' || s[k] == ':') &&
	       strcasecmp(s + k + 1, "disable") == 0;
}

static void check_selinux(const struct rule *self, const struct cspec *c, struct findings *out)
{
	/* Unlike seccomp, every label= entry applies, so any of them can disable labelling. */
	if (lsm_absent(c, c->engine ? c->engine->selinux : true))
		return;
	for (size_t i = 0; i < c->security_opt.n; i++) {
		const struct cs_str *o = &c->security_opt.v[i];
		if (label_disable(o->s))
			finding_add(out, self, c_at(c, o->loc), o->s,
			            "%s %s disables SELinux separation (%s)", c_kind(c), c_name(c),
			            o->s);
	}
}

const struct rule rule_c_selinux_disabled = {
	.id = "BW-C025",
	.title = "SELinux separation disabled",
	.severity = SEV_HIGH,
	.cis = "5.3",
	.rationale = "On SELinux hosts each container runs with its own MCS label, so even a process "
	             "that escapes its namespaces cannot touch other containers' or the host's files. "
	             "label=disable runs the container unconfined (spc_t) and removes that barrier.",
	.remediation = "Remove label=disable (label:disable). Relabel mounted content with the :z "
	               "or :Z volume options instead, or set a specific type with label=type:<t>.",
	.check_cspec = check_selinux,
};

static void check_systempaths(const struct rule *self, const struct cspec *c,
                              struct findings *out)
{
	const struct cs_str *o = unconfined(c, "systempaths");
	if (o)
		finding_add(out, self, c_at(c, o->loc), o->s,
		            "%s %s unmasks the kernel's /proc and /sys paths (%s)", c_kind(c),
		            c_name(c), o->s);
}

const struct rule rule_c_systempaths_unconfined = {
	.id = "BW-C031",
	.title = "Masked kernel paths exposed",
	.severity = SEV_HIGH,
	.rationale = "Docker masks or makes read-only parts of /proc and /sys (/proc/kcore, "
	             "/proc/sysrq-trigger, /proc/sys, /sys/firmware, ...) that expose kernel memory "
	             "and host-wide controls. systempaths=unconfined removes those masks, giving the "
	             "container levers on the host kernel.",
	.remediation = "Remove systempaths=unconfined (--security-opt systempaths=unconfined); if a "
	               "tool needs one kernel file, mount that file read-only instead.",
	.check_cspec = check_systempaths,
};
