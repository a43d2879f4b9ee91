/* Kernel settings a container host depends on, loaded modules, the security module, time
 * synchronisation and log forwarding. Filled by collect/host_kern*.c, read by the rules in
 * rules/host/. Each part has its own known flag: rules stay silent about what was not read. */
#ifndef BW_HOST_KERN_H
#define BW_HOST_KERN_H
#include <stdbool.h>
#include <stddef.h>
#include "model/loc.h"

/* One kernel setting, named as sysctl(8) names it ("kernel.dmesg_restrict"). */
struct host_sysctl {
	const char *name;        /* static */
	char *value;             /* first line, trimmed; NULL when this kernel has no such file */
	char *path;              /* /proc/sys/kernel/dmesg_restrict */
};

/* A loaded module, as /proc/modules lists it (underscores, "usb_storage"). */
struct host_module { char *name; int line; };

/* A service found doing a job (time synchronisation, log forwarding): what and where. */
struct host_found {
	char *what;              /* "chronyd", "rsyslog forwarding to @@logs.example:514" */
	char *path;              /* where it was seen: /proc/123/comm, a unit link, a config file */
	int line;
};

struct host_kern {
	bool known;              /* some part was read */
	bool sysctl_known;       /* /proc/sys was read */
	struct host_sysctl *sysctls; size_t nsysctls;
	bool modules_known;      /* /proc/modules was read */
	struct host_module *modules; size_t nmodules, cap_modules;
	char *modules_path;      /* "/proc/modules" */
	/* Time synchronisation: from running processes (live, or a copy's /proc) or else from the
	 * units enabled under /etc/systemd/system. */
	bool time_known, time_from_procs;
	struct host_found time;  /* what was NULL: none found */
	/* Log forwarding: rsyslog, syslog-ng or systemd-journal-upload configured to send logs
	 * off the host. */
	bool logs_known;
	struct host_found logs;  /* what NULL: none found */
	const char *logs_checked; /* the configurations looked at, for the message (static) */
	const char *logs_at;     /* the first logging configuration found, for the finding */
};

void host_kern_free(struct host_kern *x);
/* The setting when it was read and this kernel has it, else NULL. */
const struct host_sysctl *host_kern_sysctl(const struct host_kern *k, const char *name);
/* Its value as a whole number; false when absent or not a number. */
bool host_sysctl_long(const struct host_sysctl *s, long *v);
/* The loaded module of that name (dashes and underscores alike), else NULL. */
const struct host_module *host_kern_module(const struct host_kern *k, const char *name);

#endif
