#!/bin/sh
# Known vulnerabilities end to end: an image written here (a Debian 12 dpkg status with a
# binNMU and an epoch, a Python and an npm package), OSV records written here at the version
# edges (tildes, epochs, binNMU, last_affected, versions lists, withdrawn, GIT-only, a DSA and
# its CVE), imported with `bulwark db import`, then `bulwark vulns` / `image --vulns`: the exact
# findings, --ignore-unfixed, --max-db-age, JSON and SARIF (schema-valid). Also the usage and
# store errors, which need no store. Then --rematch: inventories kept per image id, matched
# again after one more record is imported, only the newly affected reported.
# usage: tests/cli/vulns.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=vulns
. "$(dirname "$0")/lib.sh"

# ---- the image: one layer, docker-archive ----
mkimg() { # OUT [LABEL]: the label makes another image (another id) with the same packages
python3 - "$@" <<'PY'
import hashlib, io, json, sys, tarfile
def add(t, name, data, mode=0o644, kind=tarfile.REGTYPE):
    ti = tarfile.TarInfo(name); ti.mode = mode; ti.type = kind; ti.size = len(data)
    t.addfile(ti, io.BytesIO(data) if data else None)
status = """Package: libssl3
Status: install ok installed
Architecture: amd64
Source: openssl
Version: 3.0.11-1~deb12u2

Package: openssl
Status: install ok installed
Architecture: amd64
Version: 3.0.11-1~deb12u2

Package: bash
Status: install ok installed
Architecture: amd64
Source: bash (5.2.15-2)
Version: 5.2.15-2+b2

Package: zlib1g
Status: install ok installed
Architecture: amd64
Source: zlib
Version: 1:1.2.13.dfsg-1

"""
osrel = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n'
meta = "Metadata-Version: 2.1\nName: requests\nVersion: 2.30.0\n\n"
jinja = "Metadata-Version: 2.1\nName: Jinja2\nVersion: 2.11.2\n\n"
lodash = json.dumps({"name": "lodash", "version": "4.17.20"})
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    for d in ("etc", "var", "var/lib", "var/lib/dpkg", "usr", "usr/lib", "usr/lib/python3",
              "usr/lib/python3/dist-packages", "usr/lib/python3/dist-packages/requests-2.30.0.dist-info",
              "usr/lib/python3/dist-packages/Jinja2-2.11.2.dist-info",
              "app", "app/node_modules", "app/node_modules/lodash"):
        add(t, d, b"", 0o755, tarfile.DIRTYPE)
    add(t, "etc/os-release", osrel.encode())
    add(t, "var/lib/dpkg/status", status.encode())
    add(t, "usr/lib/python3/dist-packages/requests-2.30.0.dist-info/METADATA", meta.encode())
    add(t, "usr/lib/python3/dist-packages/Jinja2-2.11.2.dist-info/METADATA", jinja.encode())
    add(t, "app/node_modules/lodash/package.json", lodash.encode())
layer = b.getvalue()
cfg = {"architecture": "amd64", "os": "linux",
                  "config": {"User": "app", "Healthcheck": {"Test": ["CMD", "true"]}},
                  "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]},
                  "history": [{"created_by": "/bin/sh -c #(nop) ADD file:0123 in / "}]}
if len(sys.argv) > 2:
    cfg["config"]["Labels"] = {"variant": sys.argv[2]}
cfg = json.dumps(cfg).encode()
name = hashlib.sha256(cfg).hexdigest() + ".json"
tag = "app:" + (sys.argv[2] if len(sys.argv) > 2 else "1")
man = json.dumps([{"Config": name, "RepoTags": [tag], "Layers": ["0/layer.tar"]}]).encode()
with tarfile.open(sys.argv[1], "w") as t:
    for n, data in ((name, cfg), ("0/layer.tar", layer), ("manifest.json", man)):
        add(t, n, data)
PY
}
mkimg img.tar

# ---- usage and store errors: no store needed ----
run image --vulns --db "$T/none.db" --no-cache --no-config --format json docker-archive:img.tar
check "image --vulns without a store: exit 2, one error naming it and how to fill it" \
	$( [ "$rc" = 2 ] && py "len(d['errors'])==1 and d['errors'][0]['input']=='$T/none.db' and 'cannot open the vulnerability store' in d['errors'][0]['message'] and 'bulwark db update' in d['errors'][0]['message'] and 'bulwark db import' in d['errors'][0]['message']" >/dev/null && grep -q "^bulwark: $T/none.db: cannot open the vulnerability store" err; echo $?)
check "image --vulns without a store: the image is still audited" \
	$(py "d['summary']['inputs']==1 and not any(f['rule']=='BW-V001' for f in d['findings'])")
run vulns --db "$T/none.db" --no-cache --no-config docker-archive:img.tar
check "vulns without a store: exit 2 too" $(rc_is 2)
run image --no-cache --no-config --format json docker-archive:img.tar
check "image without --vulns opens no store" $( [ "$rc" = 0 ] && py "d['errors']==[]" >/dev/null; echo $?)
run audit --vulns --no-config
check "audit --vulns without --images: a usage error" \
	$( [ "$rc" = 2 ] && grep -qx 'bulwark: --vulns needs --images: packages are read from the layers' err; echo $?)
run image --ignore-unfixed docker-archive:img.tar
check "--ignore-unfixed without --vulns: a usage error" \
	$( [ "$rc" = 2 ] && grep -qx 'bulwark: --ignore-unfixed, --db and --max-db-age go with --vulns' err; echo $?)
run vulns
check "vulns without a REF: exit 2" $( [ "$rc" = 2 ] && errhas 'vulns needs at least one REF' >/dev/null; echo $?)
run image --vulns --max-db-age 0 docker-archive:img.tar
check "--max-db-age takes whole days" \
	$( [ "$rc" = 2 ] && grep -qx 'bulwark: --max-db-age takes whole days, 1 to 36500: 0' err; echo $?)
env -u HOME -u XDG_DATA_HOME "$BW" vulns --no-cache --no-config docker-archive:img.tar >out 2>err </dev/null
rc=$?
check "vulns with no --db, HOME or XDG_DATA_HOME: exit 2, says to name one" \
	$( [ "$rc" = 2 ] && errhas 'name one with --db PATH' >/dev/null; echo $?)

# ---- the records: OSV JSON at the edges of the installed versions ----
mkdir osv
rec() { # FILE JSON
	printf '%s\n' "$2" >"osv/$1.json"
}
OLD=2020-01-02T00:00:00Z
CRIT='"severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]'
HIGH='"severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"}]'
deb() { # ID PACKAGE EVENTS [EXTRA]
	rec "$1" "{\"schema_version\": \"1.6.0\", \"id\": \"$1\", \"modified\": \"$OLD\", ${4:+$4, }\"affected\": [{\"package\": {\"ecosystem\": \"Debian:12\", \"name\": \"$2\"}, \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [$3]}]}]}"
}
# openssl 3.0.11-1~deb12u2: a DSA and its CVE (one finding each for libssl3 and openssl, under
# the CVE), a fix below it by a tilde (not affected), a withdrawn record
deb DSA-5600-1 openssl '{"introduced": "0"}, {"fixed": "3.0.13-1~deb12u1"}' "\"aliases\": [\"CVE-2024-0727\"], $CRIT"
rec CVE-2024-0727 "{\"id\": \"CVE-2024-0727\", \"modified\": \"$OLD\", $CRIT, \"affected\": [{\"package\": {\"ecosystem\": \"Debian\", \"name\": \"openssl\"}, \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"3.0.13-1~deb12u1\"}]}]}]}"
deb DEBIAN-CVE-2023-5678 openssl '{"introduced": "0"}, {"fixed": "3.0.11-1~deb12u1"}'
deb DEBIAN-CVE-2021-0001 openssl '{"introduced": "0"}' '"withdrawn": "2021-06-01T00:00:00Z"'
# bash: source version 5.2.15-2 (the binary's +b2 is a binNMU) is the last affected; and an
# unrated record with no fix
deb DEBIAN-CVE-2022-3715 bash '{"introduced": "0"}, {"last_affected": "5.2.15-2"}' '"database_specific": {"urgency": "low"}'
deb DEBIAN-CVE-2024-9999 bash '{"introduced": "0"}'
# zlib 1:1.2.13.dfsg-1: a fix without the epoch is below it; one with it is above
deb DEBIAN-CVE-2023-45853 zlib '{"introduced": "0"}, {"fixed": "1.2.13.dfsg-2"}'
deb DEBIAN-CVE-2022-37434 zlib '{"introduced": "0"}, {"fixed": "1:1.2.13.dfsg-1+deb12u1"}' '"database_specific": {"urgency": "medium"}'
# npm SEMVER range; PyPI versions list plus range; a GIT-only record (a warning)
rec GHSA-35jh-r3h4-6jhm "{\"id\": \"GHSA-35jh-r3h4-6jhm\", \"modified\": \"$OLD\", \"aliases\": [\"CVE-2021-23337\"], $HIGH, \"affected\": [{\"package\": {\"ecosystem\": \"npm\", \"name\": \"lodash\"}, \"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"4.17.21\"}]}]}]}"
rec PYSEC-2023-74 "{\"id\": \"PYSEC-2023-74\", \"modified\": \"$OLD\", \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"requests\"}, \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"2.3.0\"}, {\"fixed\": \"2.31.0\"}]}], \"versions\": [\"2.30.0\"]}]}"
# PyPI names are matched normalised (PEP 503): Jinja2 is jinja2
rec PYSEC-2021-66 "{\"id\": \"PYSEC-2021-66\", \"modified\": \"$OLD\", \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"jinja2\"}, \"versions\": [\"2.11.1\", \"2.11.2\"]}]}"
rec OSV-2099-1 "{\"id\": \"OSV-2099-1\", \"modified\": \"$OLD\", \"affected\": [{\"package\": {\"ecosystem\": \"PyPI\", \"name\": \"requests\"}, \"ranges\": [{\"type\": \"GIT\", \"repo\": \"https://example.org/requests\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"3f1c2a9d0e5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d\"}]}]}]}"

"$BW" db import --db store.db osv >out 2>err </dev/null
rc=$?
check "db import of the test's records (needs the store)" $(rc_is 0)

# (vuln id, package in lower case (the inventory may keep Jinja2 as written), installed, fixed,
# severity) of every BW-V001 finding, sorted
WANT="[('DEBIAN-CVE-2022-37434', 'zlib1g', '1:1.2.13.dfsg-1', '1:1.2.13.dfsg-1+deb12u1', 'medium'),
 ('CVE-2024-0727', 'libssl3', '3.0.11-1~deb12u2', '3.0.13-1~deb12u1', 'critical'),
 ('CVE-2024-0727', 'openssl', '3.0.11-1~deb12u2', '3.0.13-1~deb12u1', 'critical'),
 ('DEBIAN-CVE-2022-3715', 'bash', '5.2.15-2', None, 'low'),
 ('DEBIAN-CVE-2024-9999', 'bash', '5.2.15-2', None, 'medium'),
 ('GHSA-35jh-r3h4-6jhm', 'lodash', '4.17.20', '4.17.21', 'high'),
 ('PYSEC-2021-66', 'jinja2', '2.11.2', None, 'medium'),
 ('PYSEC-2023-74', 'requests', '2.30.0', '2.31.0', 'medium')]"
GOT="sorted((f['vuln']['id'], f['vuln']['package'].lower(), f['vuln']['installed'], f['vuln']['fixed'], f['severity']) for f in d['findings'] if f['rule']=='BW-V001')"

run vulns --db store.db --max-db-age 36500 --no-cache --no-config --format json docker-archive:img.tar
check "vulns: exactly the affected packages, judged at the edges (needs store and inventory)" \
	$(py "$GOT == sorted($WANT)")
check "vulns: a critical finding fails the run" $(rc_is 1)
check "vulns: vuln objects name the source, ecosystem, score, file and layer" \
	$(py "[(f['vuln']['source'], f['vuln']['ecosystem'], f['vuln']['cvss'], f['vuln']['path'], f['vuln']['layer'], f['location']['path'], f['evidence']) for f in d['findings'] if f['rule']=='BW-V001' and f['vuln']['package']=='libssl3'] == [('openssl', 'Debian', 9.8, '/var/lib/dpkg/status', 0, '/var/lib/dpkg/status', 'CVE-2024-0727')]")
check "vulns: a GIT-only record is a warning, not a finding" \
	$(py "[w['input'] for w in d['warnings'] if w['message']=='1 vulnerability record has only GIT ranges, which name commits an installed version cannot be placed among: not matched'] == ['app:1']")
run image --vulns --db store.db --max-db-age 36500 --ignore-unfixed --no-cache --no-config --format json docker-archive:img.tar
check "image --vulns --ignore-unfixed: the unfixed ones are left out" \
	$(py "$GOT == sorted(x for x in $WANT if x[3])")
run vulns --db store.db --no-cache --no-config --format json docker-archive:img.tar
check "vulns: data older than --max-db-age (7 days) is a warning, and the scan still runs" \
	$(py "any('days old' in w['message'] and w['input']=='store.db' for w in d['warnings']) and $GOT == sorted($WANT)")
run vulns --db store.db --max-db-age 36500 --no-cache --no-config docker-archive:img.tar
check "vulns: text, one line per finding with the fixed version" \
	$(has '/var/lib/dpkg/status (layer 0.*critical  BW-V001  libssl3 3.0.11-1~deb12u2 (source openssl 3.0.11-1~deb12u2) is affected by CVE-2024-0727; fixed in 3.0.13-1~deb12u1 \[CVE-2024-0727\]')

# SARIF: one rule per vulnerability id, schema-valid
run vulns --db store.db --max-db-age 36500 --no-cache --no-config --format sarif docker-archive:img.tar
cp out vulns.sarif
if SCHEMA=$(sh "$TOP/scripts/sarif-schema" "$TOP/build/sarif" 2>/dev/null); then
	python3 - "$SCHEMA" vulns.sarif <<'PY' 2>>err
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
	check "vulns: the SARIF log is valid against the 2.1.0 schema" $?
else
	check "vulns: the SARIF 2.1.0 schema is fetched (npm @microsoft/jest-sarif)" 1
fi
check "vulns: SARIF rules per vulnerability id, with the score as security-severity" \
	$(py "(lambda r: [x['id'] for x in r if x['id'].startswith(('CVE','DEB','GHSA','PYSEC'))].count('CVE-2024-0727')==1 and {x['id']: x['properties']['security-severity'] for x in r}.get('CVE-2024-0727')=='9.8' and {x['id']: x['properties']['security-severity'] for x in r}.get('GHSA-35jh-r3h4-6jhm')=='7.2')(d['runs'][0]['tool']['driver']['rules'])")
check "vulns: SARIF results reference their vulnerability's rule" \
	$(py "(lambda run: all(run['tool']['driver']['rules'][x['ruleIndex']]['id']==x['ruleId'] for x in run['results']) and sum(x['ruleId']=='CVE-2024-0727' for x in run['results'])==2)(d['runs'][0])")
# sbom:FILE: an SBOM written from the same image (either format) gives the same verdicts.
for fmt in cyclonedx spdx; do
	"$BW" sbom --format $fmt --no-cache -o "img.$fmt.json" docker-archive:img.tar 2>/dev/null
	run vulns --db store.db --max-db-age 36500 --no-config --format json "sbom:img.$fmt.json"
	check "vulns sbom:FILE ($fmt): the same affected packages as the image" \
		$( [ "$rc" = 1 ] && py "$GOT == sorted($WANT)" >/dev/null; echo $?)
done
run image --no-config "sbom:img.cyclonedx.json"
check "image sbom:FILE without --vulns: exit 2, an SBOM has no layers" \
	$( [ "$rc" = 2 ] && errhas "an SBOM has packages, not layers" >/dev/null; echo $?)
run vulns --db store.db --max-db-age 36500 --no-config sbom:missing.json
check "vulns sbom:FILE that is missing: exit 2, one error naming it" \
	$( [ "$rc" = 2 ] && errhas "missing.json" >/dev/null; echo $?)
# ---- --rematch: inventories kept per image id, matched again after the store changes ----
"$BW" db import --db re.db osv >/dev/null 2>&1 </dev/null
run vulns --db re.db --max-db-age 36500 --no-cache --no-config docker-archive:img.tar
check "vulns keeps the inventory beside the store (re.db.inv)" $( [ "$rc" = 1 ] && [ -s re.db.inv ]; echo $?)
mkdir osv-new
printf '%s\n' "{\"id\": \"GHSA-0000-new0-0001\", \"modified\": \"$OLD\", $HIGH, \"affected\": [{\"package\": {\"ecosystem\": \"npm\", \"name\": \"lodash\"}, \"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"4.0.0\"}, {\"fixed\": \"4.17.22\"}]}]}]}" >osv-new/GHSA-0000-new0-0001.json
"$BW" db import --db re.db osv-new >/dev/null 2>&1 </dev/null
check "db import of one more record" $?
# a second image (same packages, another id) scanned after the import: it has seen the new one
mkimg img2.tar 2
run vulns --db re.db --max-db-age 36500 --no-cache --no-config --format json docker-archive:img2.tar
check "a second image scanned after the import matches the new record" \
	$(py "sum(f['rule']=='BW-V001' for f in d['findings'])==9")
REGOT="sorted((f['target']['name'], f['vuln']['id'], f['vuln']['package'], f['vuln']['fixed'], f['vuln']['path'], f['vuln']['layer']) for f in d['findings'])"
run vulns --rematch --db re.db --max-db-age 36500 --no-config --format json
check "vulns --rematch: exactly the newly affected package of the image that had not seen it" \
	$( [ "$rc" = 1 ] && py "$REGOT == [('app:1', 'GHSA-0000-new0-0001', 'lodash', '4.17.22', '/app/node_modules/lodash/package.json', 0)] and d['errors']==[]" >/dev/null; echo $?)
check "vulns --rematch: both inventories re-matched, no image read" \
	$(py "d['summary']['inputs']==2")
run vulns --rematch --db re.db --max-db-age 36500 --no-config --format json
check "a second vulns --rematch: nothing new" \
	$( [ "$rc" = 0 ] && py "d['findings']==[] and d['summary']['inputs']==2" >/dev/null; echo $?)
# a new scan of a kept image replaces its inventory: still two, and its matches are current
sed 's/GHSA-0000-new0-0001/GHSA-0000-new0-0002/' osv-new/GHSA-0000-new0-0001.json >osv-new/GHSA-0000-new0-0002.json
"$BW" db import --db re.db osv-new >/dev/null 2>&1 </dev/null
run vulns --db re.db --max-db-age 36500 --no-cache --no-config docker-archive:img.tar
run vulns --rematch --db re.db --max-db-age 36500 --no-config --format json
check "a rescan replaces the image's inventory; --rematch then reports only the other image" \
	$(py "[(x[0], x[1]) for x in $REGOT] == [('app:2', 'GHSA-0000-new0-0002')] and d['summary']['inputs']==2")
run vulns --rematch --db store.db --max-db-age 36500 docker-archive:img.tar
check "vulns --rematch with a REF: a usage error" \
	$( [ "$rc" = 2 ] && errhas 'bulwark: --rematch takes no REF: it matches the kept inventories' >/dev/null; echo $?)
cp store.db empty.db
run vulns --rematch --db empty.db --max-db-age 36500 --no-config --format json
check "vulns --rematch with no inventory kept: a warning, exit 0" \
	$( [ "$rc" = 0 ] && py "d['findings']==[] and any('no inventories are kept yet' in w['message'] for w in d['warnings'])" >/dev/null; echo $?)
exit 0
