/* Base image pinning: FROM without a tag, with :latest, without a digest, with a fixed platform. */
#include "rules/rule.h"
#include "rules/dockerfile/stage_chain.h"
#include "rules/dockerfile/image_ref.h"
#include "util/util.h"
#include <string.h>

static struct loc from_loc(const struct dockerfile *df, const struct df_stage *st)
{
	return (struct loc){ df->path, st->line };
}

/* A finding "FROM <image> <what>" for each FROM of a registry image whose reference is bad. */
static void check_refs(const struct rule *self, const struct dockerfile *df, struct findings *out,
                       bool (*bad)(const struct df_imgref *), const char *what)
{
	for (size_t i = 0; i < df->nstages; i++) {
		const struct df_stage *st = &df->stages[i];
		struct df_imgref ref;
		if (!df_stage_external(df, st))
			continue;
		df_imgref_split(df_stage_image(st), &ref);
		if (bad(&ref))
			finding_add(out, self, from_loc(df, st), df_stage_image(st), "FROM %s %s",
			            df_stage_image(st), what);
	}
}

static bool untagged(const struct df_imgref *ref)
{
	return !ref->tag_len && !ref->digest_len;
}

static void check_no_tag(const struct rule *self, const struct dockerfile *df,
                         struct findings *out)
{
	check_refs(self, df, out, untagged, "has no tag, so it pulls whatever latest is");
}

const struct rule rule_from_untagged = {
	.id = "BW-D001",
	.title = "Base image has no tag",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("DL3006", "DS001"),
	.rationale = "An untagged FROM means :latest, so each build may silently pick up a different "
	             "base image with new packages, vulnerabilities or breaking changes.",
	.remediation = "Name an explicit version tag (FROM debian:12.5-slim), or better, pin a digest "
	               "(FROM debian:12.5-slim@sha256:...).",
	.check_dockerfile = check_no_tag,
};

/* A digest pins the content whatever the tag says. */
static bool latest(const struct df_imgref *ref)
{
	return !ref->digest_len && ref->tag_len == 6 && !strncmp(ref->tag, "latest", 6);
}

static void check_latest(const struct rule *self, const struct dockerfile *df,
                         struct findings *out)
{
	check_refs(self, df, out, latest, "uses the latest tag");
}

const struct rule rule_from_latest = {
	.id = "BW-D002",
	.title = "Base image uses the latest tag",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("DL3007", "DS001", "DKL-DI-0006"),
	.rationale = "The latest tag moves: builds are not reproducible and a compromised or broken "
	             "upstream release flows straight into your image.",
	.remediation = "Replace :latest with a specific version tag, ideally pinned by digest "
	               "(FROM nginx:1.27.0@sha256:...).",
	.check_dockerfile = check_latest,
};

static bool no_digest(const struct df_imgref *ref)
{
	return !ref->digest_len;
}

static void check_no_digest(const struct rule *self, const struct dockerfile *df,
                            struct findings *out)
{
	check_refs(self, df, out, no_digest, "is not pinned by digest");
}

const struct rule rule_from_no_digest = {
	.id = "BW-D003",
	.title = "Base image is not pinned by digest",
	.severity = SEV_INFO,
	.rationale = "Tags are mutable: the registry (or whoever controls it) can point a tag at "
	             "different content. Only a digest guarantees the exact base image you reviewed.",
	.remediation = "Append the digest to the reference (FROM alpine:3.20@sha256:...) and let a "
	               "dependency bot update it.",
	.check_dockerfile = check_no_digest,
};

static void check_platform(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	for (size_t i = 0; i < df->nstages; i++) {
		const struct df_stage *st = &df->stages[i];
		if (!st->platform || !*st->platform || strchr(st->platform, '$'))
			continue;
		finding_add(out, self, from_loc(df, st), st->platform,
		            "FROM --platform=%s fixes the platform", st->platform);
	}
}

const struct rule rule_from_platform = {
	.id = "BW-D026",
	.title = "FROM uses a fixed --platform",
	.severity = SEV_INFO,
	.aliases = ALIASES("DL3029"),
	.rationale = "A hard-coded platform makes the image build for that architecture everywhere, "
	             "often running under emulation or shipping the wrong architecture.",
	.remediation = "Drop --platform, or use the build arguments: FROM --platform=$BUILDPLATFORM "
	               "for build stages, $TARGETPLATFORM otherwise.",
	.check_dockerfile = check_platform,
};
