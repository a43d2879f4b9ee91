/* Inside the vulnerability store (collect/vulndb*.c) and the OSV parser's fuzz target. */
#ifndef BW_VULNDB_INT_H
#define BW_VULNDB_INT_H
#include <stdbool.h>
#include <stddef.h>
#include "collect/sqlite_api.h"
#include "model/vuln.h"

/* Bounds on one OSV record: anything larger is malformed, not a reason to grow. */
#define OSV_MAX_RECORD   (8u << 20)   /* bytes of JSON */
#define OSV_MAX_STRING   (64u << 10)  /* any one string (a summary is cut to this) */
#define OSV_MAX_AFFECTED 4096
#define OSV_MAX_RANGES   256          /* per affected entry */
#define OSV_MAX_EVENTS   4096         /* per range */
#define OSV_MAX_VERSIONS 200000       /* per affected entry */
#define OSV_MAX_ALIASES  1024

/* One OSV record: head holds the record's own fields (package and ranges empty); aff one entry
 * per affected package (only package, ecosystem, ranges and versions set). */
struct osv_doc {
	struct vuln_rec head;
	char *rating;   /* the source's own rating: GHSA's database_specific.severity, Ubuntu's */
	struct vuln_rec *aff; size_t naff;
	struct osv_mem *mem;   /* where its strings and arrays are, or NULL: each malloc'd */
};

/* A block a parsed record is built in, reused record after record (the import's ring slots):
 * a record's fields die together, and malloc here and free on another thread cost more than
 * the parsing of the fields. Blocks that do not fit are malloc'd and listed. */
#define OSV_MEM_BLOCK 4096
struct osv_mem { char *blk; size_t used, cap; void **big; size_t nbig, capbig; };
void osv_mem_reset(struct osv_mem *m);   /* for the next record: what the last one had is gone */
void osv_mem_free(struct osv_mem *m);

/* Parses one record of n bytes (not NUL-terminated). false with the place and reason in err
 * ("affected[0].ranges[1]: unknown type \"X\"") when it is not a valid record; doc is then
 * empty. */
bool osv_parse(const char *buf, size_t n, struct osv_doc *doc, char *err, size_t errlen);
/* As osv_parse, the doc built in mem (its fields are not freed one by one: osv_mem_reset). */
bool osv_parse_in(const char *buf, size_t n, struct osv_doc *doc, struct osv_mem *mem,
                  char *err, size_t errlen);
void osv_doc_clear(struct osv_doc *doc);
/* Frees the calling thread's parsing block (a thread that parsed calls it before it ends). */
void osv_parse_release(void);

/* The schema this binary writes and reads (PRAGMA user_version). */
#define VULNDB_SCHEMA 1
/* Creates the tables (not the indexes) in an empty database. */
bool vulndb_schema_create(sqlite3 *db, char *err, size_t errlen);
/* Creates the lookup indexes, once the data is in. */
bool vulndb_schema_index(sqlite3 *db, char *err, size_t errlen);
/* Checks db (opened from path) is a store this binary understands. */
bool vulndb_schema_check(sqlite3 *db, const char *path, char *err, size_t errlen);

/* Ranges and versions in one column each: a range is its type letter (E, S, G), then per event
 * its kind letter (i, f, l, x) and version ended by \x1f, then \x1e. Versions are joined by
 * \x1f. The parser refuses control characters in versions, so these separators are safe. */
char *vulndb_ranges_encode(const struct vuln_rec *r);
char *vulndb_versions_encode(const struct vuln_rec *r);
bool vulndb_ranges_decode(const char *s, struct vuln_rec *r);
void vulndb_versions_decode(const char *s, struct vuln_rec *r);

/* The import's reading and parsing, on threads (collect/vulndb_pipe.c): a reader thread
 * inflates archives and reads files into jobs, workers parse them, and the caller takes the
 * parsed jobs in input order (the store's result does not depend on the threads' timing). */
struct osv_job {
	char *buf; size_t n;       /* the record's bytes (the pipe's, as path and name) */
	char *path, *name;         /* the file, and the archive entry (NULL for a file) */
	struct osv_mem *mem;       /* where doc is built */
	bool strict;               /* a file named by the user: a bad record fails the import */
	bool ok;                   /* parsed: doc holds it; else why says what is wrong */
	struct osv_doc doc;
	char why[512];
	int state;
};
struct osv_pipe;
struct osv_pipe *osv_pipe_start(const char *const *inputs, size_t n);
/* The next parsed job in input order; NULL when all are taken or reading failed. */
struct osv_job *osv_pipe_next(struct osv_pipe *p);
void osv_pipe_done(struct osv_pipe *p, struct osv_job *j);
/* Stops and joins the threads, frees p. false with the reading error in err when reading
 * failed (a bad archive, an unreadable input). */
bool osv_pipe_finish(struct osv_pipe *p, char *err, size_t errlen);

/* The reader (collect/vulndb_read.c), run on the pipe's reader thread: every input, each record
 * handed to osv_pipe_submit. false with the error in err. */
bool osv_read_inputs(struct osv_pipe *p, const char *const *inputs, size_t n, char *err,
                     size_t errlen);
/* Takes data's bytes (NULL: none), leaving data empty with an earlier record's room; why
 * non-NULL: the record is already known bad (too large). false when the import is being
 * stopped. */
struct buf;
bool osv_pipe_submit(struct osv_pipe *p, struct buf *data, const char *path, const char *name,
                     bool strict, const char *why);
/* A zip archive of records (collect/vulndb_zip.c) on fd, which the caller closes after
 * vzip_close. vzip_open: NULL with the reason in err when there is no readable central
 * directory. vzip_next: 1 with the next entry's name (and whether it is a regular file), 0 at
 * the end, -1 with the reason in err. vzip_data: the entry's bytes into out, 1; 0 when they are
 * more than max; -1 with the reason in err when it is corrupt, -2 when it is encrypted or
 * compressed in a way not read. */
struct vzip;
struct vzip *vzip_open(int fd, char *err, size_t errlen);
int vzip_next(struct vzip *z, const char **name, bool *regular);
int vzip_data(struct vzip *z, struct buf *out, size_t max);
void vzip_close(struct vzip *z);
/* The integer a one-row query (a PRAGMA) gives, or -1 (vulndb_schema.c). */
long vulndb_pragma(sqlite3 *db, const char *sql);
/* Column i of the current row as a new string, NULL for SQL NULL (vulndb_schema.c). */
char *vulndb_col(sqlite3_stmt *st, int i);
/* Formats one error line into err: control characters (a file name or a library's message may
 * hold a newline) become spaces, trailing spaces go. Returns false, for `return vulndb_fail(...)`. */
bool vulndb_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#endif
