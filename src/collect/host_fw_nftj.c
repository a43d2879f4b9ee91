/* `nft -j list ruleset`: {"nftables": [{"metainfo": ...}, {"table": ...}, {"chain": {...}},
 * {"rule": {"family", "table", "chain", "expr": [...]}}]}. Base chains of type filter on the
 * input and forward hooks, and how many of their rules filter. */
#include "collect/host_fw_int.h"
#include <jansson.h>
#include <string.h>

enum { MAX_DEPTH = 32 };

static bool family(const char *s, enum fw_family *f)
{
	if (!s)
		return false;
	if (!strcmp(s, "ip"))
		*f = FWF_IP;
	else if (!strcmp(s, "ip6"))
		*f = FWF_IP6;
	else if (!strcmp(s, "inet"))
		*f = FWF_INET;
	else
		return false;
	return true;
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static bool xt_verdict(json_t *x)
{
	const char *type = str(x, "type"), *name = str(x, "name");
	return type && name && !strcmp(type, "target") &&
	       (!strcmp(name, "DROP") || !strcmp(name, "REJECT"));
}

/* A verdict that drops, rejects or hands the packet to another chain, anywhere in v (verdict
 * maps included); iptables-nft's "xt" targets DROP and REJECT too. */
static bool filtering(json_t *v, int depth)
{
	const char *k;
	json_t *x;
	size_t i;
	if (depth > MAX_DEPTH)
		return false;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			if (filtering(x, depth + 1))
				return true;
		return false;
	}
	json_object_foreach(v, k, x) {
		if (!strcmp(k, "drop") || !strcmp(k, "reject") || !strcmp(k, "jump") ||
		    !strcmp(k, "goto"))
			return true;
		if (!strcmp(k, "xt") && xt_verdict(x))
			return true;
		if (filtering(x, depth + 1))
			return true;
	}
	return false;
}

static void chain(struct host_fw *fw, json_t *c, const char *path)
{
	enum fw_family f;
	enum fw_hook h;
	const char *type = str(c, "type"), *hook = str(c, "hook"), *policy = str(c, "policy");
	if (!family(str(c, "family"), &f) || !type || strcmp(type, "filter") || !hook ||
	    !fw_hook_parse(hook, &h) || !str(c, "table") || !str(c, "name"))
		return;
	struct fw_chain *ch = fw_chain_add(fw, f, h, str(c, "table"), str(c, "name"), FWS_NFT,
	                                   (struct loc){ path, 0 });
	if (ch)
		ch->drop = policy && !strcmp(policy, "drop");
}

static void rule(struct host_fw *fw, json_t *r)
{
	enum fw_family f;
	if (!family(str(r, "family"), &f) || !str(r, "table") || !str(r, "chain"))
		return;
	struct fw_chain *ch = fw_chain_find(fw, f, str(r, "table"), str(r, "chain"), FWS_NFT);
	if (!ch)
		return;
	ch->nrules++;
	ch->nfilter += filtering(json_object_get(r, "expr"), 0);
}

bool fw_nftj_parse(struct host_fw *fw, const char *text, const char *path, const char *input,
                   struct findings *errs)
{
	json_error_t je;
	json_t *doc = json_loads(text, 0, &je), *list = json_object_get(doc, "nftables"), *item;
	size_t i;
	if (!json_is_array(list)) {
		findings_error(errs, input, doc ? 0 : je.line, "not the output of nft -j list ruleset%s%s",
		               doc ? "" : ": ", doc ? "" : je.text);
		json_decref(doc);
		return false;
	}
	json_array_foreach(list, i, item) {
		json_t *c = json_object_get(item, "chain"), *r = json_object_get(item, "rule");
		if (json_is_object(c))
			chain(fw, c, path);
		else if (json_is_object(r))
			rule(fw, r);
	}
	json_decref(doc);
	fw->nft_read = fw->known = true;
	return true;
}
