#!/bin/sh
# Patches on an apk host: /lib/apk/db/installed against the APKINDEX.tar.gz files apk-tools
# caches, tied to their /etc/apk/repositories lines by the name's hash. The exact messages on
# the fixture trees; damaged indexes (not a gzip, a truncated tar, an over-long line) each one
# input error while the other indexes still count; @tag repositories used only for packages
# /etc/apk/world pins there; the hash of apk-tools before 2.12; /etc/apk/cache; a large index
# streamed. (apk-tools is not in Debian: apk's version order is checked against its own test
# vectors in tests/vers/.)
# usage: tests/cli/host_apk.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=host-apk
. "$(dirname "$0")/lib.sh"
FIX=$TOP/tests/fixtures
export PYTHONPATH="$TOP/tests/cli"

mkdir rec
cp "$FIX/BW-E001/fires/engine/info.json" "$FIX/BW-E001/fires/engine/version.json" rec/
audit() {
	"$BW" audit --no-config --root "$1" --replay "$T/rec" --format json >out 2>err </dev/null
	rc=$?
}
# field RULE KEY: the KEY (message, evidence) of RULE's findings in out, joined by "|".
field() {
	python3 -c "
import json,sys
d=json.load(open('out'))
print('|'.join(f.get(sys.argv[2]) or '' for f in d['findings'] if f['rule']==sys.argv[1]))" "$1" "$2"
}
# errors: the input errors in out, "input: message" one a line.
errors() {
	python3 -c "
import json
for e in json.load(open('out'))['errors']:
    print('%s: %s' % (e.get('input'), e.get('message')))"
}
# gen ROOT PYTHON: a host tree built by host_apk_gen from the spec the Python expression gives.
gen() {
	python3 -c "
from host_apk_gen import *
build('$1', $2)"
}

# 1. The fixtures: two updates with their suites; another architecture's index, older and
#    equal versions left out; the exact message.
audit "$FIX/BW-H046/fires-apk/root"
check "updates listed with their repositories, aarch64 index and older versions left out" \
	"$([ "$(field BW-H046 message)" = "2 updates (the indexes do not mark security ones) pending against the package lists in /var/cache/apk: busybox 1.36.1-r15 -> 1.36.1-r19 (v3.19/main), docker-engine 25.0.3-r1 -> 25.0.5-r0 (v3.19/community)" ] && [ -z "$(field BW-H045 message)" ] && [ "$rc" = 0 ]; echo $?)"
check "the finding points at apk's database" \
	"$(python3 -c "
import json,sys
d=json.load(open('out'))
f=[f for f in d['findings'] if f['rule']=='BW-H046'][0]
sys.exit(0 if f['location']['path']=='/lib/apk/db/installed' else 1)" 2>>err; echo $?)"
audit "$FIX/BW-H046/passes-apk-none-pending/root"
check "nothing newer for this architecture: no finding" \
	"$([ -z "$(field BW-H045 message)$(field BW-H046 message)" ] && [ "$rc" = 0 ] && [ -z "$(errors)" ]; echo $?)"

# 2. Damaged indexes: each is one input error naming the file (exit 2), and the good index
#    still counts.
for kind in notgzip truncated longline noindex; do   # bounded: four kinds
	R=$T/bad-$kind
	gen "$R" "{'installed': INSTALLED, 'repositories': [MAIN, COMMUNITY], 'arch': 'x86_64',
		'indexes': {cache_name(MAIN): index_bytes([('busybox', '1.36.1-r19', 'x86_64')])}}"
	python3 - "$R/var/cache/apk/$(python3 -c "from host_apk_gen import *; print(cache_name(COMMUNITY))")" "$kind" <<'PY'
import gzip, sys
from host_apk_gen import *
path, kind = sys.argv[1], sys.argv[2]
good = index_bytes([("docker-engine", "26.0.0-r0", "x86_64")])
data = {"notgzip": b"<html>503 Service Unavailable</html>\n",
        "truncated": good[:len(good) - 60],
        "longline": index_bytes(text="P:docker-engine\nV:26.0.0-r0\nA:x86_64\nT:" + "x" * 70000 + "\n"),
        "noindex": gzip.compress(b"\0" * 1024, mtime=0)}[kind]
open(path, "wb").write(data)
PY
	audit "$R"
	n=$(errors | grep -c "/var/cache/apk/APKINDEX\.[0-9a-f]*\.tar\.gz: cannot read the package index")
	check "damaged index ($kind): one input error naming it, exit 2, the other index still counts" \
		"$([ "$n" = 1 ] && [ "$rc" = 2 ] && [ "$(field BW-H046 evidence)" = "busybox 1.36.1-r15 -> 1.36.1-r19 (v3.19/main)" ]; echo $?)"
	[ "$n" = 1 ] || errors >&2
done
audit "$T/bad-longline"
check "an over-long line is reported with its line in APKINDEX" \
	"$(errors | grep -q "APKINDEX line 4: a line longer than 64 KiB$"; echo $?)"

# 3. Tagged repositories serve only the packages /etc/apk/world pins to their tag; the hash of
#    apk-tools before 2.12 (the URL alone) ties an index too; an index tied to no line is read,
#    without a suite.
EDGE=https://dl-cdn.alpinelinux.org/alpine/edge/testing
R=$T/tags
gen "$R" "{'installed': INSTALLED + [('k9s', '0.31.7-r1', 'x86_64')],
	'repositories': [MAIN, '@testing ' + '$EDGE'], 'arch': 'x86_64',
	'world': ['alpine-base', 'k9s@testing>=0.31', 'musl'],
	'indexes': {cache_name(MAIN, legacy=True): index_bytes([('busybox', '1.36.1-r19', 'x86_64')]),
		cache_name('$EDGE'): index_bytes([('k9s', '0.32.4-r0', 'x86_64'),
			('musl', '1.2.5-r1', 'x86_64')]),
		'APKINDEX.00000000.tar.gz': index_bytes([('docker-engine', '25.0.5-r0', 'x86_64')])}}"
audit "$R"
check "@testing serves k9s (pinned there), not musl; the old hash and an untied index count" \
	"$([ "$(field BW-H046 evidence)" = "busybox 1.36.1-r15 -> 1.36.1-r19 (v3.19/main), docker-engine 25.0.3-r1 -> 25.0.5-r0, k9s 0.31.7-r1 -> 0.32.4-r0 (edge/testing)" ]; echo $?)"

# 4. /etc/apk/cache leading to a directory is where apk keeps its indexes then.
R=$T/linked
gen "$R" "{'installed': INSTALLED, 'repositories': [MAIN], 'arch': 'x86_64', 'cache': '/media/usb/cache',
	'indexes': {cache_name(MAIN): index_bytes([('busybox', '1.36.1-r19', 'x86_64')])}}"
ln -s /media/usb/cache "$R/etc/apk/cache"
audit "$R"
check "indexes read through the /etc/apk/cache symlink" \
	"$([ "$(field BW-H046 message)" = "1 update (the indexes do not mark security ones) pending against the package lists in /etc/apk/cache: busybox 1.36.1-r15 -> 1.36.1-r19 (v3.19/main)" ]; echo $?)"

# 5. A large index is streamed: the installed package near its end is found with bounded
#    memory.
R=$T/big
gen "$R" "{'installed': [('needle', '1.0-r0', 'x86_64')], 'repositories': [MAIN], 'arch': 'x86_64',
	'indexes': {cache_name(MAIN): index_bytes([('p%d' % i, '1.%d-r0' % i, 'x86_64') for i in range(150000)]
		+ [('needle', '1.0-r1', 'x86_64')])}}"
mkdir -p "$T/tiny/lib/apk/db"
cp "$R/lib/apk/db/installed" "$T/tiny/lib/apk/db/"
rss() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o rss "$BW" audit --no-config --root "$1" --replay "$T/rec" \
			--format json >out 2>>err </dev/null
		tail -1 rss
	else
		audit "$1"; echo 0
	fi
}
base=$(rss "$T/tiny")
big=$(rss "$R")
size=$(python3 -c "
import gzip,glob; print(len(gzip.open(glob.glob('$R/var/cache/apk/*')[0]).read()))")
check "a ${size}-byte index streamed: the update at its end found" \
	"$([ "$(field BW-H046 evidence)" = "needle 1.0-r0 -> 1.0-r1 (v3.19/main)" ] && [ "$size" -gt 20000000 ]; echo $?)"
check "memory stays bounded while streaming (max RSS ${big} KiB, ${base} KiB without the index)" \
	"$([ "$big" -lt $((base + 16384)) ]; echo $?)"
