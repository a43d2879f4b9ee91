/* Time synchronisation: a running chronyd, ntpd, systemd-timesyncd or openntpd, seen in /proc
 * (the live machine, or a copy that holds processes); otherwise, under a copy without them, a
 * time service enabled under /etc/systemd/system, which is what would run at boot. */
#include "collect/host_kern_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_PROCS = 1 << 20 };

/* Process names as /proc/PID/comm shows them (at most 15 characters). */
static const char *const DAEMONS[] = { "chronyd", "ntpd", "systemd-timesyn", "openntpd",
                                       "ntpsec", NULL };
static const char *const UNITS[] = { "chrony.service", "chronyd.service", "ntp.service",
                                     "ntpd.service", "ntpsec.service", "openntpd.service",
                                     "systemd-timesyncd.service", NULL };

static bool is_pid(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

static bool is_daemon(const char *comm)
{
	for (size_t i = 0; DAEMONS[i]; i++)
		if (!strcmp(comm, DAEMONS[i]))
			return true;
	return false;
}

/* Whether /proc holds processes at all; sets k->time when a time daemon is among them. */
static bool from_procs(struct host_kern *k, const struct hroot *r)
{
	size_t n;
	bool any = false;
	char **v = hfs_list(r, "/proc", MAX_PROCS, &n);
	for (size_t i = 0; v && i < n && !k->time.what; i++) {
		if (!is_pid(v[i]))
			continue;
		char *path = xasprintf("/proc/%s/comm", v[i]);
		/* a process may exit between the listing and the read: no error for that */
		struct findings quiet = { 0 };
		char *comm = host_read_line(r, path, &quiet);
		findings_free(&quiet);
		any |= comm != NULL;
		if (comm && is_daemon(comm)) {
			k->time = (struct host_found){ comm, path, 0 };
			continue;
		}
		free(comm);
		free(path);
	}
	if (v)
		hfs_list_free(v, n);
	return any;
}

char *host_unit_enabled(const struct hroot *r, const char *unit)
{
	static const char DIR[] = "/etc/systemd/system";
	char *mask = xasprintf("%s/%s", DIR, unit), *target = hfs_readlink(r, mask), *found = NULL;
	bool masked = target && !strcmp(target, "/dev/null");
	free(target);
	free(mask);
	size_t n;
	char **v = masked ? NULL : hfs_list(r, DIR, HOST_MAX_ENTRIES, &n);
	for (size_t i = 0; v && i < n && !found; i++) {
		size_t len = strlen(v[i]);
		if (len < 6 || strcmp(v[i] + len - 6, ".wants"))
			continue;
		char *link = xasprintf("%s/%s/%s", DIR, v[i], unit);
		if (hfs_exists(r, link))
			found = link;
		else
			free(link);
	}
	if (v)
		hfs_list_free(v, n);
	return found;
}

static void from_units(struct host_kern *k, const struct hroot *r)
{
	for (size_t i = 0; UNITS[i] && !k->time.what; i++) {
		char *link = host_unit_enabled(r, UNITS[i]);
		if (link)
			k->time = (struct host_found){ xstrdup(UNITS[i]), link, 0 };
	}
}

/* Processes when there are any to read (hidepid may hide them even live), else units. */
void host_kern_time(struct host_kern *k, const struct hroot *r, bool live, struct findings *errs)
{
	if ((live || hfs_is_dir(r, "/proc")) && from_procs(k, r)) {
		k->time_known = k->time_from_procs = true;
		return;
	}
	if (!live)
		host_skipped(errs, "time-synchronisation processes (/proc; the enabled units were "
		                   "read instead)");
	k->time_known = hfs_is_dir(r, "/etc/systemd/system");
	if (k->time_known)
		from_units(k, r);
}
