/* Baselines read back from their exported JSON, for `bulwark baseline import`. */
#include "collect/watch_store.h"
#include "util/util.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One baseline object into b; NULL, or what is wrong with it (field names it). */
static const char *take(json_t *o, struct watch_base *b, char field[64])
{
	const char *image = json_string_value(json_object_get(o, "image"));
	json_t *exes = json_object_get(o, "executables"), *ports = json_object_get(o, "ports");
	const char *caps = json_string_value(json_object_get(o, "capabilities"));
	json_t *uid = json_object_get(o, "min_uid"), *e;
	size_t i;
	snprintf(field, 64, "image");
	if (!image || !*image)
		return "not a non-empty string";
	watch_base_init(b, image);
	snprintf(field, 64, "executables");
	if (!json_is_array(exes))
		return "not an array";
	json_array_foreach(exes, i, e) {
		const char *path = json_string_value(json_object_get(e, "path"));
		json_t *dev = json_object_get(e, "dev"), *ino = json_object_get(e, "ino");
		snprintf(field, 64, "executables[%zu]", i);
		if (!path || !*path || !json_is_integer(dev) || !json_is_integer(ino))
			return "not {\"path\": string, \"dev\": integer, \"ino\": integer}";
		watch_base_exe_add(b, path, (unsigned long long)json_integer_value(dev),
		                   (unsigned long long)json_integer_value(ino));
	}
	snprintf(field, 64, "ports");
	if (!json_is_array(ports))
		return "not an array";
	json_array_foreach(ports, i, e) {
		const char *proto = json_string_value(json_object_get(e, "proto"));
		json_int_t port = json_integer_value(json_object_get(e, "port"));
		snprintf(field, 64, "ports[%zu]", i);
		if (!proto || (strcmp(proto, "tcp") && strcmp(proto, "udp")) || port < 0 ||
		    port > 65535 || !json_is_integer(json_object_get(e, "port")))
			return "not {\"proto\": \"tcp\" or \"udp\", \"port\": 0 to 65535}";
		watch_base_port_add(b, proto, (unsigned)port);
	}
	snprintf(field, 64, "capabilities");
	char *end;
	if (!caps || !*caps || strlen(caps) > 16)
		return "not a hexadecimal string";
	b->cap_eff = strtoull(caps, &end, 16);
	if (*end)
		return "not a hexadecimal string";
	snprintf(field, 64, "min_uid");
	if (!json_is_null(uid) && (!json_is_integer(uid) || json_integer_value(uid) < 0 ||
	                           json_integer_value(uid) > 0xffffffffLL))
		return "not null or a uid";
	b->has_uid = json_is_integer(uid);
	b->min_uid = b->has_uid ? (unsigned)json_integer_value(uid) : 0;
	json_t *packet = json_object_get(o, "packet_socket"), *tty = json_object_get(o, "tty_shell");
	snprintf(field, 64, "packet_socket");
	if (!json_is_boolean(packet))
		return "not a boolean";
	snprintf(field, 64, "tty_shell");
	if (!json_is_boolean(tty))
		return "not a boolean";
	b->packet = json_is_true(packet);
	b->tty_shell = json_is_true(tty);
	b->changed = true;
	return NULL;
}

int watch_base_parse(const char *path, const char *text, size_t len, struct watch_base **v,
                     size_t *n, char *err, size_t errlen)
{
	*v = NULL;
	*n = 0;
	json_error_t je;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je), *arr, *o;
	if (!doc) {
		snprintf(err, errlen, "%s: line %d: invalid JSON: %s", path, je.line, je.text);
		return -1;
	}
	const char *schema = json_string_value(json_object_get(doc, "schema"));
	arr = json_object_get(doc, "baselines");
	if (!schema || strcmp(schema, WATCH_BASE_SCHEMA) || !json_is_array(arr)) {
		snprintf(err, errlen, "%s: not a bulwark baseline export (schema %s)", path,
		         WATCH_BASE_SCHEMA);
		json_decref(doc);
		return -1;
	}
	*v = xcalloc(json_array_size(arr) + 1, sizeof **v);
	size_t i;
	json_array_foreach(arr, i, o) {
		char field[64];
		const char *why = json_is_object(o) ? take(o, &(*v)[i], field) : "not an object";
		*n = i + 1;
		if (why) {
			snprintf(err, errlen, "%s: baselines[%zu]%s%s: %s", path, i,
			         json_is_object(o) ? "." : "", json_is_object(o) ? field : "", why);
			json_decref(doc);
			for (size_t j = 0; j < *n; j++)
				watch_base_free(&(*v)[j]);
			free(*v);
			*v = NULL;
			*n = 0;
			return -1;
		}
	}
	json_decref(doc);
	return 0;
}
