/* The image's account databases as the final filesystem has them: accounts without a password,
 * and users or groups sharing a numeric id. Files a later layer deleted or replaced are not
 * read: nobody logs in with them. */
#include "rules/image/i_util.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>

static void check_empty_password(const struct rule *self, const struct image_cfg *im,
                                 struct findings *out)
{
	IMG_FILES(im, f) {
		if (f->acctdb != ACCT_SHADOW || !f->visible)
			continue;
		for (size_t i = 0; i < f->naccounts; i++) {
			const struct img_account *a = &f->accounts[i];
			if (!a->empty_password)
				continue;
			char *what = xasprintf("account %s in %s has an empty password: anyone may log "
			                       "in or su to it without one", a->name, f->path);
			i_report(out, self, im, f, a->line, a->name, what);
			free(what);
		}
	}
}

static const char *const empty_pw_refs[] = {
	"https://nvd.nist.gov/vuln/detail/CVE-2019-5021", NULL
};

const struct rule rule_i_empty_password = {
	.id = "BW-I020",
	.title = "Account with an empty password in /etc/shadow",
	.severity = SEV_HIGH,
	.aliases = ALIASES("DKL-LI-0001"),
	.rationale = "An empty password field in /etc/shadow (or BSD's /etc/master.passwd) means "
	             "the account has no password: su, login or an SSH server with PAM's nullok "
	             "let anyone in as it, so any process in the container becomes that user, root "
	             "included (CVE-2019-5021, Alpine's empty root password). A locked account "
	             "has !, !!, * or !* there instead, and is not reported. As Dockle does, only the "
	             "file the final image holds counts: one a later layer replaced or deleted is "
	             "not read; a file over 1 MiB or 10000 entries is not parsed (a warning says so).",
	.remediation = "Lock the account in the build (passwd -l NAME, or usermod -p '*' NAME) or "
	               "remove it; do not ship accounts that log in with a password.",
	.refs = empty_pw_refs,
	.check_image = check_empty_password,
};

/* Entries of f with a numeric id, ordered by id then line. */
static int by_id(const void *x, const void *y)
{
	const struct img_account *a = *(const struct img_account *const *)x;
	const struct img_account *b = *(const struct img_account *const *)y;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return (a > b) - (a < b);
}

static void dup_ids(const struct rule *self, const struct image_cfg *im,
                    const struct img_file *f, struct findings *out)
{
	const char *kind = f->acctdb == ACCT_PASSWD ? "UID" : "GID";
	const char *who = f->acctdb == ACCT_PASSWD ? "user" : "group";
	const struct img_account **v = xcalloc(f->naccounts + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < f->naccounts; i++)
		if (f->accounts[i].has_id)
			v[n++] = &f->accounts[i];
	qsort(v, n, sizeof *v, by_id);
	/* Every entry after the first with its id, against that first one, as Dockle reports. */
	for (size_t i = 1, first = 0; i < n; i++) {
		if (v[i]->id != v[first]->id) {
			first = i;
			continue;
		}
		char ev[32], *what = xasprintf("%s %u of %s %s is also %s's (line %d): the kernel "
		                               "sees them as one", kind, v[i]->id, who, v[i]->name,
		                               v[first]->name, v[first]->line);
		snprintf(ev, sizeof ev, "%u", v[i]->id);
		i_report(out, self, im, f, v[i]->line, ev, what);
		free(what);
	}
	free(v);
}

static void check_dup_ids(const struct rule *self, const struct image_cfg *im,
                          struct findings *out)
{
	IMG_FILES(im, f)
		if ((f->acctdb == ACCT_PASSWD || f->acctdb == ACCT_GROUP) && f->visible)
			dup_ids(self, im, f, out);
}

const struct rule rule_i_dup_ids = {
	.id = "BW-I021",
	.title = "Duplicate UID in /etc/passwd or GID in /etc/group",
	.severity = SEV_LOW,
	.aliases = ALIASES("DKL-LI-0002"),
	.rationale = "Two users with one UID (or two groups with one GID) are one identity to the "
	             "kernel: files, processes and permissions of one belong to the other, so a "
	             "user added for an application may in fact be root, and audits by name "
	             "mislead. As Dockle, ids are compared, not names (useradd and groupadd refuse "
	             "a duplicate name; the C library takes the first), and only the files the "
	             "final image holds count. NIS compat lines (+, -) and comments are not "
	             "entries; a file over 1 MiB or 10000 entries is not parsed (a warning says so).",
	.remediation = "Give each user and group its own id (useradd -u, groupadd -g) and remove "
	               "the duplicates (userdel, groupdel), or do not add a second name for an "
	               "existing account.",
	.check_image = check_dup_ids,
};
