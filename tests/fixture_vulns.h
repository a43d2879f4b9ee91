#ifndef BW_FIXTURE_VULNS_H
#define BW_FIXTURE_VULNS_H
#include "model/finding.h"
/* A BW-V* case's vulns.json, an inventory and the OSV records the store would hand out:
 *   {"layers": ["sha256:…", …],
 *    "packages": [{"kind": "dpkg", "name": "libssl3", "version": "…", "source": "openssl",
 *                  "source_version": "…", "ecosystem": "Debian:12", "scheme": "dpkg",
 *                  "path": "/var/lib/dpkg/status", "layer": 0}],
 *    "records": [{"id": "CVE-…", "aliases": […], "ecosystem": "Debian", "package": "openssl",
 *                 "severity": "high", "cvss": 7.5, "urgency": "…", "withdrawn": "…",
 *                 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, …]}],
 *                 "versions": […]}]}
 * Each package gets the records naming it (dpkg: its source) in its ecosystem, as the
 * pipeline's store lookup does; then the image rules run. Until the store and the package
 * readers are in every tree this is how the rule's fixtures reach it. */
void fixture_vulns_run(const char *json_path, struct findings *out);
#endif
