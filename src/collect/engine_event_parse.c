/* The pure half of the event stream: one event's JSON into the model, which events the watch
 * follows, the seam that keeps a resumed stream from repeating itself, and the request path. */
#include "collect/engine.h"
#include "collect/engine_events.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* "exec_create: sh -c id " -> "exec_create" and "sh -c id". The engine adds a space after the
 * command when it has no arguments; trailing blanks are not part of the command. */
static void split_action(const char *a, struct event *ev)
{
	const char *colon = str_prefix(a, "exec_") ? strstr(a, ": ") : NULL;
	if (!colon) {
		ev->action = xstrdup(a);
		return;
	}
	ev->action = xstrndup(a, (size_t)(colon - a));
	const char *c = colon + 2;
	size_t n = strlen(c);
	while (n && (c[n - 1] == ' ' || c[n - 1] == '\t'))
		n--;
	ev->exec_cmd = xstrndup(c, n);
}

/* exitCode is a decimal string; anything else is no exit code. */
static void parse_exit(const char *s, struct event *ev)
{
	char *end;
	if (!s || !*s || strlen(s) > 11)
		return;
	long v = strtol(s, &end, 10);
	if (*end || v < -2147483647L - 1 || v > 2147483647L)
		return;
	ev->exit_code = (int)v;
	ev->has_exit_code = true;
}

static int64_t parse_time(json_t *o)
{
	json_t *tn = json_object_get(o, "timeNano"), *t = json_object_get(o, "time");
	if (json_is_integer(tn) && json_integer_value(tn) > 0)
		return json_integer_value(tn);
	if (json_is_integer(t) && json_integer_value(t) > 0 &&
	    json_integer_value(t) < INT64_MAX / 1000000000)
		return json_integer_value(t) * 1000000000;
	return 0;
}

int engine_event_parse(const char *text, size_t len, struct event *ev, char **err)
{
	json_error_t je;
	*ev = (struct event){ 0 };
	if (len > ENGINE_EVENT_MAX) {
		*err = xasprintf("event of %zu bytes, over the %u MiB limit", len, ENGINE_EVENT_MAX >> 20);
		return -1;
	}
	json_t *o = json_loadb(text, len, 0, &je);
	if (!o) {
		char *m = engine_json_error(&je);
		*err = xasprintf("event: %s", m);
		free(m);
		return -1;
	}
	const char *type = jstr(o, "Type"), *action = jstr(o, "Action");
	if (!json_is_object(o) || !type || !*type || !action || !*action) {
		*err = xstrdup(!json_is_object(o) ? "event: expected a JSON object"
		               : !type || !*type ? "event: no Type" : "event: no Action");
		json_decref(o);
		return -1;
	}
	json_t *actor = json_object_get(o, "Actor");
	json_t *attrs = json_object_get(actor, "Attributes");
	ev->type = xstrdup(type);
	split_action(action, ev);
	ev->id = dup_or_null(jstr(actor, "ID"));
	ev->name = dup_or_null(jstr(attrs, "name"));
	ev->image = dup_or_null(jstr(attrs, "image"));
	ev->exec_id = dup_or_null(jstr(attrs, "execID"));
	parse_exit(jstr(attrs, "exitCode"), ev);
	ev->time_nano = parse_time(o);
	json_decref(o);
	return 0;
}

bool engine_event_wanted(const struct event *ev)
{
	static const char *const container[] = { "start", "die", "exec_create", "exec_start",
	                                         "attach" };
	static const char *const image[] = { "pull", "tag" };
	if (str_eq(ev->type, "container")) {
		for (size_t i = 0; i < sizeof container / sizeof *container; i++)
			if (str_eq(ev->action, container[i]))
				return true;
	} else if (str_eq(ev->type, "image")) {
		for (size_t i = 0; i < sizeof image / sizeof *image; i++)
			if (str_eq(ev->action, image[i]))
				return true;
	}
	return false;
}

static char *seam_key(const struct event *ev)
{
	return xasprintf("%s %s %s%s%s", ev->type ? ev->type : "", ev->id ? ev->id : "",
	                 ev->action ? ev->action : "", ev->exec_cmd ? ": " : "",
	                 ev->exec_cmd ? ev->exec_cmd : "");
}

bool engine_seam_seen(struct engine_seam *s, const struct event *ev)
{
	if (ev->time_nano <= 0)
		return false;
	if (ev->time_nano < s->t)
		return true;
	char *key = seam_key(ev);
	if (ev->time_nano > s->t) {
		engine_seam_free(s);
		s->t = ev->time_nano;
	}
	for (int i = 0; i < s->n; i++)
		if (str_eq(s->keys[i], key)) {
			free(key);
			return true;
		}
	if (s->n < ENGINE_SEAM_KEYS)
		s->keys[s->n++] = key;   /* past that many at one nanosecond, repeats are possible */
	else
		free(key);
	return false;
}

void engine_seam_free(struct engine_seam *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->keys[i]);
	s->n = 0;
}

/* The filters, percent-encoded: {"type":[...],"event":[...]}. The engine matches an exec_*
 * filter as a prefix of the action, so "exec_create" takes "exec_create: sh -c id". */
static const char filters_json[] =
	"{\"type\":[\"container\",\"image\"],\"event\":[\"start\",\"die\",\"exec_create\","
	"\"exec_start\",\"attach\",\"pull\",\"tag\"]}";

char *engine_events_path(int64_t since_nano)
{
	struct buf b = { 0 };
	buf_adds(&b, "/events?");
	if (since_nano > 0)
		buf_printf(&b, "since=%lld.%09lld&", (long long)(since_nano / 1000000000),
		           (long long)(since_nano % 1000000000));
	buf_adds(&b, "filters=");
	for (const char *p = filters_json; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || *p == '_')
			buf_addc(&b, *p);
		else
			buf_printf(&b, "%%%02X", (unsigned char)*p);
	}
	return buf_take(&b);
}
