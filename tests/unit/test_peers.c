/* Every check of each peer is either an alias of a rule or in the not-adopted table with a
 * reason, never both. The lists are the peers' own: hadolint's src/Hadolint/Rule/DL*.hs at
 * 8f936c5e, Trivy's checks/docker metadata at 80e53822 (DS-0001..DS-0031; DS-0003, DS-0018 and
 * DS-0028 do not exist), Dockle's CHECKPOINT.md at 35171ccb. */
#include "test.h"
#include "rules/peers.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdio.h>

/* Ranges of numbered ids: prefix, first, last, digits. */
static const struct { const char *prefix; int first, last, width; } ranges[] = {
	{ "DL", 1001, 1001, 4 }, { "DL", 3000, 3004, 4 }, { "DL", 3006, 3016, 4 },
	{ "DL", 3018, 3030, 4 }, { "DL", 3032, 3038, 4 }, { "DL", 3040, 3067, 4 },
	{ "DL", 4000, 4001, 4 }, { "DL", 4003, 4006, 4 },
	{ "DS-", 1, 2, 4 }, { "DS-", 4, 17, 4 }, { "DS-", 19, 27, 4 }, { "DS-", 29, 31, 4 },
	{ "CIS-DI-", 1, 11, 4 }, { "DKL-DI-", 1, 6, 4 }, { "DKL-LI-", 1, 3, 4 },
};

static bool in_ranges(const char *id)
{
	char buf[32];
	for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
		for (int k = ranges[i].first; k <= ranges[i].last; k++) {
			snprintf(buf, sizeof buf, "%s%0*d", ranges[i].prefix, ranges[i].width, k);
			if (str_ieq(buf, id))
				return true;
		}
	return false;
}

TEST(peers_every_check_mapped_or_explained)
{
	char id[32];
	size_t n = 0;
	for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
		for (int k = ranges[i].first; k <= ranges[i].last; k++, n++) {
			snprintf(id, sizeof id, "%s%0*d", ranges[i].prefix, ranges[i].width, k);
			const struct rule *r;
			bool mapped = rules_matching(id, &r, 1) > 0;
			bool not_adopted = peer_not_adopted(id) != NULL;
			if (mapped == not_adopted)
				fprintf(stderr, "  %s: %s\n", id, mapped ? "both an alias and not adopted"
				                                         : "neither an alias nor not adopted");
			CHECK(mapped != not_adopted);
		}
	CHECK_INT(n, 71 + 28 + 20);   /* hadolint, Trivy, Dockle */
	/* The table holds the peers' checks and nothing else, each with a title and a reason. */
	for (size_t i = 0; i < peers_not_adopted_count; i++) {
		const struct peer_check *p = &peers_not_adopted[i];
		CHECK(in_ranges(p->id) && p->title[0] && p->reason[0]);
		CHECK_STR(rule_peer_tool(p->id), p->tool);
	}
}

/* docs/rules.md sorts each alias under its tool's column: every alias has a tool's shape. */
TEST(peers_aliases_have_a_tool)
{
	for (size_t i = 0; i < rules_count; i++)
		for (const char *const *a = rules_all[i]->aliases; a && *a; a++) {
			const char *t = rule_peer_tool(*a);
			bool known = t && (str_eq(t, "hadolint") || str_eq(t, "Trivy") ||
			                   str_eq(t, "Dockle") || str_eq(t, "Lynis"));
			if (!known)
				fprintf(stderr, "  %s: alias %s of no known tool\n", rules_all[i]->id, *a);
			CHECK(known);
		}
}
