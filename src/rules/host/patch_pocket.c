/* apt fetches no security pocket: security updates cannot arrive. */
#include "rules/rule.h"
#include "model/host.h"

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_patch *p = &h->patch;
	if (!p->known || !p->updates_known || !p->pockets || p->nsecurity_indexes)
		return;
	finding_add(out, self, (struct loc){ p->index_dir, 0 }, NULL,
	            "None of the %zu package lists in %s comes from a security pocket: security "
	            "updates do not reach this host through apt", p->nindexes, p->index_dir);
}

const struct rule rule_h_patch_pocket = {
	.id = "BW-H051",
	.title = "No security repository among the package sources",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("PKGS-7388"),
	.rationale = "Debian publishes its security fixes in a pocket of their own "
	             "(security.debian.org, suite bookworm-security), Ubuntu in jammy-security and "
	             "the like. A host whose sources leave it out never sees them: apt upgrade "
	             "reports nothing to do while fixed vulnerabilities stay installed. The check "
	             "reads what apt actually fetched, the lists under /var/lib/apt/lists and "
	             "their Release files (Suite ending in -security or /updates, or a Label or "
	             "Origin naming Security), rather than the sources files.",
	.remediation = "Add the security pocket to the sources, e.g. in "
	               "/etc/apt/sources.list.d/debian.sources: Types: deb, URIs: "
	               "http://security.debian.org/debian-security, Suites: bookworm-security, "
	               "Components: main; then apt-get update.",
	.refs = (const char *const[]){ "https://www.debian.org/security/",
	                               "https://wiki.debian.org/SourcesList", NULL },
	.check_host = check,
};
