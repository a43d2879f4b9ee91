#!/usr/bin/env python3
"""Pairs of versions ("A<TAB>B" lines) at the edges of one scheme's specification, for the
oracle comparisons of tests/vers/lang.sh. Deterministic: the same arguments give the same lines.
usage: gen_lang.py pep440|semver|go|maven|gem COUNT SEED"""
import random
import re
import sys

scheme, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
R = random.Random(seed)
ch = R.choice

NUMS = ["0", "1", "2", "9", "10", "00", "01", "010", "123", "4294967296",
        "999999999999999999", "18446744073709551617"]


def num():
    return ch(NUMS) if R.random() < 0.8 else str(R.randrange(0, 4))


def pep440_parts():
    sep = lambda: ch(["", "", ".", "-", "_"])
    n = lambda: ch(["", num(), num()])
    p = {
        "ws": ch([""] * 12 + [" ", "  "]),
        "v": ch([""] * 8 + ["v", "V"]),
        "epoch": ch([""] * 8 + ["0!", "1!", "01!", "2!"]),
        "rel": ".".join(num() for _ in range(R.randint(1, 4))),
        "pre": "", "post": "", "dev": "", "local": "",
    }
    if R.random() < 0.5:
        p["pre"] = sep() + ch(["a", "b", "c", "rc", "alpha", "beta", "pre", "preview", "A", "RC",
                               "Alpha", "PREVIEW"]) + sep() + n()
    if R.random() < 0.35:
        p["post"] = ch(["-" + num(), sep() + ch(["post", "rev", "r", "POST", "Rev"]) + sep() + n()])
    if R.random() < 0.35:
        p["dev"] = sep() + ch(["dev", "DEV", "Dev"]) + sep() + n()
    if R.random() < 0.3:
        segs = [ch(["abc", "1", "01", "a1", "ubuntu", "Z", "0", "deb12u1", "z"]) for _ in range(R.randint(1, 3))]
        p["local"] = "+" + "".join(s + ch([".", "-", "_"]) for s in segs[:-1]) + segs[-1]
    return p


def pep440_str(p):
    return p["ws"] + p["v"] + p["epoch"] + p["rel"] + p["pre"] + p["post"] + p["dev"] + p["local"] + p["ws"][::-1]


def semver_parts():
    ident = lambda: ch(["0", "1", "2", "10", "alpha", "beta", "rc", "A", "a", "-", "a-b", "0a", "1a",
                        "x", "20191109021931", "daa7c04131f5", "999999999999999", "Z9"]) if R.random() < 0.97 else ch(["00", "01"])
    core = lambda: ch(["0", "1", "2", "10", "11", "999999999999999"]) if R.random() < 0.97 else ch(["01", "00"])
    p = {"v": ch(["", "", "v"]), "core": ".".join(core() for _ in range(3)), "pre": "", "build": ""}
    if R.random() < 0.6:
        p["pre"] = "-" + ".".join(ident() for _ in range(R.randint(1, 4)))
    if R.random() < 0.3:
        p["build"] = "+" + ".".join(ch(["build", "001", "incompatible", "sha", "5114f85", "x-y"])
                                    for _ in range(R.randint(1, 2)))
    return p


def go_parts():
    """Go's form: always a leading v; shorthands, pseudo-versions and +incompatible."""
    p = semver_parts()
    p["v"] = "v"
    r = R.random()
    if r < 0.1:
        p["core"] = ".".join(ch(["0", "1", "2", "10"]) for _ in range(R.randint(1, 2)))
        p["pre"] = p["build"] = ""
    elif r < 0.3:
        p["pre"] = ch(["-", "-0.", "-pre.0."]) + ch(["20191109021931", "20200101000000", "20191109021932"]) + \
            "-" + ch(["daa7c04131f5", "5114f85aa2e1", "000000000000"])
    if R.random() < 0.15:
        p["build"] = "+incompatible"
    return p


def semver_str(p):
    return p["v"] + p["core"] + p["pre"] + p["build"]


MAVEN_Q = ["alpha", "a", "beta", "b", "milestone", "m", "rc", "cr", "snapshot", "SNAPSHOT", "ga",
           "final", "release", "sp", "foo", "abc", "x", "RC", "Final", "Alpha", "jre", "android",
           "M", "z"]


def maven_parts():
    items = []
    for i in range(R.randint(1, 7)):
        items.append(num() if R.random() < 0.55 else ch(MAVEN_Q))
        items.append(ch([".", ".", "-", "-", ""]))
    return {"items": items[:-1] if R.random() < 0.9 else items}


def maven_str(p):
    return "".join(p["items"])


def gem_parts():
    seg = lambda: ch(["0", "1", "2", "00", "10", "a", "b", "pre", "rc", "A", "rc1", "1a", "beta2",
                      "ZZ", "alpha", "0a", "z"])
    p = {"ws": ch([""] * 10 + [" "]), "rel": num() + "".join("." + seg() for _ in range(R.randint(0, 4))),
         "pre": ""}
    if R.random() < 0.3:
        p["pre"] = "-" + ".".join(ch(["pre", "1", "a-b", "rc", "0", "beta-1", "x"]) for _ in range(R.randint(1, 2)))
    return p


def gem_str(p):
    return p["ws"] + p["rel"] + p["pre"] + p["ws"]


GEN = {"pep440": (pep440_parts, pep440_str), "semver": (semver_parts, semver_str),
       "go": (go_parts, semver_str), "maven": (maven_parts, maven_str), "gem": (gem_parts, gem_str)}
parts, render = GEN[scheme]
JUNK = ["", ".", "-", "+", "_", "..", "a", "!", "~", "x1", "1..0", "v"]


def garble(s):
    """Break a version a little: drop, double or insert a character."""
    i = R.randrange(len(s) + 1)
    op = R.randrange(3)
    if op == 0 and s:
        return s[:i] + s[i + 1:]
    if op == 1 and i < len(s):
        return s[:i] + s[i] + s[i:]
    return s[:i] + ch(".-_+!av0") + s[i:]


def one(p=None):
    if p is None:
        p = parts()
    s = render(p)
    r = R.random()
    if r < 0.04:
        s = garble(s)
    elif r < 0.05:
        s = ch(JUNK)
    return s


# Go's shorthands (v1, v1.2) are SemVer to Go but not to node-semver; node-semver also rejects
# numbers above 2^53 - 1 (JavaScript's exact integers), which SemVer itself allows.
go_short = re.compile(r"^v(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?$")
out = []
while len(out) < count:
    p = parts()
    a = one(p)
    if R.random() < 0.6:
        # A near neighbour: one part changed, or the same parts spelt again.
        q = dict(p)
        if R.random() < 0.95:
            k = ch(list(q))
            q[k] = parts()[k]
        b = one(q)
    else:
        b = one()
    if R.random() < 0.5:
        a, b = b, a
    # Go's form always has the leading v (bulwark also reads SemVer without it).
    if scheme == "go" and any(not x.startswith("v") or len(x) > 256 or re.search("[0-9]{16}", x) for x in (a, b)):
        continue
    if scheme == "semver" and any(go_short.match(x) or len(x) > 256 or re.search("[0-9]{16}", x) for x in (a, b)):
        continue
    out.append(a + "\t" + b)
sys.stdout.write("\n".join(out) + "\n")
