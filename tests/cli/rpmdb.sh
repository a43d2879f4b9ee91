#!/bin/sh
# rpm's Berkeley DB (Packages) and ndb (Packages.db) databases in an image's package inventory,
# with rpm as the oracle: real packages built by rpmbuild (300 small ones, so the hash spans
# several pages, an epoch, an architecture, and one whose header needs overflow pages) and
# installed with `rpm --justdb` into an rpmdb.sqlite; their header blobs written into Berkeley
# DB hash files by db_load (little-endian 1 KiB pages, every header in overflow pages;
# big-endian 64 KiB pages, small headers on the hash pages), which rpm's bdb_ro backend must
# list exactly as bulwark does; and a file with page checksums, which bdb_ro does not read. Debian's rpm has no ndb backend: that file is generated from
# the format (tests/cli/rpmdb_fixture.py), and bulwark must list what rpm lists from the
# SQLite database the same blobs came from. Then broken files: one warning naming the file.
# usage: tests/cli/rpmdb.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=rpmdb
. "$(dirname "$0")/lib.sh"
FIX=$TOP/tests/cli/rpmdb_fixture.py
LOAD=$(command -v db5.3_load || command -v db_load)
for t in rpmbuild rpm "$LOAD"; do
	if ! command -v "$t" >/dev/null 2>&1; then
		check "rpmbuild, rpm and db5.3_load are installed (scripts/install-deps)" 1
		exit 1
	fi
done

# The packages.
mkdir -p SPECS db
cat >SPECS/many.spec <<'SPEC'
Name: bw-many
Version: 1.0
Release: 1
Summary: t
License: MIT
BuildArch: noarch
%description
t
%files
%{lua: for i = 1, 300 do print(string.format("%%package sub%03d\nSummary: s\n%%description sub%03d\nd\n%%files sub%03d\n", i, i, i)) end}
SPEC
cat >SPECS/epoch.spec <<'SPEC'
Name: bw-epoch
Epoch: 3
Version: 2.4.1
Release: 7.el8_2
Summary: t
License: MIT
%define debug_package %{nil}
%description
t
%files
%package libs
Summary: l
%description libs
l
%files libs
SPEC
{ printf 'Name: bw-big\nVersion: 0.9~rc1\nRelease: 2%%{?dist}\nSummary: big\nLicense: MIT\n'
  printf 'BuildArch: noarch\n%%description\n'
  seq -f 'line %05g of a description long enough that the header needs overflow pages' 900
  printf '%%files\n'; } >SPECS/big.spec
for s in many epoch big; do
	rpmbuild -bb --define "_topdir $T" --define 'dist .fc39' SPECS/$s.spec >>build.log 2>&1
done
rpmq() { rpm -qa --dbpath "$T/$1" --define "_db_backend $2" \
	--qf '%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE} %{ARCH} %{SOURCERPM}\n' 2>>err | sort; }
rpm --define '_db_backend sqlite' --dbpath "$T/db" --initdb 2>>err
rpm --define '_db_backend sqlite' --dbpath "$T/db" -i --justdb --nodeps \
	$(find RPMS -name '*.rpm' | sort) >>build.log 2>&1
rpmq db sqlite >want.sqlite
check "rpm built and installed 304 packages into an rpmdb.sqlite" \
	"$([ "$(wc -l <want.sqlite)" = 304 ] && grep -q '^bw-epoch-libs 3:2.4.1-7.el8_2 x86_64 bw-epoch-2.4.1-7.el8_2.src.rpm$' want.sqlite; echo $?)"

# The databases, and what rpm reads from them.
mkdir -p le be sum
python3 "$FIX" bdb-dump le le.dump db/rpmdb.sqlite 2>>err &&
	"$LOAD" -c db_lorder=1234 -c db_pagesize=1024 -f le.dump le/Packages 2>>err &&
	"$LOAD" -c db_lorder=1234 -c db_pagesize=8192 -c chksum=1 -f le.dump sum/Packages 2>>err
python3 "$FIX" bdb-dump be be.dump db/rpmdb.sqlite 2>>err &&
	"$LOAD" -c db_lorder=4321 -c db_pagesize=65536 -f be.dump be/Packages 2>>err
python3 "$FIX" ndb Packages.db db/rpmdb.sqlite 2>>err
rpmq le bdb_ro >want.le
rpmq be bdb_ro >want.be
check "rpm (bdb_ro) lists the same packages from the little-endian Berkeley DB" "$(cmp -s want.sqlite want.le; echo $?)"
check "rpm (bdb_ro) lists the same packages from the big-endian Berkeley DB" "$(cmp -s want.sqlite want.be; echo $?)"
check "rpm (bdb_ro) does not read the file with page checksums" "$([ -z "$(rpmq sum bdb_ro)" ]; echo $?)"
# What each file holds: its hash pages (type 13), whether it has overflow pages (7), and the
# item types of its headers (H_KEYDATA 1 on the page, H_OFFPAGE 3), key 0's counter left out.
shape() { python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read(); e = ">" if d[12:16] == b"\0\6\25\141" else "<"
ps, hdr = struct.unpack(e + "I", d[20:24])[0], 32 if d[26] & 1 else 26
pages = [d[p * ps:(p + 1) * ps] for p in range(1, len(d) // ps)]
u16 = lambda g, o: struct.unpack(e + "H", g[o:o + 2])[0]
items = {g[u16(g, hdr + 2 * i + 2)] for g in pages if g[25] == 13 for i in range(0, u16(g, 20), 2)
         if g[u16(g, hdr + 2 * i) + 1:u16(g, hdr + 2 * i) + 5] != bytes(4)}
print(sum(g[25] == 13 for g in pages), any(g[25] == 7 for g in pages), sorted(items))' "$1"; }
check "little-endian file: several hash pages, every header in overflow pages" \
	"$(shape le/Packages | grep -q '^\([0-9][0-9]\|[6-9]\) True \[3\]$'; echo $?)"
check "big-endian file: several hash pages, headers on them and one in overflow pages" \
	"$(shape be/Packages | grep -q '^[2-9] True \[1, 3\]$'; echo $?)"

# An image: os-release and one rpm database (at PATH) in one layer.
image() { # OUT OS-RELEASE PATH FILE
	python3 - "$@" <<'PY'
import hashlib, io, json, sys, tarfile
out, osrel, path, src = sys.argv[1:5]
def add(t, name, data):
    ti = tarfile.TarInfo(name); ti.mode = 0o644; ti.size = len(data); t.addfile(ti, io.BytesIO(data))
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    add(t, "etc/os-release", osrel.encode())
    add(t, path.lstrip("/"), open(src, "rb").read())
layer = b.getvalue()
cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                  "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]}}).encode()
name = hashlib.sha256(cfg).hexdigest() + ".json"
man = json.dumps([{"Config": name, "RepoTags": ["rpm/app:1"], "Layers": ["0/layer.tar"]}]).encode()
with tarfile.open(out, "w") as t:
    for n, data in ((name, cfg), ("0/layer.tar", layer), ("manifest.json", man)):
        add(t, n, data)
PY
}
# bulwark's packages as rpm's query prints them: NAME EPOCHNUM:VERSION-RELEASE ARCH SOURCE,
# where rpm's SOURCERPM is cut to the source package's name, as bulwark keeps it.
got() { python3 -c '
import json, sys, urllib.parse
for c in json.load(open(sys.argv[1]))["components"]:
    if c["type"] != "library":
        continue
    p = {q["name"]: q["value"] for q in c.get("properties", [])}
    q = dict(urllib.parse.parse_qsl(c["purl"].split("?", 1)[1]))
    v = c["version"] if ":" in c["version"] else "0:" + c["version"]
    print(c["name"], v, q.get("arch", "-"), p.get("bulwark:source", "-"), p.get("bulwark:path", "-"))' "$1" | sort; }
want() { sed 's/\.src\.rpm$//; s/^\(.*\) \(.*\)-[^-]*-[^-]*$/\1 \2/; s|$| '"$2"'|' "$1"; }

sbom_of() { # NAME OS-RELEASE PATH FILE WANT
	image "$1.tar" "$2" "$3" "$4" 2>>err
	run sbom --no-cache "docker-archive:$1.tar"
	cp out "$1.json"
	got "$1.json" >"got.$1" 2>>err
	want "$5" "$3" >"want.$1"
	check "$1: exit 0, nothing on stderr, exactly the $(wc -l <"want.$1") packages rpm lists" \
		"$([ "$rc" = 0 ] && [ ! -s err ] && cmp -s "want.$1" "got.$1"; echo $?)"
}
: >err
RHEL='ID="rhel"
VERSION_ID="7.9"'
sbom_of bdb-le "$RHEL" /var/lib/rpm/Packages le/Packages want.le
sbom_of bdb-be 'ID="rocky"
VERSION_ID="8.9"' /var/lib/rpm/Packages be/Packages want.be
sbom_of bdb-sum "$RHEL" /var/lib/rpm/Packages sum/Packages want.le
sbom_of ndb 'ID="opensuse-leap"
VERSION_ID="15.5"
PRETTY_NAME="openSUSE Leap 15.5"' /usr/lib/sysimage/rpm/Packages.db Packages.db want.sqlite
cp bdb-le.json out
check "the distribution's ecosystem and purls, the epoch apart" \
	"$(py "[c for c in d['components'] if c['name'] == 'bw-epoch-libs'][0]['purl'] == 'pkg:rpm/rhel/bw-epoch-libs@2.4.1-7.el8_2?arch=x86_64&epoch=3&distro=rhel-7.9' and {p['value'] for c in d['components'] for p in c.get('properties', []) if p['name'] == 'bulwark:ecosystem'} == {'Red Hat:enterprise_linux:7'}")"
cp ndb.json out
check "ndb: openSUSE's ecosystem" \
	"$(py "{p['value'] for c in d['components'] for p in c.get('properties', []) if p['name'] == 'bulwark:ecosystem'} == {'openSUSE:Leap 15.5'}")"

# Broken files: the packages read before the fault are kept, one warning names the file.
python3 - le/Packages be/Packages Packages.db <<'PY'
import struct, sys
le, be, ndb = (open(p, "rb").read() for p in sys.argv[1:4])
open("trunc", "wb").write(le[:len(le) // 2])
# The first overflow page of the little-endian file points at itself: a cycle.
ps = struct.unpack("<I", le[20:24])[0]
cyc = bytearray(le)
for p in range(1, len(le) // ps):
    if le[p * ps + 25] == 7:
        cyc[p * ps + 16:p * ps + 20] = struct.pack("<I", p)
        break
open("cycle", "wb").write(cyc)
# An overflow item of the big-endian file that starts past the last page.
bad = bytearray(be)
ps = struct.unpack(">I", be[20:24])[0]
for p in range(1, len(be) // ps):
    g = p * ps
    if be[g + 25] == 13:
        n = struct.unpack(">H", be[g + 20:g + 22])[0]
        offs = [struct.unpack(">H", be[g + 26 + 2 * i:g + 28 + 2 * i])[0] for i in range(1, n, 2)]
        big = [o for o in offs if be[g + o] == 3]
        if big:
            bad[g + big[0] + 4:g + big[0] + 8] = struct.pack(">I", 99999)
            break
open("range", "wb").write(bad)
# The first blob of the ndb file claims more bytes than the file has.
blk = struct.unpack("<I", ndb[40:44])[0] * 16
long = bytearray(ndb); long[blk + 12:blk + 16] = struct.pack("<I", 1 << 30)
open("long", "wb").write(long)
PY
broken() { # NAME PATH FILE MESSAGE MIN MAX: a warning; between MIN and MAX packages
	image "$1.tar" "$RHEL" "$2" "$3" 2>>err
	run sbom --no-cache "docker-archive:$1.tar"
	n=$(python3 -c 'import json,sys; print(sum(c["type"] == "library" for c in json.load(open(sys.argv[1]))["components"]))' out 2>>err)
	check "$1: exit 0, one warning naming the file and the place, $5 to $6 packages kept" \
		"$([ "$rc" = 0 ] && [ "$(grep -c . err)" = 1 ] && grep -q "$4" err && [ "$n" -ge "$5" ] && [ "$n" -le "$6" ]; echo $?)"
}
broken truncated /var/lib/rpm/Packages trunc \
	'/var/lib/rpm/Packages (layer 0): rpm Berkeley DB: truncated: [0-9]* bytes, the metadata says [0-9]* pages of 1024' 1 303
broken cycle /var/lib/rpm/Packages cycle \
	'/var/lib/rpm/Packages (layer 0): rpm Berkeley DB: page [0-9]* item [0-9]*: overflow page \([0-9]*\) holds [0-9]* bytes, more than the [0-9]* left' 1 303
broken out-of-range /var/lib/rpm/Packages range \
	'/var/lib/rpm/Packages (layer 0): rpm Berkeley DB: page [0-9]* item [0-9]*: overflow page 99999 out of range' 303 303
broken blob-too-long /var/lib/rpm/Packages.db long \
	'/var/lib/rpm/Packages.db (layer 0): rpm ndb: slot 2 (package 1): a blob of 1073741824 bytes does not fill its [0-9]* blocks' 303 303
exit 0
