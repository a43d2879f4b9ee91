/* The language-ecosystem comparators on their specifications' own examples: PEP 440's ordering
 * and normalisation, semver.org's precedence list, Maven's ComparableVersionTest sequences,
 * RubyGems' Gem::Version cases; each also holds the case the oracles of tests/vers/lang.sh
 * agreed on. A chain is strictly increasing; every pair of it is checked both ways. */
#include "test.h"
#include "util/vers.h"

#define N(a) (sizeof(a) / sizeof *(a))

static int sign(int c) { return (c > 0) - (c < 0); }

static void chain(enum vers_scheme s, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!vers_valid(s, v[i])) {
			fprintf(stderr, "  \"%s\" should be valid\n", v[i]);
			test_failed = 1;
		}
		for (size_t j = 0; j < n; j++) {
			int want = (i > j) - (i < j), got = sign(vers_cmp(s, v[i], v[j]));
			if (got != want) {
				fprintf(stderr, "  cmp(\"%s\", \"%s\") == %d, expected %d\n", v[i], v[j], got, want);
				test_failed = 1;
			}
		}
	}
}

/* Every spelling in v names the same version. */
static void same(enum vers_scheme s, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (vers_cmp(s, v[i], v[j]) != 0) {
				fprintf(stderr, "  \"%s\" != \"%s\"\n", v[i], v[j]);
				test_failed = 1;
			}
}

/* Invalid strings: rejected, sorted before a valid version, and among themselves by bytes. */
static void invalid(enum vers_scheme s, const char *const *v, size_t n, const char *valid)
{
	for (size_t i = 0; i < n; i++) {
		if (vers_valid(s, v[i])) {
			fprintf(stderr, "  \"%s\" should be invalid\n", v[i]);
			test_failed = 1;
		}
		CHECK(vers_cmp(s, v[i], valid) < 0 && vers_cmp(s, valid, v[i]) > 0);
		for (size_t j = 0; j < n; j++)
			CHECK(sign(vers_cmp(s, v[i], v[j])) == sign(strcmp(v[i], v[j])));
	}
}

TEST(vers_pep440_order)
{
	/* PEP 440, "Summary of permitted suffixes and relative ordering", then epochs and locals. */
	static const char *const v[] = {
		"1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456",
		"1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0b2-346", "1.0c1.dev456", "1.0c1",
		"1.0rc2", "1.0c3", "1.0", "1.0+abc", "1.0+abc.a", "1.0+abc.5", "1.0+abc.5.a", "1.0+5",
		"1.0+10", "1.0.post456.dev34", "1.0.post456", "1.0.1", "1.1.dev1", "1.1", "2.0",
		"1!0.1", "1!1.0",
	};
	chain(VERS_PEP440, v, N(v));
	static const char *const alpha[] = { "1.0a1", "1.0-alpha.1", "1.0ALPHA1", "1.0_a_1", "v1.0a1",
	                                     " 1.0.0a1\n", "1.0a01", "0!1.0a1" };
	same(VERS_PEP440, alpha, N(alpha));
	static const char *const post[] = { "1.0.post1", "1.0-1", "1.0-r1", "1.0rev1", "1.0.POST.1",
	                                    "1.0post1" };
	same(VERS_PEP440, post, N(post));
	static const char *const bare[] = { "1.0a", "1.0a0", "1.0-a-", "1.0.alpha." };
	same(VERS_PEP440, bare, N(bare));
	static const char *const pre[] = { "1.0c1", "1.0rc1", "1.0pre1", "1.0preview1" };
	same(VERS_PEP440, pre, N(pre));
	static const char *const local[] = { "1.0+Ubuntu-1", "1.0+ubuntu.1", "1.0+ubuntu_01" };
	same(VERS_PEP440, local, N(local));
	static const char *const bad[] = { "", "1.0-", "1..0", "1.0+", "foo", "1.0a1a", "1.0+a..b",
	                                   "1.0.", "!1.0", "1.0 a1", "1.0-1.1", "1.0.dev1.dev2" };
	invalid(VERS_PEP440, bad, N(bad), "0");
}

TEST(vers_semver_order)
{
	/* semver.org, section 11, then Go's pseudo-versions around a release. */
	static const char *const v[] = {
		"0.0.0-20191109021931-daa7c04131f5", "0.0.1", "1.0.0-alpha", "1.0.0-alpha.1",
		"1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",
		"1.0.0", "1.2.3", "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4-pre",
		"v1.2.4-pre.0.20191109021931-daa7c04131f5", "1.2.4", "2.0.0", "2.1.0", "2.1.1",
		"10.0.0-1", "10.0.0-2", "10.0.0-10", "10.0.0-1a", "10.0.0-A", "10.0.0-a",
		"10.0.0-a-", "10.0.0", "99999999999999999999.0.0",
	};
	chain(VERS_SEMVER, v, N(v));
	static const char *const one[] = { "1.0.0", "v1.0.0", "1.0.0+build.1", "v1", "v1.0",
	                                   "1.0.0+001", "v1.0.0+incompatible" };
	same(VERS_SEMVER, one, N(one));
	static const char *const bad[] = { "1", "1.2", "01.2.3", "1.02.3", "1.2.3-01", "1.2.3-",
	                                   "1.2.3+", "v1-pre", "v1.2+b", "1.2.3.4", "V1.2.3",
	                                   " 1.2.3", "1.2.3-a..b", "1.2.3-a_b", "" };
	invalid(VERS_SEMVER, bad, N(bad), "0.0.0");
}

TEST(vers_maven_order)
{
	/* Maven's ComparableVersionTest (3.8): VERSIONS_QUALIFIER and VERSIONS_NUMBER. */
	static const char *const q[] = {
		"1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2",
		"1-m11", "1-rc", "1-cr2", "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123",
		"1-abc", "1-def", "1-pom-1", "1-1-snapshot", "1-1", "1-2", "1-123",
	};
	chain(VERS_MAVEN, q, N(q));
	static const char *const n[] = {
		"2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b",
		"2.1-c", "2.1-1", "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11",
		"11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m",
	};
	chain(VERS_MAVEN, n, N(n));
	/* MNG-6572 (".X1" as "-X1"), MNG-6964 (a sub-list against nothing), long numbers. */
	static const char *const edges[] = { "1", "1.0.0.X1", "1.0.0-X2", "1-0.1", "1.0.1", "1.0.1.0.0.0.0.0.0.0.0.0.0.0.1",
	                                     "1.0.2147483648", "1.0.9223372036854775808" };
	chain(VERS_MAVEN, edges, N(edges));
	/* Maven's order is not transitive here, and bulwark follows it: 1-0.alpha < 1 < 1.0.0.X1,
	 * yet 1-0.alpha > 1.0.0.X1 (a sub-list sorts above a qualifier). */
	CHECK(vers_cmp(VERS_MAVEN, "1-0.alpha", "1") < 0);
	CHECK(vers_cmp(VERS_MAVEN, "1-0.alpha", "1.0.0.X1") > 0);
	static const char *const one[] = { "1", "1.0", "1.0.0", "1-0", "1.0-0", "1ga", "1-ga",
	                                   "1.final", "1-RELEASE", "01", "1-", "1..", "1.0.0.0.0" };
	same(VERS_MAVEN, one, N(one));
	static const char *const rc[] = { "1cr1", "1rc1", "1-RC-1" };
	same(VERS_MAVEN, rc, N(rc));
	static const char *const dot_a[] = { "2.0.a", "2.0.0.a", "2-a" };
	same(VERS_MAVEN, dot_a, N(dot_a));
	CHECK(vers_valid(VERS_MAVEN, "") && vers_valid(VERS_MAVEN, "anything at all"));
}

TEST(vers_gem_order)
{
	/* RubyGems' test_gem_version: prereleases before releases, canonical segments. */
	static const char *const v[] = {
		"0.beta.1", "0.beta.2", "0", "1.0.0.A", "1.0.a", "1.0.a9", "1.0.a10", "1.0.b1",
		"1.0-pre", "1.0-pre.1", "1.0.rc1", "1.0", "1.0.0.1", "1.8.a", "1.8.0", "1.9.3",
		"1.9.3.1", "5.a", "5.0.0.rc2", "5", "18446744073709551617",
	};
	chain(VERS_GEM, v, N(v));
	static const char *const one[] = { "1", "1.0", "1.0.0", " 1.0 ", "01.00", "1.0\n" };
	same(VERS_GEM, one, N(one));
	static const char *const a[] = { "1.0.a", "1.0a", "1.a", "1.0.0.a.0", "1.a.0" };
	same(VERS_GEM, a, N(a));
	static const char *const pre[] = { "1.0-1", "1.0.pre.1", "1.0pre1" };
	same(VERS_GEM, pre, N(pre));
	static const char *const zero[] = { "", "0", "  ", "0.0" };
	same(VERS_GEM, zero, N(zero));
	static const char *const bad[] = { "junk", "1.0\n2.0", "1..2", "1.2 3.4", "-1", "1.0-",
	                                   "1.0.", "1.0_1", "1.0+1", "v1.0" };
	invalid(VERS_GEM, bad, N(bad), "0");
}
