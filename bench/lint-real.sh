#!/bin/bash
# Lint speed on real Dockerfiles, bulwark next to dockerfilelint in one run: the same files, in
# batches of B per process, one process at a time. Prints, for each tool, wall seconds and CPU
# seconds (user+sys of its processes), then bulwark's lead over dockerfilelint (wall and CPU) and
# bulwark's MB/s per core (bytes / bulwark CPU seconds).
# The corpus: a directory of real Dockerfiles, built by bench/lint-corpus.sh from clones of
# official-image repositories (its header lists them). Generated files are no substitute: real
# ones are longer and their RUN blocks far heavier.
# dockerfilelint: npm install --prefix /tmp/dfl dockerfilelint, then
#   DOCKERFILELINT=/tmp/dfl/node_modules/.bin/dockerfilelint.
# usage: bench/lint-real.sh CORPUS_DIR [B=500] [ROUNDS=3]   (build first: make)
# Each tool is timed ROUNDS times, alternating; the least wall and the least CPU time of each
# are reported (other work on the machine only ever adds to them).
set -eu
cd "$(dirname "$0")/.."
C=${1:?usage: bench/lint-real.sh CORPUS_DIR [B] [ROUNDS]}
B=${2:-500}
R=${3:-3}
BW=${BULWARK:-build/bulwark}
DFL=${DOCKERFILELINT:-dockerfilelint}
command -v "$DFL" >/dev/null || { echo "dockerfilelint not found: set DOCKERFILELINT" >&2; exit 2; }
W=build/bench/lint-real
rm -rf "$W"; mkdir -p "$W"
find "$C" -type f | sort >"$W/list"
n=$(wc -l <"$W/list")
bytes=$(xargs -d '\n' -a "$W/list" cat | wc -c)      # also warms the page cache
lines=$(xargs -d '\n' -a "$W/list" cat | wc -l)

# Runs one tool over every batch (xargs starts one process per batch and nothing else) and
# prints "wall cpu": the CPU of every process xargs waited for, from getrusage (microseconds,
# where /usr/bin/time rounds to 10 ms).
run() {
	python3 - "$W/list" "$B" "$@" <<'PY'
import resource, subprocess, sys, time
lst, b, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
t0 = time.perf_counter()
subprocess.run(["xargs", "-d", "\\n", "-n", b, "-a", lst] + cmd, stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL)
t1 = time.perf_counter()
r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime
print("%.3f %.3f" % (t1 - t0, cpu))
PY
}
best() { awk 'NR == 1 || $1 < w { w = $1 } NR == 1 || $2 < c { c = $2 } END { print w, c }'; }

: >"$W/bw"; : >"$W/dfl"
for ((r = 0; r < R; r++)); do
	run "$BW" lint --no-config -o /dev/null >>"$W/bw"
	run "$DFL" -o json >>"$W/dfl"
done
read -r bw_wall bw_cpu < <(best <"$W/bw")
read -r dfl_wall dfl_cpu < <(best <"$W/dfl")

# Both tools saw every file: bulwark's findings and input errors, dockerfilelint's file count
# (its output goes to files: node cuts off a large write to a pipe when it exits).
split -l "$B" -d -a 3 "$W/list" "$W/batch."
for f in "$W"/batch.*; do
	xargs -d '\n' -a "$f" "$BW" lint --no-config --format json -o "$f.bw.json" || true
	xargs -d '\n' -a "$f" "$DFL" -o json >"$f.dfl.json" 2>/dev/null || true
done
python3 - "$W" <<'PY'
import glob, json, sys
w = sys.argv[1]
n = finds = errs = 0
for p in glob.glob(w + "/batch.*.dfl.json"):
    n += len(json.load(open(p))["files"])
for p in glob.glob(w + "/batch.*.bw.json"):
    d = json.load(open(p))["summary"]
    finds += d["findings"]; errs += d["errors"]
print("bulwark          %d findings, %d input errors" % (finds, errs))
print("dockerfilelint   reported on %d files" % n)
PY
awk -v n="$n" -v b="$bytes" -v l="$lines" -v B="$B" -v R="$R" \
    -v bw="$bw_wall" -v bc="$bw_cpu" -v dw="$dfl_wall" -v dc="$dfl_cpu" 'BEGIN {
	printf "corpus           %d files, %.2f MB, %d lines, batches of %d, best of %d\n", n, b/1e6, l, B, R
	printf "bulwark          %7.3f s wall  %7.3f s cpu  %8.0f files/s  %7.1f MB/s per core (target 150)\n", bw, bc, n/bc, b/1e6/bc
	printf "dockerfilelint   %7.3f s wall  %7.3f s cpu  %8.0f files/s  %7.1f MB/s per core\n", dw, dc, n/dc, b/1e6/dc
	printf "bulwark lead     %.1fx wall  %.1fx cpu (target 20x)\n", dw/bw, dc/bc
}'
