/* The dpkg oracle: dpkg's own parser and comparison from libdpkg, as `dpkg --compare-versions`
 * uses them. Reads "A<TAB>B" lines, prints -1, 0 or 1, or E when dpkg rejects either version
 * (an empty one is "no version", lower than any); with -v, one version per line, prints 1 when
 * dpkg reads it without error or warning, else 0. */
#define LIBDPKG_VOLATILE_API 1
#include <dpkg/dpkg.h>
#include <dpkg/dpkg-db.h>
#include <dpkg/error.h>
#include <dpkg/version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 0 read cleanly, 1 read with a warning, 2 rejected; an empty version is blank. */
static int parse(const char *s, struct dpkg_version *v)
{
	struct dpkg_error err = DPKG_ERROR_INIT;
	dpkg_version_blank(v);
	if (!*s)
		return 0;
	int rc = parseversion(v, s, &err);
	int kind = rc < 0 && err.type == DPKG_MSG_ERROR ? 2 : err.type == DPKG_MSG_WARN ? 1 : 0;
	dpkg_error_destroy(&err);
	return kind;
}

int main(int argc, char **argv)
{
	bool valid = argc == 2 && !strcmp(argv[1], "-v");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		struct dpkg_version a, b;
		if (valid) {
			printf("%d\n", *line && parse(line, &a) == 0);
			continue;
		}
		char *tab = strchr(line, '\t');
		if (!tab)
			return 2;
		*tab = '\0';
		if (parse(line, &a) == 2 || parse(tab + 1, &b) == 2) {
			puts("E");
			continue;
		}
		bool ia = dpkg_version_is_informative(&a), ib = dpkg_version_is_informative(&b);
		int rc = ia && ib ? dpkg_version_compare(&a, &b) : (int)ia - (int)ib;
		printf("%d\n", (rc > 0) - (rc < 0));
	}
	free(line);
	return 0;
}
