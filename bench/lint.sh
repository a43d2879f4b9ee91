#!/bin/sh
# Lint throughput: N generated Dockerfiles, linted in batches of B files per process.
# Prints files/s and MB/s for bulwark, one timed pass with text and one with JSON output, and,
# when DOCKERFILELINT points to it, for dockerfilelint.
# usage: bench/lint.sh [N=10000] [B=500]        (build first: make)
set -eu
cd "$(dirname "$0")/.."
N=${1:-10000}
B=${2:-500}
BW=${BULWARK:-build/bulwark}
W=build/bench/lint
rm -rf "$W"; mkdir -p "$W/in" "$W/out"
python3 bench/gen-dockerfiles.py "$N" "$W/in"
bytes=$(cat "$W"/in/* | wc -c)
ls "$W/in" | sed "s|^|$W/in/|" >"$W/list"

now() { date +%s.%N; }
rate() { awk -v n="$1" -v b="$2" -v s="$3" -v t="$4" \
	'BEGIN { printf "%-16s %6d files %7.2f MB  %7.3f s  %9.0f files/s  %7.2f MB/s\n", t, n, b/1e6, s, n/s, b/1e6/s }'; }

# Warm the page cache so both tools read from memory.
cat "$W"/in/* >/dev/null
split -l "$B" -d -a 4 "$W/list" "$W/batch."

# One timed pass of bulwark over every batch; $1 names it, the rest are extra options.
pass() {
	name=$1 ext=$2
	shift 2
	t0=$(now)
	for f in "$W"/batch.*; do
		# xargs says 123 when a batch exits 1 (findings)
		xargs "$BW" lint --no-config "$@" -o "$W/out/$(basename "$f").$ext" <"$f" || [ $? -eq 123 ]
	done
	t1=$(now)
	rate "$N" "$bytes" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "bulwark ($name)"
}
pass text txt
pass json json --format json
python3 - "$W/out" <<'PY'
import glob, json, sys
errs = finds = 0
for p in glob.glob(sys.argv[1] + "/*.json"):
    d = json.load(open(p))
    errs += d["summary"]["errors"]; finds += d["summary"]["findings"]
print("bulwark          %d findings, %d input errors" % (finds, errs))
PY
if [ -n "${DOCKERFILELINT:-}" ]; then
	t0=$(now)
	for f in "$W"/batch.*; do
		xargs "$DOCKERFILELINT" -o json <"$f" >/dev/null 2>&1 || true
	done
	t1=$(now)
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
	rate "$N" "$bytes" "$secs" "dockerfilelint"
fi
