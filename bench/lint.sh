#!/bin/bash
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

# One timed pass of bulwark over every batch of B files; $1 names it, the rest are options.
# xargs starts exactly one bulwark process per batch and nothing else: on this VM each extra
# fork+exec (a shell, basename) costs ~4 ms, which would be counted as bulwark's. The report is
# formatted in full and written to /dev/null; the untimed pass below keeps it.
pass() {
	local name=$1 t0 t1
	shift
	t0=$(now)
	xargs -n "$B" -a "$W/list" "$BW" lint --no-config "$@" -o /dev/null || [ $? -eq 123 ]
	t1=$(now)
	rate "$N" "$bytes" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "bulwark ($name)"
}
pass text
pass json --format json

# Untimed: the same batches again, each report kept, to count findings and input errors.
i=0
for f in "$W"/batch.*; do
	mapfile -t files <"$f"
	i=$((i + 1))
	"$BW" lint --no-config --format json -o "$W/out/$i.json" "${files[@]}" || [ $? -eq 1 ]
done
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
	xargs -n "$B" -a "$W/list" "$DOCKERFILELINT" -o json >/dev/null 2>&1 || true
	t1=$(now)
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
	rate "$N" "$bytes" "$secs" "dockerfilelint"
fi
