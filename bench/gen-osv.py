#!/usr/bin/env python3
"""Synthetic OSV data for bench/vulns.sh: COUNT records shaped like OSV's own (ids, aliases,
summary and details text, references, CVSS vectors, ranges of every type, versions lists,
database_specific), split over per-ecosystem all.zip archives as OSV publishes them. With STATUS (a dpkg status
file), COUNT also includes Debian:12 records naming its source packages at edges around the
installed versions (fixed above, fixed below, last_affected at, unfixed), so some match.
usage: bench/gen-osv.py DIR COUNT [STATUS]"""
import json, os, random, sys, zipfile

ECOS = [("Debian:12", "DEBIAN-CVE", 0.30), ("Debian:11", "DSA", 0.10), ("Alpine:v3.19", "ALPINE-CVE", 0.08),
        ("Ubuntu:22.04:LTS", "UBUNTU-CVE", 0.12), ("PyPI", "GHSA", 0.12), ("npm", "GHSA", 0.14),
        ("Go", "GO", 0.05), ("Maven", "GHSA", 0.06), ("crates.io", "RUSTSEC", 0.03)]
WORDS = ("buffer overflow heap use after free integer crafted request remote attacker denial of "
         "service memory corruption certificate validation path traversal injection parser "
         "allows via arbitrary code execution null pointer dereference out-of-bounds read").split()

def text(r, n):
    return " ".join(r.choice(WORDS) for _ in range(n))

def version(r, eco):
    a, b, c = r.randint(0, 9), r.randint(0, 30), r.randint(0, 20)
    if eco.startswith(("Debian", "Ubuntu")):
        return "%s%d.%d.%d-%d%s" % (r.choice(["", "", "1:"]), a, b, c, r.randint(1, 5),
                                     r.choice(["", "~deb12u1", "+b1", "ubuntu0.1"]))
    if eco.startswith("Alpine"):
        return "%d.%d.%d-r%d" % (a, b, c, r.randint(0, 9))
    return "%d.%d.%d" % (a, b, c)

def record(r, i, eco, prefix):
    cve = "CVE-%d-%d" % (r.randint(2015, 2024), 10000 + i)
    rid = "%s-%d-%05d-%x" % (prefix, r.randint(2015, 2024), i, r.getrandbits(16))
    name = "%s-%s%d" % (r.choice(WORDS), r.choice(WORDS), r.randint(0, 3000))
    if eco == "Go":
        name = "github.com/%s/%s" % (r.choice(WORDS), name)
    rng = {"type": "SEMVER" if eco in ("Go", "npm", "crates.io") else "ECOSYSTEM",
           "events": [{"introduced": "0"}, {"fixed": version(r, eco)}]}
    if r.random() < 0.15:
        rng["events"][1] = {"last_affected": version(r, eco)}
    aff = {"package": {"ecosystem": eco, "name": name,
                       "purl": "pkg:%s/%s" % (eco.split(":")[0].lower(), name)},
           "ranges": [rng]}
    if r.random() < 0.3:
        aff["versions"] = [version(r, eco) for _ in range(r.randint(1, 30))]
    if eco.startswith("Debian"):
        aff["ecosystem_specific"] = {"urgency": r.choice(["low", "medium", "high", "not yet assigned"])}
    rec = {"schema_version": "1.6.0", "id": rid, "modified": "2024-%02d-%02dT%02d:00:00Z" % (
               r.randint(1, 12), r.randint(1, 28), r.randint(0, 23)),
           "published": "2023-01-01T00:00:00Z", "aliases": [cve], "summary": text(r, 8),
           "details": text(r, 80), "affected": [aff],
           "references": [{"type": "WEB", "url": "https://example.invalid/%s/%d" % (rid, k)}
                          for k in range(r.randint(1, 6))]}
    if r.random() < 0.6:
        v = r.choice(["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                      "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N",
                      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N"])
        rec["severity"] = [{"type": "CVSS_V4" if v.startswith("CVSS:4") else "CVSS_V3", "score": v}]
    if prefix == "GHSA":
        rec["database_specific"] = {"severity": r.choice(["LOW", "MODERATE", "HIGH", "CRITICAL"]),
                                    "github_reviewed": True, "cwe_ids": ["CWE-79"]}
    if r.random() < 0.01:
        rec["withdrawn"] = "2024-06-01T00:00:00Z"
    return rec

def installed(path):
    """Source package name -> source version, from a dpkg status file."""
    src = {}
    for para in open(path, encoding="utf-8").read().split("\n\n"):
        f = dict(l.split(": ", 1) for l in para.splitlines() if ": " in l and not l[0].isspace())
        if "Package" not in f or "installed" not in f.get("Status", ""):
            continue
        name, ver = f["Package"], f["Version"]
        if "Source" in f:
            name, _, sv = f["Source"].partition(" (")
            ver = sv.rstrip(")") or ver
        src[name] = ver
    return src

def real(r, i, name, ver, kind):
    """A Debian:12 record for source package NAME installed at VER; KIND picks the edge."""
    ev = [{"introduced": "0"}]
    if kind == 0:
        ev.append({"fixed": ver + "+deb12u9"})       # fixed after: matches
    elif kind == 1:
        ev.append({"fixed": ver + "~pre1"})          # fixed before: no match
    elif kind == 2:
        ev.append({"last_affected": ver})            # last_affected at: matches
    rid = "DEBIAN-CVE-2024-%05d" % i                 # kind 3: no fix yet, matches
    return {"schema_version": "1.6.0", "id": rid, "modified": "2024-05-01T00:00:00Z",
            "published": "2024-01-01T00:00:00Z", "aliases": ["CVE-2024-%05d" % i],
            "summary": text(r, 8), "details": text(r, 60),
            "affected": [{"package": {"ecosystem": "Debian:12", "name": name,
                                      "purl": "pkg:deb/debian/%s?arch=source" % name},
                          "ranges": [{"type": "ECOSYSTEM", "events": ev}],
                          "ecosystem_specific": {"urgency": r.choice(["low", "medium", "high"])}}],
            "references": [{"type": "ADVISORY", "url": "https://security-tracker.debian.org/tracker/CVE-2024-%05d" % i}]}

def main():
    out, count = sys.argv[1], int(sys.argv[2])
    src = installed(sys.argv[3]) if len(sys.argv) > 3 else {}
    r = random.Random(16)
    zips = {}
    for eco, prefix, share in ECOS:
        d = os.path.join(out, eco.replace(":", "_"))
        os.makedirs(d, exist_ok=True)
        zips[eco] = (zipfile.ZipFile(os.path.join(d, "all.zip"), "w", zipfile.ZIP_DEFLATED), prefix)
    weights = [s for _, _, s in ECOS]
    n = 0
    for name, ver in sorted(src.items()):
        for kind in range(4):
            rec = real(r, n, name, ver, kind)
            zips["Debian:12"][0].writestr(rec["id"] + ".json", json.dumps(rec, indent=1))
            n += 1
    for i in range(n, count):
        eco = r.choices([e for e, _, _ in ECOS], weights)[0]
        z, prefix = zips[eco]
        rec = record(r, i, eco, prefix)
        z.writestr(rec["id"] + ".json", json.dumps(rec, indent=1))
    for z, _ in zips.values():
        z.close()

main()
