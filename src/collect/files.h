/* The file side of `bulwark secrets`: walk paths, stream each file through the engine. */
#ifndef BW_COLLECT_FILES_H
#define BW_COLLECT_FILES_H
#include <stdbool.h>
#include <stddef.h>
#include "model/finding.h"
#include "model/file_scan.h"
#include "secret/secret.h"

/* Files under paths (a directory is walked: symlinks are not followed, .git is skipped; a
 * symlink named in paths is followed), in path order. Unreadable entries are input errors. */
void secret_list_files(char *const *paths, size_t n, char ***files, size_t *nfiles,
                       struct findings *out);
/* Credential files by name, scanned even when their content is binary. */
bool secret_credential_name(const char *path);
/* Scans files on a few threads; scans[i] belongs to files[i]. Files that cannot be read become
 * input errors in out, in file order. */
void secret_scan_files(const struct secret_db *db, char *const *files, size_t n,
                       struct file_scan *scans, struct findings *out);
#endif
