#!/bin/bash
# Image audit speed: a docker-archive with one ~1 GiB (uncompressed) gzip layer of mixed text
# and binary files, audited by `bulwark image docker-archive:…` (digests, the secret scan and
# every rule included; no cache), and read by bench/image_walk (the layer walker alone, no
# content scan), next to `igzip -dc layer.tar.gz | tar -t` over the same layer in the same run.
# Prints wall times (medians of RUNS rounds), the speed ratio and peak RSS.
# usage: [RUNS=3] [BULWARK=build/bulwark] [BENCH_DIR=dir] bench/image.sh [SIZE_MIB=1024]
# (build first: make). BENCH_DIR keeps the generated image for the next run.
set -eu
cd "$(dirname "$0")/.."
SIZE=${1:-1024}
if [ -n "${BENCH_DIR:-}" ]; then      # kept, and reused when it already holds this SIZE
	DIR=$BENCH_DIR
	mkdir -p "$DIR"
else
	DIR=$(mktemp -d /tmp/bw-bench-image-XXXXXX)
	trap 'rm -rf "$DIR"' EXIT
fi
[ -f build/libbulwark.a ] || make -s BUILD=build build/libbulwark.a
PKGS="jansson yaml-0.1 libcurl openssl libarchive libzstd sqlite3 libhs"
cc -std=c17 -D_GNU_SOURCE -O2 -Isrc $(pkg-config --cflags $PKGS) bench/image_walk.c \
	build/libbulwark.a $(pkg-config --libs $PKGS) -lisal -pthread -o "$DIR/image_walk"
[ "$(cat "$DIR/size" 2>/dev/null)" = "$SIZE" ] || python3 - "$DIR" "$SIZE" <<'PY'
"""Writes a docker-archive (docker save, legacy layout) with one gzip layer of about SIZE MiB
uncompressed: mixed text and binary files, deterministic. The gzip step runs through igzip.
usage: python3 - OUTDIR [SIZE_MIB=1024]
Leaves OUTDIR/layer.tar.gz (for the igzip | tar comparison) and OUTDIR/image.tar."""
import hashlib, io, json, os, random, subprocess, sys, tarfile

out = sys.argv[1]
size = int(sys.argv[2]) * (1 << 20) if len(sys.argv) > 2 else 1 << 30
os.makedirs(out, exist_ok=True)
rnd = random.Random(20261123)
words = ("server port host user timeout retry config value path name level debug info warn "
         "error listen bind address cache memory disk limit enable disable token key").split()
text_pool = "".join("%s = %s_%d\n" % (rnd.choice(words), rnd.choice(words), rnd.randrange(10**6))
                    for _ in range(200000)).encode()
bin_pool = rnd.randbytes(8 << 20)


class Hashing:
    """A write-only file: hashes the tar and feeds it to igzip."""
    def __init__(self, proc):
        self.proc, self.h, self.n = proc, hashlib.sha256(), 0

    def write(self, b):
        self.h.update(b)
        self.n += len(b)
        self.proc.stdin.write(b)
        return len(b)


gz = open(os.path.join(out, "layer.tar.gz"), "wb")
proc = subprocess.Popen(["igzip", "-c", "-1"], stdin=subprocess.PIPE, stdout=gz)
sink = Hashing(proc)
tf = tarfile.open(fileobj=sink, mode="w|", format=tarfile.GNU_FORMAT)
total, i = 0, 0
while total < size:
    d = "srv/app%03d/%s" % (i // 200, rnd.choice(words))
    if i % 2:
        n = rnd.randrange(1024, 32768)
        off = rnd.randrange(0, len(text_pool) - n)
        data, name = text_pool[off:off + n], "%s/f%06d.conf" % (d, i)
    else:
        n = rnd.randrange(4096, 131072)
        off = rnd.randrange(0, len(bin_pool) - n)
        data, name = b"\0" + bin_pool[off:off + n - 1], "%s/f%06d.bin" % (d, i)
    ti = tarfile.TarInfo(name)
    ti.size, ti.mode, ti.mtime = len(data), 0o644, 1700000000
    tf.addfile(ti, io.BytesIO(data))
    total += n + 512
    i += 1
tf.close()
proc.stdin.close()
proc.wait()
gz.close()
diff_id = "sha256:" + sink.h.hexdigest()

config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                     "rootfs": {"type": "layers", "diff_ids": [diff_id]},
                     "history": [{"created_by": "COPY srv /srv"}]}).encode()
cfg_name = hashlib.sha256(config).hexdigest() + ".json"
manifest = json.dumps([{"Config": cfg_name, "RepoTags": ["bench/image:1"],
                        "Layers": ["l0/layer.tar"]}]).encode()
with tarfile.open(os.path.join(out, "image.tar"), "w", format=tarfile.GNU_FORMAT) as t:
    t.add(os.path.join(out, "layer.tar.gz"), arcname="l0/layer.tar")
    for name, data in ((cfg_name, config), ("manifest.json", manifest)):
        ti = tarfile.TarInfo(name)
        ti.size, ti.mtime = len(data), 1700000000
        t.addfile(ti, io.BytesIO(data))
print("gen-image: %d files, %d bytes uncompressed" % (i, sink.n))
open(os.path.join(out, "size"), "w").write(sys.argv[2] + "\n")
PY
sync
cat "$DIR/image.tar" "$DIR/layer.tar.gz" >/dev/null     # both warm in the page cache

# RUNS rounds, each timing bulwark and the pipeline back to back, then image_walk. The machine may
# be shared: the load can change between rounds, less so within one, so besides the ratio of the
# medians the median of the rounds' own ratios is printed. Peak RSS: the largest over the rounds.
RUNS=${RUNS:-3}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxof() { sort -n | tail -1; }
now() { date +%s.%N; }
BW=${BULWARK:-build/bulwark}
walk_t=() pipe_t=() bw_t=() walk_m=() pipe_m=() bw_m=() ratio=()
for i in $(seq "$RUNS"); do
	s=$(now)
	/usr/bin/time -f %M -o "$DIR/bw.rss" "$BW" image --no-cache --format json -o "$DIR/bw.json" \
		"docker-archive:$DIR/image.tar" 2>/dev/null || true
	bw_t+=("$(echo "$(now) - $s" | bc)") bw_m+=("$(cat "$DIR/bw.rss")")
	s=$(now)
	/usr/bin/time -f %M -o "$DIR/pipe.rss" sh -c "igzip -dc '$DIR/layer.tar.gz' | tar -t >/dev/null"
	pipe_t+=("$(echo "$(now) - $s" | bc)") pipe_m+=("$(cat "$DIR/pipe.rss")")
	s=$(now)
	/usr/bin/time -f %M -o "$DIR/walk.rss" "$DIR/image_walk" "$DIR/image.tar" >"$DIR/walk.out"
	walk_t+=("$(echo "$(now) - $s" | bc)") walk_m+=("$(cat "$DIR/walk.rss")")
	ratio+=("$(echo "100 * ${pipe_t[-1]} / ${bw_t[-1]}" | bc -l)")
	printf 'round %d: bulwark image %.2f s, igzip | tar %.2f s (%.0f %%), image_walk %.2f s  (load %s)\n' \
		"$i" "${bw_t[-1]}" "${pipe_t[-1]}" "${ratio[-1]}" "${walk_t[-1]}" "$(cut -d' ' -f1 /proc/loadavg)"
done
w=$(printf '%s\n' "${walk_t[@]}" | median)
p=$(printf '%s\n' "${pipe_t[@]}" | median)
b=$(printf '%s\n' "${bw_t[@]}" | median)
cat "$DIR/walk.out"
printf 'bulwark image      median %.2f s  peak RSS %d KiB  (%s findings)\n' "$b" \
	"$(printf '%s\n' "${bw_m[@]}" | maxof)" \
	"$(python3 -c "import json; print(len(json.load(open('$DIR/bw.json'))['findings']))")"
printf 'image_walk         median %.2f s  peak RSS %d KiB\n' "$w" \
	"$(printf '%s\n' "${walk_m[@]}" | maxof)"
printf 'igzip -dc | tar -t median %.2f s  peak RSS %d KiB (the larger of igzip and tar)\n' "$p" \
	"$(printf '%s\n' "${pipe_m[@]}" | maxof)"
printf 'bulwark image speed: %.0f %% of the igzip | tar pipeline (medians; per round: median %.0f %%)\n' \
	"$(echo "100 * $p / $b" | bc -l)" "$(printf '%s\n' "${ratio[@]}" | median)"
printf 'image_walk speed:    %.0f %% of the igzip | tar pipeline\n' "$(echo "100 * $p / $w" | bc -l)"
printf 'target: bulwark image >= 100 %%, peak RSS < 65536 KiB\n'
