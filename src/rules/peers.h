/* The peers' checks bulwark deliberately does not make, each with the reason. A peer's check
 * that bulwark does make is an alias of a rule (rule.h), never an entry here. */
#ifndef BW_PEERS_H
#define BW_PEERS_H
#include <stddef.h>

struct peer_check {
	const char *id;        /* as the peer writes it: "DL3059", "CIS-DI-0004" */
	const char *tool;      /* "hadolint", "Trivy", "Dockle" */
	const char *title;     /* the peer's own title */
	const char *reason;    /* why bulwark does not adopt it */
};

extern const struct peer_check peers_not_adopted[];
extern const size_t peers_not_adopted_count;
/* The entry for id (case-insensitive), or NULL. */
const struct peer_check *peer_not_adopted(const char *id);

#endif
