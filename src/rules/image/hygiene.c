/* What a runtime image should not carry: package caches, repositories, .env files, source
 * trees. Each is reported once per directory-like thing, not once per file. */
#include "rules/image/i_util.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static const char *const cache_dirs[] = {
	"/var/cache/apt/archives/", "/var/lib/apt/lists/", "/var/cache/apk/", "/var/cache/yum/",
	"/var/cache/dnf/", "/root/.cache/pip/", "/root/.npm/", "/usr/local/share/.cache/yarn/",
	"/root/.cache/yarn/",
};

static const char *cache_of(const char *path)
{
	for (size_t i = 0; i < sizeof cache_dirs / sizeof *cache_dirs; i++)
		if (str_prefix(path, cache_dirs[i]))
			return cache_dirs[i];
	return NULL;
}

/* One finding per cache directory and layer: the first visible file kept there. */
static void check_cache(const struct rule *self, const struct image_cfg *im, struct findings *out)
{
	const char *seen[sizeof cache_dirs / sizeof *cache_dirs] = { 0 };
	size_t layer_seen[sizeof cache_dirs / sizeof *cache_dirs];
	IMG_FILES(im, f) {
		const char *d = f->type == IMG_FILE && f->visible ? cache_of(f->path) : NULL;
		size_t k = 0;
		if (!d)
			continue;
		while (cache_dirs[k] != d)
			k++;
		if (seen[k] && layer_seen[k] == f->layer)
			continue;
		seen[k] = d;
		layer_seen[k] = f->layer;
		char *what = xasprintf("package manager cache %s is left in the image (%s)", d,
		                       i_base(f->path));
		i_report(out, self, im, f, 0, NULL, what);
		free(what);
	}
}

const struct rule rule_i_pkg_cache = {
	.id = "BW-I012",
	.title = "Package manager cache left in the image",
	.severity = SEV_LOW,
	.rationale = "Downloaded packages and index files make the image larger and slower to pull "
	             "and scan, and stale indexes mislead later installs; they serve no purpose at "
	             "run time.",
	.remediation = "Clean in the same RUN step that installs: apt-get ... && rm -rf "
	               "/var/lib/apt/lists/*; apk add --no-cache; pip install --no-cache-dir; npm "
	               "cache clean --force; or use a cache mount (RUN --mount=type=cache).",
	.check_image = check_cache,
};

static void check_git(const struct rule *self, const struct image_cfg *im, struct findings *out)
{
	IMG_FILES(im, f) {
		if (f->type != IMG_DIR || strcmp(i_base(f->path), ".git") || !f->visible)
			continue;
		char *what = xasprintf("git repository %s is in the image", f->path);
		i_report(out, self, im, f, 0, NULL, what);
		free(what);
	}
}

const struct rule rule_i_git = {
	.id = "BW-I013",
	.title = "Git repository in the image",
	.severity = SEV_MEDIUM,
	.rationale = "A .git directory carries the whole history of the source, including files and "
	             "credentials deleted long ago, remote URLs with tokens, and unreleased code.",
	.remediation = "Add .git to .dockerignore, or copy only build outputs into the final stage "
	               "of a multi-stage build.",
	.check_image = check_git,
};

static void check_env_file(const struct rule *self, const struct image_cfg *im,
                           struct findings *out)
{
	IMG_FILES(im, f) {
		const char *b = i_base(f->path);
		if (f->type != IMG_FILE || (strcmp(b, ".env") && !str_prefix(b, ".env.")))
			continue;
		if (str_prefix(b, ".env.") && (!strcmp(b, ".env.example") || !strcmp(b, ".env.sample") ||
		                               !strcmp(b, ".env.template")))
			continue;
		char *what = xasprintf("environment file %s is in the image", f->path);
		i_report(out, self, im, f, 0, NULL, what);
		free(what);
	}
}

const struct rule rule_i_env_file = {
	.id = "BW-I014",
	.title = ".env file in the image",
	.severity = SEV_MEDIUM,
	.rationale = ".env files hold a deployment's settings and usually its passwords and API "
	             "keys; copied into an image they travel with it to every registry and host. "
	             "Secrets found in one are reported by BW-I003 as well.",
	.remediation = "Add .env* to .dockerignore (keeping .env.example if wanted) and pass the "
	               "settings at run time.",
	.check_image = check_env_file,
};

/* Compiled-language sources; the collector keeps a bounded sample per layer. */
static const char *const src_ext[] = {
	".c", ".cc", ".cpp", ".h", ".hpp", ".go", ".rs", ".java", ".kt", ".scala", ".cs",
};

static bool source_file(const char *path)
{
	const char *dot = strrchr(i_base(path), '.');
	for (size_t i = 0; dot && i < sizeof src_ext / sizeof *src_ext; i++)
		if (!strcmp(dot, src_ext[i]))
			return true;
	return false;
}

/* Headers under /usr/include and language runtimes' own sources are part of installed
 * packages, not a copied source tree. */
static bool packaged(const char *path)
{
	return str_prefix(path, "/usr/") || str_prefix(path, "/opt/") || str_prefix(path, "/lib");
}

static void check_source(const struct rule *self, const struct image_cfg *im,
                         struct findings *out)
{
	size_t n = 0;
	const struct img_file *first = NULL;
	IMG_FILES(im, f)
		if (f->type == IMG_FILE && f->visible && source_file(f->path) && !packaged(f->path)) {
			first = first ? first : f;
			n++;
		}
	if (n < 5)
		return;
	char *what = xasprintf("the image holds source code (%zu%s files like %s)", n,
	                       im->fs && im->fs->files_capped ? "+" : "", first->path);
	i_report(out, self, im, first, 0, NULL, what);
	free(what);
}

const struct rule rule_i_source = {
	.id = "BW-I015",
	.title = "Source tree in a runtime image",
	.severity = SEV_LOW,
	.rationale = "Sources of a compiled program in the image that runs it mean the build "
	             "context was copied into the runtime stage: the image is bigger, leaks code, "
	             "and often the build tools and secrets that came with it. Five or more "
	             "compiled-language source files outside /usr, /opt and /lib are reported.",
	.remediation = "Build in one stage and COPY --from=build only the artefacts into a minimal "
	               "runtime stage; keep sources out with .dockerignore.",
	.check_image = check_source,
};

static bool has_label(const struct image_cfg *im, const char *k)
{
	for (size_t i = 0; i < im->nlabels; i++)
		if (!strcmp(im->labels[i], k))
			return true;
	return false;
}

static void check_labels(const struct rule *self, const struct image_cfg *im,
                         struct findings *out)
{
	if (has_label(im, "org.opencontainers.image.source") ||
	    has_label(im, "org.opencontainers.image.revision") ||
	    has_label(im, "org.opencontainers.image.version"))
		return;
	finding_add(out, self, LOC_NONE, NULL, "image %s has no org.opencontainers.image.source, "
	            "revision or version label", im->ref);
}

const struct rule rule_i_labels = {
	.id = "BW-I016",
	.title = "Image does not say where it came from",
	.severity = SEV_INFO,
	.rationale = "Operators trace a running image back to its source and build with the OCI "
	             "annotations org.opencontainers.image.source, .revision and .version; without "
	             "any of them a vulnerable image is hard to attribute and rebuild.",
	.remediation = "Add LABEL org.opencontainers.image.source=<repo URL> and "
	               "org.opencontainers.image.revision=<commit> (docker buildx --label, or the "
	               "build tool's OCI annotations).",
	.check_image = check_labels,
};
