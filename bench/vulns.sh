#!/bin/sh
# The vulnerability store's figures. Import: `bulwark db import` of COUNT synthetic OSV records
# (200 000 by default, made by bench/gen-osv.py as per-ecosystem all.zip archives: there is no
# network to fetch OSV's own) into a new store; best of three runs, printed as records per
# second beside the target (at least 30 000). There is no other tool to run for this figure:
# Trivy and Grype download a database built elsewhere rather than importing OSV archives.
# The import parses on one thread per core, so the wall-clock figure depends on free cores;
# the CPU time is printed too (with the load average) for a figure a shared machine keeps.
# Scan: a Debian 12 minbase rootfs (scripts/debian-rootfs: debootstrap --variant=minbase from the
# mirror in /etc/apt/sources.list.d/debian.sources, cached as a tar in build/cache) packed as a
# docker-archive under BENCH_CACHE (default build/bench); SCAN_COUNT (300 000) records across
# ecosystems, those for Debian:12 including four per installed source package at version edges
# (so some match), imported once.
# Then ROUNDS (5) rounds, alternating the order, of `bulwark image --no-cache` against
# `bulwark vulns --no-cache --db`: medians of wall time and peak RSS, the difference beside the
# target (at most 50 ms and 16 MiB), and the findings. Without a mirror, a synthetic dpkg status of
# about 90 packages stands in, and the figure says so.
# SCAN_ONLY=1 skips the import figure. Last, `vulns --rematch` of INVENTORIES (1 000) kept inventories
# (see its part below).
# usage: [BENCH_CACHE=dir] [SCAN_COUNT=n] [ROUNDS=n] [SCAN_ONLY=1|IMPORT_ONLY=1] [INVENTORIES=n] bench/vulns.sh [path/to/bulwark] [COUNT]
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
if [ -n "${SCAN_ONLY:-}" ]; then :; else
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
print("store: %.1f MB; import peak RSS %d KiB" % (os.path.getsize(db) / 1e6,
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
PY
fi
[ -z "${IMPORT_ONLY:-}" ] || exit 0    # IMPORT_ONLY=1: the import figure alone

# --- scan overhead
CACHE=${BENCH_CACHE:-build/bench}
SCAN_COUNT=${SCAN_COUNT:-300000}
mkdir -p "$CACHE"
if ROOTFS=$(sh "$HERE/../scripts/debian-rootfs" "$HERE/../build/cache"); then
	LABEL="Debian 12 minbase (debootstrap)"
else
	echo "bench: no Debian rootfs (above): synthetic dpkg status instead" >&2
	ROOTFS=$CACHE/debian12-synthetic.tar LABEL="SYNTHETIC dpkg status, 90 packages (no mirror)"
fi
# The image (and for the fallback the rootfs itself): a docker save archive with one layer.
python3 - "$ROOTFS" "$CACHE/image.tar" "$CACHE/status" <<'PY'
import hashlib, io, json, os, sys, tarfile
rootfs, image, status = sys.argv[1:]
def add(t, name, data):
    ti = tarfile.TarInfo(name)
    ti.size, ti.mtime, ti.mode = len(data), 1700000000, 0o644
    t.addfile(ti, io.BytesIO(data))
if not os.path.exists(rootfs):      # the fallback: about 90 packages shaped like minbase's
    para = []
    for i in range(90):
        para.append("Package: pkg%02d\nStatus: install ok installed\nArchitecture: amd64\n"
                    "%sVersion: %d.%d-%d%s\nDescription: synthetic\n"
                    % (i, "Source: src%02d\n" % (i // 2) if i % 3 else "", i % 7, i, 1 + i % 4,
                       "+deb12u1" if i % 5 == 0 else ""))
    with tarfile.open(rootfs, "w") as t:
        add(t, "etc/os-release", b'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n')
        add(t, "var/lib/dpkg/status", "\n".join(para).encode())
with tarfile.open(rootfs) as t:
    open(status, "wb").write(t.extractfile("var/lib/dpkg/status").read())
if os.path.exists(image) and os.path.getmtime(image) >= os.path.getmtime(rootfs):
    sys.exit(0)
h = hashlib.sha256()
with open(rootfs, "rb") as f:
    for b in iter(lambda: f.read(1 << 20), b""):
        h.update(b)
config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"Cmd": ["bash"]},
                     "rootfs": {"type": "layers", "diff_ids": ["sha256:" + h.hexdigest()]},
                     "history": [{"created_by": "debootstrap --variant=minbase bookworm"}]}).encode()
cfg = hashlib.sha256(config).hexdigest() + ".json"
manifest = json.dumps([{"Config": cfg, "RepoTags": ["bench/debian12:minbase"],
                        "Layers": ["l0/layer.tar"]}]).encode()
with tarfile.open(image + ".part", "w") as t:
    t.add(rootfs, arcname="l0/layer.tar")
    add(t, cfg, config)
    add(t, "manifest.json", manifest)
os.rename(image + ".part", image)
PY
SDIR=$DIR-scan
if [ ! -f "$SDIR/vulns.db" ] || [ "$(cat "$SDIR.count" 2>/dev/null)" != "$SCAN_COUNT $(md5sum <"$CACHE/status")" ]; then
	rm -rf "$SDIR" && mkdir -p "$SDIR"
	python3 "$HERE/gen-osv.py" "$SDIR/osv" "$SCAN_COUNT" "$CACHE/status"
	"$BW" db import --db "$SDIR/vulns.db" "$SDIR"/osv/*/all.zip >/dev/null
	echo "$SCAN_COUNT $(md5sum <"$CACHE/status")" >"$SDIR.count"
fi
cat "$CACHE/image.tar" "$SDIR/vulns.db" >/dev/null    # warm: measure the scan, not the disk
python3 - "$BW" "$out" "$CACHE/image.tar" "$SDIR/vulns.db" "${ROUNDS:-5}" "$LABEL" "$SCAN_COUNT" <<'PY'
import json, os, statistics, subprocess, sys, time
bw, out, image, db, rounds, label, count = sys.argv[1:]
npk = sum(1 for l in open(os.path.join(os.path.dirname(image), "status")) if l.startswith("Package: "))
cmds = {"image": [bw, "image", "--no-cache", "--no-config", "--format", "json",
                  "-o", out + "/image.json", "docker-archive:" + image],
        "vulns": [bw, "vulns", "--no-cache", "--no-config", "--db", db, "--format", "json",
                  "-o", out + "/vulns.json", "docker-archive:" + image]}
wall, rss = {k: [] for k in cmds}, {k: [] for k in cmds}
def run(k):
    t = time.time()
    p = subprocess.Popen(cmds[k], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, st, ru = os.wait4(p.pid, 0)
    wall[k].append(time.time() - t)
    rss[k].append(ru.ru_maxrss)          # KiB, this child alone
    if os.waitstatus_to_exitcode(st) not in (0, 1):
        sys.exit("bench: %s failed: %s" % (k, err.decode().strip()))
for i in range(int(rounds)):
    for k in (("image", "vulns") if i % 2 == 0 else ("vulns", "image")):
        run(k)
meds = {k: (statistics.median(wall[k]), statistics.median(rss[k])) for k in cmds}
for k in cmds:
    print("scan: bulwark %s median %.3f s, peak RSS %d KiB (%d rounds: %s s)"
          % (k, meds[k][0], meds[k][1], len(wall[k]), " ".join("%.3f" % w for w in wall[k])))
dt, dm = meds["vulns"][0] - meds["image"][0], meds["vulns"][1] - meds["image"][1]
n = {k: json.load(open(out + "/%s.json" % k))["findings"] for k in cmds}
v = [f for f in n["vulns"] if f["rule"].startswith("BW-V")]
print("scan: %s, %d packages, against %d records: vulns adds %+.0f ms (target <= 50) and %+d KiB = "
      "%+.1f MiB (target <= 16); %d findings from vulns (%d BW-V), %d from image; load average %.2f"
      % (label, npk, int(count), dt * 1e3, dm, dm / 1024,
         len(n["vulns"]), len(v), len(n["image"]), os.getloadavg()[0]))
PY

# --- re-matching: INVENTORIES (1 000) kept inventories of the image above, against the same store.
# The scan kept the image's inventory in vulns.db.inv; it is copied INVENTORIES times under other
# image ids, with nothing recorded as found, so the first --rematch reports every match as new
# (and records it) and the second reports nothing (the daily case). Medians of ROUNDS (3).
python3 - "$BW" "$out" "$SDIR/vulns.db" "${INVENTORIES:-1000}" "${REMATCH_ROUNDS:-3}" <<'PY'
import json, os, sqlite3, statistics, subprocess, sys, time
bw, out, db, n, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
src = db + ".inv"
if not os.path.exists(src):
    sys.exit("bench: no kept inventory %s (the scan keeps one)" % src)
os.symlink(os.path.abspath(db), out + "/re.db")
def fresh():
    inv = out + "/re.db.inv"
    if os.path.exists(inv):
        os.remove(inv)
    c = sqlite3.connect(inv)
    c.execute("ATTACH ? AS s", (src,))
    for (sql,) in c.execute("SELECT sql FROM s.sqlite_master WHERE type = 'table'").fetchall():
        c.execute(sql)
    for pragma in ("application_id", "user_version"):
        c.execute("PRAGMA %s=%d" % (pragma, c.execute("PRAGMA s.%s" % pragma).fetchone()[0]))
    (digest, ref, scanned), = c.execute("SELECT digest, ref, scanned FROM s.image LIMIT 1")
    for i in range(n):
        d = "sha256:%064x" % i
        c.execute("INSERT INTO image VALUES (?, ?, ?)", (d, "%s-%d" % (ref, i), scanned))
        c.execute("INSERT INTO pkg SELECT ?, seq, kind, name, version, source, source_version, "
                  "ecosystem, scheme, path, layer, purl, arch FROM s.pkg WHERE digest = ?", (d, digest))
    npkg = c.execute("SELECT count(*) FROM pkg").fetchone()[0]
    c.commit(); c.close()
    return npkg
def run():
    t = time.time()
    p = subprocess.Popen([bw, "vulns", "--no-config", "--db", out + "/re.db", "--rematch",
                          "--format", "json", "-o", out + "/re.json"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, st, ru = os.wait4(p.pid, 0)
    dt = time.time() - t
    if os.waitstatus_to_exitcode(st) not in (0, 1):
        sys.exit("bench: rematch failed: %s" % err.decode().strip())
    # counted in another process: a child's peak RSS starts at this one's, which a loaded
    # report of 264 000 findings would raise for every later run
    found = int(subprocess.check_output([sys.executable, "-c", "import json, sys; print(sum("
        "f['rule'] == 'BW-V001' for f in json.load(open(sys.argv[1]))['findings']))",
        out + "/re.json"]))
    return dt, ru.ru_maxrss, found
first, second = [], []
for _ in range(rounds):
    npkg = fresh()
    first.append(run()); second.append(run())
for name, r in (("all new", first), ("nothing new", second)):
    print("rematch (%s): %d inventories, %d packages: median %.3f s (target <= 2), peak RSS %d KiB, "
          "%d findings (%s s)" % (name, n, npkg, statistics.median(x[0] for x in r),
                                  statistics.median(x[1] for x in r), r[0][2],
                                  " ".join("%.3f" % x[0] for x in r)))
PY
