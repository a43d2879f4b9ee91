#!/bin/sh
# The vulnerability store's figures. Import: `bulwark db import` of COUNT synthetic OSV records
# (200 000 by default, made by bench/gen-osv.py as per-ecosystem all.zip archives: there is no
# network to fetch OSV's own) into a new store; best of three runs, printed as records per
# second beside the target (at least 30 000). There is no other tool to run for this figure:
# Trivy and Grype download a database built elsewhere rather than importing OSV archives.
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
import os, subprocess, sys, time
bw, out, count, zipbytes, zips = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
best = None
for run in range(3):
    db = os.path.join(out, "v%d.db" % run)
    t = time.time()
    p = subprocess.run([bw, "db", "import", "--db", db] + zips, capture_output=True, text=True)
    dt = time.time() - t
    if p.returncode != 0:
        sys.exit("bench: import failed: " + p.stderr.strip())
    best = dt if best is None else min(best, dt)
got = int(p.stdout.split()[1])
print("import: %d records (%d archives, %.1f MB zipped) in %.2f s: %.0f records/s (target >= 30000)"
      % (got, len(zips), zipbytes / 1e6, best, got / best))
print("store: %.1f MB" % (os.path.getsize(db) / 1e6))
PY
