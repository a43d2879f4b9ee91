/* The secret engine: one multi-pattern database (vectorscan), compiled once and shared by every
 * thread, scanning byte streams in chunks so a secret split across reads is still found. Each
 * candidate is confirmed (checksum, entropy floor, structure) before it is reported. */
#ifndef BW_SECRET_H
#define BW_SECRET_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model/finding.h"

struct secret_kind {
	const char *id;          /* stable: "aws-access-key-id", "github-pat", "pem-private-key" */
	const char *name;        /* "AWS access key id" */
	enum severity severity;
};

struct secret_match {
	const struct secret_kind *kind;
	uint64_t offset;         /* of the secret's first byte in the stream */
	int line;                /* 1-based line of that byte */
	const char *text;        /* the secret itself; valid only during the callback */
	size_t len;
};

typedef void (*secret_cb)(void *ctx, const struct secret_match *m);

struct secret_db;
/* The shared database, compiled on first use (thread-safe). NULL when it cannot be compiled;
 * *err (static text) says why. */
const struct secret_db *secret_db_get(const char **err);
/* Where secret_db_get's database came from: "embedded" (compiled at build time), "compiled" (at
 * run time: the embedded one does not fit this CPU or pattern set, or BULWARK_SECRET_DB=compile)
 * or "none". */
const char *secret_db_source(void);
/* A second database, always compiled at run time (tests: the fallback must match). */
const struct secret_db *secret_db_compiled(const char **err);
/* The database's bytes as vectorscan serializes them (malloc'd; tests compare the two). */
bool secret_db_serialize(const struct secret_db *db, char **bytes, size_t *len);
/* A hash of the pattern set (expressions, flags, ids): part of every cache key that stores
 * scan results, so a changed engine never reuses old ones. 0 when the patterns do not build. */
uint64_t secret_db_pattern_hash(void);
/* Every kind the engine knows, for docs and tests. */
size_t secret_kinds(const struct secret_kind *const **v);
/* A private key block (PEM, OpenSSH, PGP, PuTTY, SSH2), as opposed to a token or password. */
bool secret_kind_is_private_key(const struct secret_kind *k);

struct secret_stream;
struct secret_stream *secret_stream_open(const struct secret_db *db, secret_cb cb, void *ctx);
void secret_stream_feed(struct secret_stream *s, const void *buf, size_t n);
/* Reports what is pending at the end of the stream and frees s. */
void secret_stream_close(struct secret_stream *s);
/* One whole buffer. */
void secret_scan(const struct secret_db *db, const void *buf, size_t n, secret_cb cb, void *ctx);

/* How a file's type marks a comment line, by its name (config.ini.example is an ini file):
 * '#', "//" or ';' as the line's first non-blank. */
enum { SECRET_COMMENT_HASH = 1, SECRET_COMMENT_SLASHES = 2, SECRET_COMMENT_SEMI = 4 };
unsigned secret_comment_markers(const char *path);
/* Lines of s that start with one of markers are comments: a password, token or key assignment
 * there is a commented-out example and is reported only when its value is no placeholder. A
 * credential of a specific kind (a GitHub token, an AWS key) is reported wherever it is. */
void secret_stream_set_comments(struct secret_stream *s, unsigned markers);

/* Evidence for a report: the redacted form unless --show-secrets ("AKIA…(20 chars)"). */
char *secret_evidence(const struct secret_match *m);
#endif
