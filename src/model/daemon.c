#include "model/daemon.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static struct d_setting *find(const struct daemon *d, const char *key)
{
	for (size_t i = 0; i < d->nset; i++)
		if (!strcmp(d->set[i].key, key))
			return &d->set[i];
	return NULL;
}

const struct d_setting *daemon_get(const struct daemon *d, const char *key)
{
	return find(d, key);
}

int d_parse_bool(const char *s)
{
	static const char *const yes[] = { "1", "t", "T", "true", "TRUE", "True" };
	static const char *const no[] = { "0", "f", "F", "false", "FALSE", "False" };
	for (size_t i = 0; s && i < sizeof yes / sizeof *yes; i++) {
		if (!strcmp(s, yes[i]))
			return 1;
		if (!strcmp(s, no[i]))
			return 0;
	}
	return -1;
}

bool daemon_bool(const struct daemon *d, const char *key, bool dflt)
{
	const struct d_setting *s = find(d, key);
	int v = s ? d_parse_bool(s->value) : -1;
	return v < 0 ? dflt : v == 1;
}

const char *daemon_str(const struct daemon *d, const char *key)
{
	const struct d_setting *s = find(d, key);
	return s ? s->value : NULL;
}

const char *daemon_origin(const struct d_setting *s)
{
	return s && s->origin ? s->origin : "default (not set)";
}

struct loc daemon_loc(const struct d_setting *s)
{
	return s ? s->loc : LOC_NONE;
}

bool d_setting_has(const struct d_setting *s, const char *item)
{
	for (size_t i = 0; s && i < s->nitems; i++)
		if (!strcmp(s->items[i], item))
			return true;
	return false;
}

static void clear(struct d_setting *s)
{
	free(s->value);
	for (size_t i = 0; i < s->nitems; i++)
		free(s->items[i]);
	free(s->items);
	free(s->origin);
	s->value = NULL;
	s->items = NULL;
	s->nitems = s->cap_items = 0;
	s->list = false;
	s->origin = NULL;
}

struct d_setting *daemon_put(struct daemon *d, const char *key, enum d_src src, struct loc loc,
                             const char *origin)
{
	struct d_setting *s = find(d, key);
	if (s) {
		clear(s);
	} else {
		GROW(d->set, d->cap_set, d->nset);
		s = &d->set[d->nset++];
		memset(s, 0, sizeof *s);
		s->key = xstrdup(key);
	}
	s->src = src;
	s->loc = loc;
	s->origin = xstrdup(origin);
	d->sources |= DSRC_BIT(src);
	return s;
}

void d_setting_value(struct d_setting *s, const char *v)
{
	free(s->value);
	s->value = xstrdup(v);
}

void d_setting_add(struct d_setting *s, const char *item)
{
	s->list = true;
	GROW(s->items, s->cap_items, s->nitems);
	s->items[s->nitems++] = xstrdup(item);
}

const char *daemon_path(struct daemon *d, const char *path)
{
	if (!path)
		return NULL;
	for (size_t i = 0; i < d->nstrs; i++)
		if (!strcmp(d->strs[i], path))
			return d->strs[i];
	GROW(d->strs, d->cap_strs, d->nstrs);
	return d->strs[d->nstrs++] = xstrdup(path);
}

struct d_network *daemon_add_overlay(struct daemon *d)
{
	GROW(d->overlays, d->cap_overlays, d->noverlays);
	struct d_network *n = &d->overlays[d->noverlays++];
	memset(n, 0, sizeof *n);
	return n;
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

void daemon_free(struct daemon *d)
{
	for (size_t i = 0; i < d->nset; i++) {
		clear(&d->set[i]);
		free(d->set[i].key);
	}
	free(d->set);
	free_strv(d->strs, d->nstrs);
	size_t nsock = 0;
	while (d->unix_sockets && d->unix_sockets[nsock])
		nsock++;
	free_strv(d->unix_sockets, nsock);
	for (size_t i = 0; i < d->noverlays; i++) {
		free(d->overlays[i].name);
		free(d->overlays[i].id);
	}
	free(d->overlays);
	char *own[] = { d->daemon_json, d->cmdline_from, d->data_root, d->tls_ca, d->tls_cert,
	                d->tls_key, d->endpoint, d->version, d->api_version, d->kernel, d->os,
	                d->os_type, d->arch, d->content_trust, d->swarm_state };
	for (size_t i = 0; i < sizeof own / sizeof *own; i++)
		free(own[i]);
	memset(d, 0, sizeof *d);
}
