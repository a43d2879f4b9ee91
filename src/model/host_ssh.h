/* The SSH server's effective configuration (sshd -T, or sshd_config read as sshd reads it). Filled by collect/host_ssh.c, read by the rules in rules/host/. */
#ifndef BW_HOST_SSH_H
#define BW_HOST_SSH_H
#include <stdbool.h>
#include <stddef.h>
#include "model/loc.h"

/* The keywords the rules read. Values are kept as `sshd -T` prints them: "yes"/"no", a
 * number, a resolved comma-separated algorithm list, prohibit-password for PermitRootLogin's
 * old spelling without-password, AuthorizedKeysFile's names separated by one space. */
enum ssh_key {
	SK_PASSWORD_AUTH, SK_KBDINT_AUTH, SK_PERMIT_EMPTY, SK_PERMIT_ROOT, SK_CIPHERS, SK_MACS,
	SK_KEX, SK_X11, SK_MAX_AUTH_TRIES, SK_AUTH_KEYS_FILE, SK_USE_PAM, SK_STRICT_MODES,
	SK__COUNT
};

enum ssh_origin {
	SSH_UNSET,               /* not set (a Match block's keyword it does not set) */
	SSH_DEFAULT,             /* sshd's compiled-in default (OpenSSH 9.x) */
	SSH_FILE,                /* a line of sshd_config or a file it includes */
	SSH_SSHD_T,              /* `sshd -T` on the live machine; loc is the file line when
	                            the files give the same value */
};

struct ssh_value {
	char *v;
	enum ssh_origin origin;
	struct loc loc;          /* path borrowed from host_ssh.files; 0 line for the default */
};

/* A Match block: its settings apply only to connections its condition matches, so they are
 * kept apart from the global ones (first value within the block). */
struct ssh_match {
	char *cond;              /* the condition as written: "User alice", "all" */
	bool all;                /* `Match all` (not inside another Match): every connection */
	struct loc loc;          /* the Match line */
	struct ssh_value set[SK__COUNT];
};

/* An authorized_keys file anyone may write to. */
struct ssh_keyfile {
	char *path;              /* host path */
	char *user;
	unsigned mode;           /* st_mode & 07777 */
};

struct host_ssh {
	bool known;              /* sshd -T ran, or sshd_config was read; rules stay silent otherwise */
	bool sshd_t;             /* the global values came from `sshd -T` */
	/* What a connection that no Match condition selects gets, as sshd -T prints it: the first
	 * value in a `Match all` block, else the first outside Match blocks, else the default. */
	struct ssh_value eff[SK__COUNT];
	struct ssh_match *match; size_t nmatch, cap_match;
	struct ssh_keyfile *keyfiles; size_t nkeyfiles, cap_keyfiles;   /* world-writable ones */
	char **files; size_t nfiles, cap_files;   /* every config file read, in order */
};

/* The keyword as sshd -T prints it: "passwordauthentication". */
const char *host_ssh_key_name(enum ssh_key k);
/* The keyword as the manual spells it: "PasswordAuthentication". */
const char *host_ssh_key_title(enum ssh_key k);
/* "sshd's default", "sshd -T" or NULL when the value has a file line. */
const char *host_ssh_origin_name(const struct ssh_value *v);
void host_ssh_free(struct host_ssh *x);

#endif
