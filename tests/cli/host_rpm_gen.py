#!/usr/bin/env python3
"""Repository metadata as dnf, yum and zypper cache it, for tests of pending updates on rpm
hosts: repomd.xml naming a primary.xml and an updateinfo.xml (createrepo_c's layout).
  host_rpm_gen.py DIR [options]
  --pkg "NAME ARCH EPOCH VER REL"   an entry of primary.xml (repeatable)
  --sec "NAME ARCH EPOCH VER REL"   a package of a security advisory in updateinfo.xml
  --fix "NAME ARCH EPOCH VER REL"   a package of a bugfix advisory
  --comp gz|xz|bz2|zst|none         how both are packed (default gz)
  --flat                            yum's layout: the files beside repomd.xml in DIR
  --no-updateinfo                   no updateinfo.xml
  --damage primary|updateinfo       that file cut in the middle of an element
  --zck primary|updateinfo          that file cached only as .zck (random bytes)
  --rpmdb SQLITE OUT                (instead) a copy of an rpmdb.sqlite keeping only the Packages
                                    table, which is all bulwark reads (small fixtures)
  --random SEED INSTALLED           (instead) one to three repositories in DIR/var/cache/dnf
                                    offering versions around the installed ones (INSTALLED: lines
                                    "NAME ARCH EPOCH VER REL"): higher, lower, equal, other epochs,
                                    ~ and ^, other architectures, security and bugfix advisories"""
import argparse, bz2, gzip, hashlib, lzma, os, random, shutil, sqlite3, subprocess, sys
from xml.sax.saxutils import quoteattr

def pack(data, comp):
    if comp == "gz":
        return gzip.compress(data, mtime=0), ".xml.gz"
    if comp == "xz":
        return lzma.compress(data), ".xml.xz"
    if comp == "bz2":
        return bz2.compress(data), ".xml.bz2"
    if comp == "zst":
        return subprocess.run(["zstd", "-q", "-c"], input=data, stdout=subprocess.PIPE,
                              check=True).stdout, ".xml.zst"
    return data, ".xml"

def primary(pkgs):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/'
           'metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="%d">'
           % len(pkgs)]
    for n, a, e, v, r in pkgs:
        out.append('<package type="rpm">\n  <name>%s</name>\n  <arch>%s</arch>\n'
                   '  <version epoch=%s ver=%s rel=%s/>\n  <summary>%s &amp; more</summary>\n'
                   '  <location href="Packages/%s-%s-%s.%s.rpm"/>\n  <format>\n'
                   '    <rpm:provides><rpm:entry name=%s flags="EQ" epoch=%s ver=%s rel=%s/>'
                   '</rpm:provides>\n  </format>\n</package>'
                   % (n, a, quoteattr(e), quoteattr(v), quoteattr(r), n, n, v, r, a,
                      quoteattr(n), quoteattr(e), quoteattr(v), quoteattr(r)))
    out.append('</metadata>\n')
    return "\n".join(out).encode()

def updateinfo(sec, fix):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<updates>']
    for k, (kind, pkgs) in enumerate((("security", sec), ("bugfix", fix))):
        for i, (n, a, e, v, r) in enumerate(pkgs):
            out.append('<update from="updates@example.org" status="stable" type="%s" '
                       'version="2.0">\n <id>TEST-%d-%d</id>\n <title>%s</title>\n'
                       ' <pkglist><collection short="t"><name>t</name>\n'
                       '  <package name=%s version=%s release=%s epoch=%s arch=%s src="x">'
                       '<filename>%s-%s-%s.%s.rpm</filename></package>\n'
                       ' </collection></pkglist>\n</update>'
                       % (kind, k, i, n, quoteattr(n), quoteattr(v), quoteattr(r),
                          quoteattr(e), quoteattr(a), n, v, r, a))
    out.append('</updates>\n')
    return "\n".join(out).encode()

def around(rng, e, v, r):
    """A version near e:v-r."""
    k = rng.randrange(9)
    if k == 0:
        return e, v, r
    if k == 1:
        return str(int(e) + 1), "0.1", "1"
    if k == 2 and int(e) > 0:
        return str(int(e) - 1), v + ".9", r
    if k == 3:
        return e, v + "~rc%d" % rng.randrange(3), r
    if k == 4:
        return e, v + "^git%d" % rng.randrange(3), r
    if k == 5:
        return e, v, r + ".%d" % rng.randrange(3)
    if k == 6:
        return e, v, str(rng.randrange(3))
    if k == 7:
        return e, v + ".%d" % rng.randrange(3), "1"
    return e, "0.%d" % rng.randrange(3), r


def randomized(seed, root, installed):
    rng = random.Random(seed)
    inst = [tuple(l.split()) for l in open(installed) if l.strip()]
    for n in range(rng.randrange(1, 4)):
        rid = "repo%d" % n
        pkgs, sec, fix = [], [], []
        for name, arch, e, v, r in inst:
            for _ in range(rng.randrange(3)):
                a = rng.choice([arch, arch, "noarch", "aarch64", "i686"])
                evr = around(rng, e, v, r)
                pkgs.append((name, a) + evr)
                if rng.randrange(3) == 0:
                    (sec if rng.randrange(2) else fix).append((name, a) + evr)
                if rng.randrange(4) == 0:   # an advisory for a version no primary offers
                    sec.append((name, a) + around(rng, e, v, r))
        d = os.path.join(root, "var/cache/dnf", "%s-%016x" % (rid, rng.getrandbits(64)))
        write(d, pkgs, sec, fix, rng.choice(["gz", "xz", "bz2", "none"]),
              rng.randrange(4) == 0, None, None, False)


def write(d, pkgs, sec, fix, comp, no_updateinfo, damage, zck, flat):
    files = {"primary": primary(pkgs)}
    if not no_updateinfo:
        files["updateinfo"] = updateinfo(sec, fix)
    rd = os.path.join(d, "" if flat else "repodata")
    os.makedirs(rd, exist_ok=True)
    data = []
    for kind, xml in files.items():
        body, ext = pack(xml, comp)
        if damage == kind:
            body, ext = xml[:len(xml) * 2 // 3], ".xml"
        if zck == kind:
            body, ext, kind = b"\0ZCK1" + hashlib.sha256(xml).digest(), ".xml.zck", kind + "_zck"
        name = "%s-%s%s" % (hashlib.sha256(body).hexdigest(), kind.split("_")[0], ext)
        with open(os.path.join(rd, name), "wb") as f:
            f.write(body)
        data.append('<data type="%s">\n  <checksum type="sha256">%s</checksum>\n'
                    '  <location href="repodata/%s"/>\n  <size>%d</size>\n</data>'
                    % (kind, hashlib.sha256(body).hexdigest(), name, len(body)))
    with open(os.path.join(rd, "repomd.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<repomd xmlns="http://linux.duke.edu/'
                'metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">\n'
                '<revision>1700000000</revision>\n%s\n</repomd>\n' % "\n".join(data))


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("dir")
    ap.add_argument("out", nargs="?")
    for o in ("pkg", "sec", "fix"):
        ap.add_argument("--" + o, action="append", default=[])
    ap.add_argument("--comp", default="gz")
    ap.add_argument("--flat", action="store_true")
    ap.add_argument("--no-updateinfo", action="store_true")
    ap.add_argument("--damage")
    ap.add_argument("--zck")
    ap.add_argument("--rpmdb", action="store_true")
    ap.add_argument("--random")
    a = ap.parse_args()
    if a.rpmdb:
        shutil.copyfile(a.dir, a.out)
        d = sqlite3.connect(a.out)
        d.execute("PRAGMA journal_mode=DELETE")
        for (t,) in d.execute("SELECT name FROM sqlite_master WHERE type='table' AND name "
                              "NOT IN ('Packages', 'sqlite_sequence')").fetchall():
            d.execute('DROP TABLE "%s"' % t)
        d.commit()
        d.execute("VACUUM")
        d.close()
        return
    if a.random is not None:
        randomized(int(a.random), a.dir, a.out)
        return
    split = lambda l: [tuple(s.split()) for s in l]
    write(a.dir, split(a.pkg), split(a.sec), split(a.fix), a.comp, a.no_updateinfo, a.damage,
          a.zck, a.flat)


if __name__ == "__main__":
    main()
