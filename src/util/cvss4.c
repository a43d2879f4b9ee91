/* CVSS v4.0 score (FIRST CVSS v4.0 specification, section 8 "CVSS v4.0 Scoring"): the vector's
 * macro-vector (EQ1..EQ6) gives a score from the specification's table; it is then lowered by
 * the mean of the proportional distances to the next lower macro-vector in each EQ, measured
 * from the macro-vector's highest-severity vectors. Threat and environmental metrics, when
 * present, are applied as the specification says (E:X counts as A, CR/IR/AR:X as H, a modified
 * metric overrides its base metric); supplemental metrics are accepted and do not score. */
#include "util/cvss.h"
#include <stdbool.h>
#include <string.h>

/* The specification's macro-vector scores, in tenths, indexed by the EQ digits
 * (eq1 eq2 eq3 eq4 eq5 eq6 as a mixed-radix number 3 2 3 3 3 2); -1: no such macro-vector. */
static const short mv_score[324] = {
	/* 0000xx */ 100, 99, 98, 95, 95, 92,
	/* 0001xx */ 100, 96, 93, 87, 91, 81,
	/* 0002xx */  93, 90, 89, 80, 81, 68,
	/* 0010xx */  98, 95, 95, 92, 90, 84,
	/* 0011xx */  93, 92, 89, 81, 81, 65,
	/* 0012xx */  88, 80, 78, 70, 69, 48,
	/* 0020xx */  -1, 92, -1, 82, -1, 72,
	/* 0021xx */  -1, 79, -1, 69, -1, 50,
	/* 0022xx */  -1, 69, -1, 55, -1, 27,
	/* 0100xx */  99, 97, 95, 92, 92, 85,
	/* 0101xx */  95, 91, 90, 83, 84, 71,
	/* 0102xx */  92, 81, 82, 71, 72, 53,
	/* 0110xx */  95, 93, 92, 85, 85, 73,
	/* 0111xx */  92, 82, 80, 72, 70, 59,
	/* 0112xx */  84, 70, 71, 52, 50, 30,
	/* 0120xx */  -1, 86, -1, 75, -1, 52,
	/* 0121xx */  -1, 71, -1, 52, -1, 29,
	/* 0122xx */  -1, 63, -1, 29, -1, 17,
	/* 1000xx */  98, 95, 94, 87, 91, 81,
	/* 1001xx */  94, 89, 86, 74, 77, 64,
	/* 1002xx */  87, 75, 74, 63, 63, 49,
	/* 1010xx */  94, 89, 88, 77, 76, 67,
	/* 1011xx */  86, 76, 74, 58, 59, 50,
	/* 1012xx */  72, 57, 57, 52, 52, 25,
	/* 1020xx */  -1, 83, -1, 70, -1, 54,
	/* 1021xx */  -1, 65, -1, 58, -1, 26,
	/* 1022xx */  -1, 53, -1, 21, -1, 13,
	/* 1100xx */  95, 90, 88, 76, 76, 70,
	/* 1101xx */  90, 77, 75, 62, 61, 53,
	/* 1102xx */  77, 66, 68, 59, 52, 30,
	/* 1110xx */  89, 78, 76, 67, 62, 58,
	/* 1111xx */  74, 59, 57, 57, 47, 23,
	/* 1112xx */  61, 52, 57, 29, 24, 16,
	/* 1120xx */  -1, 71, -1, 59, -1, 30,
	/* 1121xx */  -1, 58, -1, 26, -1, 15,
	/* 1122xx */  -1, 23, -1, 13, -1,  6,
	/* 2000xx */  93, 87, 86, 72, 75, 58,
	/* 2001xx */  86, 74, 74, 61, 56, 34,
	/* 2002xx */  70, 54, 52, 40, 40, 22,
	/* 2010xx */  85, 75, 74, 55, 62, 51,
	/* 2011xx */  72, 57, 55, 41, 46, 19,
	/* 2012xx */  53, 36, 34, 19, 19,  8,
	/* 2020xx */  -1, 64, -1, 51, -1, 20,
	/* 2021xx */  -1, 47, -1, 21, -1, 11,
	/* 2022xx */  -1, 24, -1,  9, -1,  4,
	/* 2100xx */  88, 75, 73, 53, 60, 50,
	/* 2101xx */  73, 55, 59, 40, 41, 20,
	/* 2102xx */  54, 43, 45, 22, 20, 11,
	/* 2110xx */  75, 55, 58, 45, 40, 21,
	/* 2111xx */  61, 51, 48, 18, 20,  9,
	/* 2112xx */  46, 18, 17,  7,  8,  2,
	/* 2120xx */  -1, 53, -1, 24, -1, 14,
	/* 2121xx */  -1, 24, -1, 12, -1,  5,
	/* 2122xx */  -1, 10, -1,  3, -1,  1,
};

enum { AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA, E, CR, IR, AR, MAV, MAC, MAT, MPR, MUI, MVC,
       MVI, MVA, MSC, MSI, MSA, S_, AU, R_, V_, RE, U_, NMET };

/* Each metric's name and values (one letter each; U's are words, matched apart). */
static const struct { const char *name, *vals; } met[NMET] = {
	{ "AV", "NALP" }, { "AC", "LH" }, { "AT", "NP" }, { "PR", "NLH" }, { "UI", "NPA" },
	{ "VC", "HLN" }, { "VI", "HLN" }, { "VA", "HLN" }, { "SC", "HLN" }, { "SI", "HLN" },
	{ "SA", "HLN" }, { "E", "XAPU" }, { "CR", "XHML" }, { "IR", "XHML" }, { "AR", "XHML" },
	{ "MAV", "XNALP" }, { "MAC", "XLH" }, { "MAT", "XNP" }, { "MPR", "XNLH" },
	{ "MUI", "XNPA" }, { "MVC", "XHLN" }, { "MVI", "XHLN" }, { "MVA", "XHLN" },
	{ "MSC", "XHLN" }, { "MSI", "XSHLN" }, { "MSA", "XSHLN" }, { "S", "XNP" }, { "AU", "XNY" },
	{ "R", "XAUI" }, { "V", "XDC" }, { "RE", "XLMH" }, { "U", NULL },
};

/* Severity order per metric for the distances: the first is the most severe. */
static const char *order(int m)
{
	static const char *const o[] = { [AV] = "NALP", [AC] = "LH", [AT] = "NP", [PR] = "NLH",
		[UI] = "NPA", [VC] = "HLN", [VI] = "HLN", [VA] = "HLN", [SC] = "HLN", [SI] = "SHLN",
		[SA] = "SHLN", [E] = "APU", [CR] = "HML", [IR] = "HML", [AR] = "HML" };
	return o[m];
}

/* The highest-severity vectors of each EQ level (the specification's tables 24 to 30). */
static const char *const eq1_max[3][3] = {
	{ "AV:N/PR:N/UI:N" }, { "AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P" },
	{ "AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P" },
};
static const char *const eq2_max[2][2] = { { "AC:L/AT:N" }, { "AC:H/AT:N", "AC:L/AT:P" } };
static const char *const eq36_max[3][2][5] = {
	{ { "VC:H/VI:H/VA:H/CR:H/IR:H/AR:H" },
	  { "VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M" } },
	{ { "VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H" },
	  { "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
	    "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
	    "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M" } },
	{ { NULL }, { "VC:L/VI:L/VA:L/CR:H/IR:H/AR:H" } },
};
static const char *const eq4_max[3] = { "SC:H/SI:S/SA:S", "SC:H/SI:H/SA:H", "SC:L/SI:L/SA:L" };
/* The greatest severity distance within each level, plus one (the specification's depths). */
static const int eq1_depth[3] = { 1, 4, 5 }, eq2_depth[2] = { 1, 2 }, eq4_depth[3] = { 6, 5, 4 };
static const int eq36_depth[3][2] = { { 7, 6 }, { 8, 8 }, { 0, 10 } };

static int find(int m, char c)
{
	const char *p = strchr(met[m].vals, c);
	return c && p ? (int)(p - met[m].vals) : -1;
}

/* v[m]: each metric's letter ('X' when absent); false on any error. */
static bool parse4(const char *s, char v[NMET])
{
	for (int i = 0; i < NMET; i++)
		v[i] = 0;
	while (*s) {
		const char *colon = strchr(s, ':'), *end = strchr(s, '/');
		if (!end)
			end = s + strlen(s);
		if (!colon || colon > end || colon == s || colon + 1 == end)
			return false;
		size_t n = (size_t)(colon - s), vn = (size_t)(end - colon - 1);
		int m = -1;
		for (int i = 0; i < NMET; i++)
			if (strlen(met[i].name) == n && !memcmp(met[i].name, s, n))
				m = i;
		if (m < 0 || v[m])
			return false;
		if (m == U_) {
			static const char *const u[] = { "X", "Clear", "Green", "Amber", "Red" };
			bool ok = false;
			for (size_t i = 0; i < 5; i++)
				ok |= strlen(u[i]) == vn && !memcmp(u[i], colon + 1, vn);
			if (!ok)
				return false;
			v[m] = 'X';
		} else if (vn != 1 || find(m, colon[1]) < 0) {
			return false;
		} else {
			v[m] = colon[1];
		}
		if (*end && !end[1])
			return false;   /* a trailing '/' */
		s = *end ? end + 1 : end;
	}
	for (int i = 0; i < NMET; i++)
		if (!v[i]) {
			if (i <= SA)
				return false;   /* every base metric is required */
			v[i] = 'X';
		}
	return true;
}

/* The value that scores: a modified metric over its base one, and the defaults for X. */
static void effective(const char v[NMET], char r[E + 4])
{
	for (int i = AV; i <= SA; i++)
		r[i] = v[MAV + i] != 'X' ? v[MAV + i] : v[i];
	r[E] = v[E] == 'X' ? 'A' : v[E];
	for (int i = CR; i <= AR; i++)
		r[i] = v[i] == 'X' ? 'H' : v[i];
}

static int idx(int e1, int e2, int e3, int e4, int e5, int e6)
{
	return ((((e1 * 2 + e2) * 3 + e3) * 3 + e4) * 3 + e5) * 2 + e6;
}

static char in(const char *partial, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = partial; p && *p; p = strchr(p, '/'), p = p ? p + 1 : NULL)
		if (!strncmp(p, name, n) && p[n] == ':')
			return p[n + 1];
	return 0;
}

/* Distance of r's metric m from the max vector's, in severity steps (negative: r is more
 * severe than that max vector, which then is not this vector's). */
static int dist(const char *r, int m, const char *maxv)
{
	const char *o = order(m), *a = strchr(o, r[m]), *b = strchr(o, in(maxv, met[m].name));
	return (int)(a - o) - (int)(b - o);
}

struct eqs { int e[6]; };

static struct eqs macro(const char *r)
{
	struct eqs q;
	bool avn = r[AV] == 'N', prn = r[PR] == 'N', uin = r[UI] == 'N';
	q.e[0] = avn && prn && uin ? 0 : (avn || prn || uin) && r[AV] != 'P' ? 1 : 2;
	q.e[1] = r[AC] == 'L' && r[AT] == 'N' ? 0 : 1;
	q.e[2] = r[VC] == 'H' && r[VI] == 'H' ? 0 : r[VC] == 'H' || r[VI] == 'H' || r[VA] == 'H' ? 1 : 2;
	q.e[3] = r[SI] == 'S' || r[SA] == 'S' ? 0 :
	         r[SC] == 'H' || r[SI] == 'H' || r[SA] == 'H' ? 1 : 2;
	q.e[4] = r[E] == 'A' ? 0 : r[E] == 'P' ? 1 : 2;
	q.e[5] = (r[CR] == 'H' && r[VC] == 'H') || (r[IR] == 'H' && r[VI] == 'H') ||
	         (r[AR] == 'H' && r[VA] == 'H') ? 0 : 1;
	return q;
}

static int score_of(struct eqs q)
{
	return mv_score[idx(q.e[0], q.e[1], q.e[2], q.e[3], q.e[4], q.e[5])];
}

/* The score of the macro-vector one step lower in EQ k, -1 when there is none. EQ3 and EQ6
 * move together (3 is k = 2, with 6): 00 goes to the higher of 01 and 10, 01 and 11 lower
 * EQ3, 10 lowers EQ6, and 21 has nothing below. */
static int lower(struct eqs q, int k)
{
	static const int max[6] = { 2, 1, 2, 2, 2, 1 };
	if (k != 2) {
		if (q.e[k] >= max[k])
			return -1;
		q.e[k]++;
		return score_of(q);
	}
	int e3 = q.e[2], e6 = q.e[5];
	if (e3 == 0 && e6 == 0) {
		struct eqs a = q, b = q;
		a.e[2]++, b.e[5]++;
		int sa = score_of(a), sb = score_of(b);
		return sa > sb ? sa : sb;
	}
	if (e3 == 2)
		return -1;
	if (e6 == 1)
		q.e[2]++;
	else
		q.e[5]++;
	return score_of(q);
}

/* The severity distances of r per EQ (EQ3 with EQ6 in [2]) from the first highest-severity
 * vector of its macro-vector that r does not exceed. */
static void distances(const char *r, struct eqs q, int d[5])
{
	const char *const *m36 = eq36_max[q.e[2]][q.e[5]];
	for (int a = 0; a < 3 && eq1_max[q.e[0]][a]; a++)
		for (int b = 0; b < 2 && eq2_max[q.e[1]][b]; b++)
			for (int c = 0; c < 5 && m36[c]; c++) {
				const char *mx[] = { eq1_max[q.e[0]][a], eq2_max[q.e[1]][b], m36[c],
				                     eq4_max[q.e[3]] };
				static const int ms[][6] = { { AV, PR, UI, -1 }, { AC, AT, -1 },
					{ VC, VI, VA, CR, IR, AR }, { SC, SI, SA, -1 } };
				int got[4] = { 0 };
				bool ok = true;
				for (int g = 0; g < 4 && ok; g++)
					for (int i = 0; i < 6 && ms[g][i] >= 0 && ok; i++) {
						int x = dist(r, ms[g][i], mx[g]);
						ok = x >= 0;
						got[g] += x;
					}
				if (ok) {
					memcpy(d, got, sizeof got);
					d[4] = 0;
					return;
				}
			}
	memset(d, 0, 5 * sizeof *d);
}

double cvss4_base_score(const char *vector)
{
	char v[NMET], r[E + 4];
	if (strncmp(vector, "CVSS:4.0/", 9) || !parse4(vector + 9, v))
		return -1;
	effective(v, r);
	if (r[VC] == 'N' && r[VI] == 'N' && r[VA] == 'N' && r[SC] == 'N' && r[SI] == 'N' &&
	    r[SA] == 'N')
		return 0;
	struct eqs q = macro(r);
	int base = score_of(q), d[5];
	distances(r, q, d);
	/* per EQ: (available drop to the next lower macro-vector) x (distance / depth) */
	const int depth[5] = { eq1_depth[q.e[0]], eq2_depth[q.e[1]], eq36_depth[q.e[2]][q.e[5]],
	                       eq4_depth[q.e[3]], 2 };
	const int which[5] = { 0, 1, 2, 3, 4 };
	double sum = 0;
	int n = 0;
	for (int k = 0; k < 5; k++) {
		int lo = lower(q, which[k]);
		if (lo < 0)
			continue;
		n++;
		sum += (double)(base - lo) / 10.0 * d[k] / depth[k];
	}
	double s = base / 10.0 - (n ? sum / n : 0);
	if (s < 0)
		s = 0;
	if (s > 10)
		s = 10;
	/* half up, with the specification's calculator's epsilon against binary fractions */
	return (double)(int)(s * 10 + 0.5 + 1e-6) / 10;
}
