/* EXPOSE: what the image advertises. */
#include "rules/rule.h"
#include "rules/dockerfile/instr_words.h"
#include "util/util.h"
#include <ctype.h>
#include <string.h>

/* "80", "80/tcp", "8000-8010/udp" -> lo, hi. False when it is none of those. Numbers are capped
 * so that a long digit string stays out of range instead of overflowing. */
static bool parse_port(const char *tok, long *lo, long *hi)
{
	const char *p = tok;
	long v[2] = { 0, 0 };
	int n = 0;
	for (;;) {
		if (!isdigit((unsigned char)*p))
			return false;
		for (; isdigit((unsigned char)*p); p++)
			v[n] = v[n] > 1000000 ? v[n] : v[n] * 10 + (*p - '0');
		n++;
		if (*p != '-' || n == 2)
			break;
		p++;
	}
	if (*p == '/') {
		p++;
		if (!str_ieq(p, "tcp") && !str_ieq(p, "udp") && !str_ieq(p, "sctp"))
			return false;
	} else if (*p) {
		return false;
	}
	*lo = v[0];
	*hi = n == 2 ? v[1] : v[0];
	return true;
}

static void check_ssh(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		if (in->kind != DF_EXPOSE)
			continue;
		for (size_t j = 0; j < in->argc; j++) {
			long lo, hi;
			const char *tok = in->argv[j];
			if (!tok || !parse_port(tok, &lo, &hi) || lo > 22 || hi < 22)
				continue;
			finding_add(out, self, df_loc(df, in), tok, "EXPOSE %s exposes SSH (port 22)",
			            tok);
			break;
		}
	}
}

const struct rule rule_expose_ssh = {
	.id = "BW-D009",
	.title = "SSH port 22 exposed",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("DS004"),
	.rationale = "Running an SSH server in a container adds a long-lived remote login surface "
	             "with its own keys and passwords; docker exec already gives operators a shell.",
	.remediation = "Remove EXPOSE 22 and the SSH daemon; use docker exec or kubectl exec for "
	               "debugging.",
	.check_dockerfile = check_ssh,
};

static void check_range(const struct rule *self, const struct dockerfile *df,
                        struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		if (in->kind != DF_EXPOSE)
			continue;
		for (size_t j = 0; j < in->argc; j++) {
			long lo, hi;
			const char *tok = in->argv[j];
			if (!tok || !*tok || strchr(tok, '$'))
				continue;
			if (!parse_port(tok, &lo, &hi))
				finding_add(out, self, df_loc(df, in), tok,
				            "EXPOSE %s is not a port, range or variable", tok);
			else if (hi > 65535 || lo > 65535)
				finding_add(out, self, df_loc(df, in), tok,
				            "EXPOSE %s is outside 0-65535", tok);
			else if (lo > hi)
				finding_add(out, self, df_loc(df, in), tok,
				            "EXPOSE %s is an empty range", tok);
		}
	}
}

const struct rule rule_expose_invalid = {
	.id = "BW-D010",
	.title = "EXPOSE port is invalid or out of range",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3011", "DS008"),
	.rationale = "An invalid EXPOSE fails the build or documents a port that cannot exist, so "
	             "whoever runs the image publishes the wrong thing.",
	.remediation = "Use a port between 0 and 65535, optionally with /tcp, /udp or /sctp; publish "
	               "host ports with docker run -p, not in the Dockerfile.",
	.check_dockerfile = check_range,
};
