/* The host firewall: the nftables ruleset, the iptables rules and Docker's own chains.
 * Live: `nft -j list ruleset`, `iptables-save`, `ip6tables-save`. Under a root: the same outputs
 * when the tree holds them (CAPTURE_* below: a copy of a live host, or a fixture), else the saved
 * configurations the host loads at boot (/etc/nftables.conf, /etc/iptables/rules.v4 and v6). */
#include "collect/host_fw_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where a tree keeps a live host's firewall, captured with
 * `nft -j list ruleset > run/bulwark/nft.json`, `iptables-save > run/bulwark/iptables-save`
 * and `ip6tables-save > run/bulwark/ip6tables-save`. */
static const char CAPTURE_NFT[] = "/run/bulwark/nft.json";
static const char CAPTURE_IPT4[] = "/run/bulwark/iptables-save";
static const char CAPTURE_IPT6[] = "/run/bulwark/ip6tables-save";
static const char NFT_CONF[] = "/etc/nftables.conf";
static const char *const IPT4_SAVED[] = { "/etc/iptables/rules.v4", "/etc/sysconfig/iptables" };
static const char *const IPT6_SAVED[] = { "/etc/iptables/rules.v6", "/etc/sysconfig/ip6tables" };
static const char UFW_CONF[] = "/etc/ufw/ufw.conf";
static const char FIREWALLD_WANTED[] = "/etc/systemd/system/multi-user.target.wants/firewalld.service";
static const char IPV6_OFF[] = "/proc/sys/net/ipv6/conf/all/disable_ipv6";

bool fw_hook_parse(const char *s, enum fw_hook *h)
{
	if (!strcmp(s, "input"))
		*h = FWH_INPUT;
	else if (!strcmp(s, "forward"))
		*h = FWH_FORWARD;
	else
		return false;
	return true;
}

struct fw_chain *fw_chain_add(struct host_fw *fw, enum fw_family family, enum fw_hook hook,
                              const char *table, const char *name, enum fw_source src,
                              struct loc loc)
{
	if (fw->nchains >= FW_MAX_CHAINS)
		return NULL;
	GROW(fw->chains, fw->cap_chains, fw->nchains);
	struct fw_chain *c = &fw->chains[fw->nchains++];
	*c = (struct fw_chain){ .family = family, .hook = hook, .source = src,
	                        .table = xstrdup(table), .name = xstrdup(name),
	                        .loc = { xstrdup(loc.path), loc.path ? loc.line : 0 } };
	return c;
}

struct fw_chain *fw_chain_find(struct host_fw *fw, enum fw_family family, const char *table,
                               const char *name, enum fw_source src)
{
	for (size_t i = 0; i < fw->nchains; i++) {
		struct fw_chain *c = &fw->chains[i];
		if (c->family == family && c->source == src && !strcmp(c->table, table) &&
		    !strcmp(c->name, name))
			return c;
	}
	return NULL;
}

/* The first of the usual places a command is installed in; NULL when none. */
static const char *find_cmd(const char *const *paths)
{
	for (; *paths; paths++)
		if (access(*paths, X_OK) == 0)
			return *paths;
	return NULL;
}

static bool live_nft(struct host_fw *fw, struct findings *errs)
{
	const char *nft = find_cmd((const char *const[]){ "/usr/sbin/nft", "/sbin/nft", NULL });
	char *out = nft ? host_exec((const char *const[]){ nft, "-j", "list", "ruleset", NULL })
	                : NULL;
	bool ok = out && fw_nftj_parse(fw, out, NULL, "nft -j list ruleset", errs);
	free(out);
	return ok;
}

static void live_ipt(struct host_fw *fw, bool v6, bool nft_read, struct findings *errs)
{
	const char *name = v6 ? "ip6tables-save" : "iptables-save";
	char *p1 = xasprintf("/usr/sbin/%s", name), *p2 = xasprintf("/sbin/%s", name);
	const char *cmd = find_cmd((const char *const[]){ p1, p2, NULL });
	char *out = cmd ? host_exec((const char *const[]){ cmd, NULL }) : NULL;
	if (out)
		fw_ipt_parse(fw, out, v6, NULL, name, !(nft_read && fw_ipt_is_nft(out)), errs);
	free(out);
	free(p1);
	free(p2);
}

/* An iptables-save file below the root; true when it was there. nft: nftables' view was read,
 * which shows the hook chains of iptables on its nf_tables backend already. */
static bool read_ipt(struct host_fw *fw, const struct hroot *r, const char *path, bool v6,
                     bool nft, struct findings *errs)
{
	char *text = host_read(r, path, errs);
	if (!text)
		return false;
	char *input = hroot_real(r, path);
	fw_ipt_parse(fw, text, v6, path, input, !(nft && fw_ipt_is_nft(text)), errs);
	free(input);
	free(text);
	return true;
}

/* A captured `nft -j list ruleset` below the root; true when it was there and parsed. */
static bool read_nftj(struct host_fw *fw, const struct hroot *r, struct findings *errs)
{
	char *text = host_read(r, CAPTURE_NFT, errs);
	if (!text)
		return false;
	char *input = hroot_real(r, CAPTURE_NFT);
	bool ok = fw_nftj_parse(fw, text, CAPTURE_NFT, input, errs);
	free(input);
	free(text);
	return ok;
}

static void saved(struct host_fw *fw, const struct hroot *r, struct findings *errs)
{
	if (hfs_exists(r, NFT_CONF))
		fw_nftc_read(fw, r, NFT_CONF, errs);
	for (size_t i = 0; i < 2; i++)
		if (read_ipt(fw, r, IPT4_SAVED[i], false, false, errs))
			break;
	for (size_t i = 0; i < 2; i++)
		if (read_ipt(fw, r, IPT6_SAVED[i], true, false, errs))
			break;
}

static void ufw(struct host_fw *fw, const struct hroot *r, struct findings *errs)
{
	char *text = host_read(r, UFW_CONF, errs);
	if (!text)
		return;
	char *input = hroot_real(r, UFW_CONF);
	struct hlines it;
	char *line;
	hlines_init(&it, text, input, errs);
	while ((line = hlines_next(&it))) {
		line = str_trim(line);
		if (!str_prefix(line, "ENABLED="))
			continue;
		const char *v = line + strlen("ENABLED=");
		fw->ufw_enabled = !strcmp(v, "yes") || !strcmp(v, "\"yes\"");
		free((char *)fw->ufw_loc.path);
		fw->ufw_loc = (struct loc){ xstrdup(UFW_CONF), it.line };
	}
	free(input);
	free(text);
}

static void others(struct host_fw *fw, const struct hroot *r, struct findings *errs)
{
	ufw(fw, r, errs);
	fw->firewalld_enabled = hfs_exists(r, FIREWALLD_WANTED);
	char *v6 = host_read_line(r, IPV6_OFF, errs);
	fw->ipv6_disabled = v6 && !strcmp(v6, "1");
	free(v6);
}

void host_fw_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs)
{
	struct host_fw *fw = &h->fw;
	others(fw, r, errs);
	if (live) {
		bool nft = live_nft(fw, errs);
		live_ipt(fw, false, nft, errs);
		live_ipt(fw, true, nft, errs);
		fw->live_state = fw->known;
		if (!fw->known)
			findings_warn(errs, "host", 0, "firewall not checked: neither nft nor "
			              "iptables-save could be run");
		return;
	}
	bool nft = read_nftj(fw, r, errs);
	bool ipt4 = read_ipt(fw, r, CAPTURE_IPT4, false, nft, errs);
	bool ipt6 = read_ipt(fw, r, CAPTURE_IPT6, true, nft, errs);
	if (nft || ipt4 || ipt6) {
		fw->live_state = true;
		return;
	}
	/* A tree without /etc is no copy of a host (an empty root): nothing to say of it. */
	if (!hfs_is_dir(r, "/etc"))
		return;
	host_skipped(errs, "the live firewall (nft -j list ruleset, iptables-save)");
	saved(fw, r, errs);
	fw->known = true;
}
