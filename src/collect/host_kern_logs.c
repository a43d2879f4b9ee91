/* Log forwarding off the host, from configuration: an rsyslog forwarding action (`@host`,
 * `@@host`, omfwd, omrelp), a syslog-ng destination with a network driver, or
 * systemd-journal-upload enabled with a URL. Journald keeps logs local by itself; where it
 * forwards to syslog, the syslog daemon's own forwarding is what sends them away. */
#include "collect/host_kern_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef bool (*line_fn)(struct host_kern *k, char *line, void *state);


/* Runs fn over the non-comment lines of one file until it finds forwarding. */
static void scan_file(struct host_kern *k, const struct hroot *r, const char *path, line_fn fn,
                      struct findings *errs)
{
	char *text = host_read(r, path, errs), *line;
	if (!text)
		return;
	char *input = hroot_real(r, path);
	struct hlines it;
	int depth = -1;
	hlines_init(&it, text, input, errs);
	while (!k->logs.what && (line = hlines_next(&it))) {
		line = str_trim(line);
		if (*line == '#' || !*line)
			continue;
		if (fn(k, line, &depth))
			k->logs.path = xstrdup(path), k->logs.line = it.line;
	}
	free(input);
	free(text);
}

/* A file, then the *.conf files of a directory in name order. */
static void scan_conf(struct host_kern *k, const struct hroot *r, const char *file,
                      const char *dir, line_fn fn, struct findings *errs)
{
	size_t n;
	scan_file(k, r, file, fn, errs);
	char **v = hfs_list(r, dir, HOST_MAX_ENTRIES, &n);
	for (size_t i = 0; v && i < n && !k->logs.what; i++) {
		size_t len = strlen(v[i]);
		if (len <= 5 || strcmp(v[i] + len - 5, ".conf"))
			continue;
		char *path = xasprintf("%s/%s", dir, v[i]);
		scan_file(k, r, path, fn, errs);
		free(path);
	}
	if (v)
		hfs_list_free(v, n);
}

/* `*.* @@logs:514`, `& @host`, `if ... then @@host`; or action(type="omfwd" ...). */
static bool rsyslog_line(struct host_kern *k, char *line, void *state)
{
	(void)state;
	char squeezed[256];
	size_t o = 0;
	for (const char *c = line; *c && o < sizeof squeezed - 1; c++)
		if (!isspace((unsigned char)*c))
			squeezed[o++] = (char)tolower((unsigned char)*c);
	squeezed[o] = '\0';
	if (strstr(squeezed, "type=\"omfwd\"") || strstr(squeezed, "type=\"omrelp\"") ||
	    strstr(squeezed, "type='omfwd'") || strstr(squeezed, "type='omrelp'")) {
		k->logs.what = xstrdup("rsyslog forwarding action");
		return true;
	}
	if (*line == '$')
		return false;
	char *save = NULL, *tok = strtok_r(line, " \t", &save);
	while ((tok = strtok_r(NULL, " \t", &save)))
		if ((tok[0] == '@' && tok[1] && tok[1] != '@') || (!strncmp(tok, "@@", 2) && tok[2]) ||
		    !strncmp(tok, ":omrelp:", 8)) {
			k->logs.what = xasprintf("rsyslog forwarding to %s", tok);
			return true;
		}
	return false;
}

/* A network driver inside a destination { ... } block. state: the block's brace depth, -1
 * outside one. */
static bool syslog_ng_line(struct host_kern *k, char *line, void *state)
{
	static const char *const DRIVERS[] = { "network(", "syslog(", "tcp(", "udp(", "tcp6(",
	                                       "udp6(", NULL };
	int *depth = state;
	line[strcspn(line, "#")] = '\0';
	if (*depth < 0 && str_prefix(line, "destination") && !isalnum((unsigned char)line[11]) &&
	    line[11] != '_')
		*depth = 0;
	if (*depth < 0)
		return false;
	for (size_t i = 0; DRIVERS[i]; i++) {
		char *d = strstr(line, DRIVERS[i]);
		if (d && (d == line || !isalnum((unsigned char)d[-1]))) {
			k->logs.what = xasprintf("syslog-ng destination %s)", DRIVERS[i]);
			return true;
		}
	}
	bool opened = *depth > 0;
	for (const char *c = line; *c; c++) {
		*depth += *c == '{';
		*depth -= *c == '}';
		opened |= *c == '{';
	}
	if (opened && *depth <= 0)
		*depth = -1;
	return false;
}

/* URL= in journal-upload.conf; the upload happens only when its unit is enabled. */
static bool upload_line(struct host_kern *k, char *line, void *state)
{
	(void)state;
	if (!str_prefix(line, "URL="))
		return false;
	char *url = str_trim(line + 4);
	if (!*url)
		return false;
	k->logs.what = xasprintf("systemd-journal-upload to %s", url);
	return true;
}

void host_kern_logs(struct host_kern *k, const struct hroot *r, struct findings *errs)
{
	/* A copy with none of these holds too little of /etc to tell. */
	static const char *const LOGGERS[] = { "/etc/rsyslog.conf", "/etc/syslog-ng/syslog-ng.conf",
	                                       "/etc/systemd/journald.conf", "/etc/systemd", NULL };
	for (size_t i = 0; LOGGERS[i] && !k->logs_at; i++)
		if (hfs_exists(r, LOGGERS[i]))
			k->logs_at = LOGGERS[i];
	k->logs_known = k->logs_at != NULL;
	if (!k->logs_known)
		return;
	k->logs_checked = "rsyslog, syslog-ng and systemd-journal-upload configurations";
	scan_conf(k, r, "/etc/rsyslog.conf", "/etc/rsyslog.d", rsyslog_line, errs);
	if (!k->logs.what)
		scan_conf(k, r, "/etc/syslog-ng/syslog-ng.conf", "/etc/syslog-ng/conf.d",
		          syslog_ng_line, errs);
	if (k->logs.what)
		return;
	char *unit = host_unit_enabled(r, "systemd-journal-upload.service");
	if (unit)
		scan_conf(k, r, "/etc/systemd/journal-upload.conf", "/etc/systemd/journal-upload.conf.d",
		          upload_line, errs);
	free(unit);
}
