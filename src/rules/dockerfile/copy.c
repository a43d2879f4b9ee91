/* COPY/ADD arguments: --from references, destinations, --chmod. */
#include "rules/rule.h"
#include "rules/dockerfile/stage_chain.h"
#include "rules/dockerfile/instr_words.h"
#include "util/util.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool all_digits(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* --from value of a COPY, or NULL. */
static const char *copy_from(const struct df_instr *in)
{
	if (in->kind != DF_COPY)
		return NULL;
	const struct df_flag *f = df_flag(in, "from");
	return f && f->value && *f->value ? f->value : NULL;
}

static bool names_stage(const char *from, const struct df_stage *st)
{
	if (all_digits(from))
		return strlen(from) < 6 && atoi(from) == st->index;
	return st->name && str_ieq(st->name, from);
}

static void check_self(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		const char *from = copy_from(in);
		if (!from || in->stage < 0 || (size_t)in->stage >= df->nstages)
			continue;
		if (names_stage(from, &df->stages[in->stage]))
			finding_add(out, self, df_loc(df, in), from,
			            "COPY --from=%s names the stage it is in", from);
	}
}

const struct rule rule_copy_from_self = {
	.id = "BW-D018",
	.title = "COPY --from refers to its own stage",
	.severity = SEV_HIGH,
	.aliases = ALIASES("DL3023", "DS006"),
	.rationale = "A stage cannot copy from itself; depending on the builder the reference fails "
	             "or resolves to an image of the same name from a registry.",
	.remediation = "Point --from at an earlier stage (by name) or at a pinned image.",
	.check_dockerfile = check_self,
};

/* An image reference has a registry, tag or digest part; a bare word is meant as a stage. */
static bool looks_like_image(const char *s)
{
	return strpbrk(s, "/:.@$") != NULL;
}

static bool known_stage(const struct dockerfile *df, const char *from, int cur)
{
	if (all_digits(from))
		return strlen(from) < 6 && atoi(from) < cur;
	return df_stage_named(df, from, cur) != NULL;
}

static void check_unknown(const struct rule *self, const struct dockerfile *df,
                          struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		const char *from = copy_from(in);
		if (!from || in->stage < 0 || (size_t)in->stage >= df->nstages)
			continue;
		const struct df_stage *st = &df->stages[in->stage];
		if (names_stage(from, st) || looks_like_image(from) ||
		    known_stage(df, from, st->index))
			continue;
		finding_add(out, self, df_loc(df, in), from,
		            "COPY --from=%s does not name an earlier stage", from);
	}
}

const struct rule rule_copy_from_unknown = {
	.id = "BW-D019",
	.title = "COPY --from names no earlier stage",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3022"),
	.rationale = "A --from that matches no earlier stage is treated as an image name and pulled "
	             "from a registry, so a typo in a stage name copies files from whoever owns that "
	             "name on Docker Hub.",
	.remediation = "Fix the stage name, or name the image explicitly with a registry and tag "
	               "(--from=docker.io/library/busybox:1.36).",
	.check_dockerfile = check_unknown,
};

static void check_dest_slash(const struct rule *self, const struct dockerfile *df,
                             struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		if (in->kind != DF_COPY && in->kind != DF_ADD)
			continue;
		const char *dest = df_copy_dest(in);
		if (df_copy_nsrc(in) < 2 || !dest || !*dest || strchr(dest, '$') ||
		    str_suffix(dest, "/") || str_suffix(dest, "\\"))
			continue;
		finding_add(out, self, df_loc(df, in), dest,
		            "%s of %zu sources to %s, which does not end with /", df_kw(in),
		            df_copy_nsrc(in), dest);
	}
}

const struct rule rule_copy_dest_slash = {
	.id = "BW-D021",
	.title = "COPY of several sources to a destination without /",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("DL3021", "DS011"),
	.rationale = "With several sources the destination must be a directory; without the "
	             "trailing slash the build fails or files land somewhere unexpected.",
	.remediation = "End the destination with /: COPY a.txt b.txt /app/.",
	.check_dockerfile = check_dest_slash,
};

/* Octal mode with the world-write bit, or a symbolic mode granting w to others/all. */
static bool world_writable(const char *mode)
{
	if (!mode || !*mode || strchr(mode, '$'))
		return false;
	if (strspn(mode, "01234567") == strlen(mode))
		return strlen(mode) <= 6 && (strtol(mode, NULL, 8) & 02);
	char buf[64];
	snprintf(buf, sizeof buf, "%s", mode);
	char *save = NULL;
	for (char *c = strtok_r(buf, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
		size_t who = strspn(c, "ugoa");
		bool others = who == 0 || memchr(c, 'o', who) || memchr(c, 'a', who);
		if (others && (c[who] == '+' || c[who] == '=') && strchr(c + who, 'w'))
			return true;
	}
	return false;
}

static void check_chmod(const struct rule *self, const struct dockerfile *df,
                        struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		if (in->kind != DF_COPY && in->kind != DF_ADD)
			continue;
		const struct df_flag *f = df_flag(in, "chmod");
		if (f && world_writable(f->value))
			finding_add(out, self, df_loc(df, in), f->value,
			            "%s --chmod=%s makes the files world-writable", df_kw(in), f->value);
	}
}

const struct rule rule_copy_chmod_world = {
	.id = "BW-D028",
	.title = "COPY --chmod makes files world-writable",
	.severity = SEV_MEDIUM,
	.rationale = "World-writable files let any user in the container, including a compromised "
	             "unprivileged process, replace code or configuration that others execute.",
	.remediation = "Use a mode without the world-write bit, e.g. --chmod=755 for programs and "
	               "--chmod=644 for data.",
	.check_dockerfile = check_chmod,
};
