/* Which mount holds the data root, from /proc/self/mountinfo. */
#include "collect/host_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static const char MOUNTINFO[] = "/proc/self/mountinfo";

/* mountinfo escapes space, tab, newline and backslash as \ooo; decode in place. */
static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*o++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 3;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* Is mount point mp the path p itself or a directory above it? */
static bool holds(const char *mp, const char *p)
{
	size_t n = strlen(mp);
	if (!strcmp(mp, "/"))
		return true;
	return !strncmp(mp, p, n) && (p[n] == '\0' || p[n] == '/');
}

struct mnt { char *point, *fstype, *source; };

/* Fields: id parent maj:min root mount-point options [optional...] - fstype source super. */
static bool parse(char *line, struct mnt *m)
{
	char *f[6], *save = NULL, *tok;
	size_t n = 0;
	for (tok = strtok_r(line, " ", &save); tok && n < 6; tok = strtok_r(NULL, " ", &save))
		f[n++] = tok;
	if (n < 6)
		return false;
	m->point = f[4];
	while (tok && strcmp(tok, "-"))
		tok = strtok_r(NULL, " ", &save);
	m->fstype = tok ? strtok_r(NULL, " ", &save) : NULL;
	m->source = m->fstype ? strtok_r(NULL, " ", &save) : NULL;
	if (!m->source)
		return false;
	unescape(m->point);
	unescape(m->source);
	return true;
}

/* The longest mount point holding the data root wins; among equal ones the later mount, which
 * hides the earlier. */
static void pick(struct host *h, const char *root, char *text, const char *input,
                 struct findings *errs)
{
	struct hlines it;
	char *line;
	size_t best = 0;
	bool bad = false;
	hlines_init(&it, text, input, errs);
	while ((line = hlines_next(&it))) {
		struct mnt m;
		if (!*line)
			continue;
		if (!parse(line, &m)) {
			if (!bad)
				findings_error(errs, input, it.line, "malformed mount entry skipped");
			bad = true;
			continue;
		}
		size_t len = strlen(m.point);
		if (!holds(m.point, root) || len < best)
			continue;
		best = len;
		free(h->part.mount_point);
		free(h->part.device);
		free(h->part.fstype);
		h->part.mount_point = xstrdup(m.point);
		h->part.device = xstrdup(m.source);
		h->part.fstype = xstrdup(m.fstype);
		h->part.known = true;
	}
}

void host_collect_mounts(struct host *h, const struct hroot *r, struct findings *errs)
{
	char *text = host_read(r, MOUNTINFO, errs);
	char *root = host_path_norm(h->data_root);
	h->part.loc = (struct loc){ MOUNTINFO, 0 };
	if (text && root) {
		char *input = hroot_real(r, MOUNTINFO);
		pick(h, root, text, input, errs);
		free(input);
	}
	free(root);
	free(text);
}
