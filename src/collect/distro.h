/* A distribution, as os-release(5) or an SBOM's purl names it, mapped to the OSV ecosystem of its
 * packages (the ecosystem list of the OSV schema). */
#ifndef BULWARK_COLLECT_DISTRO_H
#define BULWARK_COLLECT_DISTRO_H

/* id and version_id as os-release's ID and VERSION_ID ("debian", "12"); version (os-release's
 * VERSION, "22.04.4 LTS (Jammy Jellyfish)") and pretty (PRETTY_NAME) may be NULL, as from a purl.
 * A new string, or NULL when bulwark does not map the distribution. */
char *distro_ecosystem(const char *id, const char *version_id, const char *version,
                       const char *pretty);

#endif
