/* dockerd's command line -> settings under daemon.json names. dockerd takes no positional
 * arguments, so a word after a flag that needs a value is that value; boolean flags take a
 * following "true"/"false" too (`--icc false`), as people write it in unit files. */
#include "collect/daemon_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

enum fkind { F_BOOL, F_STR, F_LIST };
struct fdef { const char *name; char sh; const char *key; enum fkind kind; };

/* Flags whose daemon.json name differs from the flag, plus the booleans and lists; any other
 * long flag maps to the key of its own name. */
static const struct fdef defs[] = {
	{ "host", 'H', "hosts", F_LIST },
	{ "debug", 'D', "debug", F_BOOL },
	{ "log-level", 'l', "log-level", F_STR },
	{ "icc", 0, "icc", F_BOOL },
	{ "iptables", 0, "iptables", F_BOOL },
	{ "ip6tables", 0, "ip6tables", F_BOOL },
	{ "ip-forward", 0, "ip-forward", F_BOOL },
	{ "ip-masq", 0, "ip-masq", F_BOOL },
	{ "ipv6", 0, "ipv6", F_BOOL },
	{ "insecure-registry", 0, "insecure-registries", F_LIST },
	{ "registry-mirror", 0, "registry-mirrors", F_LIST },
	{ "storage-driver", 's', "storage-driver", F_STR },
	{ "storage-opt", 0, "storage-opts", F_LIST },
	{ "tls", 0, "tls", F_BOOL },
	{ "tlsverify", 0, "tlsverify", F_BOOL },
	{ "default-ulimit", 0, "default-ulimits", F_LIST },
	{ "authorization-plugin", 0, "authorization-plugins", F_LIST },
	{ "log-opt", 0, "log-opts", F_LIST },
	{ "live-restore", 0, "live-restore", F_BOOL },
	{ "userland-proxy", 0, "userland-proxy", F_BOOL },
	{ "experimental", 0, "experimental", F_BOOL },
	{ "no-new-privileges", 0, "no-new-privileges", F_BOOL },
	{ "graph", 'g', "data-root", F_STR },
	{ "bridge", 'b', "bridge", F_STR },
	{ "selinux-enabled", 0, "selinux-enabled", F_BOOL },
	{ "rootless", 0, "rootless", F_BOOL },
	{ "group", 'G', "group", F_STR },
	{ "pidfile", 'p', "pidfile", F_STR },
	{ "exec-opt", 0, "exec-opts", F_LIST },
	{ "dns", 0, "dns", F_LIST },
	{ "dns-opt", 0, "dns-opts", F_LIST },
	{ "dns-search", 0, "dns-search", F_LIST },
	{ "label", 0, "labels", F_LIST },
	{ "add-runtime", 0, "runtimes", F_LIST },
	{ "default-address-pool", 0, "default-address-pools", F_LIST },
	{ "allow-nondistributable-artifacts", 0, "allow-nondistributable-artifacts", F_LIST },
	{ "init", 0, "init", F_BOOL },
	{ "raw-logs", 0, "raw-logs", F_BOOL },
	{ "validate", 0, "validate", F_BOOL },
};

static const struct fdef *by_name(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof defs / sizeof *defs; i++)
		if (strlen(defs[i].name) == n && !strncmp(defs[i].name, name, n))
			return &defs[i];
	return NULL;
}

static const struct fdef *by_short(char c)
{
	for (size_t i = 0; i < sizeof defs / sizeof *defs; i++)
		if (defs[i].sh == c)
			return &defs[i];
	return NULL;
}

static void add(struct dflag **out, size_t *n, size_t *cap, const char *key, enum fkind kind,
                const char *value, char *text)
{
	GROW(*out, *cap, *n);
	struct dflag *f = &(*out)[(*n)++];
	int b = kind == F_BOOL ? d_parse_bool(value) : -1;
	f->key = xstrdup(key);
	f->value = xstrdup(b < 0 ? value : b ? "true" : "false");
	f->text = text;
	f->list = kind == F_LIST;
}

size_t dflags_parse(char *const *argv, size_t argc, struct dflag **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t i = 0; i < argc; i++) {
		const char *a = argv[i], *val = NULL, *name;
		const struct fdef *def;
		size_t nlen;
		bool is_long = str_prefix(a, "--");
		if (!strcmp(a, "--"))
			break;
		if (a[0] != '-' || !a[1])
			continue;                      /* not a flag: nothing takes it */
		if (is_long) {
			const char *eq = strchr(a + 2, '=');
			name = a + 2;
			nlen = eq ? (size_t)(eq - name) : strlen(name);
			val = eq ? eq + 1 : NULL;
			def = by_name(name, nlen);
		} else {
			name = a + 1;
			nlen = 1;
			def = by_short(a[1]);
			if (a[2])
				val = a[2] == '=' ? a + 3 : a + 2;
			if (!def)
				continue;
		}
		enum fkind kind = def ? def->kind : F_STR;
		bool implied = false;
		if (!val && kind == F_BOOL && i + 1 < argc && d_parse_bool(argv[i + 1]) >= 0)
			val = argv[++i];
		else if (!val && kind == F_BOOL)
			val = "true", implied = true;
		else if (!val && i + 1 < argc && (def || argv[i + 1][0] != '-'))
			val = argv[++i];
		else if (!val)
			kind = F_BOOL, val = "true", implied = true;   /* unknown flag on its own */
		char *key = def ? xstrdup(def->key) : xstrndup(name, nlen);
		char *text = is_long ? implied ? xasprintf("--%.*s", (int)nlen, name)
		                               : xasprintf("--%.*s=%s", (int)nlen, name, val)
		                     : implied ? xasprintf("-%c", a[1]) : xasprintf("-%c %s", a[1], val);
		add(out, &n, &cap, key, kind, val, text);
		free(key);
	}
	return n;
}

void dflags_free(struct dflag *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].key);
		free(f[i].value);
		free(f[i].text);
	}
	free(f);
}

const char *dflags_get(const struct dflag *f, size_t n, const char *key)
{
	for (size_t i = n; i > 0; i--)
		if (!strcmp(f[i - 1].key, key))
			return f[i - 1].value;
	return NULL;
}

static bool seen_before(const struct dflag *f, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (!strcmp(f[k].key, f[i].key))
			return true;
	return false;
}

/* One setting per key: lists gather every occurrence, scalars take the last. */
void dflags_apply(struct daemon *d, const struct dflag *f, size_t n, struct loc loc,
                  const char *where)
{
	for (size_t i = 0; i < n; i++) {
		struct buf texts = { 0 };
		size_t count = 0, last = i;
		if (seen_before(f, i))
			continue;
		for (size_t k = i; k < n; k++) {
			if (strcmp(f[k].key, f[i].key))
				continue;
			if (f[i].list)
				buf_printf(&texts, "%s%s", count ? " " : "", f[k].text);
			count++;
			last = k;
		}
		char *origin = xasprintf("dockerd flag%s %s %s",
		                         f[i].list && count > 1 ? "s" : "",
		                         f[i].list ? texts.s : f[last].text, where);
		struct d_setting *s = daemon_put(d, f[i].key, DSRC_FLAG, loc, origin);
		for (size_t k = i; k < n; k++) {
			if (strcmp(f[k].key, f[i].key))
				continue;
			if (f[i].list)
				d_setting_add(s, f[k].value);
		}
		if (!f[i].list)
			d_setting_value(s, f[last].value);
		free(origin);
		free(texts.s);
	}
}
