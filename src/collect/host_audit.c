/* Audit rules: the paths watched by the files in /etc/audit/rules.d (*.rules), by
 * /etc/audit/audit.rules and, on the live machine, by the rules the kernel has loaded
 * (auditctl -l). */
#include "collect/host_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char RULES_DIR[] = "/etc/audit/rules.d";
static const char RULES_FILE[] = "/etc/audit/audit.rules";

/* Watch paths resolve like the kernel resolves them: /var/run/docker.sock is /run/docker.sock. */
static void add_watch(struct host *h, const struct hroot *r, const char *path,
                      const char *source, int line)
{
	char *p = host_path_norm(path);
	if (!p || h->nwatches >= HOST_MAX_WATCHES) {
		free(p);
		return;
	}
	GROW(h->watches, h->cap_watches, h->nwatches);
	h->watches[h->nwatches++] =
		(struct host_watch){ p, hfs_real(r, p), { xstrdup(source), line } };
}

/* The path a `-F` field names: path=PATH or dir=PATH. */
static const char *field_path(const char *f)
{
	if (!f)
		return NULL;
	if (str_prefix(f, "path="))
		return f + 5;
	if (str_prefix(f, "dir="))
		return f + 4;
	return NULL;
}

/* One rule line: `-w PATH ...` or `-a LIST,ACTION ... -F path=PATH | -F dir=PATH ...`. Removal
 * (-W, -d) and control lines watch nothing. */
static void parse_line(struct host *h, const struct hroot *r, char *line, const char *source,
                       int lineno)
{
	char *save = NULL, *tok = strtok_r(line, " \t", &save);
	bool append = tok && (!strcmp(tok, "-a") || !strcmp(tok, "-A"));
	for (; tok && *tok != '#'; tok = strtok_r(NULL, " \t", &save)) {
		const char *p = NULL;
		if (!strcmp(tok, "-w"))
			p = strtok_r(NULL, " \t", &save);
		else if (append && !strcmp(tok, "-F"))
			p = field_path(strtok_r(NULL, " \t", &save));
		else if (append && str_prefix(tok, "-F"))
			p = field_path(tok + 2);
		if (p)
			add_watch(h, r, p, source, lineno);
	}
}

void host_audit_parse(struct host *h, const struct hroot *r, char *text, const char *source,
                      const char *input, struct findings *errs)
{
	struct hlines it;
	char *line;
	hlines_init(&it, text, input, errs);
	while ((line = hlines_next(&it))) {
		char *s = str_trim(line);
		if (*s && *s != '#')
			parse_line(h, r, s, source, source ? it.line : 0);
	}
	h->audit_read = true;
}

static void read_rules(struct host *h, const struct hroot *r, const char *path,
                       struct findings *errs)
{
	char *text = host_read(r, path, errs);
	if (!text)
		return;
	char *input = hroot_real(r, path);
	host_audit_parse(h, r, text, path, input, errs);
	free(input);
	free(text);
}

void host_collect_audit(struct host *h, const struct hroot *r, bool live, struct findings *errs)
{
	size_t n;
	char **names = hfs_list(r, RULES_DIR, HOST_MAX_ENTRIES, &n);
	for (size_t i = 0; i < n; i++) {
		if (!str_suffix(names[i], ".rules"))
			continue;
		char *p = xasprintf("%s/%s", RULES_DIR, names[i]);
		read_rules(h, r, p, errs);
		free(p);
	}
	hfs_list_free(names, n);
	read_rules(h, r, RULES_FILE, errs);
	if (!live)
		return;
	/* The kernel's rules may differ from the files (not yet loaded, or added by hand). */
	static const char *const ctl[] = { "/sbin/auditctl", "/usr/sbin/auditctl" };
	for (size_t i = 0; i < sizeof ctl / sizeof *ctl; i++) {
		if (access(ctl[i], X_OK) != 0)
			continue;
		char *out = host_auditctl(ctl[i]);
		if (out)
			host_audit_parse(h, r, out, NULL, "auditctl -l", errs);
		free(out);
		break;
	}
}
