/* iptables-save format: "*table", ":CHAIN POLICY [p:b]", "-A CHAIN options", "COMMIT". The
 * filter table's INPUT and FORWARD chains, the DNAT rules of Docker's nat chain DOCKER (its
 * published ports) and the rules of DOCKER-USER. */
#include "collect/host_fw_int.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_TOKENS = 256, MAX_USER_CHAINS = 1024 };

/* What one "-A" line says, as far as the checks go. */
struct ipt_rule {
	const char *chain, *target, *proto, *dst, *dport, *orig_dport, *to;
	bool dst_neg, dport_neg, orig_neg;
	bool matches;            /* it has a match (-p, -s, -d, -i, -o, -m): not unconditional */
};

struct ipt_ctx {
	struct host_fw *fw;
	bool v6, hooks;
	const char *path, *input;
	struct findings *errs;
	char table[32];
	char *user_chains[MAX_USER_CHAINS];   /* chains the current table declares with "-" */
	size_t nuser_chains;
	int line;
};

/* Split a line into words in place: double quotes group, a backslash escapes the next char. */
static size_t tokenize(char *s, char **tok, size_t max)
{
	size_t n = 0;
	while (*s && n < max) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		char *o = s;
		tok[n++] = o;
		bool q = false;
		for (; *s && (q || (*s != ' ' && *s != '\t')); s++) {
			if (*s == '"')
				q = !q;
			else if (*s == '\\' && s[1])
				*o++ = *++s;
			else
				*o++ = *s;
		}
		if (*s)
			s++;
		*o = '\0';
	}
	return n;
}

static bool is_opt(const char *t, const char *a, const char *b)
{
	return !strcmp(t, a) || (b && !strcmp(t, b));
}

static void parse_rule(char **tok, size_t n, struct ipt_rule *r)
{
	bool neg = false;
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < n; i++) {
		const char *t = tok[i], *v = i + 1 < n ? tok[i + 1] : NULL;
		if (!strcmp(t, "!")) {
			neg = true;
			continue;
		}
		if (v && is_opt(t, "-A", "--append"))
			r->chain = v;
		else if (v && is_opt(t, "-j", "--jump"))
			r->target = v;
		else if (v && is_opt(t, "-g", "--goto"))
			r->target = v;
		else if (v && is_opt(t, "-p", "--protocol"))
			r->proto = v, r->matches = true;
		else if (v && is_opt(t, "-d", "--destination"))
			r->dst = v, r->dst_neg = neg, r->matches = true;
		else if (v && (is_opt(t, "--dport", "--dports") || !strcmp(t, "--destination-port")))
			r->dport = v, r->dport_neg = neg;
		else if (v && !strcmp(t, "--ctorigdstport"))
			r->orig_dport = v, r->orig_neg = neg;
		else if (v && !strcmp(t, "--to-destination"))
			r->to = v;
		else if (is_opt(t, "-s", "--source") || is_opt(t, "-i", "--in-interface") ||
		         is_opt(t, "-o", "--out-interface") || is_opt(t, "-m", "--match"))
			r->matches = true;
		else
			continue;
		neg = false;
		i++;
	}
}

static bool user_chain(const struct ipt_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->nuser_chains; i++)
		if (!strcmp(c->user_chains[i], name))
			return true;
	return false;
}

/* DROP, REJECT, or another chain that may: the rule filters. */
static bool filters(const struct ipt_ctx *c, const char *target)
{
	return target && (!strcmp(target, "DROP") || !strcmp(target, "REJECT") ||
	                  user_chain(c, target));
}

static struct loc here(const struct ipt_ctx *c)
{
	return (struct loc){ xstrdup(c->path), c->path ? c->line : 0 };
}

static char *negated(const char *v, bool neg)
{
	return v ? neg ? xasprintf("!%s", v) : xstrdup(v) : NULL;
}

static void docker_user(struct ipt_ctx *c, const struct ipt_rule *r)
{
	struct host_fw *fw = c->fw;
	if (fw->nuser >= FW_MAX_PORTS)
		return;
	GROW(fw->user, fw->cap_user, fw->nuser);
	bool pass = r->target && (!strcmp(r->target, "RETURN") || !strcmp(r->target, "ACCEPT"));
	fw->user[fw->nuser++] = (struct fw_user_rule){
		.v6 = c->v6, .restricts = filters(c, r->target), .stop = pass && !r->matches,
		.proto = xstrdup(r->proto), .dports = negated(r->dport, r->dport_neg),
		.orig_dports = negated(r->orig_dport, r->orig_neg),
		.dst = r->dst_neg ? NULL : xstrdup(r->dst), .loc = here(c) };
}

static bool loopback(const char *addr)
{
	return str_prefix(addr, "127.") || !strcmp(addr, "::1") || !strcmp(addr, "::1/128");
}

/* "8080" or "8000:8010". */
static bool port_range(const char *s, unsigned *lo, unsigned *hi)
{
	char *end;
	unsigned long a = strtoul(s, &end, 10), b = a;
	if (end == s || a > 65535)
		return false;
	if (*end == ':' || *end == '-')
		b = strtoul(end + 1, &end, 10);
	*lo = (unsigned)a;
	*hi = (unsigned)b;
	return *end == '\0' && b <= 65535 && b >= a;
}

/* The container's port in "172.17.0.2:80" or "[fd00::2]:80"; 0 when not there. */
static unsigned to_port(const char *to)
{
	const char *colon = strrchr(to, ':');
	if (!colon || (to[0] == '[' && !strchr(to, ']')) || (to[0] != '[' && strchr(to, ':') != colon))
		return 0;
	if (to[0] == '[' && colon < strchr(to, ']'))
		return 0;
	unsigned long p = strtoul(colon + 1, NULL, 10);
	return p <= 65535 ? (unsigned)p : 0;
}

static void docker_dnat(struct ipt_ctx *c, const struct ipt_rule *r)
{
	struct host_fw *fw = c->fw;
	unsigned lo, hi;
	if (!r->target || strcmp(r->target, "DNAT") || !r->dport || r->dport_neg || !r->to ||
	    !port_range(r->dport, &lo, &hi) || fw->nports >= FW_MAX_PORTS)
		return;
	const char *dst = r->dst_neg ? NULL : r->dst;
	GROW(fw->ports, fw->cap_ports, fw->nports);
	fw->ports[fw->nports++] = (struct fw_port){
		.v6 = c->v6, .proto = xstrdup(r->proto ? r->proto : "tcp"), .lo = lo, .hi = hi,
		.host_addr = xstrdup(dst), .loopback = dst && loopback(dst), .to = xstrdup(r->to),
		.to_port = to_port(r->to), .loc = here(c) };
}

static void rule_line(struct ipt_ctx *c, char *line)
{
	char *tok[MAX_TOKENS];
	struct ipt_rule r;
	parse_rule(tok, tokenize(line, tok, MAX_TOKENS), &r);
	if (!r.chain)
		return;
	if (!strcmp(c->table, "nat") && !strcmp(r.chain, "DOCKER")) {
		docker_dnat(c, &r);
		return;
	}
	if (strcmp(c->table, "filter"))
		return;
	if (!strcmp(r.chain, "DOCKER-USER")) {
		docker_user(c, &r);
		return;
	}
	struct fw_chain *ch = fw_chain_find(c->fw, c->v6 ? FWF_IP6 : FWF_IP, "filter", r.chain,
	                                    FWS_IPTABLES);
	if (ch) {
		ch->nrules++;
		ch->nfilter += filters(c, r.target);
	}
}

/* ":NAME POLICY [packets:bytes]" */
static void chain_line(struct ipt_ctx *c, char *line)
{
	char *sp = strchr(line, ' ');
	const char *policy = sp ? sp + 1 : "";
	if (sp)
		*sp = '\0';
	const char *name = line + 1;
	enum fw_hook hook;
	if (str_prefix(policy, "-")) {
		if (c->nuser_chains < MAX_USER_CHAINS)
			c->user_chains[c->nuser_chains++] = xstrdup(name);
		if (!strcmp(c->table, "filter") && !strcmp(name, "DOCKER-USER"))
			*(c->v6 ? &c->fw->user_chain6 : &c->fw->user_chain4) = true;
		if (!strcmp(c->table, "nat") && !strcmp(name, "DOCKER"))
			c->fw->docker_read = true;
		return;
	}
	char *lower = xstrdup(name);
	for (char *p = lower; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	if (c->hooks && !strcmp(c->table, "filter") && fw_hook_parse(lower, &hook)) {
		struct fw_chain *ch = fw_chain_add(c->fw, c->v6 ? FWF_IP6 : FWF_IP, hook, "filter",
		                                   name, FWS_IPTABLES, (struct loc){ c->path, c->line });
		if (ch)
			ch->drop = str_prefix(policy, "DROP");
	}
	free(lower);
}

static void end_table(struct ipt_ctx *c)
{
	for (size_t i = 0; i < c->nuser_chains; i++)
		free(c->user_chains[i]);
	c->nuser_chains = 0;
	c->table[0] = '\0';
}

bool fw_ipt_is_nft(const char *text)
{
	const char *nl = strchr(text, '\n');
	const char *p = strstr(text, "(nf_tables)");
	return str_prefix(text, "# Generated by") && p && (!nl || p < nl);
}

void fw_ipt_parse(struct host_fw *fw, char *text, bool v6, const char *path, const char *input,
                  bool hooks, struct findings *errs)
{
	struct ipt_ctx c = { .fw = fw, .v6 = v6, .hooks = hooks, .path = path, .input = input,
	                     .errs = errs };
	struct hlines it;
	char *line;
	hlines_init(&it, text, input, errs);
	while ((line = hlines_next(&it))) {
		c.line = it.line;
		line = str_trim(line);
		if (*line == '*') {
			end_table(&c);
			snprintf(c.table, sizeof c.table, "%s", line + 1);
		} else if (*line == ':' && c.table[0]) {
			chain_line(&c, line);
		} else if (str_prefix(line, "-A ") && c.table[0]) {
			rule_line(&c, line);
		} else if (!strcmp(line, "COMMIT")) {
			end_table(&c);
		}
	}
	end_table(&c);
	*(v6 ? &fw->ipt6_read : &fw->ipt4_read) = true;
	fw->known = true;
}
