#!/bin/sh
# Patches on rpm hosts: pending updates computed offline from the rpm database and the
# repository metadata dnf, yum or zypper cached, with dnf itself as the oracle (Debian's dnf and
# libdnf, over the same root and the same repositories, on generated versions: epochs, ~ and ^,
# multilib, two installed versions of a package, other architectures, security advisories for
# versions no repository offers); the exact findings of the fixture trees; the cache layouts of
# dnf 5, yum and zypper; damaged and zchunk-only files; the ndb database; a database over the
# 16 MiB a host file may otherwise take.
# usage: tests/cli/host_rpm.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=host-rpm
. "$(dirname "$0")/lib.sh"
GEN=$TOP/tests/cli/host_rpm_gen.py
FIX=$TOP/tests/fixtures
SYSPY=/usr/bin/python3     # Debian's, with its rpm and dnf modules

mkdir rec
cp "$FIX/BW-E001/fires/engine/info.json" "$FIX/BW-E001/fires/engine/version.json" rec/
audit() {
	"$BW" audit --no-config --root "$1" --replay "$T/rec" --format json >out 2>err </dev/null
	rc=$?
}
field() { # RULE message|evidence|path
	python3 -c "
import json,sys
d=json.load(open('out'))
get = lambda f: (f['location'] or {}).get('path') if sys.argv[2] == 'path' else f.get(sys.argv[2])
print('|'.join(get(f) or '' for f in d['findings'] if f['rule']==sys.argv[1]))" "$1" "$2"
}
# what JSON lists of KIND (errors, warnings) say, "input:line: message" each
said() {
	python3 -c "
import json,sys
for e in json.load(open('out'))[sys.argv[1]]:
    print('%s:%s: %s' % (e.get('input'), e.get('line'), e.get('message')))" "$1" 2>/dev/null
}

if ! command -v rpmbuild >/dev/null 2>&1 || ! $SYSPY -c 'import rpm, dnf' 2>/dev/null; then
	check "rpmbuild, python3-rpm and python3-dnf are installed (scripts/install-deps)" 1
	exit 1
fi

# 1. The installed packages: built by rpmbuild, installed by rpm into an rpmdb.sqlite.
mkdir -p SPECS db
spec() { # NAME VERSION RELEASE ARCH [EPOCH]
	{ printf 'Name: %s\n' "$1"; [ -z "${5:-}" ] || printf 'Epoch: %s\n' "$5"
	  printf 'Version: %s\nRelease: %s\nSummary: t\nLicense: MIT\n' "$2" "$3"
	  [ "$4" != noarch ] || printf 'BuildArch: noarch\n'
	  printf '%%description\nt\n%%files\n'; } >"SPECS/$1-$2-$4.spec"
	rpmbuild -bb --define "_topdir $T" --target "$4" "SPECS/$1-$2-$4.spec" >>build.log 2>&1
	echo "$1 $4 ${5:-0} $2 $3" >>installed
}
spec bw-a 1.0 1.fc39 x86_64
spec bw-b 2.0~rc1 1.fc39 x86_64
spec bw-c 1.2^git1 3 noarch
spec bw-d 5.0 1.el9 x86_64 2
spec bw-e 0.9 1 x86_64
spec bw-e 0.9 1 i686
spec bw-k 6.1 1 x86_64
spec bw-k 6.2 1 x86_64
spec bw-f 10 0.1.beta x86_64
spec bw-g 1.0 1 noarch 1
rpm --define '_db_backend sqlite' --dbpath "$T/db" --initdb 2>>err
rpm --define '_db_backend sqlite' --dbpath "$T/db" -i --justdb --nodeps --ignorearch \
	$(find RPMS -name '*.rpm' | sort) >>build.log 2>&1
n=$(rpm --define '_db_backend sqlite' --dbpath "$T/db" -qa 2>/dev/null | wc -l)
check "rpm installed 10 packages (two versions of bw-k, bw-e for two architectures)" \
	"$([ "$n" = 10 ]; echo $?)"

# 2. dnf as the oracle: the upgrades it finds in each generated root, and whether a security
#    advisory names an EVR above the installed one and at most the candidate.
cat >oracle.py <<'PY'
import glob, os, sys, tempfile
import rpm, dnf, hawkey
root = sys.argv[1]
b = dnf.Base()
b.conf.installroot = root
b.conf.cachedir = tempfile.mkdtemp(dir=os.environ["T"])
b.conf.reposdir = []
b.conf.substitutions["releasever"] = "39"
for d in sorted(glob.glob(root + "/var/cache/dnf/*/repodata/repomd.xml")):
    rd = os.path.dirname(os.path.dirname(d))
    b.repos.add_new_repo(os.path.basename(rd).rsplit("-", 1)[0], b.conf, baseurl=["file://" + rd])
rpm.addMacro("_dbpath", "/var/lib/rpm")   # Debian's rpm keeps its own elsewhere
b.fill_sack(load_system_repo=True)
evr = lambda s: (s.split(":")[0] if ":" in s else "0", s.split(":")[-1].rsplit("-", 1)[0],
                 s.rsplit("-", 1)[1])
key = lambda p: evr(p.evr)
cmp = lambda a, b: rpm.labelCompare(evr(a.evr), evr(b.evr))
ups = list(b.sack.query().upgrades())
# per installed name and architecture (the highest installed), dnf's upgrades of that
# architecture or noarch, the highest of them the candidate
for ip in b.sack.query().installed().latest(1):
    cand = None
    for p in ups:
        if p.name == ip.name and p.arch in (ip.arch, "noarch") and cmp(p, ip) > 0 and \
           (cand is None or cmp(p, cand) > 0):
            cand = p
    if cand is None:
        continue
    sec = any(
              a.get_advisory(b.sack).type == hawkey.ADVISORY_SECURITY and
              cmp(a, ip) > 0 and cmp(a, cand) <= 0
              for a in b.sack.query().installed().filter(name=ip.name, arch=ip.arch)
                                      .get_advisory_pkgs(hawkey.GT))
    print(sys.argv[2], ip.name, cand.evr, "S" if sec else "-")
PY
seeds=${RPM_SEEDS:-20}
: >dnf.all; : >us.all
i=0
while [ $i -lt "$seeds" ]; do   # bounded: $seeds hosts of 10 packages
	i=$((i + 1))
	R=$T/r$i
	mkdir -p "$R/var/lib/rpm"
	cp db/rpmdb.sqlite "$R/var/lib/rpm/"
	python3 "$GEN" "$R" installed --random "$i"
	T=$T $SYSPY oracle.py "$R" "$i" >>dnf.all 2>>err
	audit "$R"
	python3 - "$i" >>us.all <<'PY'
import json, sys
for f in json.load(open("out"))["findings"]:
    sec = {"BW-H045": "S", "BW-H046": "-"}.get(f["rule"])
    for e in (f["evidence"] or "").split(", ") if sec else ():
        w = e.split()
        print(sys.argv[1], w[0], w[3], sec)
PY
done
sort dnf.all >dnf.s; sort us.all >us.s
n=$(wc -l <dnf.s); ns=$(grep -c ' S$' dnf.s)
if [ "$n" -ge 40 ] && [ "$ns" -ge 5 ] && cmp -s dnf.s us.s; then
	check "pending updates and security ones agree with dnf ($n updates, $ns security, $seeds hosts)" 0
else
	diff dnf.s us.s | head -10 >&2
	check "pending updates and security ones agree with dnf ($n updates, $ns security, $seeds hosts)" 1
fi

# 3. The fixture trees, exactly.
audit "$FIX/BW-H045/fires-rpm-security/root"
check "security update: the advisory's 3.0.8 lies between the installed and the candidate" \
	"$([ "$(field BW-H045 message)" = "1 security update pending against the package lists in /var/cache/dnf: bw-openssl 3.0.7-25.fc39 -> 1:3.0.9-1.fc39 (updates)" ]; echo $?)"
check "other update listed, the i686 zlib (and its advisory) left out" \
	"$([ "$(field BW-H046 evidence)" = "bw-tzdata 2023c-2.fc39 -> 2024a-1.fc39 (updates)" ]; echo $?)"
audit "$FIX/BW-H045/passes-rpm-none-pending/root"
check "nothing pending: equal, lower, other-architecture and advisory-only versions" \
	"$([ -z "$(field BW-H045 message)$(field BW-H046 message)" ] && [ "$rc" = 0 ]; echo $?)"

# 4. Cache layouts: dnf 5, yum (files beside repomd.xml), zypper; no updateinfo.
layout() { # NAME DIR [GEN OPTIONS]: a root whose only repository is DIR
	R=$T/$1; shift
	mkdir -p "$R/var/lib/rpm"; cp db/rpmdb.sqlite "$R/var/lib/rpm/"
	d=$1; shift
	python3 "$GEN" "$R$d" --pkg "bw-a x86_64 0 1.1 1.fc39" --sec "bw-a x86_64 0 1.1 1.fc39" "$@"
	audit "$R"
}
layout dnf5 /var/cache/libdnf5/updates-0011223344556677 --comp zst
check "dnf 5's cache (zstd)" \
	"$([ "$(field BW-H045 message)" = "1 security update pending against the package lists in /var/cache/libdnf5: bw-a 1.0-1.fc39 -> 1.1-1.fc39 (updates)" ]; echo $?)"
layout yum /var/cache/yum/x86_64/7/base --flat
check "yum's cache: the files beside repomd.xml, the repository named by its directory" \
	"$([ "$(field BW-H045 evidence)" = "bw-a 1.0-1.fc39 -> 1.1-1.fc39 (base)" ] && [ "$(field BW-H045 path)" = /var/lib/rpm/rpmdb.sqlite ]; echo $?)"
layout zypp /var/cache/zypp/raw/repo-oss-update --no-updateinfo
check "zypper's cache without updateinfo: an update, not known to be a security one" \
	"$([ "$(field BW-H046 message)" = "1 update (the indexes do not mark security ones) pending against the package lists in /var/cache/zypp/raw: bw-a 1.0-1.fc39 -> 1.1-1.fc39 (repo-oss-update)" ] && [ -z "$(field BW-H045 message)" ]; echo $?)"

# 5. A damaged primary: one input error naming it, exit 2, the other repository still counts.
R=$T/damaged
mkdir -p "$R/var/lib/rpm"; cp db/rpmdb.sqlite "$R/var/lib/rpm/"
python3 "$GEN" "$R/var/cache/dnf/broken-0123456789abcdef" --damage primary \
	--pkg "bw-a x86_64 0 9 1" --pkg "bw-b x86_64 0 9 1" --pkg "bw-c noarch 0 9 1"
python3 "$GEN" "$R/var/cache/dnf/good-0123456789abcdef" --pkg "bw-f x86_64 0 11 1"
audit "$R"
p=$(ls "$R"/var/cache/dnf/broken-*/repodata/*-primary.xml)
check "damaged primary: exit 2, one error naming the file and line, the other repository counts" \
	"$([ "$rc" = 2 ] && [ "$(said errors | wc -l)" = 1 ] &&
	   said errors | grep -q "^$p:[1-9][0-9]*: cannot read the primary metadata: " &&
	   [ "$(field BW-H046 evidence)" = "bw-f 10-0.1.beta -> 11-1 (good)" ]; echo $?)"
# A repository whose primary is cached only as zchunk: one warning, skipped.
R=$T/zck
mkdir -p "$R/var/lib/rpm"; cp db/rpmdb.sqlite "$R/var/lib/rpm/"
python3 "$GEN" "$R/var/cache/dnf/fedora-0123456789abcdef" --zck primary --pkg "bw-a x86_64 0 9 1"
audit "$R"
check "zchunk-only primary: one warning naming repomd.xml, no update, exit 0" \
	"$([ "$rc" = 0 ] && said warnings | grep -q "^$R/var/cache/dnf/fedora-0123456789abcdef/repodata/repomd.xml:None: the repository's primary is cached only zchunk-compressed" &&
	   [ -z "$(field BW-H046 message)" ]; echo $?)"

# yum's cache with the SQLite primary only: one warning, skipped.
R=$T/yumdb
Y=$R/var/cache/yum/x86_64/7/base
mkdir -p "$R/var/lib/rpm" "$Y"; cp db/rpmdb.sqlite "$R/var/lib/rpm/"
printf 'BZh9' >"$Y/0a-primary.sqlite.bz2"
printf '<repomd><data type="primary"><location href="repodata/0b-primary.xml.gz"/></data>
<data type="primary_db"><location href="repodata/0a-primary.sqlite.bz2"/></data></repomd>\n' \
	>"$Y/repomd.xml"
audit "$R"
check "yum's SQLite primary only: one warning, no update, exit 0" \
	"$([ "$rc" = 0 ] && [ "$(said warnings | grep -c repomd.xml)" = 1 ] &&
	   said warnings | grep -q "^$Y/repomd.xml:None: the repository's primary is cached only as SQLite (primary_db), which is not read: its updates are not counted$"; echo $?)"

# 6. The ndb Packages.db (openSUSE), and an rpmdb.sqlite over 16 MiB.
R=$T/ndb
mkdir -p "$R/usr/lib/sysimage/rpm"
python3 "$TOP/tests/cli/rpmdb_fixture.py" ndb "$R/usr/lib/sysimage/rpm/Packages.db" db/rpmdb.sqlite
python3 "$GEN" "$R/var/cache/zypp/raw/repo-oss" --pkg "bw-g noarch 1 1.0 2"
audit "$R"
check "ndb database: the update found, the database named" \
	"$([ "$(field BW-H046 evidence)" = "bw-g 1:1.0-1 -> 1:1.0-2 (repo-oss)" ] &&
	   [ "$(field BW-H046 path)" = /usr/lib/sysimage/rpm/Packages.db ]; echo $?)"
R=$T/big
mkdir -p "$R/var/lib/rpm"; cp db/rpmdb.sqlite "$R/var/lib/rpm/"
python3 -c "
import sqlite3, sys
d = sqlite3.connect(sys.argv[1]); d.execute('CREATE TABLE Filler (b BLOB)')
d.execute('INSERT INTO Filler VALUES (zeroblob(20000000))'); d.commit()" "$R/var/lib/rpm/rpmdb.sqlite"
python3 "$GEN" "$R/var/cache/dnf/fedora-0123456789abcdef" --pkg "bw-a x86_64 0 1.1 1"
size=$(wc -c <"$R/var/lib/rpm/rpmdb.sqlite")
audit "$R"
check "a ${size}-byte rpmdb.sqlite is read whole" \
	"$([ "$size" -gt 16777216 ] && [ "$(field BW-H046 evidence)" = "bw-a 1.0-1.fc39 -> 1.1-1 (fedora)" ]; echo $?)"

# 7. A primary of some 100 MB (a distribution's is of that order) streamed with bounded
#    memory: the installed package near its end is found.
R=$T/huge
mkdir -p "$R/var/lib/rpm" "$R/var/cache/dnf/fedora-0123456789abcdef/repodata"
cp db/rpmdb.sqlite "$R/var/lib/rpm/"
python3 - "$R/var/cache/dnf/fedora-0123456789abcdef/repodata" <<'PY'
import gzip, sys
d = sys.argv[1]
with gzip.open(d + "/primary.xml.gz", "wt", compresslevel=1) as f:
    f.write('<?xml version="1.0"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" '
            'xmlns:rpm="http://linux.duke.edu/metadata/rpm">\n')
    for i in range(200000):
        if i == 190000:
            f.write('<package type="rpm"><name>bw-f</name><arch>x86_64</arch>'
                    '<version epoch="0" ver="12" rel="1"/></package>\n')
        f.write('<package type="rpm"><name>p%d</name><arch>x86_64</arch><version epoch="0" '
                'ver="1.%d" rel="1"/><description>%s</description><format><rpm:provides>'
                '<rpm:entry name="p%d"/></rpm:provides></format></package>\n'
                % (i, i, "filler " * 60, i))
    f.write('</metadata>\n')
open(d + "/repomd.xml", "w").write('<repomd xmlns="http://linux.duke.edu/metadata/repo">'
    '<data type="primary"><location href="repodata/primary.xml.gz"/></data></repomd>\n')
PY
size=$(gzip -dc "$R/var/cache/dnf/fedora-0123456789abcdef/repodata/primary.xml.gz" | wc -c)
rss() { # ROOT: the audit's peak resident memory in KiB (0 without /usr/bin/time), JSON in out
	if [ -x /usr/bin/time ]; then   # an ASan build holds freed memory in its quarantine: not here
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1" \
		/usr/bin/time -f %M -o rss "$BW" audit --no-config --root "$1" --replay "$T/rec" \
			--format json >out 2>>err </dev/null
		tail -1 rss
	else
		audit "$1"; echo 0
	fi
}
mkdir -p "$T/tiny/var/lib/rpm"; cp db/rpmdb.sqlite "$T/tiny/var/lib/rpm/"
base=$(rss "$T/tiny")
big=$(rss "$R")
check "a ${size}-byte primary streamed: the update near its end is found" \
	"$([ "$(field BW-H046 evidence)" = "bw-f 10-0.1.beta -> 12-1 (fedora)" ] && [ "$size" -gt 80000000 ]; echo $?)"
check "memory stays bounded while streaming (max RSS ${big} KiB, ${base} KiB without the cache)" \
	"$([ "$big" -lt $((base + 16384)) ]; echo $?)"

# 8. An external entity in a primary is not fetched: its text stays out of the package name.
R=$T/xxe
mkdir -p "$R/var/lib/rpm" "$R/var/cache/dnf/fedora-0123456789abcdef/repodata"
cp db/rpmdb.sqlite "$R/var/lib/rpm/"
printf 'bw-a' >"$T/outside"
cat >"$R/var/cache/dnf/fedora-0123456789abcdef/repodata/primary.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE metadata [ <!ENTITY x SYSTEM "file://$T/outside"> ]>
<metadata xmlns="http://linux.duke.edu/metadata/common"><package type="rpm"><name>&x;</name>
<arch>x86_64</arch><version epoch="0" ver="9" rel="1"/></package>
<package type="rpm"><name>bw-b</name><arch>x86_64</arch><version epoch="0" ver="9" rel="1"/>
</package></metadata>
XML
printf '<repomd><data type="primary"><location href="repodata/primary.xml"/></data></repomd>\n' \
	>"$R/var/cache/dnf/fedora-0123456789abcdef/repodata/repomd.xml"
audit "$R"
check "an external entity is not read (bw-a not offered), the next package is" \
	"$([ "$(field BW-H046 evidence)" = "bw-b 2.0~rc1-1.fc39 -> 9-1 (fedora)" ]; echo $?)"
