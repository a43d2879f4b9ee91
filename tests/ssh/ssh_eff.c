/* Prints what bulwark makes of ROOT/etc/ssh/sshd_config as `sshd -T` prints it, one
 * "keyword value" line per keyword the rules read, for tests/cli/ssh_oracle.sh.
 * usage: ssh_eff ROOT [USER]
 * With USER, the values for a connection of that user: the first value from the Match blocks
 * whose condition is "all" or "User USER", else the global one (sshd -T -C user=USER,...).
 * Input errors are printed as "error LINE MESSAGE" and make the exit status 1. */
#include "collect/host_int.h"
#include "model/host.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool applies(const struct ssh_match *m, const char *user)
{
	if (!strcasecmp(m->cond, "all"))
		return true;
	return !strncasecmp(m->cond, "user ", 5) && !strcmp(m->cond + 5, user);
}

static const char *value(const struct host_ssh *x, enum ssh_key k, const char *user)
{
	for (size_t i = 0; user && i < x->nmatch; i++)
		if (x->match[i].set[k].v && applies(&x->match[i], user))
			return x->match[i].set[k].v;
	return x->eff[k].v;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: ssh_eff ROOT [USER]\n");
		return 2;
	}
	struct findings errs = { 0 };
	struct hroot r;
	struct host h;
	memset(&h, 0, sizeof h);
	hroot_open(&r, argv[1], &errs);
	host_ssh_collect(&h, &r, false, &errs);
	for (int k = 0; k < SK__COUNT; k++)
		printf("%s %s\n", host_ssh_key_name(k), value(&h.ssh, k, argc > 2 ? argv[2] : NULL));
	for (size_t i = 0; i < errs.nerrors; i++)
		printf("error %d %s\n", errs.errors[i].line, errs.errors[i].message);
	int rc = errs.nerrors ? 1 : 0;
	host_free(&h);
	hroot_close(&r);
	findings_free(&errs);
	return rc;
}
