/* The account databases of an image (/etc/passwd, /etc/group, /etc/shadow, /etc/master.passwd):
 * which paths they are and their entries, parsed from content the layer walker read whole. */
#ifndef BW_ACCOUNTS_H
#define BW_ACCOUNTS_H
#include <stddef.h>
#include "model/image_fs.h"

/* Largest account file parsed, and most entries kept of one: past either the file is kept
 * unparsed (IMGF_ACCOUNTS_SKIPPED), so that memory stays bounded whatever the layers hold. */
#define ACCOUNTS_CAP (1u << 20)
#define ACCOUNTS_MAX 10000u

/* ACCT_NONE unless path is one of the databases. */
enum img_acctdb accounts_db(const char *path);
/* The entries of s (n bytes, any content) into f->accounts, which holds none yet, read as
 * database db. Blank lines, comments and NIS compat lines (+name, -name) are not entries, nor
 * are lines with too few fields. */
void accounts_parse(enum img_acctdb db, const char *s, size_t n, struct img_file *f);
#endif
