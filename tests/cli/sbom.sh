#!/bin/sh
# bulwark sbom: CycloneDX 1.5 valid against its JSON schema (from npm, scripts/cyclonedx-schema,
# validated with Debian's python3-jsonschema) and SPDX 2.3 with what the specification requires
# of a JSON document (tests/cli/sbom_check.py: no SPDX 2.3 schema is packaged for Debian or
# npm); the writer's output on inventories with every ecosystem (tests/sbom/*.json, which the
# unit tests prove are exactly what it writes), and on a Debian image's dpkg status; options,
# errors and reproducibility.
# usage: tests/cli/sbom.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=sbom
. "$(dirname "$0")/lib.sh"
CHECKER=$TOP/tests/cli/sbom_check.py

if ! SCHEMAS=$(sh "$TOP/scripts/cyclonedx-schema" "$TOP/build/cyclonedx" 2>err); then
	check "the CycloneDX 1.5 schema is fetched (npm @cyclonedx/cyclonedx-library)" 1
	exit 1
fi
if ! python3 -c 'import jsonschema' 2>err; then
	check "python3-jsonschema is installed (scripts/install-deps)" 1
	exit 1
fi
cdx_valid() { python3 "$CHECKER" cdx "$SCHEMAS" "$@" 2>>err; echo $?; }
spdx_valid() { python3 "$CHECKER" spdx "$@" 2>>err; echo $?; }

# The writer on inventories built in the unit tests (every ecosystem, a repeated purl, a name
# that is not UTF-8), and proof that each check refuses a broken document.
check "CycloneDX of two inventories is valid against the 1.5 schema" \
	"$(cdx_valid "$TOP/tests/sbom/debian.cdx.json" "$TOP/tests/sbom/mixed.cdx.json")"
check "SPDX of two inventories has everything SPDX 2.3 requires" \
	"$(spdx_valid "$TOP/tests/sbom/debian.spdx.json" "$TOP/tests/sbom/mixed.spdx.json")"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); d["components"][1]["type"] = "lib"; json.dump(d, open("bad.cdx.json", "w"))
d = json.load(open(sys.argv[2])); d["packages"][2]["SPDXID"] = "SPDXRef-a b"; json.dump(d, open("bad.spdx.json", "w"))
' "$TOP/tests/sbom/mixed.cdx.json" "$TOP/tests/sbom/mixed.spdx.json"
: >err
check "the schema check refuses a component of an unknown type" \
	"$([ "$(cdx_valid bad.cdx.json)" != 0 ] && grep -q "'lib' is not one of" err; echo $?)"
: >err
check "the SPDX check refuses an SPDXID with a space" \
	"$([ "$(spdx_valid bad.spdx.json)" != 0 ] && grep -q "SPDXID 'SPDXRef-a b'" err; echo $?)"
: >err

# A Debian image: os-release and a dpkg status in the first layer, replaced by the second's.
python3 - img.tar <<'PY'
import hashlib, io, json, sys, tarfile
def add(t, name, data):
    ti = tarfile.TarInfo(name); ti.mode = 0o644; ti.size = len(data)
    t.addfile(ti, io.BytesIO(data))
def layer(files):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w") as t:
        for n, data in files:
            add(t, n, data)
    return b.getvalue()
old = b"Package: old-pkg\nStatus: install ok installed\nArchitecture: amd64\nVersion: 0.1-1\n"
status = b"""Package: libc6
Status: install ok installed
Architecture: amd64
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u4

Package: zlib1g
Status: install ok installed
Architecture: amd64
Source: zlib
Version: 1:1.2.13.dfsg-1

Package: removed-pkg
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0-1

Package: libssl3
Status: install ok installed
Architecture: amd64
Source: openssl (3.0.11-1~deb12u2)
Version: 3.0.11-1~deb12u2+b1
"""
osr = b'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n'
layers = [layer([("etc/os-release", osr), ("var/lib/dpkg/status", old)]),
          layer([("var/lib/dpkg/status", status)])]
ids = ["sha256:" + hashlib.sha256(l).hexdigest() for l in layers]
cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                  "rootfs": {"type": "layers", "diff_ids": ids},
                  "history": [{"created_by": "ADD rootfs /"}, {"created_by": "RUN apt-get install"}]}).encode()
name = hashlib.sha256(cfg).hexdigest() + ".json"
man = json.dumps([{"Config": name, "RepoTags": ["deb/app:1"], "Layers": ["0/layer.tar", "1/layer.tar"]}]).encode()
with tarfile.open(sys.argv[1], "w") as t:
    for n, data in ((name, cfg), ("0/layer.tar", layers[0]), ("1/layer.tar", layers[1]), ("manifest.json", man)):
        add(t, n, data)
PY
L1=$(python3 -c 'import json,tarfile; t=tarfile.open("img.tar"); m=json.load(t.extractfile("manifest.json")); print(json.load(t.extractfile(m[0]["Config"]))["rootfs"]["diff_ids"][1])')
ID=$(python3 -c 'import json,tarfile; t=tarfile.open("img.tar"); m=json.load(t.extractfile("manifest.json")); print("sha256:" + m[0]["Config"][:-5])')

export SOURCE_DATE_EPOCH=1700000000
run sbom --no-cache docker-archive:img.tar
cp out img.cdx.json
check "cyclonedx (the default) of an image: exit 0, nothing on stderr, valid against the schema" \
	"$([ "$rc" = 0 ] && [ ! -s err ] && [ "$(cdx_valid img.cdx.json)" = 0 ]; echo $?)"
check "cyclonedx: the image is the container component, its id the version and SHA-256 hash" \
	"$(py "d['metadata']['component'] == {'bom-ref': 'bulwark:image', 'type': 'container', 'name': 'deb/app:1', 'version': '$ID', 'hashes': [{'alg': 'SHA-256', 'content': '$ID'[7:]}]} and d['metadata']['tools']['components'][0]['name'] == 'bulwark'")"
check "cyclonedx: SOURCE_DATE_EPOCH is the timestamp and makes the serial a UUIDv5 of image and time" \
	"$(py "d['metadata']['timestamp'] == '2023-11-14T22:13:20Z' and d['serialNumber'] == 'urn:uuid:' + str(__import__('uuid').uuid5(__import__('uuid').NAMESPACE_URL, 'bulwark-sbom:cyclonedx:deb/app:1:$ID:1700000000'))")"

# The packages: installed ones only, from the status file still in the final filesystem, each
# with its source, file and layer, and the distribution as the operating-system component.
# This needs the package inventory (collect/pkg_os.c) to be filled by the image reader.
check "cyclonedx: the distribution is the operating-system component, Debian:12 (needs the package inventory)" \
	"$(py "[(c['name'], c['version'], {p['name']: p['value'] for p in c.get('properties', [])}.get('bulwark:ecosystem')) for c in d['components'] if c['type'] == 'operating-system'] == [('debian', '12', 'Debian:12')]")"
cat >want <<EOF
libc6|2.36-9+deb12u4|Debian:12|glibc|2.36-9+deb12u4|/var/lib/dpkg/status|$L1|1
libssl3|3.0.11-1~deb12u2+b1|Debian:12|openssl|3.0.11-1~deb12u2|/var/lib/dpkg/status|$L1|1
zlib1g|1:1.2.13.dfsg-1|Debian:12|zlib|1:1.2.13.dfsg-1|/var/lib/dpkg/status|$L1|1
EOF
python3 - img.cdx.json >got 2>>err <<'PY'
import json, sys, urllib.parse
d = json.load(open(sys.argv[1]))
for c in d["components"]:
    if c["type"] != "library":
        continue
    p = {q["name"]: q["value"] for q in c.get("properties", [])}
    purl = c.get("purl", "")
    ok = purl.startswith("pkg:deb/debian/%s@" % c["name"]) and \
        urllib.parse.unquote(purl.split("@", 1)[1].split("?")[0]) == c["version"] and c["bom-ref"] == purl
    print("|".join([c["name"], c["version"], p.get("bulwark:ecosystem", "-"), p.get("bulwark:source", "-"),
                    p.get("bulwark:source_version", "-"), p.get("bulwark:path", "-"), p.get("bulwark:layer", "-"),
                    p.get("bulwark:layer_index", "-")]) + ("" if ok else "|bad purl " + purl))
PY
check "cyclonedx: exactly the installed packages of the final status file, sorted, with purls (needs the package inventory)" \
	"$(cmp -s want got; echo $?)"

run sbom --no-cache --format spdx -o img.spdx.json docker-archive:img.tar
check "spdx -o FILE: exit 0, stdout empty, the file has everything SPDX 2.3 requires" \
	"$([ "$rc" = 0 ] && [ ! -s out ] && [ ! -s err ] && [ "$(spdx_valid img.spdx.json)" = 0 ]; echo $?)"
cp img.spdx.json out
check "spdx: DOCUMENT DESCRIBES the image, which CONTAINS the distribution and each package (needs the package inventory)" \
	"$(py "[(r['spdxElementId'], r['relationshipType'], r['relatedSpdxElement']) for r in d['relationships']][:2] == [('SPDXRef-DOCUMENT', 'DESCRIBES', 'SPDXRef-Image'), ('SPDXRef-Image', 'CONTAINS', 'SPDXRef-OperatingSystem')] and len(d['relationships']) == len(d['packages'])")"
check "spdx: the packages by name, version and purl (needs the package inventory)" \
	"$(py "[(p['name'], p.get('versionInfo'), [r['referenceLocator'].split('@')[0] for r in p.get('externalRefs', [])]) for p in d['packages'][2:]] == [('libc6', '2.36-9+deb12u4', ['pkg:deb/debian/libc6']), ('libssl3', '3.0.11-1~deb12u2+b1', ['pkg:deb/debian/libssl3']), ('zlib1g', '1:1.2.13.dfsg-1', ['pkg:deb/debian/zlib1g'])]")"
check "spdx: SOURCE_DATE_EPOCH makes the namespace's UUID a UUIDv5 of image and time" \
	"$(py "d['creationInfo']['created'] == '2023-11-14T22:13:20Z' and d['documentNamespace'] == 'https://spdx.org/spdxdocs/bulwark/deb-app-1-' + str(__import__('uuid').uuid5(__import__('uuid').NAMESPACE_URL, 'bulwark-sbom:spdx:deb/app:1:$ID:1700000000'))")"

# Reproducible with SOURCE_DATE_EPOCH; without it, the serial number is random and unique.
"$BW" sbom --no-cache docker-archive:img.tar >again.json 2>>err
check "the same SOURCE_DATE_EPOCH gives the same bytes" "$(cmp -s img.cdx.json again.json; echo $?)"
unset SOURCE_DATE_EPOCH
"$BW" sbom --no-cache docker-archive:img.tar >r1.json 2>>err
"$BW" sbom --no-cache docker-archive:img.tar >r2.json 2>>err
check "without SOURCE_DATE_EPOCH: random UUIDv4 serials, different each run, the rest the same" \
	"$(python3 -c '
import json, re, sys
a, b = json.load(open("r1.json")), json.load(open("r2.json"))
v4 = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
assert v4.match(a["serialNumber"]) and v4.match(b["serialNumber"]) and a["serialNumber"] != b["serialNumber"]
assert a["components"] == b["components"] == json.load(open("img.cdx.json"))["components"]' 2>>err; echo $?)"

# Errors: one clear line and exit 2, nothing written.
SOURCE_DATE_EPOCH=soon run sbom --no-cache -o never.json docker-archive:img.tar
check "a SOURCE_DATE_EPOCH that is not seconds: exit 2, one line, no file" \
	"$([ "$rc" = 2 ] && [ "$(err_is "bulwark: SOURCE_DATE_EPOCH: not a number of seconds since 1970: 'soon'")" = 0 ] && [ ! -e never.json ]; echo $?)"
run sbom --format xml docker-archive:img.tar
check "an unknown --format: exit 2 naming the formats" \
	"$([ "$rc" = 2 ] && grep -q '^bulwark: unknown SBOM format (cyclonedx, spdx): xml$' err; echo $?)"
run sbom docker-archive:img.tar docker-archive:img.tar
check "two REFs: exit 2, sbom takes one" "$([ "$rc" = 2 ] && grep -q '^bulwark: sbom takes one REF$' err; echo $?)"
run sbom --no-cache -o never.json docker-archive:missing.tar
check "an archive that is not there: exit 2, its name on stderr, no file written" \
	"$([ "$rc" = 2 ] && [ ! -s out ] && grep -q 'missing.tar' err && [ ! -e never.json ]; echo $?)"
exit 0
