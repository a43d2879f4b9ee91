/* The verdicts: the engine first (a credential counts whatever its name), then the name's words
 * and the value's shape. */
#include "secret/classify.h"
#include <string.h>

enum secret_conf secret_kind_conf(const struct secret_kind *k)
{
	return strncmp(k->id, "generic-", 8) ? SECRET_MATCHED : SECRET_NAMED;
}

struct first { const struct secret_kind *kind; uint64_t after; };

/* The first credential of a specific kind that reaches into the value. */
static void on_pair_match(void *ctx, const struct secret_match *m)
{
	struct first *f = ctx;
	if (!f->kind && m->offset + m->len > f->after && secret_kind_conf(m->kind) == SECRET_MATCHED)
		f->kind = m->kind;
}

/* NAME=VALUE as one text, so the kinds anchored on a name (aws_secret_access_key=,
 * DD_API_KEY=) see theirs, as they do in a Dockerfile's ENV line. */
static const struct secret_kind *engine_kind(const char *name, size_t nlen, const char *value,
                                             size_t vlen)
{
	const struct secret_db *db = secret_db_get(NULL);
	struct first f = { NULL, nlen ? nlen + 1 : 0 };
	if (!db)
		return NULL;
	struct secret_stream *s = secret_stream_open(db, on_pair_match, &f);
	char buf[512];
	if (nlen + 1 + vlen <= sizeof buf) {       /* one feed: most variables are short */
		if (nlen)
			memcpy(buf, name, nlen);
		buf[nlen] = '=';
		memcpy(buf + nlen + (nlen > 0), value, vlen);
		secret_stream_feed(s, buf, nlen + (nlen > 0) + vlen);
	} else {
		if (nlen) {
			secret_stream_feed(s, name, nlen);
			secret_stream_feed(s, "=", 1);
		}
		secret_stream_feed(s, value, vlen);
	}
	secret_stream_close(s);
	return f.kind;
}

struct secret_verdict secret_classify_pair(const char *name, size_t nlen, const char *value,
                                           size_t vlen)
{
	struct secret_verdict v = { SECRET_NONE, NULL };
	if (!value || vlen == 0 || secret_value_is_reference(value, vlen))
		return v;
	if (!name)
		nlen = 0;
	/* a scalar is no credential: not worth a scan (TOKEN_TTL=3600, NODE_VERSION=22.11.0) */
	v.kind = secret_value_is_scalar(value, vlen) ? NULL : engine_kind(name, nlen, value, vlen);
	if (v.kind)
		v.conf = SECRET_MATCHED;
	else if (secret_name_is_secret(name, nlen) && !secret_value_is_inert(value, vlen))
		v.conf = SECRET_NAMED;
	return v;
}

struct secret_verdict secret_classify_env(const char *name, const char *value)
{
	return secret_classify_pair(name, name ? strlen(name) : 0, value, value ? strlen(value) : 0);
}

void secret_classify_text(const char *text, size_t len, secret_cb cb, void *ctx)
{
	const struct secret_db *db = secret_db_get(NULL);
	if (db && text && len)
		secret_scan(db, text, len, cb, ctx);
}
