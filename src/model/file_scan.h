/* A plain file scanned for secrets: its path and what the engine found in it. */
#ifndef BW_FILE_SCAN_H
#define BW_FILE_SCAN_H
#include <stddef.h>
#include "model/loc.h"

struct secret_kind;
struct file_secret {
	const struct secret_kind *kind;
	struct loc loc;            /* path borrowed from the file_scan */
	char *evidence;            /* already redacted unless --show-secrets */
};

struct file_scan {
	char *path;
	struct file_secret *v; size_t n, cap;
};

/* evidence is taken over. */
void file_scan_add(struct file_scan *fs, const struct secret_kind *k, int line, char *evidence);
void file_scan_free(struct file_scan *fs);
#endif
