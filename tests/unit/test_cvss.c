/* CVSS base scores: the specifications' examples, malformed vectors, and 800 random vectors
 * scored by an independent implementation (tests/cvss/vectors.txt, made by
 * tests/cvss/oracle.js). */
#include "test.h"
#include "util/cvss.h"
#include <stdio.h>
#include <stdlib.h>

static void near(const char *v, double want)
{
	double got = cvss_base_score(v);
	if (got < want - 0.001 || got > want + 0.001) {
		fprintf(stderr, "  %s: %.1f, expected %.1f\n", v, got, want);
		test_failed = 1;
	}
}

TEST(cvss3_examples)
{
	near("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8);
	near("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0);
	near("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1);
	near("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8);
	near("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9);
	near("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6);
	near("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0);
	near("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N/E:P/RL:O", 6.4);   /* temporal ignored */
}

TEST(cvss4_examples)
{
	near("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3);
	near("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0);
	near("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0);
	near("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/U:Amber", 9.3);
}

TEST(cvss_malformed)
{
	static const char *const bad[] = {
		"", "CVSS:3.1/", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",          /* A missing */
		"CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",                    /* repeated */
		"CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:HH", "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:S",    /* S is MSA's */
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Blue",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/ZZ:X",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (cvss_base_score(bad[i]) != -1) {
			fprintf(stderr, "  accepted: %s\n", bad[i]);
			test_failed = 1;
		}
}

TEST(cvss_oracle_vectors)
{
	FILE *f = fopen("tests/cvss/vectors.txt", "r");
	CHECK(f != NULL);
	if (!f)
		return;
	char vec[512];
	double want;
	int n = 0, bad = 0;
	while (fscanf(f, "%511s %lf", vec, &want) == 2) {
		n++;
		double got = cvss_base_score(vec);
		if ((got < want - 0.001 || got > want + 0.001) && bad++ < 10)
			fprintf(stderr, "  %s: %.1f, expected %.1f\n", vec, got, want);
	}
	fclose(f);
	CHECK_INT(n, 800);
	CHECK_INT(bad, 0);
}
