/* Reads "A<TAB>B" lines and prints, for each, "VV C": V is 1 when the version is valid in the
 * scheme, else 0; C is -1, 0 or 1 (vers_cmp) when both are valid, else "-". The oracle scripts
 * of tests/vers/lang.sh print the same from the reference implementations.
 * usage: vers_cmp_lang pep440|semver|maven|gem <pairs */
#include "util/vers.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	static const struct { const char *name; enum vers_scheme s; } schemes[] = {
		{ "pep440", VERS_PEP440 }, { "semver", VERS_SEMVER },
		{ "maven", VERS_MAVEN }, { "gem", VERS_GEM },
	};
	int k = -1;
	for (int i = 0; argc == 2 && i < 4; i++)
		if (!strcmp(argv[1], schemes[i].name))
			k = i;
	if (k < 0) {
		fprintf(stderr, "usage: vers_cmp_lang pep440|semver|maven|gem <pairs\n");
		return 2;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = 0;
		char *b = strchr(line, '\t');
		if (!b) {
			fprintf(stderr, "vers_cmp_lang: a line without a tab\n");
			return 2;
		}
		*b++ = 0;
		int va = vers_valid(schemes[k].s, line), vb = vers_valid(schemes[k].s, b);
		if (va && vb) {
			int c = vers_cmp(schemes[k].s, line, b);
			printf("11 %d\n", (c > 0) - (c < 0));
		} else {
			printf("%d%d -\n", va, vb);
		}
	}
	free(line);
	return 0;
}
