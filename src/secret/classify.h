/* The one judge of "is this a secret", for every rule that asks: a variable (name and value:
 * Dockerfile ENV/ARG, container and image environments) or free text (a RUN line, a history
 * entry). A value of one of the engine's credential kinds counts whatever its name; otherwise a
 * name made of secret words (DB_PASSWORD, smtpPwd, api-key) counts unless its value cannot be a
 * secret (a reference, a number, a duration, a boolean, a host name, a version, public key
 * material). Pure over its inputs; the engine's compiled patterns are loaded data. */
#ifndef BW_SECRET_CLASSIFY_H
#define BW_SECRET_CLASSIFY_H
#include <stdbool.h>
#include <stddef.h>
#include "secret/secret.h"

enum secret_conf {
	SECRET_NONE,      /* not a secret */
	SECRET_NAMED,     /* the name says secret and the value is a literal that can be one */
	SECRET_MATCHED,   /* the value is a credential of a known kind (its checks passed) */
};

struct secret_verdict {
	enum secret_conf conf;
	const struct secret_kind *kind;   /* SECRET_MATCHED: which; else NULL */
};

/* NAME=VALUE. name may be NULL (nlen 0). */
struct secret_verdict secret_classify_pair(const char *name, size_t nlen, const char *value,
                                           size_t vlen);
/* The same over NUL-terminated strings. */
struct secret_verdict secret_classify_env(const char *name, const char *value);

/* Free text, in one scan of the engine: cb gets each credential found; judge it with
 * secret_kind_conf. Nothing when the engine's database is unavailable. */
void secret_classify_text(const char *text, size_t len, secret_cb cb, void *ctx);
/* What a kind found in text is worth on its own: a generic assignment (password=..., token=...)
 * is only as good as its name (SECRET_NAMED); any other kind is SECRET_MATCHED. */
enum secret_conf secret_kind_conf(const struct secret_kind *k);

/* The parts (name_words.c, inert_values.c), for tests. */
bool secret_name_is_secret(const char *name, size_t nlen);
/* $VAR, ${VAR}, $$VAR (compose's escape), a path such as /run/secrets/db. */
bool secret_value_is_reference(const char *v, size_t n);
/* A number, boolean, duration or version: no credential kind has that shape. */
bool secret_value_is_scalar(const char *v, size_t n);
/* A reference, number, duration, boolean, host name or URL without a password, version,
 * fingerprint or public key. */
bool secret_value_is_inert(const char *v, size_t n);
#endif
