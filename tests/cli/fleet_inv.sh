#!/bin/sh
# The fleet store's inventories and the report's vulnerabilities, against SQLite and a real
# PostgreSQL started here: an audit of a recorded engine writes its containers and images; an
# image run writes its packages once per digest, however many hosts record it; the report
# matches the stored packages of the images in use against the vulnerability store (made here
# with db import), so a record imported later shows up without rescanning; no store is a note;
# migrating from schema 2, and from 3 (the one before this bulwark's), keeps every row.
# usage: tests/cli/fleet_inv.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=fleet_inv
. "$(dirname "$0")/lib.sh"
PG=""
trap 'pg_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
. "$TOP/scripts/pg-lib.sh"

# ---- an image (docker-archive): a Debian 12 dpkg status and a Python package ----
python3 - img.tar >img.id <<'PY'
import hashlib, io, json, sys, tarfile
def add(t, name, data, mode=0o644, kind=tarfile.REGTYPE):
    ti = tarfile.TarInfo(name); ti.mode = mode; ti.type = kind; ti.size = len(data)
    t.addfile(ti, io.BytesIO(data) if data else None)
status = """Package: libssl3
Status: install ok installed
Architecture: amd64
Source: openssl
Version: 3.0.11-1~deb12u2

Package: zlib1g
Status: install ok installed
Architecture: amd64
Source: zlib
Version: 1:1.2.13.dfsg-1

"""
osrel = 'NAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n'
meta = "Metadata-Version: 2.1\nName: requests\nVersion: 2.30.0\n\n"
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    for d in ("etc", "var", "var/lib", "var/lib/dpkg", "usr", "usr/lib", "usr/lib/python3",
              "usr/lib/python3/dist-packages",
              "usr/lib/python3/dist-packages/requests-2.30.0.dist-info"):
        add(t, d, b"", 0o755, tarfile.DIRTYPE)
    add(t, "etc/os-release", osrel.encode())
    add(t, "var/lib/dpkg/status", status.encode())
    add(t, "usr/lib/python3/dist-packages/requests-2.30.0.dist-info/METADATA", meta.encode())
layer = b.getvalue()
cfg = json.dumps({"architecture": "amd64", "os": "linux",
                  "config": {"User": "app", "Healthcheck": {"Test": ["CMD", "true"]}},
                  "rootfs": {"type": "layers",
                             "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]},
                  "history": [{"created_by": "/bin/sh -c #(nop) ADD file:0123 in / "}]}).encode()
name = hashlib.sha256(cfg).hexdigest()
man = json.dumps([{"Config": name + ".json", "RepoTags": ["app:1"],
                   "Layers": ["0/layer.tar"]}]).encode()
with tarfile.open(sys.argv[1], "w") as t:
    for n, data in ((name + ".json", cfg), ("0/layer.tar", layer), ("manifest.json", man)):
        add(t, n, data)
print("sha256:" + name)
PY
IMG=$(cat img.id)
# An image of 123 packages: more than one INSERT's batch of rows.
python3 - <<'PY'
import hashlib, io, json, tarfile
def add(t, name, data, mode=0o644, kind=tarfile.REGTYPE):
    ti = tarfile.TarInfo(name); ti.mode = mode; ti.type = kind; ti.size = len(data)
    t.addfile(ti, io.BytesIO(data) if data else None)
status = "".join("Package: p%d\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.%d\n\n"
                 % (i, i) for i in range(123))
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    for d in ("etc", "var", "var/lib", "var/lib/dpkg"):
        add(t, d, b"", 0o755, tarfile.DIRTYPE)
    add(t, "etc/os-release", b'ID=debian\nVERSION_ID="12"\n')
    add(t, "var/lib/dpkg/status", status.encode())
layer = b.getvalue()
cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": {}, "rootfs": {"type": "layers",
                  "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]}}).encode()
name = hashlib.sha256(cfg).hexdigest()
man = json.dumps([{"Config": name + ".json", "RepoTags": ["big:1"], "Layers": ["0/layer.tar"]}]).encode()
with tarfile.open("big.tar", "w") as t:
    for n, data in ((name + ".json", cfg), ("0/layer.tar", layer), ("manifest.json", man)):
        add(t, n, data)
PY
OTHER=sha256:$(printf '%064d' 7)

# ---- a recorded engine: two containers of that image, one of another image ----
mkdir -p rec/containers rec/images/$IMG rec/images/$OTHER
cp "$TOP/tests/fixtures/BW-C010/fires-inspect-volume-bind/engine/info.json" rec/
ctr() { # ID NAME IMAGE-REF IMAGE-ID STATE
	mkdir -p "rec/containers/$1"
	printf '{"Id": "%s", "Name": "/%s", "Image": "%s", "State": {"Status": "%s"},
	  "Config": {"Image": "%s", "User": "1000"}, "HostConfig": {"NetworkMode": "none"}}\n' \
		"$1" "$2" "$4" "$5" "$3" >"rec/containers/$1/json.json"
}
C1=$(printf 'c1%062d' 0); C2=$(printf 'c2%062d' 0); C3=$(printf 'c3%062d' 0)
ctr "$C1" web app:1 "$IMG" running
ctr "$C2" worker app:1 "$IMG" exited
ctr "$C3" cache redis:7 "$OTHER" running
printf '[{"Id": "%s", "Names": ["/web"], "ImageID": "%s", "State": "running"},
 {"Id": "%s", "Names": ["/worker"], "ImageID": "%s", "State": "exited"},
 {"Id": "%s", "Names": ["/cache"], "ImageID": "%s", "State": "running"}]\n' \
	"$C1" "$IMG" "$C2" "$IMG" "$C3" "$OTHER" >rec/containers/json.json
printf '[{"Id": "%s", "RepoTags": ["app:1"]}, {"Id": "%s", "RepoTags": ["redis:7"]}]\n' \
	"$IMG" "$OTHER" >rec/images/json.json
printf '{"Id": "%s", "RepoTags": ["app:1"], "Config": {"User": "app"}}\n' "$IMG" \
	>"rec/images/$IMG/json.json"
printf '{"Id": "%s", "RepoTags": ["redis:7"], "Config": {"User": "redis"}}\n' "$OTHER" \
	>"rec/images/$OTHER/json.json"

# ---- the vulnerability store: OSV records, db import ----
mkdir osv osv2
OLD=2020-01-02T00:00:00Z
deb() { # DIR ID PACKAGE FIXED
	printf '{"id": "%s", "modified": "%s", "affected": [{"package": {"ecosystem": "Debian:12", "name": "%s"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}], "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}\n' \
		"$2" "$OLD" "$3" "$4" >"$1/$2.json"
}
deb osv CVE-2024-0727 openssl 3.0.13-1~deb12u1
deb osv CVE-2020-0001 openssl 3.0.0-1          # fixed below the installed version: no match
printf '{"id": "PYSEC-2023-74", "modified": "%s", "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"}, "versions": ["2.30.0"]}]}\n' \
	"$OLD" >osv/PYSEC-2023-74.json
deb osv2 CVE-2023-45853 zlib 1:1.2.13.dfsg-1+deb12u1

pyok() { [ "$(py "$1")" = 0 ]; }   # py's verdict as a status

# ---- the backend under test (as tests/cli/store.sh) ----
. "$TOP/tests/cli/store_lib.sh"

suite_for() {
	K=$KIND
	url_of inv
	run store migrate --store "$URL"
	check "$K: store migrate to schema 4" "$( [ $rc = 0 ] && grep -q 'schema version 4 (was 0)' out; echo $?)"

	# The audit's inventory.
	run audit --no-config --replay rec --store "$URL" --host-name h1 --run-id a1
	check "$K: audit --replay --store: exactly its containers" "$( [ $rc -le 1 ] &&
		[ "$(q "SELECT id, name, image, image_digest, state FROM run_containers
		        WHERE run_id = 'a1' ORDER BY name")" = "$C3|cache|redis:7|$OTHER|running
$C1|web|app:1|$IMG|running
$C2|worker|app:1|$IMG|exited" ]; echo $?)"
	check "$K: audit --replay --store: exactly its images" "$(
		[ "$(q "SELECT digest, ref FROM run_images WHERE run_id = 'a1' ORDER BY ref")" = "$IMG|app:1
$OTHER|redis:7" ]; echo $?)"
	check "$K: the audit reads no packages" "$( [ "$(q "SELECT count(*) FROM packages")" = 0 ]; echo $?)"

	# The image's packages, once per digest.
	run image --no-config --no-cache --store "$URL" --host-name h1 --run-id i1 docker-archive:img.tar
	WANTP="Debian:12|libssl3|3.0.11-1~deb12u2|dpkg|openssl|3.0.11-1~deb12u2|0
PyPI|requests|2.30.0|pypi|||3
Debian:12|zlib1g|1:1.2.13.dfsg-1|dpkg|zlib|1:1.2.13.dfsg-1|0"
	PQ="SELECT ecosystem, name, version, kind, source, source_version, scheme FROM packages
	    WHERE digest = '$IMG' ORDER BY name"
	check "$K: image --store: exactly its packages under its digest" "$( [ $rc -le 1 ] &&
		[ "$(q "$PQ")" = "$WANTP" ] && [ "$(q "SELECT count(DISTINCT digest) FROM packages")" = 1 ] &&
		[ "$(q "SELECT digest, ref FROM run_images WHERE run_id = 'i1'")" = "$IMG|app:1" ]; echo $?)"
	run image --no-config --no-cache --store "$URL" --host-name h2 --run-id i2 docker-archive:img.tar
	check "$K: a second host recording the same image writes its packages no second time" \
		"$( [ $rc -le 1 ] && [ "$(q "SELECT count(*) FROM packages")" = 3 ] && [ "$(q "$PQ")" = "$WANTP" ] &&
		    [ "$(q "SELECT digest FROM run_images WHERE run_id = 'i2'")" = "$IMG" ]; echo $?)"
	# Two hosts at once: no conflict fails either.
	"$BW" image --no-config --no-cache --store "$URL" --host-name x3 --run-id i3 docker-archive:img.tar >/dev/null 2>e3 </dev/null &
	p3=$!
	"$BW" image --no-config --no-cache --store "$URL" --host-name x4 --run-id i4 docker-archive:img.tar >/dev/null 2>e4 </dev/null
	r4=$?
	wait $p3; r3=$?
	check "$K: two hosts recording the same image at once both succeed" "$( [ $r3 -le 1 ] && [ $r4 -le 1 ] &&
		! grep -q store: e3 e4 && [ "$(q "SELECT count(*) FROM packages")" = 3 ] &&
		[ "$(q "SELECT count(*) FROM run_images WHERE run_id IN ('i3', 'i4')")" = 2 ]; echo $?)"

	run image --no-config --no-cache --store "$URL" --host-name big --run-id b1 docker-archive:big.tar
	check "$K: an image of 123 packages: every one stored" "$( [ $rc -le 1 ] &&
		[ "$(q "SELECT count(*), count(DISTINCT name), min(version), max(ecosystem) FROM packages p
		        JOIN run_images i ON i.digest = p.digest WHERE i.run_id = 'b1'")" = "123|123|1.0|Debian:12" ]; echo $?)"

	# The report: the images in use matched against the vulnerability store.
	rm -f vulns.db
	"$BW" db import --db vulns.db osv >/dev/null 2>&1 </dev/null
	run report --store "$URL" --db vulns.db --host 'h*' --format json
	WANTV="[{'id': 'CVE-2024-0727', 'severity': 'critical', 'package': 'libssl3', 'ecosystem': 'Debian:12', 'installed': '3.0.11-1~deb12u2', 'fixed': '3.0.13-1~deb12u1', 'images': [{'digest': '$IMG', 'ref': 'app:1'}], 'containers': 2, 'hosts': ['h1', 'h2']},
 {'id': 'PYSEC-2023-74', 'severity': 'medium', 'package': 'requests', 'ecosystem': 'PyPI', 'installed': '2.30.0', 'fixed': None, 'images': [{'digest': '$IMG', 'ref': 'app:1'}], 'containers': 2, 'hosts': ['h1', 'h2']}]"
	check "$K: report --format json: each vulnerability with its images, containers and hosts" \
		"$( [ $rc = 0 ] && pyok "d['vulns'] == $WANTV and d['summary']['vulns'] == 2 and d['summary']['images'] == 2 and d['summary']['images_without_packages'] == 1"; echo $?)"
	run report --store "$URL" --db vulns.db --host 'h*'
	check "$K: report text: one line per vulnerability" "$( [ $rc = 0 ] &&
		grep -qx '2 known vulnerabilities in 2 images in use (1 with no packages stored: record it with bulwark image or audit --images, --store)' out &&
		grep -qx 'CVE-2024-0727        critical  libssl3              3.0.11-1~deb12u2     3.0.13-1~deb12u1              2  h1, h2 / app:1' out &&
		grep -qx 'PYSEC-2023-74        medium    requests             2.30.0               (none)                        2  h1, h2 / app:1' out; echo $?)"

	run report --store "$URL" --db vulns.db --host 'h*' --format html -o v.html
	check "$K: report html: the vulnerabilities table, a row each with its hosts" "$( [ $rc = 0 ] &&
		grep -q '<table id="vulns" data-count="2">' v.html &&
		grep -q '<tr class="vuln-row" data-vuln="CVE-2024-0727" data-images="1" data-hosts="2"><td><code>CVE-2024-0727</code></td><td><span class="sev critical">critical</span></td><td>libssl3 3.0.11-1~deb12u2</td><td>3.0.13-1~deb12u1</td><td class="n">1</td><td class="n">2</td><td>h1, h2</td></tr>' v.html &&
		grep -q '<td>requests 2.30.0</td><td>none yet</td>' v.html; echo $?)"

	# A record imported later: in the next report, no image read again.
	rm -f img.tar.gone; mv img.tar img.tar.gone
	"$BW" db import --db vulns.db osv osv2 >/dev/null 2>&1 </dev/null
	run report --store "$URL" --db vulns.db --host 'h*' --format json
	check "$K: a record imported later is in the next report, from the stored packages" \
		"$( [ $rc = 0 ] && pyok "[(v['id'], v['package'], v['fixed'], v['hosts'], v['containers']) for v in d['vulns']] == [('CVE-2023-45853', 'zlib1g', '1:1.2.13.dfsg-1+deb12u1', ['h1', 'h2'], 2), ('CVE-2024-0727', 'libssl3', '3.0.13-1~deb12u1', ['h1', 'h2'], 2), ('PYSEC-2023-74', 'requests', None, ['h1', 'h2'], 2)]"; echo $?)"
	mv img.tar.gone img.tar
	run report --store "$URL" --db vulns.db --host h2 --format json
	check "$K: --host narrows a vulnerability's hosts and containers" \
		"$( [ $rc = 0 ] && pyok "[(v['hosts'], v['containers'], d['summary']['images']) for v in d['vulns']][0] == (['h2'], 0, 1)"; echo $?)"

	# No vulnerability store: one note, no section.
	run report --store "$URL" --db "$T/none.db" --format json
	check "$K: no vulnerability store: a note (once), exit 0, no vulns section" "$( [ $rc = 0 ] &&
		[ "$(grep -c "note: no vulnerability store at $T/none.db" err)" = 1 ] && pyok "'vulns' not in d and 'vulns' not in d['summary']"; echo $?)"
	run report --store "$URL" --db "$T/none.db"
	check "$K: no vulnerability store: the text report has no vulns section" \
		"$( [ $rc = 0 ] && ! grep -q 'known vulnerabilit' out; echo $?)"

	# Schema 2 with rows in every table, migrated to 3: every row kept.
	url_of mig
	run store migrate --store "$URL" --to 2
	q "INSERT INTO hosts VALUES ('old', NULL, NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')" >/dev/null
	q "INSERT INTO runs VALUES ('r-old', 'old', 'audit', '2026-01-01T00:00:00Z', '0.0.9', '1-0', NULL, NULL, 1, 0, 0)" >/dev/null
	q "INSERT INTO findings VALUES ('r-old', 0, 'BW-C001', 'high', 'container', 'web', 'abc', NULL, 0, 'm1', NULL, 'f1', 0)" >/dev/null
	q "INSERT INTO run_containers VALUES ('r-old', 'abc', 'web', 'app:1', 'sha256:aa', 'running')" >/dev/null
	q "INSERT INTO run_images VALUES ('r-old', 'sha256:aa', 'app:1')" >/dev/null
	q "INSERT INTO packages VALUES ('sha256:aa', 'Debian:12', 'libssl3', '3.0.11-1~deb12u2')" >/dev/null
	run store migrate --store "$URL"
	check "$K: migrating 2 -> 4 keeps every row" "$( [ $rc = 0 ] && grep -q 'schema version 4 (was 2)' out &&
		[ "$(q "SELECT count(*) FROM hosts")|$(q "SELECT count(*) FROM runs")|$(q "SELECT count(*) FROM findings")" = "1|1|1" ] &&
		[ "$(q "SELECT * FROM run_containers")" = "r-old|abc|web|app:1|sha256:aa|running" ] &&
		[ "$(q "SELECT * FROM run_images")" = "r-old|sha256:aa|app:1" ] &&
		[ "$(q "SELECT digest, ecosystem, name, version, kind, source FROM packages")" = "sha256:aa|Debian:12|libssl3|3.0.11-1~deb12u2||" ]; echo $?)"

	# Schema 3, the one before this bulwark's, with rows in every table: migrated to 4, every
	# row kept and each run's summary made.
	url_of mig3
	run store migrate --store "$URL" --to 3
	q "INSERT INTO hosts VALUES ('old', NULL, NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')" >/dev/null
	q "INSERT INTO runs VALUES ('r3', 'old', 'audit', '2026-01-01T00:00:00Z', '0.0.9', '1-0', NULL, NULL, 2, 0, 0)" >/dev/null
	q "INSERT INTO findings VALUES ('r3', 0, 'BW-C001', 'high', 'container', 'web', 'abc', NULL, 0, 'm1', NULL, 'f1', 0)" >/dev/null
	q "INSERT INTO findings VALUES ('r3', 1, 'BW-C001', 'high', 'container', 'db', 'abd', NULL, 0, 'm1', NULL, 'f2', 0)" >/dev/null
	q "INSERT INTO run_containers VALUES ('r3', 'abc', 'web', 'app:1', 'sha256:aa', 'running')" >/dev/null
	q "INSERT INTO run_images VALUES ('r3', 'sha256:aa', 'app:1')" >/dev/null
	q "INSERT INTO packages VALUES ('sha256:aa', 'Debian:12', 'libssl3', '3.0.11-1~deb12u2', 'dpkg', 'openssl', '3.0.11-1~deb12u2', 2)" >/dev/null
	run store migrate --store "$URL"
	check "$K: migrating 3 -> 4 keeps every row and counts each run's findings" "$( [ $rc = 0 ] && grep -q 'schema version 4 (was 3)' out &&
		[ "$(q "SELECT count(*) FROM hosts")|$(q "SELECT count(*) FROM runs")|$(q "SELECT count(*) FROM findings")" = "1|1|2" ] &&
		[ "$(q "SELECT * FROM run_containers")" = "r3|abc|web|app:1|sha256:aa|running" ] &&
		[ "$(q "SELECT * FROM run_images")" = "r3|sha256:aa|app:1" ] &&
		[ "$(q "SELECT * FROM packages")" = "sha256:aa|Debian:12|libssl3|3.0.11-1~deb12u2|dpkg|openssl|3.0.11-1~deb12u2|2" ] &&
		[ "$(q "SELECT run_id, rule, severity, n FROM run_rules")" = "r3|BW-C001|high|2" ] &&
		[ "$(q "SELECT count(*) FROM run_changes")" = 0 ]; echo $?)"
}

KIND=sqlite
suite_for
if ! pg_start; then
	check "PostgreSQL server started (initdb, pg_ctl)" 1
	exit 0
fi
KIND=postgresql
suite_for
