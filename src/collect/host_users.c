/* /etc/passwd and /etc/group under the host root: owner names for files (getpwuid would read
 * the machine running bulwark, not the tree being audited) and the docker group. */
#include "collect/host_int.h"
#include "util/util.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Split a colon-separated entry in place into at most max fields; returns the count. */
static size_t split(char *s, char **f, size_t max)
{
	size_t n = 0;
	while (n < max) {
		f[n++] = s;
		char *c = strchr(s, ':');
		if (!c)
			break;
		*c = '\0';
		s = c + 1;
	}
	return n;
}

static bool parse_id(const char *s, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v > 0xffffffffUL || s[0] == '-')
		return false;
	*out = (unsigned)v;
	return true;
}

/* NIS compat lines (+name, -name) and comments are not entries. */
static bool skip_line(const char *s)
{
	return !*s || *s == '#' || *s == '+' || *s == '-';
}

static void bad_entry(struct hlines *it, bool *reported)
{
	if (!*reported)
		findings_error(it->errs, it->input, it->line, "malformed entry skipped");
	*reported = true;
}

static void load_passwd(struct hids *ids, char *text, const char *input, struct findings *errs)
{
	struct hlines it;
	bool bad = false;
	char *s, *f[7];
	hlines_init(&it, text, input, errs);
	while ((s = hlines_next(&it))) {
		struct hid u = { 0 };
		if (skip_line(s))
			continue;
		if (split(s, f, 7) < 4 || !*f[0] || !parse_id(f[2], &u.id) || !parse_id(f[3], &u.gid)) {
			bad_entry(&it, &bad);
			continue;
		}
		u.name = xstrdup(f[0]);
		GROW(ids->users, ids->cap_users, ids->nusers);
		ids->users[ids->nusers++] = u;
	}
}

static void load_group(struct hids *ids, char *text, const char *input, struct findings *errs)
{
	struct hlines it;
	bool bad = false;
	char *s, *f[4];
	hlines_init(&it, text, input, errs);
	while ((s = hlines_next(&it))) {
		struct hid g = { 0 };
		if (skip_line(s))
			continue;
		size_t n = split(s, f, 4);
		if (n < 3 || !*f[0] || !parse_id(f[2], &g.id)) {
			bad_entry(&it, &bad);
			continue;
		}
		g.name = xstrdup(f[0]);
		g.members = xstrdup(n > 3 ? f[3] : "");
		GROW(ids->groups, ids->cap_groups, ids->ngroups);
		ids->groups[ids->ngroups++] = g;
	}
}

void hids_load(struct hids *ids, const struct hroot *r, struct findings *errs)
{
	memset(ids, 0, sizeof *ids);
	char *in = hroot_real(r, "/etc/passwd"), *text = host_read(r, "/etc/passwd", errs);
	if (text)
		load_passwd(ids, text, in, errs);
	free(text);
	free(in);
	in = hroot_real(r, "/etc/group");
	text = host_read(r, "/etc/group", errs);
	if (text)
		load_group(ids, text, in, errs);
	ids->group_read = text != NULL;
	free(text);
	free(in);
}

void hids_free(struct hids *ids)
{
	for (size_t i = 0; i < ids->nusers; i++)
		free(ids->users[i].name);
	for (size_t i = 0; i < ids->ngroups; i++) {
		free(ids->groups[i].name);
		free(ids->groups[i].members);
	}
	free(ids->users);
	free(ids->groups);
	memset(ids, 0, sizeof *ids);
}

/* The first entry wins, as getpwuid/getgrgid do. */
const char *hids_user(const struct hids *ids, unsigned uid)
{
	for (size_t i = 0; i < ids->nusers; i++)
		if (ids->users[i].id == uid)
			return ids->users[i].name;
	return NULL;
}

const char *hids_group(const struct hids *ids, unsigned gid)
{
	for (size_t i = 0; i < ids->ngroups; i++)
		if (ids->groups[i].id == gid)
			return ids->groups[i].name;
	return NULL;
}

static void add_member(struct host_group *g, const char *name, size_t len)
{
	for (size_t i = 0; i < g->nmembers; i++)
		if (strlen(g->members[i]) == len && !memcmp(g->members[i], name, len))
			return;
	if (len == 0 || g->nmembers >= HOST_MAX_MEMBERS)
		return;
	g->members = xrealloc(g->members, (g->nmembers + 1) * sizeof *g->members);
	g->members[g->nmembers++] = xstrndup(name, len);
}

void host_docker_group(struct host *h, const struct hids *ids)
{
	struct host_group *g = &h->docker_group;
	const struct hid *dg = NULL;
	g->known = ids->group_read;
	g->loc = (struct loc){ "/etc/group", 0 };
	for (size_t i = 0; i < ids->ngroups && !dg; i++)
		if (!strcmp(ids->groups[i].name, "docker"))
			dg = &ids->groups[i];
	if (!dg)
		return;
	g->exists = true;
	g->gid = dg->id;
	for (const char *m = dg->members; *m;) {
		size_t n = strcspn(m, ",");
		const char *s = m;
		size_t len = n;
		while (len && (*s == ' ' || *s == '\t'))
			s++, len--;
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		add_member(g, s, len);
		m += n + (m[n] == ',');
	}
	for (size_t i = 0; i < ids->nusers; i++)
		if (ids->users[i].gid == dg->id)
			add_member(g, ids->users[i].name, strlen(ids->users[i].name));
}
