#include "model/host_ssh.h"
#include <stdlib.h>

static const char *const names[SK__COUNT][2] = {
	[SK_PASSWORD_AUTH] = { "passwordauthentication", "PasswordAuthentication" },
	[SK_KBDINT_AUTH] = { "kbdinteractiveauthentication", "KbdInteractiveAuthentication" },
	[SK_PERMIT_EMPTY] = { "permitemptypasswords", "PermitEmptyPasswords" },
	[SK_PERMIT_ROOT] = { "permitrootlogin", "PermitRootLogin" },
	[SK_CIPHERS] = { "ciphers", "Ciphers" },
	[SK_MACS] = { "macs", "MACs" },
	[SK_KEX] = { "kexalgorithms", "KexAlgorithms" },
	[SK_X11] = { "x11forwarding", "X11Forwarding" },
	[SK_MAX_AUTH_TRIES] = { "maxauthtries", "MaxAuthTries" },
	[SK_AUTH_KEYS_FILE] = { "authorizedkeysfile", "AuthorizedKeysFile" },
	[SK_USE_PAM] = { "usepam", "UsePAM" },
	[SK_STRICT_MODES] = { "strictmodes", "StrictModes" },
};

const char *host_ssh_key_name(enum ssh_key k)
{
	return names[k][0];
}

const char *host_ssh_key_title(enum ssh_key k)
{
	return names[k][1];
}

const char *host_ssh_origin_name(const struct ssh_value *v)
{
	if (v->loc.path)
		return NULL;
	return v->origin == SSH_SSHD_T ? "sshd -T" : "sshd's default";
}

static void free_values(struct ssh_value *v)
{
	for (size_t i = 0; i < SK__COUNT; i++)
		free(v[i].v);
}

void host_ssh_free(struct host_ssh *x)
{
	free_values(x->eff);
	for (size_t i = 0; i < x->nmatch; i++) {
		free(x->match[i].cond);
		free_values(x->match[i].set);
	}
	free(x->match);
	for (size_t i = 0; i < x->nkeyfiles; i++) {
		free(x->keyfiles[i].path);
		free(x->keyfiles[i].user);
	}
	free(x->keyfiles);
	for (size_t i = 0; i < x->nfiles; i++)
		free(x->files[i]);
	free(x->files);
}
