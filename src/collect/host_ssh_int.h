/* Inside the SSH collector: sshd_config's words, its reader, the algorithm lists, sshd -T and
 * the authorized_keys files. */
#ifndef BW_HOST_SSH_INT_H
#define BW_HOST_SSH_INT_H
#include "collect/host_int.h"

enum { SSH_MAX_DEPTH = 16,      /* sshd's own limit on nested Include */
       SSH_MAX_FILES = 1024,    /* config files read in all */
       SSH_MAX_ARGS = 256 };

/* The keyword of a line as sshd splits it: whitespace, one '=' or a quoted word. *s moves past
 * it and the blanks after it (NULL at the end). NULL for an unterminated quote. */
char *ssh_word(char **s);
/* The arguments of a line as sshd splits them: blanks separate, quotes group, backslash escapes
 * quotes, backslashes and (outside quotes) blanks; a word starting with '#' ends the line.
 * Returns the count (at most SSH_MAX_ARGS), -1 for an unterminated quote. v[i] point into buf,
 * which the caller frees. */
int ssh_args(const char *s, char ***v, char **buf);

/* Read path (and what it includes) into x->eff and x->match; true when the file was there. */
bool ssh_read_config(struct host_ssh *x, const struct hroot *r, const char *path,
                     struct findings *errs);
/* Paths below r matching an Include glob, sorted as glob(3) sorts them; directories left out. */
char **ssh_glob(const struct hroot *r, const char *pattern, size_t *n);

/* A Ciphers, MACs or KexAlgorithms value ("list", "+list", "-patterns", "^list") resolved
 * against sshd's default list, as sshd -T prints it. NULL when it leaves nothing. */
char *ssh_algs_resolve(enum ssh_key k, const char *spec);
/* sshd's compiled-in default for a keyword (OpenSSH 9.x, as Debian builds it). */
const char *ssh_default(enum ssh_key k);

/* Run `sshd -T` on the live machine and take its values; false when it cannot run. */
bool ssh_sshd_t(struct host_ssh *x, const struct hroot *r);
/* The authorized_keys files of root and the users in /etc/passwd that anyone may write. */
void ssh_keyfiles(struct host_ssh *x, const struct hroot *r, const struct hstats *stats,
                  struct findings *errs);

#endif
