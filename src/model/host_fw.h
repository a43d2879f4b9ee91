/* The host firewall: the nftables ruleset, the iptables rules and Docker's own chains. Filled by
 * collect/host_fw*.c, read by the rules in rules/host/fw_*.c. Every path in a loc is owned by
 * the model (includes make them many). */
#ifndef BW_HOST_FW_H
#define BW_HOST_FW_H
#include <stdbool.h>
#include <stddef.h>
#include "model/loc.h"

/* Which packets a chain sees: nftables families, iptables (ip) and ip6tables (ip6). */
enum fw_family { FWF_IP, FWF_IP6, FWF_INET };

enum fw_hook { FWH_INPUT, FWH_FORWARD };

/* Where a fact came from. */
enum fw_source {
	FWS_NFT,            /* `nft -j list ruleset`, or a saved copy of its output */
	FWS_NFT_CONF,       /* /etc/nftables.conf and its includes */
	FWS_IPTABLES,       /* iptables-save / ip6tables-save output, or rules.v4 / rules.v6 */
};

/* A base chain of type filter on the input or forward hook. */
struct fw_chain {
	enum fw_family family;
	enum fw_hook hook;
	enum fw_source source;
	char *table, *name;
	bool drop;               /* policy drop (nothing else is a policy here) */
	size_t nrules;           /* rules in the chain */
	size_t nfilter;          /* of those, rules that drop, reject or hand over to another chain */
	struct loc loc;          /* where the chain is declared */
};

/* A port Docker publishes: its DNAT rule in the nat table's DOCKER chain. */
struct fw_port {
	bool v6;
	char *proto;             /* "tcp", "udp", "sctp" */
	unsigned lo, hi;         /* host port range (lo == hi for one port) */
	char *host_addr;         /* -d restriction ("127.0.0.1/32"), NULL when any address */
	bool loopback;           /* host_addr is a loopback address */
	char *to;                /* --to-destination: "172.17.0.2:80", "[fd00::2]:80" */
	unsigned to_port;        /* the container's port, 0 when not given */
	struct loc loc;
};

/* A DOCKER-USER rule, as far as the published-port check needs it. */
struct fw_user_rule {
	bool v6;
	bool restricts;          /* DROP, REJECT or a jump to another chain */
	bool stop;               /* an unconditional RETURN or ACCEPT: later rules are never reached */
	char *proto;             /* -p, NULL for all */
	char *dports;            /* --dport / --dports (container ports, after DNAT), NULL for any */
	char *orig_dports;       /* --ctorigdstport (the host's published port), NULL for any */
	char *dst;               /* -d (a container address after DNAT), NULL for any */
	struct loc loc;
};

struct host_fw {
	bool known;              /* the collector could tell: a ruleset was read, or the tree under
	                            --root has an /etc (where nothing saved means nothing loaded) */
	bool live_state;         /* read from the running rules (commands, or their captured output),
	                            not from saved configurations */
	bool nft_read;           /* an nftables ruleset (live or nftables.conf) was read */
	bool ipt4_read, ipt6_read;   /* iptables / ip6tables rules were read */
	bool docker_read;        /* the iptables rules read hold Docker's nat chain */
	bool ufw_enabled;        /* /etc/ufw/ufw.conf ENABLED=yes */
	struct loc ufw_loc;
	bool firewalld_enabled;  /* firewalld.service is wanted by a systemd target */
	bool ipv6_disabled;      /* net.ipv6.conf.all.disable_ipv6 = 1 */
	struct fw_chain *chains; size_t nchains, cap_chains;
	struct fw_port *ports; size_t nports, cap_ports;
	struct fw_user_rule *user; size_t nuser, cap_user;
	bool user_chain4, user_chain6;   /* DOCKER-USER exists in filter (v4, v6) */
};

void host_fw_free(struct host_fw *x);

const char *fw_family_name(enum fw_family f);
const char *fw_hook_name(enum fw_hook h);

#endif
