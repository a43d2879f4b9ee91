/* Inside the secret engine: kind definitions, compiled shapes and the validation context. */
#ifndef BW_SECRET_INT_H
#define BW_SECRET_INT_H
#include "secret/secret.h"
#include "util/base64.h"
#include <hs/hs.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A shape is a small regex subset: literals, \d \s \w, [classes], {m}, {m,n}, ?. */
struct atom { uint8_t set[32]; uint16_t min, max; };
struct shape { struct atom *a; size_t n; size_t minlen, maxlen; };
bool shape_parse(const char *re, bool caseless, struct shape *out);
void shape_free(struct shape *s);
static inline bool atom_has(const struct atom *a, uint8_t c) { return a->set[c >> 3] >> (c & 7) & 1; }
/* Longest match of sh at t[pos..len), or -1. */
long shape_match(const struct shape *sh, const uint8_t *t, size_t len, size_t pos);

struct vctx;
typedef void (*check_fn)(struct vctx *v);
typedef bool (*post_fn)(const struct vctx *v, const uint8_t *s, size_t n);

enum { F_SHAPE, F_ANCHOR };
/* prio: on overlapping matches the higher wins (provider token > file format > generic). */
struct kdef {
	struct secret_kind k;
	uint8_t fam, prio;
	bool caseless;
	const char *re;       /* F_SHAPE: the secret's shape; F_ANCHOR: a vectorscan expression */
	const char *val;      /* F_ANCHOR: the value's shape, read after the anchor (and quotes) */
	post_fn post;         /* extra test of the secret text; NULL: none */
	check_fn check;       /* F_ANCHOR: does all the work instead of val */
	uint16_t back, ahead; /* extra context bytes a check reads around the match */
	/* filled at init */
	struct shape sh, hs_sh;
};

struct secret_db { hs_database_t *hs; hs_scratch_t *proto; };
/* Bytes a held match waits for before it is reported: no later candidate can overlap it. */
extern size_t g_margin;
extern struct kdef g_kdefs[];
extern const size_t g_nkdefs;
const struct kdef *kdef_by_id(const char *id);

/* What a check sees: bytes t[0..len) of the stream from offset base; the match ended at t[e]. */
struct vctx {
	struct secret_stream *st;
	const struct kdef *d;
	const uint8_t *t;
	size_t len, e;
	uint64_t base;
	bool at_start, at_end;   /* t begins at the stream's start / ends at its end */
};
/* Report t[s..s+n) as a secret of kind d (after the common decoy tests). */
void vconfirm(struct vctx *v, const struct kdef *d, size_t s, size_t n);
void check_shape(struct vctx *v);
void check_value(struct vctx *v);
/* Where a value starts after an anchor: skips blanks, one "=>"-style '>' and an opening quote.
 * *q gets the quote (0 if none). SIZE_MAX when the anchor is a comparison ("=="). */
size_t value_start(const struct vctx *v, uint8_t *q);

/* validate.c */
double entropy(const uint8_t *s, size_t n);
bool is_decoy(const uint8_t *s, size_t n);
bool is_template(const uint8_t *s, size_t n);
uint32_t crc32_buf(const uint8_t *s, size_t n);
const uint8_t *mem_icase(const uint8_t *h, size_t hn, const char *needle);
/* "password", "changeme", "****": a word standing in for a value. */
bool placeholder_value(const uint8_t *s, size_t n);

/* comments.c: a value that, in a commented-out line, stands in for a credential. */
bool comment_placeholder(const uint8_t *s, size_t n);

/* checks.c: posts and checks named in the kind table */
bool post_crc62(const struct vctx *v, const uint8_t *s, size_t n);
bool post_aws_id(const struct vctx *v, const uint8_t *s, size_t n);
bool post_aws_secret(const struct vctx *v, const uint8_t *s, size_t n);
bool post_jwt(const struct vctx *v, const uint8_t *s, size_t n);
bool post_url(const struct vctx *v, const uint8_t *s, size_t n);
bool post_doppler(const struct vctx *v, const uint8_t *s, size_t n);
bool post_entropy3(const struct vctx *v, const uint8_t *s, size_t n);
void check_aws_id(struct vctx *v);
void check_pem(struct vctx *v);
void check_putty(struct vctx *v);
void check_gcp(struct vctx *v);
void check_docker_auth(struct vctx *v);
void check_npmrc_auth(struct vctx *v);
void check_kube_key(struct vctx *v);
void check_kube_token(struct vctx *v);
void check_netrc(struct vctx *v);
void check_pypirc(struct vctx *v);
void check_generic(struct vctx *v);
void check_plain_value(struct vctx *v);
#endif
