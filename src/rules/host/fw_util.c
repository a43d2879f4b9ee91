#include "rules/host/fw_util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool fw_chain_filters(const struct fw_chain *c)
{
	return c->drop || c->nfilter > 0;
}

static bool sees(const struct fw_chain *c, bool v6)
{
	return c->family == FWF_INET || c->family == (v6 ? FWF_IP6 : FWF_IP);
}

bool fw_input_filtered(const struct host_fw *fw, bool v6)
{
	for (size_t i = 0; i < fw->nchains; i++) {
		const struct fw_chain *c = &fw->chains[i];
		if (c->hook == FWH_INPUT && sees(c, v6) && fw_chain_filters(c))
			return true;
	}
	return false;
}

bool fw_has_input(const struct host_fw *fw)
{
	for (size_t i = 0; i < fw->nchains; i++)
		if (fw->chains[i].hook == FWH_INPUT)
			return true;
	return false;
}

bool fw_managed_unread(const struct host_fw *fw)
{
	return (fw->ufw_enabled || fw->firewalld_enabled) && !fw->live_state;
}

/* Does a port list ("80", "8000:8010", "80,443", "!22") hold port? NULL holds every port. */
static bool holds(const char *list, unsigned port)
{
	if (!list)
		return true;
	if (*list == '!')
		return !holds(list + 1, port);
	for (const char *p = list; *p;) {
		char *end;
		unsigned long lo = strtoul(p, &end, 10), hi = lo;
		if (end == p)
			return true;    /* a service name: assume it may cover the port */
		if (*end == ':' || *end == '-')
			hi = strtoul(end + 1, &end, 10);
		if (port >= lo && port <= hi)
			return true;
		p = end + (*end == ',');
		if (end == p && *p)
			return true;
	}
	return false;
}

/* A DOCKER-USER -d address (after DNAT: the container's) against "172.17.0.2:80". */
static bool dst_holds(const char *dst, const char *to)
{
	if (!dst)
		return true;
	const char *slash = strchr(dst, '/');
	size_t n = slash ? (size_t)(slash - dst) : strlen(dst);
	if (slash && strcmp(slash, "/32") && strcmp(slash, "/128"))
		return true;    /* a network: it may well hold the container */
	const char *a = to + (*to == '[');
	return !strncmp(a, dst, n) && (a[n] == ':' || a[n] == ']');
}

const struct fw_user_rule *fw_port_restricted(const struct host_fw *fw, const struct fw_port *p)
{
	for (size_t i = 0; i < fw->nuser; i++) {
		const struct fw_user_rule *u = &fw->user[i];
		if (u->v6 != p->v6)
			continue;
		if (u->stop)
			return NULL;
		if (!u->restricts || (u->proto && strcmp(u->proto, "all") && strcmp(u->proto, p->proto)))
			continue;
		if (holds(u->dports, p->to_port) && holds(u->orig_dports, p->lo) &&
		    dst_holds(u->dst, p->to))
			return u;
	}
	return NULL;
}

const char *fw_port_text(const struct fw_port *p, char *buf, size_t n)
{
	if (p->lo == p->hi)
		snprintf(buf, n, "%u", p->lo);
	else
		snprintf(buf, n, "%u-%u", p->lo, p->hi);
	return buf;
}

const char *fw_chain_origin(const struct fw_chain *c)
{
	if (c->loc.path)
		return c->loc.path;
	return c->source == FWS_NFT ? "the nftables ruleset" : c->family == FWF_IP6 ?
	       "ip6tables-save" : "iptables-save";
}
