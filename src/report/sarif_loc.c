/* Where a SARIF result points. Code scanning drops a result without a physical location and reads
 * an absolute file: URI as a path on the machine that uploads the log, so every result gets a
 * relative URI under one of four bases, each described in the run's originalUriBaseIds:
 *   %SRCROOT%   the directory bulwark ran in: Dockerfiles, compose files, scanned trees;
 *   HOSTROOT    the audited host's root: host files, daemon.json, unit files, sockets;
 *   IMAGEROOT   images: the reference, then the path inside the image ("app%3A1/etc/shadow");
 *   ENGINEROOT  the engine's containers by name ("containers/web"), which outlives their ids. */
#include "report/report.h"
#include "util/util.h"
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report_int.h"

enum { B_SRC, B_HOST, B_IMAGE, B_ENGINE, B__COUNT };
static const char *const base_name[B__COUNT] = { "%SRCROOT%", "HOSTROOT", "IMAGEROOT",
                                                 "ENGINEROOT" };
static const char *const base_text[B__COUNT] = {
	"The directory bulwark ran in: files it read there are relative to it.",
	"The root of the audited host's file system (--root, else /): host and daemon files are "
	"relative to it.",
	"The images bulwark read: a file in an image is the image reference followed by the "
	"file's path in the image.",
	"The audited Docker Engine: containers/NAME is its container of that name.",
};

/* Percent-encodes bytes outside RFC 3986's unreserved set and the sub-delimiters; keep_colon for
 * an absolute URI's scheme (a relative reference's first segment may not hold one). */
static void add_encoded(struct buf *b, const char *s, bool keep_colon)
{
	static const char safe[] = "-._~/!$&'()*+,;=@";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80 && (isalnum(*p) || strchr(safe, *p) || (keep_colon && *p == ':')))
			buf_addc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

static json_t *artifact(struct sarif_bases *sb, int base, struct buf *uri)
{
	char *u = uri->len ? buf_take(uri) : xstrdup(".");
	json_t *a = json_pack("{s:s, s:s}", "uri", u, "uriBaseId", base_name[base]);
	sb->used |= 1u << base;
	free(u);
	return a;
}

/* A file: relative paths stay relative to %SRCROOT%, as do absolute ones under it; other
 * absolute paths are the host's. */
static json_t *file_artifact(struct sarif_bases *sb, const char *path)
{
	struct buf u = { 0 };
	size_t n = sb->srcroot ? strlen(sb->srcroot) : 0;
	int base = B_SRC;
	if (path[0] == '/' && n > 1 && !strncmp(path, sb->srcroot, n) && path[n] == '/')
		path += n + 1;
	else if (path[0] == '/')
		base = B_HOST;
	add_encoded(&u, path + strspn(path, "/"), false);
	return artifact(sb, base, &u);
}

static json_t *target_artifact(struct sarif_bases *sb, const struct finding *f)
{
	struct buf u = { 0 };
	switch (f->kind) {
	case TK_IMAGE:
		add_encoded(&u, f->target_name ? f->target_name : "image", false);
		if (f->path) {
			buf_addc(&u, '/');
			add_encoded(&u, f->path + strspn(f->path, "/"), false);
		}
		return artifact(sb, B_IMAGE, &u);
	case TK_CONTAINER:
		if (f->path)
			break;
		buf_adds(&u, "containers/");
		add_encoded(&u, f->target_name ? f->target_name : "", false);
		return artifact(sb, B_ENGINE, &u);
	case TK_DAEMON:       /* a setting no file set: where it would be set */
		if (!f->path)
			return file_artifact(sb, "/etc/docker/daemon.json");
		break;
	case TK_HOST:
		if (!f->path)
			return file_artifact(sb, "/etc/docker");
		break;
	default:
		break;
	}
	free(u.s);
	return file_artifact(sb, f->path ? f->path : f->target_name ? f->target_name : ".");
}

static json_t *physical(json_t *artifact_location, int line)
{
	json_t *pl = json_pack("{s:o}", "artifactLocation", artifact_location);
	if (line > 0)
		json_object_set_new(pl, "region", json_pack("{s:i}", "startLine", line));
	return pl;
}

json_t *sarif_location(struct sarif_bases *sb, const struct finding *f)
{
	json_t *loc = json_pack("{s:o}", "physicalLocation",
	                        physical(target_artifact(sb, f), f->line));
	bool object = f->kind == TK_CONTAINER || f->kind == TK_IMAGE || f->kind == TK_DAEMON ||
	              f->kind == TK_HOST;
	if (object && f->target_name)
		json_object_set_new(loc, "logicalLocations",
		                    json_pack("[{s:s, s:o}]", "kind", target_kind_name(f->kind),
		                              "name", report_jstr(f->target_name)));
	return loc;
}

/* An input of a notification: a file, or an endpoint or source that is a URI of its own. */
json_t *sarif_input_location(struct sarif_bases *sb, const char *input, int line)
{
	json_t *a;
	if (strstr(input, "://")) {
		struct buf u = { 0 };
		add_encoded(&u, input, true);
		char *s = buf_take(&u);
		a = json_pack("{s:s}", "uri", s);
		free(s);
	} else
		a = file_artifact(sb, input);
	return json_pack("{s:o}", "physicalLocation", physical(a, line));
}

void sarif_bases_init(struct sarif_bases *sb)
{
	char cwd[PATH_MAX];
	sb->used = 0;
	sb->srcroot = getcwd(cwd, sizeof cwd) ? xstrdup(cwd) : NULL;
}

/* The bases the results used; %SRCROOT% with its file: URI, the others by description only
 * (their roots are not on this machine, or not files). */
json_t *sarif_bases_json(struct sarif_bases *sb)
{
	json_t *o = json_object();
	for (int i = 0; i < B__COUNT; i++) {
		if (!(sb->used & 1u << i))
			continue;
		json_t *a = json_pack("{s:{s:s}}", "description", "text", base_text[i]);
		if (i == B_SRC && sb->srcroot) {
			struct buf u = { 0 };
			buf_adds(&u, "file://");
			add_encoded(&u, sb->srcroot, false);
			if (u.s[u.len - 1] != '/')
				buf_addc(&u, '/');
			char *s = buf_take(&u);
			json_object_set_new(a, "uri", json_string(s));
			free(s);
		}
		json_object_set_new(o, base_name[i], a);
	}
	free(sb->srcroot);
	sb->srcroot = NULL;
	return o;
}
