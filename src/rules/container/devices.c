/* Host devices passed into the container. */
#include "rules/rule.h"
#include "rules/container/c_util.h"

static void check_devices(const struct rule *self, const struct cspec *c, struct findings *out)
{
	for (size_t i = 0; i < c->ndevices; i++) {
		const struct cs_device *d = &c->devices[i];
		const char *host = d->host && *d->host ? d->host : "(unknown)";
		finding_add(out, self, c_at(c, d->loc), host, "%s %s has host device %s%s%s",
		            c_kind(c), c_name(c), host, d->perms ? " with permissions " : "",
		            d->perms ? d->perms : "");
	}
}

const struct rule rule_c_host_device = {
	.id = "BW-C023",
	.title = "Host device exposed",
	.severity = SEV_MEDIUM,
	.cis = "5.18",
	.rationale = "A host device inside the container gives direct access to hardware and kernel "
	             "drivers: a disk device can be read or rewritten block by block, and device "
	             "drivers are a common kernel attack surface. Each device should be a deliberate "
	             "exception.",
	.remediation = "Remove the devices entry (--device) unless the workload needs the hardware; "
	               "then pass only that device with the narrowest permissions (e.g. "
	               "/dev/ttyUSB0:/dev/ttyUSB0:r).",
	.check_cspec = check_devices,
};
