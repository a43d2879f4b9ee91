/* Value syntaxes of compose fields: sizes, numbers, booleans, and the short forms of ports,
 * volumes and devices, parsed as compose-go and the engine parse them. */
#include "collect/compose_int.h"
#include "util/util.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool parse_bool(const char *s, bool *out)
{
	static const char *const t[] = { "true", "yes", "on", "y" }, *const f[] = { "false", "no",
	                                                                         "off", "n" };
	for (size_t i = 0; s && i < 4; i++) {
		if (str_ieq(s, t[i]) || str_ieq(s, f[i])) {
			*out = str_ieq(s, t[i]);
			return true;
		}
	}
	return false;
}

bool parse_int(const char *s, int64_t *out)
{
	char *end;
	if (!s || !*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

/* Digits with at most one '.', then nothing else: keeps strtod away from hex, inf and e. */
static size_t number_len(const char *s)
{
	size_t i = 0, dots = 0;
	while (isdigit((unsigned char)s[i]) || (s[i] == '.' && !dots++))
		i++;
	return isdigit((unsigned char)s[0]) ? i : 0;
}

/* "512m", "1g", "1.5g", "1024k", "100", "2GiB", "-1" (unlimited swap). */
bool parse_bytes(const char *s, int64_t *out)
{
	static const char units[] = "bkmgtp";
	if (!s)
		return false;
	if (str_eq(s, "-1")) {
		*out = -1;
		return true;
	}
	size_t n = number_len(s);
	if (!n || n > 30)
		return false;
	double v = strtod(s, NULL), mult = 1;
	const char *u = s + n;
	if (*u == ' ')
		u++;
	const char *p = *u ? strchr(units, tolower((unsigned char)*u)) : NULL;
	if (p) {
		for (const char *q = units; q < p; q++)
			mult *= 1024;
		u++;
		if (p != units && tolower((unsigned char)*u) == 'i')
			u++;
		if (p != units && tolower((unsigned char)*u) == 'b')
			u++;
	}
	v *= mult;
	if (*u || v >= 9.2e18)
		return false;
	*out = (int64_t)v;
	return true;
}

bool parse_cpus(const char *s, int64_t *nano)
{
	size_t n = s ? number_len(s) : 0;
	if (!n || s[n] || n > 30)
		return false;
	double v = strtod(s, NULL);
	if (v > 1e6)
		return false;
	*nano = (int64_t)(v * 1e9 + 0.5);
	return true;
}

/* Splits on ':' but keeps a Windows drive ("C:") together, as compose-go does. */
static size_t split_colons(char *s, char **parts, size_t max)
{
	size_t n = 0;
	char *start = s;
	for (char *p = s; *p && n + 1 < max; p++) {
		if (*p != ':' || (p - start == 1 && isalpha((unsigned char)*start)))
			continue;
		*p = '\0';
		parts[n++] = start;
		start = p + 1;
	}
	parts[n++] = start;
	return n;
}

char *vol_target(const char *spec)
{
	char *t = xstrdup(spec), *parts[3];
	size_t n = split_colons(t, parts, 3);
	char *r = xstrdup(parts[n > 1]);
	free(t);
	return r;
}

static bool is_path(const char *s)
{
	return *s == '/' || *s == '.' || *s == '~' || str_prefix(s, "\\\\") ||
	       (isalpha((unsigned char)s[0]) && s[1] == ':');
}

static void vol_option(struct cs_mount *m, const char *o)
{
	static const char *const prop[] = { "shared", "rshared", "slave", "rslave", "private",
		                            "rprivate" };
	if (str_eq(o, "ro"))
		m->read_only = true;
	else if (str_eq(o, "rw"))
		m->read_only = false;
	for (size_t i = 0; i < sizeof prop / sizeof *prop; i++)
		if (str_eq(o, prop[i])) {
			free(m->propagation);
			m->propagation = xstrdup(o);
		}
}

/* "dst", "src:dst", "src:dst:ro,rshared". */
void add_volume_short(struct cspec *c, const char *spec, struct loc loc)
{
	char *t = xstrdup(spec), *parts[3], *save = NULL;
	size_t n = split_colons(t, parts, 3);
	struct cs_mount *m = cspec_add_mount(c);
	m->loc = loc;
	m->target = xstrdup(parts[n > 1]);
	if (n > 1)
		m->source = xstrdup(parts[0]);
	m->type = m->source && is_path(m->source) ? MOUNT_BIND : MOUNT_VOLUME;
	if (n > 2)
		for (char *o = strtok_r(parts[2], ",", &save); o; o = strtok_r(NULL, ",", &save))
			vol_option(m, o);
	free(t);
}

static bool device_mode(const char *s)
{
	return *s && strspn(s, "rwm") == strlen(s);
}

/* "/dev/x", "/dev/x:rwm", "/dev/x:/dev/y", "/dev/x:/dev/y:rwm". */
void add_device_short(struct cspec *c, const char *spec, struct loc loc)
{
	char *t = xstrdup(spec), *parts[3];
	size_t n = split_colons(t, parts, 3);
	struct cs_device *d = cspec_add_device(c);
	bool mode2 = n == 2 && device_mode(parts[1]);
	d->loc = loc;
	d->host = xstrdup(parts[0]);
	d->container = xstrdup(n == 1 || mode2 ? parts[0] : parts[1]);
	d->perms = xstrdup(n == 3 ? parts[2] : mode2 ? parts[1] : "rwm");
	free(t);
}

/* "80", "8080:80", "127.0.0.1:8080:80/udp", "[::1]:80:80", "127.0.0.1::80", ranges. */
void add_port_short(struct cspec *c, const char *spec, bool published, struct loc loc)
{
	char *t = xstrdup(spec), *proto = strrchr(t, '/'), *ip = NULL, *host = NULL, *cont;
	if (proto)
		*proto++ = '\0';
	cont = strrchr(t, ':');
	if (cont) {
		*cont++ = '\0';
		host = strrchr(t, ':');
		if (host) {
			*host++ = '\0';
			ip = t;
		} else {
			host = t;
		}
	} else {
		cont = t;
	}
	if (ip && *ip == '[' && ip[strlen(ip) - 1] == ']') {
		ip[strlen(ip) - 1] = '\0';
		ip++;
	}
	struct cs_port *p = cspec_add_port(c);
	p->host_ip = ip && *ip ? xstrdup(ip) : NULL;
	p->host_port = host && *host ? xstrdup(host) : NULL;
	p->container_port = xstrdup(cont);
	p->proto = xstrdup(proto && *proto ? proto : "tcp");
	p->published = published;
	p->loc = loc;
	free(t);
}
