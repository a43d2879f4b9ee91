#!/bin/sh
# Known vulnerabilities in a real Debian: a Debian 12 minbase rootfs (scripts/debian-rootfs,
# cached in build/cache) imported into a private engine, OSV records written at the version
# edges of its installed source packages (debian_osv.py; the expected findings come from
# dpkg-query and dpkg --compare-versions), then `bulwark vulns` from the engine and from a
# `docker save` archive of the image: exactly the expected findings, the same from both, and
# every installed package in the inventory.
# usage: tests/integration/debian.sh path/to/bulwark     (root; prints "ok"/"not ok" lines)
set -u
BW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
. "$HERE/../../scripts/engine-lib.sh"
REF=bulwark-test/debian12:minbase
W=$(mktemp -d)
cleanup() {
	[ -n "${ENGINE_DIR:-}" ] && timeout 30 $DOCKER rmi -f "$REF" >/dev/null 2>&1
	engine_stop
	rm -rf "$W"
}
trap cleanup EXIT
check() { # NAME RESULT
	if [ "$2" = 0 ]; then echo "ok - debian: $1"; else
		echo "not ok - debian: $1"
		echo "  stderr: $(head -c 1500 "$W/err" 2>/dev/null)" >&2
	fi
}
engine_need "debian"
if ! ROOTFS=$(sh "$TOP/scripts/debian-rootfs" "$TOP/build/cache" 2>"$W/err"); then
	# one line: that is the whole failure (no mirror), not a broken suite
	echo "not ok - debian: debootstrap failed: $(tail -1 "$W/err" | sed "s/^debian-rootfs: //")"
	exit 0
fi
export XDG_CACHE_HOME="$W/cache"

# The oracle's side: the dpkg database of the rootfs, the records and the expected findings.
mkdir -p "$W/admin/updates"
tar -xOf "$ROOTFS" var/lib/dpkg/status >"$W/admin/status" 2>"$W/err"
check "the rootfs has a dpkg status file" $?
python3 "$HERE/debian_osv.py" "$W/admin" "$W" >"$W/summary" 2>"$W/err"
check "records and expected findings written ($(cat "$W/summary"))" $?
installed=$(grep -c '^Status: install ok installed$' "$W/admin/status")
check "the status file has as many installed packages as dpkg-query lists" \
	$([ "$installed" = "$(cat "$W/packages")" ]; echo $?)
"$BW" db import --db "$W/store.db" "$W/osv" >/dev/null 2>"$W/err" </dev/null
check "db import of the records" $?

engine_start || { echo "not ok - debian: private dockerd did not start"; exit 1; }
$DOCKER import -c 'CMD ["bash"]' "$ROOTFS" "$REF" >/dev/null 2>"$W/err"
check "docker import of the rootfs as $REF" $?
$DOCKER save -o "$W/saved.tar" "$REF" 2>"$W/err"
check "docker save of it" $?

scan() { # NAME REF: vulns into $W/NAME.json, exit status into $W/NAME.rc
	"$BW" vulns --db "$W/store.db" --max-db-age 36500 --no-cache --no-config --format json \
		-o "$W/$1.json" "$2" 2>"$W/err" </dev/null
	echo $? >"$W/$1.rc"
}
# Whether the BW-V001 findings of REPORT are exactly want.json's (the image rules' findings of a
# stock Debian image, BW-I001 and the like, are not this test's) and it has no errors.
same() { # REPORT
	python3 - "$1" "$W/want.json" <<'PY' 2>>"$W/err"
import json, sys
d, want = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
got = sorted([f["vuln"]["id"], f["vuln"]["package"], f["vuln"]["installed"], f["vuln"]["fixed"]]
             for f in d["findings"] if f["rule"] == "BW-V001")
extra, missing = [g for g in got if g not in want], [w for w in want if w not in got]
for g in extra[:5]: print("  unexpected:", g, file=sys.stderr)
for w in missing[:5]: print("  missing:", w, file=sys.stderr)
sys.exit(0 if got == want and not d["errors"] else 1)
PY
}
# The number of dpkg packages in the inventory, from bulwark's CycloneDX SBOM of the image.
debs() { # REF
	"$BW" sbom --no-cache -o "$W/sbom.json" "$1" 2>"$W/err" </dev/null &&
		python3 -c "import json, sys; print(sum(c.get('purl', '').startswith('pkg:deb/')
                    for c in json.load(open(sys.argv[1]))['components']))" "$W/sbom.json"
}

DOCKER_HOST=unix://$ENGINE_SOCK scan engine "$REF"
check "from the engine: exit 0 or 1" $(grep -qx '[01]' "$W/engine.rc"; echo $?)
check "from the engine: exactly the findings the oracle expects" $(same "$W/engine.json"; echo $?)
scan archive "docker-archive:$W/saved.tar"
check "from the docker save archive: exit 0 or 1" $(grep -qx '[01]' "$W/archive.rc"; echo $?)
check "from the docker save archive: exactly the findings the oracle expects" \
	$(same "$W/archive.json"; echo $?)
check "engine and archive: the same findings, vuln objects whole" $(python3 -c "
import json, sys
f = lambda p: sorted(json.dumps(x['vuln'], sort_keys=True)
                     for x in json.load(open(p))['findings'] if x['rule'] == 'BW-V001')
a, b = f(sys.argv[1]), f(sys.argv[2])
sys.exit(0 if a == b and a else 1)" "$W/engine.json" "$W/archive.json" 2>>"$W/err"; echo $?)
check "from the engine: every installed dpkg package in the inventory ($(cat "$W/packages"))" \
	$([ "$(DOCKER_HOST=unix://$ENGINE_SOCK debs "$REF")" = "$(cat "$W/packages")" ]; echo $?)
check "from the archive: every installed dpkg package in the inventory" \
	$([ "$(debs "docker-archive:$W/saved.tar")" = "$(cat "$W/packages")" ]; echo $?)
exit 0
