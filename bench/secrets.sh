#!/bin/sh
# Throughput and recall of `bulwark secrets` on a generated source tree (200 MB by default) with
# planted secrets of 20 kinds and decoys. With SECRETLINT set to a secretlint command
# (e.g. SECRETLINT="npx secretlint"), runs it over the same tree for comparison.
# usage: bench/secrets.sh [path/to/bulwark] [MB]
set -eu
BW=${1:-build/bulwark}
MB=${2:-200}
DIR=${BENCH_DIR:-/tmp/bulwark-bench-secrets}
HERE=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$DIR.planted" ] || [ "$(cat "$DIR.mb" 2>/dev/null)" != "$MB" ]; then
	rm -rf "$DIR" "$DIR.planted"
	python3 "$HERE/gen-secrets.py" "$DIR" "$MB"
	echo "$MB" >"$DIR.mb"
fi
bytes=$(du -sb "$DIR" | cut -f1)
cat -- $(find "$DIR" -type f) >/dev/null    # warm the page cache: measure scanning, not the disk
now() { python3 -c 'import time; print(time.time())'; }
# best SECONDS of three runs of a command (the machine may be shared): prints seconds
best() {
	python3 - "$@" <<'PY'
import subprocess, sys, time
ts = []
for _ in range(3):
    t = time.time()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append(time.time() - t)
print("%.3f" % min(ts))
PY
}
score() { # REPORT.json -> "found/planted decoy-hits"
	python3 - "$1" "$DIR.planted" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
got = {(f["location"]["path"], f["location"]["line"]) for f in d["findings"]}
planted = {(p, int(l)) for p, l, _ in (x.rstrip("\n").rsplit(":", 2) for x in open(sys.argv[2]))}
found = len(planted & got)
print("recall %d/%d (%.1f%%), hits that are not planted secrets (decoys): %d"
      % (found, len(planted), 100.0 * found / max(1, len(planted)), len(got - planted)))
PY
}
mkdir -p "$DIR.empty"
start=$(best $BW secrets --no-config "$DIR.empty")
echo "startup (process start and loading the pattern database): $(python3 -c "print('%.2f' % $start)") s"
for threads in 1 all; do
	if [ "$threads" = 1 ]; then run="taskset -c 0 $BW"; else run="$BW"; fi
	t=$(best $run secrets --no-config --format json "$DIR")
	python3 -c "import sys; b,t=$bytes,$t; print('bulwark secrets (%s): %d MB in %.2f s = %.0f MB/s end to end, %.0f MB/s after startup' % ('$threads core' + ('s' if '$threads'!='1' else ''), b/1e6, t, b/1e6/t, b/1e6/max(t-$start, 1e-3)))"
done
$BW secrets --no-config --format json "$DIR" >/tmp/bulwark-bench-secrets.json || [ $? = 1 ]
score /tmp/bulwark-bench-secrets.json
rss=$( { /usr/bin/time -f %M $BW secrets --no-config --format json "$DIR" >/dev/null; } 2>&1 | tail -1 || true)
echo "peak RSS: ${rss} KiB"
if [ -n "${SECRETLINT:-}" ]; then
	t0=$(now)
	$SECRETLINT --format json "$DIR/**/*" >/tmp/bulwark-bench-secretlint.json 2>/dev/null || true
	t1=$(now)
	python3 -c "print('secretlint: %.2f s = %.0f MB/s' % ($t1-$t0, $bytes/1e6/($t1-$t0)))"
	python3 - /tmp/bulwark-bench-secretlint.json "$DIR.planted" <<'PY'
import json, sys
got = set()
for f in json.load(open(sys.argv[1])):
    for m in f.get("messages", []):
        got.add((f["filePath"], m["loc"]["start"]["line"]))
planted = {(p, int(l)) for p, l, _ in (x.rstrip("\n").rsplit(":", 2) for x in open(sys.argv[2]))}
print("secretlint recall %d/%d, other hits %d" % (len(planted & got), len(planted), len(got - planted)))
PY
fi
