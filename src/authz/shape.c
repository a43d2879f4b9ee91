/* The JSON types of every body field the plugin judges, checked before anything reads them: a
 * field of another type would otherwise be skipped as absent, and "Privileged": "true" allowed.
 * The engine decodes bodies with Go's encoding/json, so the rules below follow it:
 *  - null is the Go zero value, the same as an absent field (and an absent element);
 *  - a struct field's key matches case-insensitively ("hostconfig" sets HostConfig), so a key that
 *    folds to a judged name without being it is refused: the engine would read it, the plugin not;
 *  - a number into an integer field must be an integer. */
#include "authz/authz_int.h"
#include "util/util.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum shape {
	S_STR, S_INT, S_BOOL,
	S_OBJ,          /* an object with the fields in sub */
	S_STRS,         /* an array of strings */
	S_OBJS,         /* an array of objects with the fields in sub */
	S_MAP_STR,      /* an object of strings (Labels, Sysctls) */
	S_MAP_OBJ,      /* an object of objects (ExposedPorts: {"80/tcp": {}}) */
	S_MAP_OBJS,     /* an object of arrays of objects with the fields in sub (PortBindings) */
};
struct field { const char *name; enum shape shape; const struct field *sub; };

static const struct field restart_policy[] = {
	{ "Name", S_STR, NULL }, { "MaximumRetryCount", S_INT, NULL }, { NULL, 0, NULL } };
static const struct field device[] = {
	{ "PathOnHost", S_STR, NULL }, { "PathInContainer", S_STR, NULL },
	{ "CgroupPermissions", S_STR, NULL }, { NULL, 0, NULL } };
static const struct field ulimit[] = {
	{ "Name", S_STR, NULL }, { "Soft", S_INT, NULL }, { "Hard", S_INT, NULL },
	{ NULL, 0, NULL } };
static const struct field bind_options[] = { { "Propagation", S_STR, NULL }, { NULL, 0, NULL } };
static const struct field mount[] = {
	{ "Type", S_STR, NULL }, { "Source", S_STR, NULL }, { "Target", S_STR, NULL },
	{ "ReadOnly", S_BOOL, NULL }, { "BindOptions", S_OBJ, bind_options }, { NULL, 0, NULL } };
static const struct field port_binding[] = {
	{ "HostIp", S_STR, NULL }, { "HostPort", S_STR, NULL }, { NULL, 0, NULL } };
static const struct field healthcheck[] = { { "Test", S_STRS, NULL }, { NULL, 0, NULL } };

/* Resources and the restart policy: a HostConfig's and an update body's. */
#define RESOURCES \
	{ "CpusetCpus", S_STR, NULL }, { "CgroupParent", S_STR, NULL }, \
	{ "Memory", S_INT, NULL }, { "MemorySwap", S_INT, NULL }, \
	{ "MemoryReservation", S_INT, NULL }, { "CpuShares", S_INT, NULL }, \
	{ "NanoCpus", S_INT, NULL }, { "CpuQuota", S_INT, NULL }, { "CpuPeriod", S_INT, NULL }, \
	{ "PidsLimit", S_INT, NULL }, { "RestartPolicy", S_OBJ, restart_policy }, \
	{ "Devices", S_OBJS, device }, { "Ulimits", S_OBJS, ulimit }

static const struct field host_config[] = {
	{ "Privileged", S_BOOL, NULL }, { "ReadonlyRootfs", S_BOOL, NULL },
	{ "CapAdd", S_STRS, NULL }, { "CapDrop", S_STRS, NULL }, { "SecurityOpt", S_STRS, NULL },
	{ "NetworkMode", S_STR, NULL }, { "PidMode", S_STR, NULL }, { "IpcMode", S_STR, NULL },
	{ "UTSMode", S_STR, NULL }, { "UsernsMode", S_STR, NULL }, { "CgroupnsMode", S_STR, NULL },
	RESOURCES,
	{ "Sysctls", S_MAP_STR, NULL }, { "Binds", S_STRS, NULL }, { "Mounts", S_OBJS, mount },
	{ "Tmpfs", S_MAP_STR, NULL }, { "PortBindings", S_MAP_OBJS, port_binding },
	{ NULL, 0, NULL } };
static const struct field create[] = {
	{ "Image", S_STR, NULL }, { "User", S_STR, NULL }, { "Env", S_STRS, NULL },
	{ "Labels", S_MAP_STR, NULL }, { "Healthcheck", S_OBJ, healthcheck },
	{ "ExposedPorts", S_MAP_OBJ, NULL }, { "HostConfig", S_OBJ, host_config },
	{ NULL, 0, NULL } };
static const struct field update[] = { RESOURCES, { NULL, 0, NULL } };
static const struct field exec[] = {
	{ "User", S_STR, NULL }, { "Privileged", S_BOOL, NULL }, { NULL, 0, NULL } };
static const struct field privilege[] = {
	{ "Name", S_STR, NULL }, { "Value", S_STRS, NULL }, { NULL, 0, NULL } };
static const struct field volume[] = {
	{ "Name", S_STR, NULL }, { "Driver", S_STR, NULL }, { "DriverOpts", S_MAP_STR, NULL },
	{ "Labels", S_MAP_STR, NULL }, { NULL, 0, NULL } };

/* Each judged action's body: an object with these fields, or (plugin privileges) an array. */
static const struct {
	const char *action;
	enum shape shape;
	const struct field *fields;
} bodies[] = {
	{ "container.create", S_OBJ, create }, { "container.update", S_OBJ, update },
	{ "container.exec", S_OBJ, exec }, { "plugin.install", S_OBJS, privilege },
	{ "volume.create", S_OBJ, volume },
};

static const char *expected(enum shape s)
{
	static const char *const v[] = { "a string", "an integer", "a boolean", "an object",
		"an array of strings", "an array of objects", "an object of strings",
		"an object of objects", "an object of arrays of objects" };
	return v[s];
}

static const char *got(json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "a number";
	case JSON_REAL: return "a number with a fraction or exponent";
	case JSON_TRUE: case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

/* Go's name folding (encoding/json appendFoldedName) reduced to ASCII names: ASCII letters by
 * case, and the four non-ASCII runes that fold to one (U+0130, U+0131 -> I; U+017F -> S; U+212A
 * -> K). Returns the folded byte and advances *p, or 0 for a rune that folds to no ASCII. */
static char fold_next(const unsigned char **p)
{
	const unsigned char *s = *p;
	static const struct { unsigned char b[3]; size_t n; char c; } wide[] = {
		{ { 0xc4, 0xb0 }, 2, 'i' }, { { 0xc4, 0xb1 }, 2, 'i' }, { { 0xc5, 0xbf }, 2, 's' },
		{ { 0xe2, 0x84, 0xaa }, 3, 'k' },
	};
	if (*s < 0x80) {
		*p = s + 1;
		return (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
	}
	for (size_t i = 0; i < sizeof wide / sizeof *wide; i++)   /* strncmp stops at the NUL */
		if (!strncmp((const char *)s, (const char *)wide[i].b, wide[i].n)) {
			*p = s + wide[i].n;
			return wide[i].c;
		}
	return 0;
}

static bool folds_to(const char *key, const char *name)
{
	const unsigned char *k = (const unsigned char *)key, *n = (const unsigned char *)name;
	while (*k && *n) {
		char a = fold_next(&k), b = fold_next(&n);
		if (!a || a != b)
			return false;
	}
	return !*k && !*n;
}

/* The walk: the path to the value being checked ("HostConfig.Devices[0].PathOnHost") and, once
 * a value does not fit, why. */
struct walk { struct buf path; char *why; };

static void fail(struct walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct walk *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = xvasprintf(fmt, ap);
	va_end(ap);
	w->why = xasprintf("%s: %s", w->path.len ? w->path.s : "the body", m);
	free(m);
}

/* ".name" (or "name" at the top): built by hand, as for every field walked; printf would be
 * most of the walk's cost. */
static void step(struct walk *w, const char *name)
{
	if (w->path.len)
		buf_addc(&w->path, '.');
	buf_adds(&w->path, name);
}

static void back(struct walk *w, size_t len)
{
	w->path.len = len;
	if (w->path.s)
		w->path.s[len] = '\0';
}

/* A map key as a step: ["80/tcp"], with '"' and '\' escaped. */
static void add_key(struct buf *b, const char *key)
{
	buf_adds(b, "[\"");
	for (const char *k = key; *k; k++) {
		if (*k == '"' || *k == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *k);
	}
	buf_adds(b, "\"]");
}

static bool check(struct walk *w, json_t *v, enum shape s, const struct field *sub);

/* The field of f (n of them) that key folds to, or n. initials holds the fields' first letters
 * (bit c - 'a'), so most keys are ruled out at once: a create body has some 60 keys and its
 * HostConfig table 30 fields. */
static size_t field_of(const char *key, const struct field *f, size_t n, uint32_t initials)
{
	const unsigned char *k = (const unsigned char *)key;
	char k0 = fold_next(&k);
	if (k0 < 'a' || k0 > 'z' || !(initials >> (k0 - 'a') & 1))
		return n;
	for (size_t i = 0; i < n; i++) {
		char n0 = f[i].name[0];
		if ((n0 >= 'A' && n0 <= 'Z' ? n0 + 32 : n0) == k0 && folds_to(key, f[i].name))
			return i;
	}
	return n;
}

static bool check_fields(struct walk *w, json_t *obj, const struct field *f)
{
	const char *key;
	json_t *v;
	size_t n = 0;
	uint32_t initials = 0;
	for (; f && f[n].name; n++)
		initials |= 1u << ((f[n].name[0] | 0x20) - 'a');   /* the names are ASCII letters */
	if (!n)
		return true;
	/* One pass over the keys: for each field, the first key that folds to it without being it
	 * (the engine reads that key as the field; the plugin would not). */
	const char *folded[n];
	memset(folded, 0, sizeof folded);
	json_object_foreach(obj, key, v) {
		size_t i = field_of(key, f, n, initials);
		if (i < n && !folded[i] && strcmp(key, f[i].name))
			folded[i] = key;
	}
	for (size_t i = 0; i < n; i++) {
		size_t len = w->path.len;
		if (folded[i]) {
			step(w, folded[i]);
			fail(w, "the engine reads this key as %s; spell it %s", f[i].name, f[i].name);
			return false;
		}
		if (!(v = json_object_get(obj, f[i].name)))
			continue;
		step(w, f[i].name);
		if (!check(w, v, f[i].shape, f[i].sub))
			return false;
		back(w, len);
	}
	return true;
}

static bool check_items(struct walk *w, json_t *v, enum shape item, const struct field *sub)
{
	size_t i, len = w->path.len;
	json_t *x;
	json_array_foreach(v, i, x) {
		buf_printf(&w->path, "[%zu]", i);
		if (!check(w, x, item, sub))
			return false;
		back(w, len);
	}
	return true;
}

static bool check_map(struct walk *w, json_t *v, enum shape item, const struct field *sub)
{
	const char *key;
	size_t len = w->path.len;
	json_t *x;
	json_object_foreach(v, key, x) {
		add_key(&w->path, key);
		if (!check(w, x, item, sub))
			return false;
		back(w, len);
	}
	return true;
}

static bool fits(json_t *v, enum shape s)
{
	switch (s) {
	case S_STR: return json_is_string(v);
	case S_INT: return json_is_integer(v);
	case S_BOOL: return json_is_boolean(v);
	case S_STRS: case S_OBJS: return json_is_array(v);
	default: return json_is_object(v);
	}
}

/* null fits every field: Go leaves the zero value, as for an absent field. */
static bool check(struct walk *w, json_t *v, enum shape s, const struct field *sub)
{
	if (json_is_null(v))
		return true;
	if (!fits(v, s)) {
		fail(w, "expected %s, got %s", expected(s), got(v));
		return false;
	}
	switch (s) {
	case S_OBJ: return check_fields(w, v, sub);
	case S_STRS: return check_items(w, v, S_STR, NULL);
	case S_OBJS: return check_items(w, v, S_OBJ, sub);
	case S_MAP_STR: return check_map(w, v, S_STR, NULL);
	case S_MAP_OBJ: return check_map(w, v, S_OBJ, NULL);
	case S_MAP_OBJS: return check_map(w, v, S_OBJS, sub);
	default: return true;
	}
}

char *authz_body_shape(const char *action, json_t *body)
{
	for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
		if (strcmp(action, bodies[i].action))
			continue;
		struct walk w = { { 0 }, NULL };
		if (!body || json_is_null(body))      /* the whole body: null is no request */
			fail(&w, "expected %s, got null", expected(bodies[i].shape));
		else
			check(&w, body, bodies[i].shape, bodies[i].fields);
		free(w.path.s);
		return w.why;
	}
	return NULL;
}

bool authz_body_judged(const char *action)
{
	for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++)
		if (!strcmp(action, bodies[i].action))
			return true;
	return false;
}
