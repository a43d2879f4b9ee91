#!/bin/sh
# The vulnerability store's figures. Import: `bulwark db import` of COUNT synthetic OSV records
# (200 000 by default, made by bench/gen-osv.py as per-ecosystem all.zip archives: there is no
# network to fetch OSV's own) into a new store; best of three runs, printed as records per
# second beside the target (at least 30 000). There is no other tool to run for this figure:
# Trivy and Grype download a database built elsewhere rather than importing OSV archives.
# The import parses on one thread per core, so the wall-clock figure depends on free cores;
# the CPU time is printed too (with the load average) for a figure a shared machine keeps.
# usage: bench/vulns.sh [path/to/bulwark] [COUNT]
set -eu
BW=${1:-build/bulwark}
COUNT=${2:-200000}
DIR=${BENCH_DIR:-/tmp/bulwark-bench-osv}
HERE=$(cd "$(dirname "$0")" && pwd)
if [ "$(cat "$DIR.count" 2>/dev/null)" != "$COUNT" ]; then
	rm -rf "$DIR"
	python3 "$HERE/gen-osv.py" "$DIR" "$COUNT"
	echo "$COUNT" >"$DIR.count"
fi
cat "$DIR"/*/all.zip >/dev/null   # warm the page cache: measure the import, not the disk
zipbytes=$(du -cb "$DIR"/*/all.zip | tail -1 | cut -f1)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 - "$BW" "$out" "$COUNT" "$zipbytes" "$DIR"/*/all.zip <<'PY'
import os, resource, subprocess, sys, time
bw, out, count, zipbytes, zips = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
best = cpu = None
for run in range(3):
    db = os.path.join(out, "v%d.db" % run)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.time()
    p = subprocess.run([bw, "db", "import", "--db", db] + zips, capture_output=True, text=True)
    dt = time.time() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit("bench: import failed: " + p.stderr.strip())
    c = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    best = dt if best is None else min(best, dt)
    cpu = c if cpu is None else min(cpu, c)
got = int(p.stdout.split()[1])
print("import: %d records (%d archives, %.1f MB zipped) in %.2f s: %.0f records/s (target >= 30000)"
      % (got, len(zips), zipbytes / 1e6, best, got / best))
print("cpu: %.2f s user+sys over %d cores: %.0f records per CPU-second; load average %.1f"
      % (cpu, os.cpu_count(), got / cpu, os.getloadavg()[0]))
print("store: %.1f MB" % (os.path.getsize(db) / 1e6))
PY
