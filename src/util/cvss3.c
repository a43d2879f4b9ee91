/* CVSS v3.0/v3.1 base score (FIRST CVSS v3.1 specification, section 7.1 and Appendix A). */
#include "util/cvss.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* v3.1's Roundup: the smallest one-decimal number >= x, computed on integers so that
 * floating-point error does not push it up a step. */
static double roundup31(double x)
{
	int64_t i = (int64_t)(x * 100000 + 0.5);   /* x >= 0 */
	if (i % 10000 == 0)
		return (double)i / 100000.0;
	return (double)(i / 10000 + 1) / 10.0;
}

/* v3.0 rounds up with ceil on one decimal. */
static double roundup30(double x)
{
	int64_t i = (int64_t)(x * 10);
	return (double)(i + ((double)i < x * 10)) / 10;
}

static double pow15(double x)
{
	double r = 1;
	for (int i = 0; i < 15; i++)
		r *= x;
	return r;
}

static double min10(double x)
{
	return x < 10 ? x : 10;
}

struct metric { const char *name; const char *vals; const double *w; };

static const double av_w[] = { 0.85, 0.62, 0.55, 0.2 };   /* N A L P */
static const double ac_w[] = { 0.77, 0.44 };              /* L H */
static const double ui_w[] = { 0.85, 0.62 };              /* N R */
static const double cia_w[] = { 0.56, 0.22, 0 };          /* H L N */
static const struct metric metrics[] = {
	{ "AV", "NALP", av_w }, { "AC", "LH", ac_w }, { "PR", "NLH", NULL },
	{ "UI", "NR", ui_w }, { "S", "UC", NULL }, { "C", "HLN", cia_w },
	{ "I", "HLN", cia_w }, { "A", "HLN", cia_w },
};
enum { M_AV, M_AC, M_PR, M_UI, M_S, M_C, M_I, M_A, M__N };

/* Temporal and environmental metrics are accepted (and ignored: base score only). */
static bool other_metric(const char *name, size_t n)
{
	static const char *const ok[] = { "E", "RL", "RC", "CR", "IR", "AR", "MAV", "MAC", "MPR",
	                                  "MUI", "MS", "MC", "MI", "MA" };
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		if (strlen(ok[i]) == n && !memcmp(ok[i], name, n))
			return true;
	return false;
}

/* The index of each base metric's value in v[]; false on any error. */
static bool parse3(const char *s, int v[M__N])
{
	for (int i = 0; i < M__N; i++)
		v[i] = -1;
	while (*s) {
		const char *colon = strchr(s, ':'), *end = strchr(s, '/');
		if (!end)
			end = s + strlen(s);
		if (!colon || colon > end || colon == s || end - colon != 2)
			return false;
		size_t n = (size_t)(colon - s);
		int m = -1;
		for (int i = 0; i < M__N; i++)
			if (strlen(metrics[i].name) == n && !memcmp(metrics[i].name, s, n))
				m = i;
		if (m >= 0) {
			const char *p = colon[1] ? strchr(metrics[m].vals, colon[1]) : NULL;
			if (!p || v[m] >= 0)
				return false;
			v[m] = (int)(p - metrics[m].vals);
		} else if (!other_metric(s, n)) {
			return false;
		}
		if (*end && !end[1])
			return false;   /* a trailing '/' */
		s = *end ? end + 1 : end;
	}
	for (int i = 0; i < M__N; i++)
		if (v[i] < 0)
			return false;
	return true;
}

double cvss3_base_score(const char *vector)
{
	bool v31;
	if (!strncmp(vector, "CVSS:3.1/", 9))
		v31 = true;
	else if (!strncmp(vector, "CVSS:3.0/", 9))
		v31 = false;
	else
		return -1;
	int v[M__N];
	if (!parse3(vector + 9, v))
		return -1;
	bool changed = v[M_S] == 1;
	static const double pr_u[] = { 0.85, 0.62, 0.27 }, pr_c[] = { 0.85, 0.68, 0.5 };
	double pr = changed ? pr_c[v[M_PR]] : pr_u[v[M_PR]];
	double iss = 1 - (1 - cia_w[v[M_C]]) * (1 - cia_w[v[M_I]]) * (1 - cia_w[v[M_A]]);
	double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow15(iss - 0.02) : 6.42 * iss;
	double expl = 8.22 * av_w[v[M_AV]] * ac_w[v[M_AC]] * pr * ui_w[v[M_UI]];
	double (*up)(double) = v31 ? roundup31 : roundup30;
	if (impact <= 0)
		return 0;
	if (changed)
		return up(min10(1.08 * (impact + expl)));
	return up(min10(impact + expl));
}

double cvss_base_score(const char *vector)
{
	if (!strncmp(vector, "CVSS:4.0/", 9))
		return cvss4_base_score(vector);
	return cvss3_base_score(vector);
}
