/* What the firewall rules share: which chains filter, which families are filtered, and which
 * DOCKER-USER rule restricts a published port. */
#ifndef BW_FW_UTIL_H
#define BW_FW_UTIL_H
#include "model/host.h"

/* Drops by policy, or has a rule that drops, rejects or hands over to another chain. */
bool fw_chain_filters(const struct fw_chain *c);
/* Some input hook chain that sees IPv6 (v6) or IPv4 packets filters them. */
bool fw_input_filtered(const struct host_fw *fw, bool v6);
/* Some input hook chain was read at all. */
bool fw_has_input(const struct host_fw *fw);
/* ufw or firewalld is enabled but only saved configurations were read: the rules it loads at
 * boot were not, so nothing can be said about input filtering. */
bool fw_managed_unread(const struct host_fw *fw);
/* The DOCKER-USER rule that restricts traffic to p (before any rule that ends the chain), or
 * NULL. */
const struct fw_user_rule *fw_port_restricted(const struct host_fw *fw, const struct fw_port *p);
/* "8080" or "8000-8010". */
const char *fw_port_text(const struct fw_port *p, char *buf, size_t n);
/* Where a chain was read from, for messages: "the nftables ruleset", "/etc/nftables.conf"... */
const char *fw_chain_origin(const struct fw_chain *c);

#endif
