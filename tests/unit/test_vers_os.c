/* Hand-picked edges of the dpkg, rpm and apk comparators; the bulk is checked against the
 * reference implementations by tests/vers/oracle.sh. */
#include "test.h"
#include "util/vers.h"

/* Each row: a sorts as `want` (-1, 0, 1) against b, and b the other way round. */
struct vcase { const char *a, *b; int want; };

static int sign(int x) { return (x > 0) - (x < 0); }

static void check_cases(enum vers_scheme s, const struct vcase *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int got = sign(vers_cmp(s, c[i].a, c[i].b)), back = sign(vers_cmp(s, c[i].b, c[i].a));
		if (got != c[i].want || back != -c[i].want) {
			fprintf(stderr, "  scheme %d: cmp(\"%s\", \"%s\") = %d, reverse %d, want %d\n",
			        (int)s, c[i].a, c[i].b, got, back, c[i].want);
			test_failed = 1;
		}
	}
}

TEST(vers_dpkg_policy_order)
{
	static const struct vcase c[] = {
		{ "1.0~rc1", "1.0", -1 },          /* ~ sorts before the end */
		{ "1.0~~", "1.0~~a", -1 },
		{ "1.0~", "1.0~~", 1 },
		{ "1.0", "1.0a", -1 },             /* the end before a letter */
		{ "1.0a", "1.0+", -1 },            /* letters before non-letters */
		{ "1.0Z", "1.0a", -1 },            /* ASCII among letters */
		{ "1.0+", "1.0.", -1 },           /* ASCII among the others */
		{ "1.010", "1.9", 1 },             /* digit runs numerically */
		{ "1.001", "1.1", 0 },             /* leading zeros ignored */
		{ "1.0", "1.00", 0 },
		{ "1:0.1", "9.9", 1 },             /* the epoch first */
		{ "0:1.0", "1.0", 0 },             /* epoch 0 is no epoch */
		{ "1.0-1", "1.0-01", 0 },
		{ "1.0-1", "1.0", 1 },             /* a revision outranks none */
		{ "1.0-0", "1.0", 0 },             /* ... but revision 0 equals none */
		{ "1.0-1+b1", "1.0-1", 1 },        /* a binNMU is newer than its source */
		{ "1.0-1+b2", "1.0-1+b10", -1 },
		{ "1.0-1~bpo12+1", "1.0-1", -1 },  /* backports sort below the release */
		{ "1.2-3-4", "1.2-3", 1 },         /* the last hyphen starts the revision */
		{ "2:1.0", "10:0.1", -1 },
		{ "1.0", "1.0", 0 },
		{ "99999999999999999999999", "99999999999999999999998", 1 },
		{ "", "0", -1 },                   /* no version before any */
		{ "", " ", 0 },
		{ " 1.0 ", "1.0", 0 },             /* blanks around are ignored */
		{ "x:1.0", "1.0", 1 },             /* not an epoch: the colon is a character */
		{ "1.0-", "1.0", 0 },              /* an empty revision is none */
	};
	check_cases(VERS_DPKG, c, sizeof c / sizeof *c);
}

TEST(vers_dpkg_valid_strict)
{
	CHECK(vers_valid(VERS_DPKG, "1:2.30-1+deb12u1"));
	CHECK(vers_valid(VERS_DPKG, "2.36.1-8+deb11u1~bpo10+1"));
	CHECK(vers_valid(VERS_DPKG, "1:1.0:1-1"));     /* colons in upstream after an epoch */
	CHECK(!vers_valid(VERS_DPKG, "1.0:1-1"));      /* ... not without one */
	CHECK(!vers_valid(VERS_DPKG, ""));
	CHECK(!vers_valid(VERS_DPKG, "a1.0"));         /* must start with a digit */
	CHECK(!vers_valid(VERS_DPKG, "1.0-"));         /* empty revision */
	CHECK(!vers_valid(VERS_DPKG, "1:"));           /* nothing after the epoch */
	CHECK(!vers_valid(VERS_DPKG, "x:1.0"));        /* the epoch is not a number */
	CHECK(!vers_valid(VERS_DPKG, "1.0_1"));        /* a character Policy does not allow */
	CHECK(!vers_valid(VERS_DPKG, "1.0-1:2"));      /* a colon in the revision */
	CHECK(!vers_valid(VERS_DPKG, "1.0 1"));        /* embedded blank */
	CHECK(!vers_valid(VERS_DPKG, "3000000000:1")); /* epoch past INT_MAX */
}

TEST(vers_dpkg_binnmu)
{
	CHECK_INT(vers_dpkg_strip_binnmu("1.2-3+b1"), 5);
	CHECK_INT(vers_dpkg_strip_binnmu("1:1.2-3+b12"), 7);
	CHECK_INT(vers_dpkg_strip_binnmu("2.0+b3"), 3);           /* native package */
	CHECK_INT(vers_dpkg_strip_binnmu("1.2-3"), 5);            /* none */
	CHECK_INT(vers_dpkg_strip_binnmu("1.2-3+b"), 7);          /* no number: not a binNMU */
	CHECK_INT(vers_dpkg_strip_binnmu("1.2-3+deb12u1"), 13);   /* a stable update stays */
	CHECK_INT(vers_dpkg_strip_binnmu("+b1"), 3);              /* nothing before it */
	CHECK_INT(vers_dpkg_strip_binnmu(""), 0);
}

TEST(vers_rpm_rpmvercmp_order)
{
	static const struct vcase c[] = {
		{ "1.0", "1.0", 0 },
		{ "1.0", "2.0", -1 },
		{ "2.0.1", "2.0", 1 },
		{ "1.010", "1.9", 1 },
		{ "1.001", "1.1", 0 },             /* leading zeros ignored */
		{ "1.0a", "1.0", 1 },              /* a leftover segment wins */
		{ "1.a", "1.1", -1 },              /* a number outranks letters */
		{ "1.0_1", "1.0.1", 0 },           /* separators only separate */
		{ "1.0+", "1.0", 0 },              /* a trailing separator is nothing */
		{ "abc", "abd", -1 },
		{ "1.0~rc1", "1.0", -1 },          /* ~ before the end */
		{ "1.0~rc1", "1.0~rc2", -1 },
		{ "1.0~~", "1.0~", -1 },
		{ "1.0^", "1.0", 1 },              /* ^ after the end ... */
		{ "1.0^git1", "1.0.1", -1 },       /* ... but before anything more */
		{ "1.0^git1", "1.0~rc1", 1 },
		{ "1.0^^", "1.0^", 1 },
		{ "1:1.0", "2.0", 1 },             /* the epoch first */
		{ "0:1.0", "1.0", 0 },             /* no epoch is epoch 0 */
		{ ":1.0", "1.0", 0 },              /* an empty epoch too */
		{ "01:1.0", "1:1.0", 0 },
		{ "1.0-1", "1.0", 1 },             /* a release outranks none */
		{ "1.0-1.el9", "1.0-1.el9_2", -1 },
		{ "1.0-2", "1.0-10", -1 },
		{ "1.0-1.fc39", "1.0-1.fc39", 0 },
		{ "2.34-60.el9", "2.34-100.el9", -1 },
		{ "99999999999999999999999", "99999999999999999999998", 1 },
	};
	check_cases(VERS_RPM, c, sizeof c / sizeof *c);
}

TEST(vers_rpm_valid_strict)
{
	CHECK(vers_valid(VERS_RPM, "1:2.34-60.el9_2.7"));
	CHECK(vers_valid(VERS_RPM, "1.0~rc1^git2-1"));
	CHECK(vers_valid(VERS_RPM, "5.2"));
	CHECK(!vers_valid(VERS_RPM, ""));
	CHECK(!vers_valid(VERS_RPM, ":1.0"));          /* empty epoch */
	CHECK(!vers_valid(VERS_RPM, "1.0-"));          /* empty release */
	CHECK(!vers_valid(VERS_RPM, "1-2-3"));         /* a hyphen in the version */
	CHECK(!vers_valid(VERS_RPM, "1.0 beta"));
	CHECK(!vers_valid(VERS_RPM, "a:1.0"));         /* not an epoch: a colon in the version */
}

TEST(vers_apk_order)
{
	static const struct vcase c[] = {
		{ "1.2.3", "1.2.3", 0 },
		{ "1.2.10", "1.2.9", 1 },
		{ "1.2", "1.2.0", -1 },            /* more components: greater */
		{ "1.2_alpha", "1.2_beta", -1 },
		{ "1.2_beta", "1.2_pre", -1 },
		{ "1.2_pre", "1.2_rc", -1 },
		{ "1.2_rc1", "1.2", -1 },          /* pre-releases before the release */
		{ "1.2", "1.2_cvs", -1 },          /* post-releases after it */
		{ "1.2_cvs", "1.2_svn", -1 },
		{ "1.2_svn", "1.2_git", -1 },
		{ "1.2_git", "1.2_hg", -1 },
		{ "1.2_hg", "1.2_p", -1 },
		{ "1.2_p1", "1.2_p2", -1 },
		{ "1.2_rc1", "1.2_rc10", -1 },
		{ "1.2a", "1.2b", -1 },
		{ "1.2", "1.2a", -1 },
		{ "1.2z", "1.2.1", -1 },           /* a further number outranks a letter */
		{ "1.2-r1", "1.2-r2", -1 },
		{ "1.2", "1.2-r0", -1 },
		{ "1.2-r9", "1.2_p1", -1 },        /* the revision is compared last */
		{ "1.2_p1", "1.2.1", -1 },
		{ "1.02", "1.1", -1 },             /* leading zero: compared as text */
		{ "1.02", "1.010", 1 },
		{ "01.2", "1.2", 0 },              /* the first number is always a number */
		{ "1.2~abc", "1.2~abd", -1 },
		{ "1.2", "1.2~abc", -1 },
		{ "1.0", "1.0bc", -1 },            /* invalid tail sorts after any valid token */
		{ "1.0bc", "1.0bd", 0 },           /* ... and two invalid tails equal */
		{ "", "", 0 },
	};
	check_cases(VERS_APK, c, sizeof c / sizeof *c);
}

TEST(vers_apk_valid)
{
	CHECK(vers_valid(VERS_APK, "1.2.3_rc1-r4"));
	CHECK(vers_valid(VERS_APK, "0.1_pre2~1234abcd"));
	CHECK(vers_valid(VERS_APK, "2.3.0b-r1"));
	CHECK(!vers_valid(VERS_APK, ""));
	CHECK(!vers_valid(VERS_APK, "a1"));
	CHECK(!vers_valid(VERS_APK, "1.0_foo"));
	CHECK(!vers_valid(VERS_APK, "1.0-r"));
	CHECK(!vers_valid(VERS_APK, "1.0-r1-r2"));
	CHECK(!vers_valid(VERS_APK, "1.0_"));
	CHECK(!vers_valid(VERS_APK, "1.0ab"));
	CHECK(!vers_valid(VERS_APK, "1.0~"));
}
