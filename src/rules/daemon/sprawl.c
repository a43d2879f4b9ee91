/* Security operations: images and containers that pile up unused. */
#include "rules/daemon/d_util.h"

/* Sprawl is "more than 10, and at least half of them": a handful of leftovers is normal, and a
 * busy host with hundreds in use is not sprawling because of a dozen. */
#define SPRAWL_MIN 10

static bool sprawling(size_t idle, size_t total)
{
	return idle > SPRAWL_MIN && 2 * idle >= total;
}

static void check_images(const struct rule *self, const struct daemon *d, struct findings *out)
{
	if (d->images_known && sprawling(d->images_unused, d->images))
		finding_add(out, self, LOC_NONE, NULL,
		            "%zu of %zu images are not used by any container, running or stopped",
		            d->images_unused, d->images);
}

const struct rule rule_o_image_sprawl = {
	.id = "BW-O001",
	.title = "Image sprawl",
	.severity = SEV_INFO,
	.cis = "6.1",
	.cis8 = "6.1",
	.rationale = "Images nobody runs still carry their old, unpatched packages: they are "
	             "easy to start by mistake, hide which images matter, and fill the disk. This "
	             "is reported when more than 10 images, and at least half of all images, are "
	             "used by no container (running or stopped).",
	.remediation = "Review the unused images (docker image ls, docker ps -a) and remove them "
	               "with docker image prune -a (or docker image rm); prune regularly on build "
	               "and CI hosts.",
	.refs = REFS("https://docs.docker.com/engine/manage-resources/pruning/"),
	.check_daemon = check_images,
};

static void check_containers(const struct rule *self, const struct daemon *d,
                             struct findings *out)
{
	size_t stopped = d->containers - d->containers_running;
	if (d->containers_known && sprawling(stopped, d->containers))
		finding_add(out, self, LOC_NONE, NULL, "%zu of %zu containers are not running",
		            stopped, d->containers);
}

const struct rule rule_o_container_sprawl = {
	.id = "BW-O002",
	.title = "Container sprawl",
	.severity = SEV_INFO,
	.cis = "6.2",
	.cis8 = "6.2",
	.rationale = "Stopped containers keep their writable layer (logs, data, sometimes "
	             "secrets), their configuration and their volumes, and can be started again "
	             "with whatever they had. Many of them make it hard to see what should be "
	             "running. This is reported when more than 10 containers, and at least half of "
	             "all containers, are not running.",
	.remediation = "Review the stopped containers (docker ps -a --filter status=exited) and "
	               "remove those no longer needed with docker container prune or docker rm; "
	               "run one-off containers with --rm.",
	.refs = REFS("https://docs.docker.com/engine/manage-resources/pruning/"),
	.check_daemon = check_containers,
};
