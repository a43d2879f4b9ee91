/* `sshd -T` on the live machine: the settings sshd itself computes at start (what sshd_config and
 * its includes say, with the defaults of the sshd installed). It fails where sshd cannot start,
 * e.g. without host keys or without its privilege separation directory; the files then stand. */
#include "collect/host_ssh_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static const char SSHD[] = "/usr/sbin/sshd";

/* The file line stays when the files give the same value: findings can point at it. */
static void take(struct ssh_value *v, const char *val)
{
	if (v->origin == SSH_FILE && str_eq(v->v, val)) {
		v->origin = SSH_SSHD_T;
		return;
	}
	free(v->v);
	*v = (struct ssh_value){ xstrdup(val), SSH_SSHD_T, LOC_NONE };
}

static void one(struct host_ssh *x, char *line)
{
	char *sp = strchr(line, ' ');
	if (!sp)
		return;
	*sp = '\0';
	const char *val = str_trim(sp + 1);
	if (!strcmp(line, "permitrootlogin") && !strcmp(val, "without-password"))
		val = "prohibit-password";
	for (int k = 0; k < SK__COUNT; k++)
		if (!strcmp(line, host_ssh_key_name(k)))
			take(&x->eff[k], val);
}

bool ssh_sshd_t(struct host_ssh *x, const struct hroot *r)
{
	if (!hfs_exists(r, SSHD))
		return false;
	char *out = host_exec((const char *const[]){ SSHD, "-T", NULL });
	if (!out)
		return false;
	bool any = false;
	for (char *s = out, *nl; *s; s = nl + 1) {
		nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		any |= *s != '\0';
		one(x, s);
		if (!nl)
			break;
	}
	free(out);
	return any;
}
