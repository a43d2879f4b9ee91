/* The installed Docker Engine's release line is past its upstream end of life. */
#include "rules/rule.h"
#include "model/host.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* End of life of Docker Engine release lines, from endoflife.date's docker-engine page
 * (https://endoflife.date/docker-engine, which follows moby's project/BRANCHES-AND-TAGS.md),
 * as of March 2026. Lines with no announced end (29, 28, 25.0 maintained for Amazon Linux)
 * are absent: they never fire. minor -1: every minor of that major. Anything before 18.06
 * ended by 2018-12-08 at the latest. */
static const struct eol { int major, minor; const char *date; } eols[] = {
	{ 27, -1, "2025-05-03" },
	{ 26, 1, "2025-02-17" },
	{ 26, 0, "2024-06-08" },
	{ 24, 0, "2024-06-08" },
	{ 23, 0, "2025-05-19" },
	{ 20, 10, "2023-12-10" },
	{ 19, 3, "2021-01-08" },
	{ 18, 9, "2019-08-22" },
	{ 18, 6, "2018-12-08" },
};
#define OLDEST_EOL "2018-12-08"

/* Seconds since the epoch of a YYYY-MM-DD date, midnight UTC (days from civil). */
static long long epoch_of(const char *date)
{
	int y, m, d;
	if (sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
		return 0;
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * 86400;
}

/* The end of life of a package version ("5:27.3.1-1~debian.12~bookworm", "20.10.24+dfsg1-1"):
 * the upstream part after any epoch; line gets "27" or "20.10". NULL when none is known. */
static const char *eol_of(const char *version, char *line, size_t n)
{
	const char *colon = strchr(version, ':');
	int major, minor;
	if (sscanf(colon ? colon + 1 : version, "%d.%d", &major, &minor) != 2)
		return NULL;
	snprintf(line, n, "%d.%02d", major, minor);
	if (major < 18 || (major == 18 && minor < 6))
		return OLDEST_EOL;
	for (size_t i = 0; i < sizeof eols / sizeof *eols; i++) {
		if (eols[i].major != major || (eols[i].minor >= 0 && eols[i].minor != minor))
			continue;
		if (eols[i].minor < 0 || major >= 23)
			snprintf(line, n, eols[i].minor < 0 ? "%d" : "%d.%d", major, minor);
		return eols[i].date;
	}
	return NULL;
}

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_patch *p = &h->patch;
	if (!p->known || !p->engine_version)
		return;
	char line[32];
	const char *date = eol_of(p->engine_version, line, sizeof line);
	if (!date || epoch_of(date) > p->now)
		return;
	finding_add(out, self, (struct loc){ p->db, 0 }, p->engine_version,
	            "Docker Engine %s (%s %s) is past its upstream end of life (%s)%s",
	            line, p->engine_pkg, p->engine_version, date,
	            strcmp(p->engine_pkg, "docker-ce") == 0 ? ""
	            : ": the distribution that ships it may still backport some fixes");
}

const struct rule rule_h_patch_engine_eol = {
	.id = "BW-H050",
	.title = "Docker Engine past its end of life",
	.severity = SEV_HIGH,
	.rationale = "Once a Docker Engine release line reaches its end of life, the Moby project "
	             "no longer fixes it, security advisories included: container escapes found "
	             "later stay open on that host. The check reads the engine's installed package "
	             "(docker-ce, docker.io, moby-engine) from the package database, so it works "
	             "offline and under --root without asking the daemon, and compares its release "
	             "line with a table of end-of-life dates kept in the source (from "
	             "endoflife.date, which follows moby's BRANCHES-AND-TAGS.md).",
	.remediation = "Upgrade to a maintained release line (see the Docker Engine release notes "
	               "and https://endoflife.date/docker-engine): on Docker's repository, "
	               "apt-get install docker-ce docker-ce-cli containerd.io; read the "
	               "deprecation notes of each major version passed on the way.",
	.refs = (const char *const[]){ "https://endoflife.date/docker-engine",
	                               "https://github.com/moby/moby/blob/master/project/BRANCHES-AND-TAGS.md",
	                               "https://docs.docker.com/engine/release-notes/", NULL },
	.check_host = check,
};
