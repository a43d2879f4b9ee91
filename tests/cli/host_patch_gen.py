#!/usr/bin/env python3
"""Fake apt hosts for the pending-updates oracle: each a dpkg status of N installed packages and
two package lists (the main suite and its security pocket) offering versions derived from the
installed ones (equal, bumped, lowered, with ~, + , epochs and revisions), some for another
architecture. usage: host_patch_gen.py PREFIX HOSTS N SEED (writes PREFIX1 ... PREFIXHOSTS,
each with var/lib/dpkg/status, var/lib/apt/lists/ and etc/apt/sources.list)."""
import os
import random
import sys

prefix, hosts, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(seed)
ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz"


def part(first_digit):
    s = rnd.choice("0123456789") if first_digit else rnd.choice(ALNUM)
    for _ in range(rnd.randint(0, 6)):
        s += rnd.choice(ALNUM + ".+~" + "0123456789" * 3)
    return s


def version():
    v = ""
    if rnd.random() < 0.2:
        v += "%d:" % rnd.randint(0, 3)
    up = part(True)
    if rnd.random() < 0.7:
        return v + up + "-" + part(False).lstrip(".") .replace("-", "") or "1"
    return v + up


def mutate(v):
    r = rnd.random()
    if r < 0.15:
        return v
    if r < 0.3:
        return v + "~" + part(False)
    if r < 0.45:
        return v + "+" + part(False)
    if r < 0.55:
        return ("1:" + v) if ":" not in v else v.split(":", 1)[1]
    if r < 0.75:   # bump or lower one digit
        idx = [i for i, c in enumerate(v) if c.isdigit()]
        if idx:
            i = rnd.choice(idx)
            d = (int(v[i]) + rnd.choice((1, -1, 2))) % 10
            w = v[:i] + str(d) + v[i + 1:]
            return w if w.split(":")[-1][:1].isdigit() else v
        return v
    return version()


def valid(v):
    ep, _, rest = v.rpartition(":") if ":" in v else ("", "", v)
    if ep and not ep.isdigit():
        return False
    up, _, rev = rest.rpartition("-") if "-" in rest else (rest, "", "")
    ok = set(ALNUM + ".+~") | ({"-"} if "-" in rest else set()) | ({":"} if ep else set())
    return bool(up) and up[0].isdigit() and all(c in ok for c in up) and \
        all(c in ALNUM + ".+~" for c in rev) and ("-" not in rest or rev != "")


def stanza(f, name, ver, arch, status=None):
    f.write("Package: %s\n" % name)
    if status:
        f.write("Status: %s\n" % status)
    else:   # what apt needs to count the version as downloadable
        f.write("Filename: pool/main/%s_%s_%s.deb\nSize: 1000\nSHA256: %s\n"
                % (name, ver.split(":")[-1], arch, "0" * 64))
    f.write("Architecture: %s\nVersion: %s\nMaintainer: x <x@example.org>\n"
            "Description: generated\n generated package\n\n" % (arch, ver))


def host(root):
    lists = os.path.join(root, "var/lib/apt/lists")
    os.makedirs(lists, exist_ok=True)
    os.makedirs(os.path.join(root, "var/lib/dpkg"), exist_ok=True)
    os.makedirs(os.path.join(root, "etc/apt"), exist_ok=True)
    MAIN = "deb.example.org_debian_dists_bookworm"
    SEC = "deb.example.org_debian-security_dists_bookworm-security"
    for pre, suite, label in ((MAIN, "bookworm", "Debian"),
                              (SEC, "bookworm-security", "Debian-Security")):
        with open(os.path.join(lists, pre + "_Release"), "w") as f:
            f.write("Origin: Debian\nLabel: %s\nSuite: %s\nCodename: %s\n"
                    "Architectures: amd64\nComponents: main\n" % (label, suite, suite))
    with open(os.path.join(root, "etc/apt/sources.list"), "w") as f:
        f.write("deb [trusted=yes] http://deb.example.org/debian bookworm main\n"
                "deb [trusted=yes] http://deb.example.org/debian-security bookworm-security main\n")
    status = open(os.path.join(root, "var/lib/dpkg/status"), "w")
    pk = {pre: open(os.path.join(lists, pre + "_main_binary-amd64_Packages"), "w")
          for pre in (MAIN, SEC)}
    for i in range(n):
        name = "pkg%d" % i
        inst = version()
        while not valid(inst):
            inst = version()
        arch = rnd.choice(("amd64", "amd64", "all"))
        stanza(status, name, inst, arch, "install ok installed")
        for pre in (MAIN, SEC):
            for _ in range(rnd.choice((0, 1, 1, 2))):
                cand = mutate(inst)
                if valid(cand):
                    stanza(pk[pre], name, cand, rnd.choice((arch, arch, arch, "arm64")))
    status.close()
    for f in pk.values():
        f.close()


for h in range(1, hosts + 1):
    host(prefix + str(h))
