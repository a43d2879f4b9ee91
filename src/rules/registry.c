/* Lookup and dispatch over the generated rule table (build/gen/rules_gen.c). */
#include "rules/rule.h"
#include "util/util.h"
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool digits(const char *s, size_t min, size_t max)
{
	size_t n = 0;
	while (isdigit((unsigned char)s[n]))
		n++;
	return n >= min && n <= max && !s[n];
}

/* Trivy names a check three ways: "DS-0001" (its id now), "AVD-DS-0001" and "DS001" (the
 * aliases carry this one). The other two become it in buf; any other id is returned as is. */
static const char *trivy_legacy(const char *id, char buf[8])
{
	if (strncasecmp(id, "AVD-DS-", 7) == 0)
		id += 4;
	if (strncasecmp(id, "DS-", 3) || !digits(id + 3, 4, 4) || id[3] != '0')
		return id;
	snprintf(buf, 8, "DS%.3s", id + 4);
	return buf;
}

static bool named(const struct rule *r, const char *id)
{
	char buf[8];
	id = trivy_legacy(id, buf);
	if (str_ieq(r->id, id))
		return true;
	for (const char *const *a = r->aliases; a && *a; a++)
		if (str_ieq(*a, id))
			return true;
	return false;
}

static bool cis16_used(const char *id)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->cis && str_eq(rules_all[i]->cis, id))
			return true;
	return false;
}

/* docker-bench-security names its checks by CIS v1.6.0 number ("4.1"), which several rules
 * may share: such an id names all of them. v1.8.0 renumbered some: its number counts only
 * where no v1.6.0 recommendation has it, so "2.8" stays v1.6.0's. */
bool rule_matches(const struct rule *r, const char *id)
{
	return named(r, id) || (r->cis && str_eq(r->cis, id)) ||
	       (r->cis8 && str_eq(r->cis8, id) && !cis16_used(id));
}

const struct rule *rule_find(const char *id)
{
	for (size_t i = 0; i < rules_count; i++)
		if (str_ieq(rules_all[i]->id, id))
			return rules_all[i];
	for (size_t i = 0; i < rules_count; i++)
		if (named(rules_all[i], id))
			return rules_all[i];
	return NULL;
}

size_t rules_matching(const char *id, const struct rule **v, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < rules_count; i++)
		if (rule_matches(rules_all[i], id) && n++ < max)
			v[n - 1] = rules_all[i];
	return n;
}

/* The shapes of the peers' ids, so that a check of theirs that bulwark does not make is told
 * apart from a typo. */
const char *rule_peer_tool(const char *id)
{
	static const struct { const char *prefix; size_t min, max; const char *tool; } shapes[] = {
		{ "DL", 4, 4, "hadolint" }, { "SC", 4, 4, "ShellCheck (through hadolint)" },
		{ "DS", 3, 3, "Trivy" }, { "DS-", 4, 4, "Trivy" }, { "AVD-DS-", 4, 4, "Trivy" },
		{ "CIS-DI-", 4, 4, "Dockle" }, { "DKL-DI-", 4, 4, "Dockle" },
		{ "DKL-LI-", 4, 4, "Dockle" },
		/* Lynis's test groups that reach a container host */
		{ "SSH-", 4, 4, "Lynis" }, { "FIRE-", 4, 4, "Lynis" }, { "PKGS-", 4, 4, "Lynis" },
		{ "KRNL-", 4, 4, "Lynis" }, { "NETW-", 4, 4, "Lynis" }, { "TIME-", 4, 4, "Lynis" },
		{ "LOGG-", 4, 4, "Lynis" }, { "MACF-", 4, 4, "Lynis" }, { "BOOT-", 4, 4, "Lynis" },
		{ "AUTH-", 4, 4, "Lynis" }, { "ACCT-", 4, 4, "Lynis" }, { "CONT-", 4, 4, "Lynis" },
		{ "HRDN-", 4, 4, "Lynis" }, { "FILE-", 4, 4, "Lynis" }, { "STRG-", 4, 4, "Lynis" },
		{ "TOOL-", 4, 4, "Lynis" }, { "INSE-", 4, 4, "Lynis" }, { "PROC-", 4, 4, "Lynis" },
	};
	for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
		size_t k = strlen(shapes[i].prefix);
		if (strncasecmp(id, shapes[i].prefix, k) == 0 &&
		    digits(id + k, shapes[i].min, shapes[i].max))
			return shapes[i].tool;
	}
	/* "4.1", "1.1.18": one or two dots between runs of digits */
	size_t dots = 0, run = 0, i = 0;
	for (; isdigit((unsigned char)id[i]) || id[i] == '.'; i++) {
		if (id[i] != '.')
			run++;
		else if (run && ++dots <= 2)
			run = 0;
		else
			return NULL;
	}
	return !id[i] && run && dots ? "docker-bench-security" : NULL;
}

void rules_run_dockerfile(const struct dockerfile *df, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_dockerfile)
			rules_all[i]->check_dockerfile(rules_all[i], df, out);
}

void rules_run_cspec(const struct cspec *c, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_cspec)
			rules_all[i]->check_cspec(rules_all[i], c, out);
}

void rules_run_host(const struct host *h, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_host)
			rules_all[i]->check_host(rules_all[i], h, out);
}

void rules_run_daemon(const struct daemon *d, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_daemon)
			rules_all[i]->check_daemon(rules_all[i], d, out);
}

void rules_run_image(const struct image_cfg *im, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_image)
			rules_all[i]->check_image(rules_all[i], im, out);
}

void rules_run_file(const struct file_scan *fs, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_file)
			rules_all[i]->check_file(rules_all[i], fs, out);
}

void rules_run_signature(const struct sig_image *im, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_signature)
			rules_all[i]->check_signature(rules_all[i], im, out);
}

const char *rule_target(const struct rule *r)
{
	return r->check_dockerfile ? "dockerfile" : r->check_cspec ? "container"
	     : r->check_host ? "host" : r->check_daemon ? "daemon" : r->check_image ? "image"
	     : r->check_signature ? "signature" : "file";
}

/* FNV-1a over every rule's id, severity and title: two runs with the same rule set agree. */
const char *rules_version(void)
{
	static char v[32];
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < rules_count; i++) {
		const struct rule *r = rules_all[i];
		char sev = (char)('0' + r->severity);
		const char *parts[] = { r->id, &sev, r->title };
		size_t lens[] = { strlen(r->id), 1, strlen(r->title) };
		for (size_t k = 0; k < 3; k++) {
			for (size_t j = 0; j < lens[k]; j++)
				h = (h ^ (unsigned char)parts[k][j]) * 0x100000001b3ull;
			h = (h ^ 0xff) * 0x100000001b3ull;
		}
	}
	snprintf(v, sizeof v, "%zu-%08llx", rules_count, (unsigned long long)(h >> 32));
	return v;
}
