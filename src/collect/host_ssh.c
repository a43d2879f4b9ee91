/* The SSH server's effective configuration: sshd_config and what it includes, read as sshd reads
 * them, then on the live machine the values of `sshd -T` over the global ones; the defaults fill
 * what neither sets. The authorized_keys files come after (host_ssh_keyfiles). */
#include "collect/host_ssh_int.h"
#include "util/util.h"

static const char CONFIG[] = "/etc/ssh/sshd_config";

static void defaults(struct host_ssh *x)
{
	for (int k = 0; k < SK__COUNT; k++)
		if (x->eff[k].origin == SSH_UNSET)
			x->eff[k] = (struct ssh_value){ xstrdup(ssh_default(k)), SSH_DEFAULT, LOC_NONE };
}

void host_ssh_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs)
{
	struct host_ssh *x = &h->ssh;
	bool read = ssh_read_config(x, r, CONFIG, errs);
	defaults(x);
	x->sshd_t = live && ssh_sshd_t(x, r);
	x->known = read || x->sshd_t;
}

void host_ssh_keyfiles(struct host *h, const struct hroot *r, const struct hstats *stats,
                       struct findings *errs)
{
	if (h->ssh.known)
		ssh_keyfiles(&h->ssh, r, stats, errs);
}
