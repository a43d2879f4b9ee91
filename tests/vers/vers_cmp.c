/* Test driver: reads "A<TAB>B" lines on stdin and prints -1, 0 or 1 per line, the sign of
 * vers_cmp(SCHEME, A, B); with -v, reads one version per line and prints 1 or 0 (vers_valid).
 * usage: vers_cmp [-v] dpkg|rpm|apk|pep440|semver|maven|gem */
#include "util/vers.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *name; enum vers_scheme s; } schemes[] = {
	{ "dpkg", VERS_DPKG }, { "rpm", VERS_RPM }, { "apk", VERS_APK }, { "pep440", VERS_PEP440 },
	{ "semver", VERS_SEMVER }, { "maven", VERS_MAVEN }, { "gem", VERS_GEM },
};

int main(int argc, char **argv)
{
	bool valid = argc == 3 && !strcmp(argv[1], "-v");
	const char *name = argc == 2 ? argv[1] : valid ? argv[2] : NULL;
	int si = -1;
	for (size_t i = 0; name && i < sizeof schemes / sizeof *schemes; i++)
		if (!strcmp(schemes[i].name, name))
			si = (int)i;
	if (si < 0) {
		fprintf(stderr, "usage: vers_cmp [-v] dpkg|rpm|apk|pep440|semver|maven|gem\n");
		return 2;
	}
	enum vers_scheme s = schemes[si].s;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (valid) {
			printf("%d\n", vers_valid(s, line) ? 1 : 0);
			continue;
		}
		char *tab = strchr(line, '\t');
		if (!tab) {
			fprintf(stderr, "vers_cmp: no tab in line: %s\n", line);
			return 2;
		}
		*tab = '\0';
		int rc = vers_cmp(s, line, tab + 1);
		printf("%d\n", (rc > 0) - (rc < 0));
	}
	free(line);
	return 0;
}
