#!/usr/bin/env python3
"""OSV records (ecosystem Debian:12) at the version edges of the source packages a real dpkg
database has installed, and the findings they must give, judged by an oracle: dpkg-query says
which binary packages are installed and their source names and versions (binNMUs stripped), and
`dpkg --compare-versions` orders every version pair the OSV evaluation needs.
Writes OUT/osv/<id>.json, OUT/want.json (sorted [id, binary package, source version, fixed or
null] of every finding) and OUT/packages (the number of installed packages); prints a summary.
usage: debian_osv.py ADMINDIR OUT       (ADMINDIR holds the rootfs's dpkg status file)"""
import functools, json, os, re, subprocess, sys


@functools.lru_cache(maxsize=None)
def dpkg_lt(a, b):
    return subprocess.run(["dpkg", "--compare-versions", a, "lt", b]).returncode == 0


def cmp(a, b):
    if a == b:
        return 0
    return -1 if dpkg_lt(a, b) else 1 if dpkg_lt(b, a) else 0


def installed(admindir):
    """[(binary, source, source version)] of the installed packages, from dpkg-query."""
    fmt = "${db:Status-Status}\t${Package}\t${source:Package}\t${source:Version}\n"
    out = subprocess.run(["dpkg-query", "--admindir=" + admindir, "-W", "-f", fmt],
                         check=True, capture_output=True, text=True).stdout
    return [tuple(l.split("\t")[1:]) for l in out.splitlines() if l.split("\t")[0] == "installed"]


def in_range(events, v):
    """OSV's evaluation of one ECOSYSTEM range (the schema's pseudocode)."""
    zero = lambda e: e.get("introduced") == "0"
    ver = lambda e: next(iter(e.values()))
    evs = sorted(events, key=functools.cmp_to_key(
        lambda a, b: (zero(b) - zero(a)) or (0 if zero(a) else cmp(ver(a), ver(b)))))
    hit = False
    for e in evs:
        if "introduced" in e and (zero(e) or cmp(v, e["introduced"]) >= 0):
            hit = True
        elif "fixed" in e and cmp(v, e["fixed"]) >= 0:
            hit = False
        elif "last_affected" in e and cmp(v, e["last_affected"]) > 0:
            hit = False
    return hit


def judge(rec, v):
    """(affected, fixed): fixed is the lowest fix above v in the range that holds it."""
    if rec.get("withdrawn"):
        return False, None
    aff = rec["affected"][0]
    for r in aff.get("ranges", []):
        if in_range(r["events"], v):
            fixes = [e["fixed"] for e in r["events"] if "fixed" in e and cmp(e["fixed"], v) > 0]
            return True, (min(fixes, key=functools.cmp_to_key(cmp)) if fixes else None)
    return any(cmp(v, x) == 0 for x in aff.get("versions", [])), None


def split(v):
    """(epoch or None, the rest)."""
    m = re.match(r"^(\d+):(.*)$", v)
    return (m.group(1), m.group(2)) if m else (None, v)


def edges(v, binnmu):
    """(kind, ranges' events, versions list, withdrawn) around source version v. binnmu: the
    binary version of a binNMU of it (v+bN), or None."""
    z = {"introduced": "0"}
    ep, rest = split(v)
    up, _, rev = rest.rpartition("-") if "-" in rest else (rest, "", "")
    rev = "-" + rev if rev else ""
    pre = ep + ":" if ep else ""
    fix = lambda x: [[z, {"fixed": x}]]
    out = [
        ("fixed just above (+deb12u1)", fix(v + "+deb12u1"), None, False),
        ("fixed equal", fix(v), None, False),
        ("fixed just below (~)", fix(v + "~"), None, False),
        ("fixed below (~deb12u1)", fix(v + "~deb12u1"), None, False),
        ("fixed in an upstream prerelease (~rc1)", fix(pre + up + "~rc1" + rev), None, False),
        ("fixed in a binNMU of it (+b1)", fix(v + "+b1"), None, False),
        ("last_affected equal", [[z, {"last_affected": v}]], None, False),
        ("last_affected just below (~)", [[z, {"last_affected": v + "~"}]], None, False),
        ("introduced equal", [[{"introduced": v}, {"fixed": v + ".1"}]], None, False),
        ("introduced just above (+b1)", [[{"introduced": v + "+b1"}]], None, False),
        ("fixed below, introduced again at it",
         [[z, {"fixed": v + "~"}, {"introduced": v}, {"fixed": v + "+deb12u2"}]], None, False),
        ("unfixed", [[z]], None, False),
        ("withdrawn", fix(v + "+deb12u1"), None, True),
        ("versions list with it", [], ["0.0.1-1", v, v + "+deb12u1"], False),
        ("versions list without it", [], [v + "~", v + "+b1", v + "+deb12u1"], False),
    ]
    if ep:   # the same version without its epoch is far below; one epoch more is above
        out += [("fixed without the epoch", fix(rest), None, False),
                ("fixed an epoch above", fix("%d:%s~0%s" % (int(ep) + 1, up, rev)), None, False)]
    else:    # an explicit epoch 0 is the same version; epoch 1 is above any without one
        out += [("fixed at epoch 0 (equal)", fix("0:" + v), None, False),
                ("fixed at epoch 1 of an older upstream", fix("1:0.1-1"), None, False),
                ("versions list with it at epoch 0", [], ["0:" + v], False)]
    if binnmu:   # judged by source version: the binary's +bN is no fix and no introduction
        out += [("fixed at the binNMU's binary version", fix(binnmu), None, False),
                ("introduced at the binNMU's binary version", [[{"introduced": binnmu}]], None,
                 False),
                ("versions list with only the binNMU's binary version", [], [binnmu], False)]
    return out


def record(rid, src, kind, ranges, versions, withdrawn):
    aff = {"package": {"ecosystem": "Debian:12", "name": src,
                       "purl": "pkg:deb/debian/%s?arch=source" % src}}
    if ranges:
        aff["ranges"] = [{"type": "ECOSYSTEM", "events": e} for e in ranges]
    if versions:
        aff["versions"] = versions
    rec = {"schema_version": "1.6.0", "id": rid, "modified": "2024-05-01T00:00:00Z",
           "published": "2024-01-01T00:00:00Z", "summary": "%s: %s" % (src, kind),
           "affected": [aff]}
    if withdrawn:
        rec["withdrawn"] = "2024-06-01T00:00:00Z"
    return rec


def main():
    admindir, out = sys.argv[1], sys.argv[2]
    pkgs = installed(admindir)
    binary_ver = dict(l.split("\t") for l in subprocess.run(
        ["dpkg-query", "--admindir=" + admindir, "-W", "-f", "${Package}\t${Version}\n"],
        check=True, capture_output=True, text=True).stdout.splitlines())
    sources = {}
    for b, s, sv in pkgs:
        sources.setdefault((s, sv), []).append(b)
    os.makedirs(os.path.join(out, "osv"), exist_ok=True)
    want, n, binnmus = [], 0, 0
    for (src, sv), bins in sorted(sources.items()):
        nmu = sorted({binary_ver[b] for b in bins if binary_ver[b] != sv and
                      re.fullmatch(re.escape(sv) + r"\+b\d+", binary_ver[b])})
        binnmus += bool(nmu)
        for kind, ranges, versions, withdrawn in edges(sv, nmu[0] if nmu else None):
            n += 1
            rid = "DEBIAN-CVE-2099-%05d" % n
            rec = record(rid, src, kind, ranges, versions, withdrawn)
            with open(os.path.join(out, "osv", rid + ".json"), "w") as f:
                json.dump(rec, f, indent=1)
            hit, fixed = judge(rec, sv)
            want += [[rid, b, sv, fixed] for b in bins if hit]
    want.sort()
    json.dump(want, open(os.path.join(out, "want.json"), "w"))
    open(os.path.join(out, "packages"), "w").write("%d\n" % len(pkgs))
    print("%d packages, %d source packages (%d with a binNMU), %d records, %d findings expected"
          % (len(pkgs), len(sources), binnmus, n, len(want)))


main()
