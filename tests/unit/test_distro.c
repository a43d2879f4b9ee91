/* collect/distro.c: the one table from distribution to OSV ecosystem, as a purl names it. */
#include "test.h"
#include "collect/distro.h"
#include <stdlib.h>

static void eco(const char *id, const char *vid, const char *version, const char *want)
{
	char *e = distro_ecosystem(id, vid, version, NULL);
	CHECK_STR(e ? e : "-", want);
	free(e);
}

TEST(distro_ecosystem_from_a_purl)
{
	eco("debian", "12.4", NULL, "Debian:12");
	eco("Debian", "12", NULL, "Debian:12");
	eco("ubuntu", "22.04", NULL, "Ubuntu:22.04:LTS");            /* April of an even year */
	eco("ubuntu", "23.04", NULL, "Ubuntu:23.04");
	eco("ubuntu", "24.10", NULL, "Ubuntu:24.10");
	eco("ubuntu", "22.04", "22.04 (not so)", "Ubuntu:22.04");   /* VERSION decides when known */
	eco("alpine", "3.19.1", NULL, "Alpine:v3.19");
	eco("alpine", "3.20.0_alpha20240329", NULL, "Alpine:v3.20");
	eco("rhel", "9.3", NULL, "Red Hat:enterprise_linux:9");
	eco("rocky", "8.9", NULL, "Rocky Linux:8");
	eco("photon", "5.0", NULL, "Photon OS:5.0");
	eco("wolfi", NULL, NULL, "Wolfi");
	eco("alpine", "edge", NULL, "-");
	eco("ubuntu", "22", NULL, "Ubuntu:22");       /* one number: no read past it (fuzz_sbom) */
	eco("alpine", "3.", NULL, "Alpine:v3");
	eco("fedora", "39", NULL, "-");
	eco(NULL, "1", NULL, "-");
}
