/* ADD does three things (copy, fetch URLs, unpack archives); only the last is worth its risk. */
#include "rules/rule.h"
#include "rules/dockerfile/instr_words.h"
#include "util/util.h"
#include <string.h>

static bool is_git(const char *s)
{
	return str_iprefix(s, "git@") || str_iprefix(s, "git://") || str_iprefix(s, "ssh://") ||
	       str_isuffix(s, ".git") || str_icontains(s, ".git#") != NULL;
}

static bool is_http(const char *s)
{
	return str_iprefix(s, "http://") || str_iprefix(s, "https://");
}

static bool is_remote(const char *s)
{
	return strstr(s, "://") != NULL || is_git(s);
}

static bool is_tar(const char *s)
{
	static const char *const ext[] = { ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz",
	                                   ".tar.xz", ".txz", ".tar.zst", ".tzst", ".taz" };
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
		if (str_isuffix(s, ext[i]))
			return true;
	return false;
}

/* First source that ADD merely copies, or NULL. Sources behind a variable are unknown. */
static const char *local_source(const struct df_instr *in)
{
	size_t n = df_copy_nsrc(in);
	for (size_t i = 0; i < n; i++) {
		const char *s = in->argv[i];
		if (s && *s && s[0] != '$' && !is_remote(s) && !is_tar(s))
			return s;
	}
	return NULL;
}

static void check_local(const struct rule *self, const struct dockerfile *df,
                        struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		const char *src;
		if (in->kind != DF_ADD || !(src = local_source(in)))
			continue;
		finding_add(out, self, df_loc(df, in), src,
		            "ADD %s copies local files; COPY does that without side effects", src);
	}
}

const struct rule rule_add_local = {
	.id = "BW-D006",
	.title = "ADD used to copy local files",
	.severity = SEV_MEDIUM,
	.cis = "4.9",
	.aliases = ALIASES("DL3020", "DS005", "CIS-DI-0009"),
	.rationale = "ADD silently unpacks archives and fetches URLs, so a file that happens to be a "
	             "tarball is extracted into the image; COPY does exactly what it says. Unlike "
	             "hadolint, a lone .gz, .bz2 or .xz file is no reason for ADD: ADD extracts only "
	             "tar archives and copies other compressed files as they are.",
	.remediation = "Use COPY for local files and directories; keep ADD only for extracting a "
	               "local tar archive.",
	.check_dockerfile = check_local,
};

static const char *unverified_url(const struct df_instr *in)
{
	size_t n = df_copy_nsrc(in);
	if (df_flag(in, "checksum"))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (in->argv[i] && is_http(in->argv[i]) && !is_git(in->argv[i]))
			return in->argv[i];
	return NULL;
}

static void check_url(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		const char *url;
		if (in->kind != DF_ADD || !(url = unverified_url(in)))
			continue;
		finding_add(out, self, df_loc(df, in), url,
		            "ADD downloads %s without --checksum", url);
	}
}

const struct rule rule_add_url = {
	.id = "BW-D007",
	.title = "ADD fetches a remote URL without verification",
	.severity = SEV_HIGH,
	.cis = "4.9",
	.rationale = "Content fetched by ADD is not checked: whoever controls the server, DNS or "
	             "network path decides what lands in the image, and the download changes between "
	             "builds.",
	.remediation = "Add --checksum=sha256:<hash> to the ADD, or download in a RUN step and verify "
	               "the file (sha256sum -c, gpg --verify) before using it.",
	.check_dockerfile = check_url,
};
