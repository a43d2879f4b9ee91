#include "model/watch_alert.h"
#include "util/util.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[WK__COUNT] = {
	"exec", "shell", "network-shell", "dropped-executed", "new-process", "new-listener",
	"packet-socket", "privilege",
};

const char *watch_kind_name(enum watch_kind k)
{
	return k < WK__COUNT ? kind_names[k] : "?";
}

struct watch_alert *watch_alert_add(struct watch_alerts *a, int64_t time_ms, enum watch_kind k,
                                    enum severity sev, const struct watch_who *who,
                                    const char *key, const char *fmt, ...)
{
	GROW(a->v, a->cap, a->n);
	struct watch_alert *al = &a->v[a->n++];
	memset(al, 0, sizeof *al);
	al->time_ms = time_ms;
	al->kind = k;
	al->severity = sev;
	al->name = xstrdup(who->name ? who->name : "");
	al->id = xstrdup(who->id ? who->id : "");
	al->image = xstrdup(who->image ? who->image : "");
	al->key = xasprintf("%s %s %s", watch_kind_name(k), al->id, key);
	va_list ap;
	va_start(ap, fmt);
	al->message = xvasprintf(fmt, ap);
	va_end(ap);
	return al;
}

void watch_alert_ev(struct watch_alert *al, const char *key, const char *fmt, ...)
{
	GROW(al->ev, al->cap_ev, al->nev);
	va_list ap;
	va_start(ap, fmt);
	al->ev[al->nev].key = xstrdup(key);
	al->ev[al->nev].value = xvasprintf(fmt, ap);
	va_end(ap);
	al->nev++;
}

const char *watch_alert_get(const struct watch_alert *al, const char *key)
{
	for (size_t i = 0; i < al->nev; i++)
		if (!strcmp(al->ev[i].key, key))
			return al->ev[i].value;
	return NULL;
}

void watch_alerts_move(struct watch_alerts *dst, struct watch_alerts *src)
{
	if (!src->n)
		return;
	grow((void **)&dst->v, &dst->cap, dst->n + src->n, sizeof *dst->v);
	memcpy(dst->v + dst->n, src->v, src->n * sizeof *src->v);
	dst->n += src->n;
	src->n = 0;
}

void watch_alert_free(struct watch_alert *al)
{
	free(al->name);
	free(al->id);
	free(al->image);
	free(al->message);
	free(al->key);
	for (size_t i = 0; i < al->nev; i++) {
		free(al->ev[i].key);
		free(al->ev[i].value);
	}
	free(al->ev);
	memset(al, 0, sizeof *al);
}

void watch_alerts_free(struct watch_alerts *a)
{
	for (size_t i = 0; i < a->n; i++)
		watch_alert_free(&a->v[i]);
	free(a->v);
	memset(a, 0, sizeof *a);
}

/* The seen keys are few (one per alerting process): a linear search is enough. */
int watch_seen_add(struct watch_seen *s, const char *key, unsigned gen)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].key, key)) {
			s->v[i].gen = gen;
			return 0;
		}
	GROW(s->v, s->cap, s->n);
	s->v[s->n].key = xstrdup(key);
	s->v[s->n].gen = gen;
	s->n++;
	return 1;
}

void watch_seen_prune(struct watch_seen *s, const char *prefix, unsigned gen)
{
	size_t j = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].gen != gen && (!prefix || str_prefix(s->v[i].key, prefix)))
			free(s->v[i].key);
		else
			s->v[j++] = s->v[i];
	}
	s->n = j;
}

void watch_seen_free(struct watch_seen *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].key);
	free(s->v);
	memset(s, 0, sizeof *s);
}
