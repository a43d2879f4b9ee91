#!/usr/bin/env python3
"""apk host trees for the patch tests: /lib/apk/db/installed, /etc/apk/{repositories,arch,world}
and the APKINDEX.<hash>.tar.gz files apk-tools 2.x caches, laid out as apk does: a gzip member
holding the signature's tar without its end blocks, then a gzip member holding DESCRIPTION and
APKINDEX. The cache name is the first 4 bytes of SHA-1("URL[/]ARCH/APKINDEX.tar.gz") in hex
(apk-tools 2.12 on; before, SHA-1 of the URL alone: legacy=True).

usage: host_apk_gen.py fixtures TOP     rebuild the committed trees under TOP/tests/fixtures
       host_apk_gen.py seeds DIR        seeds for fuzz/fuzz_host (its files[] 17 to 19)
       (or import it: build(root, spec), index_bytes(records), cache_name(url, arch))"""
import gzip
import hashlib
import io
import os
import sys
import tarfile


def _member(name, data):
    ti = tarfile.TarInfo(name)
    ti.size, ti.mtime, ti.mode = len(data), 1700000000, 0o644
    ti.uname = ti.gname = "root"
    pad = (512 - len(data) % 512) % 512
    return ti.tobuf(tarfile.USTAR_FORMAT) + data + b"\0" * pad


def _gz(data):
    return gzip.compress(data, mtime=0)


def index_text(records):
    """records: (name, version, arch or None) tuples -> the APKINDEX text."""
    out = []
    for name, ver, arch in records:
        out.append("C:Q1%s=\nP:%s\nV:%s\n" % ("A" * 27, name, ver) +
                   ("A:%s\n" % arch if arch else "") +
                   "S:1000\nI:4096\nT:%s, for tests\nU:https://example.org\nL:MIT\n" % name +
                   "o:%s\nt:1700000000\nD:so:libc.musl-x86_64.so.1\n" % name)
    return "\n".join(out) + "\n"


def index_bytes(records=(), text=None):
    sig = _member(".SIGN.RSA.test-00000000.rsa.pub", b"\x01" * 256)   # no end blocks
    body = (_member("DESCRIPTION", b"v3.19.1-0-g0000000000") +
            _member("APKINDEX", (text if text is not None else index_text(records)).encode()) +
            b"\0" * 1024)
    return _gz(sig) + _gz(body)


def cache_name(url, arch="x86_64", legacy=False):
    s = url if legacy else "%s%s%s/APKINDEX.tar.gz" % (url, "" if url.endswith("/") else "/", arch)
    return "APKINDEX.%s.tar.gz" % hashlib.sha1(s.encode()).hexdigest()[:8]


def _write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def build(root, spec):
    """spec: installed [(name, version, arch)], repositories [lines], arch, world [words],
    cache (directory, default /var/cache/apk), indexes {file name: bytes}."""
    _write(root + "/lib/apk/db/installed", "".join(
        "C:Q1%s=\nP:%s\nV:%s\nA:%s\nS:1000\nI:4096\nT:%s\no:%s\n\n" % ("B" * 27, n, v, a, n, n)
        for n, v, a in spec["installed"]))
    if "repositories" in spec:
        _write(root + "/etc/apk/repositories", "".join(l + "\n" for l in spec["repositories"]))
    if "arch" in spec:
        _write(root + "/etc/apk/arch", spec["arch"] + "\n")
    if "world" in spec:
        _write(root + "/etc/apk/world", "".join(w + "\n" for w in spec["world"]))
    cache = root + spec.get("cache", "/var/cache/apk")
    os.makedirs(cache, exist_ok=True)
    for name, data in spec.get("indexes", {}).items():
        _write(cache + "/" + name, data)


MAIN = "https://dl-cdn.alpinelinux.org/alpine/v3.19/main"
COMMUNITY = "https://dl-cdn.alpinelinux.org/alpine/v3.19/community"
INSTALLED = [("musl", "1.2.4_git20230717-r4", "x86_64"), ("busybox", "1.36.1-r15", "x86_64"),
             ("ca-certificates-bundle", "20240226-r0", "x86_64"),
             ("docker-engine", "25.0.3-r1", "x86_64"), ("alpine-baselayout-data", "3.4.3-r2", "x86_64")]


def base(main, community, aarch64=None):
    spec = {"installed": INSTALLED, "repositories": [MAIN, COMMUNITY], "arch": "x86_64",
            "world": ["alpine-base", "docker"],
            "indexes": {cache_name(MAIN): index_bytes(main),
                        cache_name(COMMUNITY): index_bytes(community)}}
    if aarch64:
        url = MAIN.replace("v3.19", "v3.20")
        spec["indexes"][cache_name(url, "aarch64")] = index_bytes(aarch64)
    return spec


def fixtures(top):
    fx = top + "/tests/fixtures"
    # Two updates (busybox in main, docker-engine in community); an aarch64 index's higher
    # musl, an older ca-certificates-bundle and an equal one are not updates.
    build(fx + "/BW-H046/fires-apk/root", base(
        [("musl", "1.2.4_git20230717-r4", "x86_64"), ("busybox", "1.36.1-r19", "x86_64"),
         ("busybox", "1.36.1-r20", "aarch64"), ("ca-certificates-bundle", "20230506-r0", "x86_64"),
         ("alpine-baselayout-data", "3.4.3-r2", "noarch"), ("zlib", "1.3.1-r0", "x86_64")],
        [("docker-engine", "25.0.5-r0", "x86_64"), ("docker-engine", "25.0.3-r1", "x86_64")],
        [("musl", "1.2.5-r0", "aarch64"), ("busybox", "1.37.0-r0", "aarch64")]))
    # Nothing newer anywhere, but the aarch64 index offers newer versions of its own arch.
    build(fx + "/BW-H046/passes-apk-none-pending/root", base(
        [(n, v, a) for n, v, a in INSTALLED if n != "docker-engine"],
        [("docker-engine", "25.0.3-r1", "x86_64"), ("docker-engine", "24.0.9-r0", "x86_64")],
        [("musl", "1.2.5-r0", "aarch64"), ("docker-engine", "26.1.0-r0", "aarch64")]))
    # Updates pending on apk are never security ones: the indexes do not say.
    build(fx + "/BW-H045/passes-apk-unmarked/root", base(
        [("musl", "1.2.4_git20230717-r5", "x86_64")], []))


def seeds(out):
    os.makedirs(out, exist_ok=True)
    for name, data in {
            "apk-index": bytes([17]) + index_bytes([("musl", "1.2.5-r0", "x86_64"),
                                                    ("zlib", "1.3.1-r0", "noarch")]),
            "apk-world": bytes([18]) + b"musl zlib@edge>=1.3 !busybox\n",
            "apk-repositories": bytes([19]) + ("%s\n@edge %s\n" % (MAIN, COMMUNITY)).encode()}.items():
        _write(out + "/" + name, data)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "fixtures":
        fixtures(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "seeds":
        seeds(sys.argv[2])
    else:
        sys.exit(__doc__)
