/* unattended-upgrades on an apt host: the package is installed and apt's daily job runs it,
 * i.e. APT::Periodic::Unattended-Upgrade is a positive interval ("1", or "always") and
 * APT::Periodic::Enable is not "0". apt reads /etc/apt/apt.conf.d/ in name order (names of
 * letters, digits, '_', '-' and '.', ending in ".conf" if they hold a dot), then
 * /etc/apt/apt.conf; the last value set wins. Both the flat form (APT::Periodic::X "1";) and
 * scopes (APT { Periodic { X "1"; }; };) are read; #include and #clear are not. */
#include "collect/host_patch_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define KEY_UU "APT::Periodic::Unattended-Upgrade"
#define KEY_ENABLE "APT::Periodic::Enable"
enum { DEPTH = 16 };

struct parser {
	struct host_patch *p;
	const char *path;
	struct buf key;           /* the scope, then the pending key */
	size_t scope[DEPTH]; int depth;
	size_t scope_len;         /* key.len when no pending key */
	bool have_key;
	char *value;
	int line;
};

static void assign(struct parser *ps)
{
	const char *k = ps->key.s;
	struct host_patch *p = ps->p;
	if (strcasecmp(k, KEY_UU) == 0) {
		free(p->uu_value), free(p->uu_conf);
		p->uu_value = xstrdup(ps->value);
		p->uu_conf = xstrdup(ps->path);
		p->uu_line = ps->line;
	} else if (strcasecmp(k, KEY_ENABLE) == 0) {
		p->uu_periodic_off = strcmp(ps->value, "0") == 0;
		if (p->uu_periodic_off) {
			free(p->uu_conf);
			p->uu_conf = xstrdup(ps->path);
			p->uu_line = ps->line;
		}
	}
}

static void end_statement(struct parser *ps)
{
	if (ps->have_key && ps->value)
		assign(ps);
	free(ps->value);
	ps->value = NULL;
	ps->have_key = false;
	ps->key.len = ps->scope_len;
	if (ps->key.s)
		ps->key.s[ps->key.len] = '\0';
}

static void word(struct parser *ps, const char *s, size_t n)
{
	if (ps->have_key) {
		free(ps->value);
		ps->value = xstrndup(s, n);
		return;
	}
	if (ps->scope_len)
		buf_add(&ps->key, "::", 2);
	buf_add(&ps->key, s, n);
	ps->have_key = true;
}

static void open_scope(struct parser *ps)
{
	if (ps->depth < DEPTH)
		ps->scope[ps->depth] = ps->scope_len;
	ps->depth++;
	ps->scope_len = ps->key.len;
	ps->have_key = false;
}

static void close_scope(struct parser *ps)
{
	end_statement(ps);
	if (ps->depth > 0 && --ps->depth < DEPTH)
		ps->scope_len = ps->scope[ps->depth];
	ps->key.len = ps->scope_len;
	if (ps->key.s)
		ps->key.s[ps->key.len] = '\0';
}

/* Past a comment: to the end of the line (left for the line count), or past its close. */
static const char *skip_line(const char *s)
{
	return s + strcspn(s, "\n");
}

static const char *skip_block(const char *s, struct parser *ps)
{
	const char *e = strstr(s, "*/");
	const char *stop = e ? e : s + strlen(s);
	for (; s < stop; s++)
		ps->line += *s == '\n';
	return e ? e + 2 : stop;
}

static void parse(struct parser *ps, const char *s)
{
	ps->line = 1;
	while (*s) {
		if (*s == '\n')
			ps->line++, s++;
		else if (isspace((unsigned char)*s))
			s++;
		else if (s[0] == '/' && s[1] == '/')
			s = skip_line(s);
		else if (s[0] == '/' && s[1] == '*')
			s = skip_block(s + 2, ps);
		else if (*s == '#')
			s = skip_line(s);
		else if (*s == '{')
			open_scope(ps), s++;
		else if (*s == '}')
			close_scope(ps), s++;
		else if (*s == ';')
			end_statement(ps), s++;
		else if (*s == '"') {
			const char *e = strchr(s + 1, '"');
			size_t n = e ? (size_t)(e - s - 1) : strlen(s + 1);
			word(ps, s + 1, n);
			s += n + 1 + (e != NULL);
		} else {
			size_t n = strcspn(s, " \t\r\n{};\"");
			word(ps, s, n);
			s += n;
		}
	}
	end_statement(ps);
}

static void read_conf(struct host_patch *p, const struct hroot *r, const char *path,
                      struct findings *errs)
{
	char *text = host_read(r, path, errs);
	if (!text)
		return;
	struct parser ps = { .p = p, .path = path };
	parse(&ps, text);
	free(ps.key.s);
	free(text);
}

static bool part_name(const char *n)
{
	if (strspn(n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") !=
	    strlen(n))
		return false;
	return !strchr(n, '.') || str_suffix(n, ".conf");
}

/* "1", "7", "always": the job runs; "0", "", anything else: it does not. */
static bool positive(const char *v)
{
	if (!v)
		return false;
	if (strcasecmp(v, "always") == 0)
		return true;
	char *end;
	long n = strtol(v, &end, 10);
	return end != v && n > 0;
}

void hp_unattended(struct host_patch *p, const struct hp_db *db, const struct hroot *r,
                   struct findings *errs)
{
	size_t n = 0;
	char **names = hfs_list(r, "/etc/apt/apt.conf.d", HOST_MAX_ENTRIES, &n);
	for (size_t i = 0; names && i < n; i++) {
		if (!part_name(names[i]))
			continue;
		char *path = xasprintf("/etc/apt/apt.conf.d/%s", names[i]);
		read_conf(p, r, path, errs);
		free(path);
	}
	hfs_list_free(names, n);
	read_conf(p, r, "/etc/apt/apt.conf", errs);
	p->uu_known = true;
	p->uu_installed = hp_db_find(db, "unattended-upgrades") >= 0;
	p->uu_enabled = p->uu_installed && positive(p->uu_value) && !p->uu_periodic_off;
}
