#include "rules/container/c_util.h"
#include "util/util.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

const char *c_kind(const struct cspec *c)
{
	return c->origin == CSPEC_COMPOSE ? "service" : c->origin == CSPEC_IMAGE ? "image"
	                                                                        : "container";
}

const char *c_name(const struct cspec *c)
{
	if (c->name && *c->name)
		return c->name;
	return c->id && *c->id ? c->id : "(unnamed)";
}

struct loc c_at(const struct cspec *c, struct loc field)
{
	return field.line || field.path ? field : c->loc;
}

bool c_mode_host(const struct cs_str *mode)
{
	return str_ieq(mode->s, "host");
}

/* Append one component to out (len *o), handling "." and "..". */
static bool push_part(char *out, size_t n, size_t *o, const char *p, size_t len)
{
	if (len == 1 && p[0] == '.')
		return true;
	if (len == 2 && p[0] == '.' && p[1] == '.') {
		while (*o > 0 && out[*o - 1] != '/')
			(*o)--;
		if (*o > 0)
			(*o)--;               /* drop the '/' too; the root is re-added at the end */
		return true;
	}
	if (*o + 1 + len + 1 > n)
		return false;
	out[(*o)++] = '/';
	memcpy(out + *o, p, len);
	*o += len;
	return true;
}

bool c_path_norm(const char *in, char *out, size_t n)
{
	size_t o = 0;
	if (!in || in[0] != '/' || n < 2)
		return false;
	for (const char *p = in; *p;) {
		while (*p == '/')
			p++;
		size_t len = strcspn(p, "/");
		if (len && !push_part(out, n, &o, p, len))
			return false;
		p += len;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return true;
}

bool c_path_within(const char *p, const char *dir)
{
	size_t k = strlen(dir);
	if (!p)
		return false;
	if (strcmp(dir, "/") == 0)
		return p[0] == '/';
	return strncmp(p, dir, k) == 0 && (p[k] == '\0' || p[k] == '/');
}

const char *c_path_base(const char *p)
{
	const char *s;
	if (!p)
		return "";
	s = strrchr(p, '/');
	return s ? s + 1 : p;
}

const char *c_mount_source(const struct cs_mount *m, char *buf, size_t n)
{
	if (!m->volume)
		return m->source;
	snprintf(buf, n, "volume %s (bind of %s)", m->volume, m->source);
	return buf;
}

bool c_parse_port(const char *s, long *v)
{
	long n = 0;
	if (!s || !isdigit((unsigned char)*s))
		return false;
	for (; isdigit((unsigned char)*s); s++) {
		n = n * 10 + (*s - '0');
		if (n > 1000000)
			return false;
	}
	*v = n;
	return true;
}
