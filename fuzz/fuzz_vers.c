/* libFuzzer target: the bytes are up to three versions separated by NUL bytes, compared under
 * every scheme. A comparator must not crash, must order a version equal to itself, must be
 * antisymmetric (cmp(a,b) has the sign of -cmp(b,a)) and transitive over the three; Maven's
 * ComparableVersion itself is not transitive (1-0.alpha < 1 < 1.0.0.X1 < 1-0.alpha), and bulwark
 * orders as Maven does, so Maven is held to the first two only. */
#include "util/vers.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int sign(int x) { return (x > 0) - (x < 0); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum vers_scheme schemes[] = { VERS_DPKG, VERS_RPM, VERS_APK, VERS_PEP440,
	                                            VERS_SEMVER, VERS_MAVEN, VERS_GEM };
	if (size > 4096)
		return 0;
	char *buf = malloc(size + 1), *v[3];
	memcpy(buf, data, size);
	buf[size] = '\0';
	/* Unused parts are the empty string, a version like any other. */
	char *p = buf;
	for (int i = 0; i < 3; i++) {
		v[i] = p;
		p += strlen(p);
		p += p < buf + size;
	}
	for (size_t s = 0; s < sizeof schemes / sizeof *schemes; s++) {
		int c[3][3];
		for (int i = 0; i < 3; i++) {
			(void)vers_valid(schemes[s], v[i]);
			for (int j = 0; j < 3; j++)
				c[i][j] = sign(vers_cmp(schemes[s], v[i], v[j]));
		}
		for (int i = 0; i < 3; i++) {
			if (c[i][i] != 0)
				__builtin_trap();
			for (int j = 0; j < 3; j++) {
				if (c[i][j] != -c[j][i])
					__builtin_trap();
				for (int k = 0; k < 3 && schemes[s] != VERS_MAVEN; k++)
					if (c[i][j] <= 0 && c[j][k] <= 0 && c[i][k] > 0)
						__builtin_trap();
			}
		}
	}
	for (int i = 0; i < 3; i++)
		if (vers_dpkg_strip_binnmu(v[i]) > strlen(v[i]))
			__builtin_trap();
	free(buf);
	return 0;
}
