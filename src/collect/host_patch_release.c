/* An apt list's Release or InRelease file: which suite it is and whether it is a security
 * pocket. apt names list files after their URI with '/' turned into '_':
 * deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages belongs
 * to deb.debian.org_debian-security_dists_bookworm-security_InRelease. */
#include "collect/host_patch_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* "Key: value" at the start of a line (not a continuation), value trimmed. */
static char *field(char *line, const char *key)
{
	size_t k = strlen(key);
	if (strncasecmp(line, key, k) != 0 || line[k] != ':')
		return NULL;
	return str_trim(line + k + 1);
}

/* Debian's security archive: Suite "bookworm-security" (Debian 11 on), "buster/updates" before,
 * Label "Debian-Security"; Ubuntu's: Suite "jammy-security". */
static bool security_name(const char *s)
{
	return s && (str_isuffix(s, "-security") || str_isuffix(s, "/updates") ||
	             str_icontains(s, "security"));
}

static void parse(char *text, const char *input, struct hp_release *rel, struct findings *errs)
{
	struct hlines it;
	char *line, *v, *codename = NULL;
	bool sec = false;
	hlines_init(&it, text, input, errs);
	while ((line = hlines_next(&it))) {
		if (*line == ' ' || *line == '\t')
			continue;
		if ((v = field(line, "Suite")) && !rel->suite)
			rel->suite = xstrdup(v);
		else if ((v = field(line, "Codename")) && !codename)
			codename = xstrdup(v);
		else if ((v = field(line, "Label")) || (v = field(line, "Origin")))
			sec |= security_name(v);
		else if ((v = field(line, "NotAutomatic")))
			rel->not_automatic = str_ieq(v, "yes");
	}
	sec |= security_name(rel->suite) || security_name(codename);
	rel->security = sec;
	if (!rel->suite)
		rel->suite = codename;
	else
		free(codename);
}

bool hp_release_for(const struct hroot *r, const char *list, struct hp_release *rel,
                    struct findings *errs)
{
	static const char *const names[] = { "InRelease", "Release" };
	memset(rel, 0, sizeof *rel);
	for (size_t n = strlen(list); n > 0; n--) {
		if (list[n - 1] != '_')
			continue;
		for (size_t i = 0; i < 2; i++) {
			char *path = xasprintf("%s/%.*s%s", HP_LISTS, (int)n, list, names[i]);
			char *text = host_read(r, path, errs);
			if (text) {
				parse(text, path, rel, errs);
				free(text);
				free(path);
				return true;
			}
			free(path);
		}
	}
	return false;
}

void hp_release_free(struct hp_release *rel)
{
	free(rel->suite);
}
