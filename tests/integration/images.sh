#!/bin/sh
# The image audit end to end: test images written by image_fixtures.py, read as docker-archive
# files and OCI layouts, loaded into a private engine and streamed back from it, saved again
# with `docker save`; the layer cache across two `audit --images` runs.
# usage: tests/integration/images.sh path/to/bulwark     (root; prints "ok"/"not ok" lines)
set -u
BW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../../scripts/engine-lib.sh"
W=$(mktemp -d)
trap 'engine_stop; rm -rf "$W"' EXIT
check() { # NAME RESULT
	if [ "$2" = 0 ]; then echo "ok - images: $1"; else
		echo "not ok - images: $1"
		echo "  stderr: $(head -c 1500 "$W/err")" >&2
	fi
}
python3 "$HERE/image_fixtures.py" "$W/fx" >/dev/null || { echo "not ok - images: fixtures"; exit 1; }
export XDG_CACHE_HOME="$W/cache"

# "RULE PATH LAYER VISIBLE" per finding of one image, sorted.
facts() { # JSON-REPORT
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for f in sorted(d["findings"], key=lambda f: (f["rule"], str(f["location"]))):
    loc = f["location"] or {}
    print(f["rule"], loc.get("path", "-"), loc.get("layer", "-"), loc.get("visible", "-"))
PY
}
cat >"$W/leaky.want" <<'EOF2'
BW-I001 - - -
BW-I002 - - -
BW-I003 /home/app/.docker/config.json 0 True
BW-I004 /data/server.key 0 False
BW-I004 /root/.ssh/id_rsa 0 True
BW-I006 /etc/shadow 0 True
BW-I007 /usr/sbin/sshd 1 True
BW-I008 /usr/bin/sudo 1 True
BW-I011 /data 1 True
BW-I012 /var/cache/apt/archives/curl.deb 0 True
BW-I014 /app/.env 0 False
BW-I016 - - -
EOF2

"$BW" image --no-cache --format json -o "$W/a.json" "docker-archive:$W/fx/docker/leaky.tar" 2>"$W/err"
rc=$?
facts "$W/a.json" >"$W/a.got"
check "docker-archive: exactly the findings of the leaky image" $(cmp -s "$W/a.got" "$W/leaky.want"; echo $?)
check "docker-archive: exit 1 (critical findings)" $([ $rc = 1 ]; echo $?)
check "a key deleted in layer 1 is found in layer 0 and says so" \
	$(python3 -c "import json,sys; d=json.load(open('$W/a.json')); sys.exit(0 if any(f['location'] and f['location']['path']=='/data/server.key' and f['location']['deleted_in_layer']==1 and 'deleted in layer 1, still in layer 0' in f['message'] for f in d['findings']) else 1)"; echo $?)
check "secrets are redacted" $(! grep -q 'dXNlcjpodW50ZXIy' "$W/a.json"; echo $?)

"$BW" image --no-cache --format json -o "$W/o.json" "oci:$W/fx/oci/leaky" 2>"$W/err"
facts "$W/o.json" >"$W/o.got"
check "OCI layout (plain, gzip and zstd layers): the same findings" $(cmp -s "$W/o.got" "$W/leaky.want"; echo $?)

"$BW" image --no-cache --format json -o "$W/c.json" "docker-archive:$W/fx/docker/clean.tar" 2>"$W/err"
rc=$?
check "a clean image has no findings (exit 0)" \
	$([ $rc = 0 ] && python3 -c "import json,sys; d=json.load(open('$W/c.json')); sys.exit(0 if not d['findings'] and not d['errors'] else 1)"; echo $?)

"$BW" image --no-cache --format json -o "$W/t.json" "docker-archive:$W/fx/raw/tampered.tar" 2>"$W/err"
check "a tampered layer is critical" \
	$(python3 -c "import json,sys; d=json.load(open('$W/t.json')); sys.exit(0 if [f['rule'] for f in d['findings'] if f['severity']=='critical']==['BW-I017'] else 1)"; echo $?)

"$BW" image --no-cache --format json -o "$W/h.json" "docker-archive:$W/fx/raw/hostile.tar" \
	"docker-archive:$W/fx/docker/clean.tar" 2>"$W/err"
rc=$?
check "hostile archive: exit 2, one error per bad entry naming the image, layer and entry" \
	$([ $rc = 2 ] && [ "$(grep -c "^bulwark: $W/fx/raw/hostile.tar: layer .*: entry " "$W/err")" = 4 ]; echo $?)
check "hostile archive: the good layer and the other image are still reported" \
	$(python3 -c "import json,sys; d=json.load(open('$W/h.json')); sys.exit(0 if any(f['location'] and f['location']['path']=='/ok/.netrc' and f['location']['layer']==1 for f in d['findings']) and len(d['errors'])==4 else 1)"; echo $?)
"$BW" image --no-cache --format json -o "$W/m.json" "docker-archive:$W/nonexistent.tar" "oci:$W/fx/docker" 2>"$W/err"
rc=$?
check "a missing archive and a directory that is no OCI layout: exit 2, one error each" \
	$([ $rc = 2 ] && [ "$(grep -v '^bulwark: note: ' "$W/err" | grep -c '^bulwark: ')" = 2 ]; echo $?)

engine_need "images"
engine_start || { echo "not ok - images: private dockerd did not start"; exit 1; }
$DOCKER load -i "$W/fx/docker/leaky.tar" >/dev/null 2>"$W/err" &&
	$DOCKER load -i "$W/fx/docker/clean.tar" >/dev/null 2>>"$W/err"
check "the test images load into the engine" $?

"$BW" image -H "unix://$ENGINE_SOCK" --no-cache --format json -o "$W/e.json" bw-fixture/leaky:1 2>"$W/err"
facts "$W/e.json" >"$W/e.got"
check "from the engine (streamed, never saved to disk): the same findings" $(cmp -s "$W/e.got" "$W/leaky.want"; echo $?)
"$BW" image -H "unix://$ENGINE_SOCK" --no-cache --format json -o "$W/n.json" no-such/image:1 2>"$W/err"
rc=$?
check "an image the engine does not have: exit 2, one error" \
	$([ $rc = 2 ] && [ "$(grep -v '^bulwark: note: ' "$W/err" | grep -c '^bulwark: ')" = 1 ] && grep -q 'no-such/image:1' "$W/err"; echo $?)

$DOCKER save -o "$W/saved.tar" bw-fixture/leaky:1 2>"$W/err"
"$BW" image --no-cache --format json -o "$W/s.json" "docker-archive:$W/saved.tar" 2>"$W/err"
facts "$W/s.json" >"$W/s.got"
check "docker save output: the same findings" $(cmp -s "$W/s.got" "$W/leaky.want"; echo $?)

# The layer cache: the second run over unchanged images scans nothing (the engine holds the
# leaky and clean images and the harness's busybox image: 3 images, 5 layers).
"$BW" audit -H "unix://$ENGINE_SOCK" --images --format json -o "$W/i1.json" 2>"$W/err1"
"$BW" audit -H "unix://$ENGINE_SOCK" --images --format json -o "$W/i2.json" 2>"$W/err2"
check "audit --images: the first run scans every layer" \
	$(grep -q 'note: 3 images, 5 layers (5 scanned, 0 from the cache)' "$W/err1"; echo $?)
check "audit --images: the second run takes every layer from the cache" \
	$(grep -q 'note: 3 images, 5 layers (0 scanned, 5 from the cache)' "$W/err2"; echo $?)
check "audit --images: cached and scanned runs report the same image findings" \
	$(python3 -c "
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
img = lambda d: sorted(json.dumps(f, sort_keys=True) for f in d['findings'] if f['target']['kind'] == 'image')
sys.exit(0 if img(a) == img(b) and img(a) else 1)" "$W/i1.json" "$W/i2.json"; echo $?)
check "the cache lives under XDG_CACHE_HOME" $([ -s "$W/cache/bulwark/layers.db" ]; echo $?)
