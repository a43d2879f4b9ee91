#!/bin/sh
# `bulwark image docker-archive:…` over the archive layouts other tools write, generated here (no
# engine): docker save before 25 and since, go-containerregistry's (crane, ko, kaniko), entries
# reordered and in directories; a pipe read once; and a layer refused at the tar header that
# declares more than --max-layer-size.
# usage: tests/cli/archives.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
SUITE=archives
. "$(dirname "$0")/lib.sh"

img() { "$BW" image --no-cache --no-config --format json "$@" >out 2>err; rc=$?; }
# FILE ARGS...: img with FILE through a pipe (in sh the pipeline's last part is a subshell)
piped() { f=$1; shift; cat "$f" | { img "$@"; echo "$rc" >rc; }; rc=$(cat rc); }
# the findings as (rule, path, layer), sorted; the report's errors; exit 1 (high findings)
WANT="[('BW-I004', '/root/.ssh/id_ed25519', 1), ('BW-I010', '/bin/app', 2), ('BW-I010', '/bin/tool', 0), ('BW-I016', None, None)]"
same() {
	[ "$rc" = 1 ] && grep -qx 'bulwark: note: 1 image, 3 layers (3 scanned, 0 from the cache)' err &&
	python3 -c "import json,sys; d=json.load(open('out')); l=d['findings']
got=sorted((f['rule'], (f['location'] or {}).get('path'), (f['location'] or {}).get('layer')) for f in l)
sys.exit(0 if str(got)==sys.argv[1] and d['errors']==[] else 1)" "$WANT"
	echo $?
}

python3 - fx <<'PY'
import gzip, hashlib, io, json, os, sys, tarfile

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

def tar_bytes(files):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, data, mode in files:
            ti = tarfile.TarInfo(name)
            ti.mode, ti.size, ti.mtime = mode, len(data), 1700000000
            t.addfile(ti, io.BytesIO(data))
    return b.getvalue()

def sha(b):
    return hashlib.sha256(b).hexdigest()

key = b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"
plain = [tar_bytes([("bin/tool", b"\x01ELF", 0o4711)]),
         tar_bytes([("root/.ssh/id_ed25519", key, 0o600)]),
         tar_bytes([("bin/app", b"\x01ELF", 0o2755)])]
stored = [plain[0], gzip.compress(plain[1], mtime=0), gzip.compress(plain[2], mtime=0)]
ext = [".tar", ".tar.gz", ".tar.gz"]
cfg = json.dumps({"architecture": "amd64", "os": "linux",
                  "config": {"User": "app", "Healthcheck": {"Test": ["CMD", "true"]}},
                  "rootfs": {"type": "layers", "diff_ids": ["sha256:" + sha(p) for p in plain]},
                  "history": [{"created_by": "COPY . /"}] * 3}).encode()
ch = sha(cfg)

def manifest(config, layers):
    return json.dumps([{"Config": config, "RepoTags": ["arc/test:1"], "Layers": layers}]).encode()

def write(name, entries):
    with tarfile.open(os.path.join(out, name), "w", format=tarfile.PAX_FORMAT) as t:
        for n, data in entries:
            ti = tarfile.TarInfo(n)
            ti.size, ti.mtime = len(data), 1700000000
            t.addfile(ti, io.BytesIO(data))

# docker save before 25: <id>/layer.tar (uncompressed), <id>/json, <id>/VERSION, <hex>.json
ids = ["%064x" % (i + 1) for i in range(3)]
e = []
for i in range(3):
    e += [(ids[i] + "/VERSION", b"1.0"), (ids[i] + "/json", b'{"id":"%s"}' % ids[i].encode()),
          (ids[i] + "/layer.tar", plain[i])]
e += [(ch + ".json", cfg), ("manifest.json", manifest(ch + ".json", [i + "/layer.tar" for i in ids])),
      ("repositories", b'{"arc/test":{"1":"%s"}}' % ids[2].encode())]
write("legacy.tar", e)
# docker save 25+: OCI blobs, index.json, oci-layout beside manifest.json
blobs = ["blobs/sha256/" + sha(s) for s in stored]
e = [(b, s) for b, s in zip(blobs, stored)] + [("blobs/sha256/" + ch, cfg)]
e += [("index.json", b'{"schemaVersion":2,"manifests":[]}'), ("manifest.json", manifest("blobs/sha256/" + ch, blobs)),
      ("oci-layout", b'{"imageLayoutVersion":"1.0.0"}'), ("repositories", b"{}")]
write("docker25.tar", e)
# go-containerregistry (crane pull, ko, kaniko): config "sha256:<hex>" first, "<hex>.tar.gz" layers, manifest.json last
names = [sha(s) + x for s, x in zip(stored, ext)]
write("crane.tar", [("sha256:" + ch, cfg)] + list(zip(names, stored)) +
      [("manifest.json", manifest("sha256:" + ch, names))])
# reordered: manifest.json first, layers in directories out of order, the config last
names = ["./layers/%d/blob%s" % (i, ext[i]) for i in range(3)]
write("reordered.tar", [("manifest.json", manifest("config/image.json", names))] +
      [(names[i], stored[i]) for i in (2, 0, 1)] + [("config/image.json", cfg)])
# crane's order after 64 MiB of other JSON: fine as a file, not as a stream
junk = b"[" + b" " * ((8 << 20) - 2) + b"]"
names = [sha(s) + x for s, x in zip(stored, ext)]
write("late.tar", [("notes/%d.json" % i, junk) for i in range(8)] + [("sha256:" + ch, cfg)] +
      list(zip(names, stored)) + [("manifest.json", manifest("sha256:" + ch, names))])
# a gzip layer whose first member declares 2 MiB
big = tar_bytes([("srv/big.bin", os.urandom(2 << 20), 0o644), ("srv/after", b"x", 0o644)])
gz = gzip.compress(big, mtime=0)
bc = json.dumps({"rootfs": {"type": "layers", "diff_ids": ["sha256:" + sha(big)]},
                 "history": [{"created_by": "COPY srv /srv"}]}).encode()
write("big.tar", [("sha256:" + sha(bc), bc), (sha(gz) + ".tar.gz", gz),
                  ("manifest.json", manifest("sha256:" + sha(bc), [sha(gz) + ".tar.gz"]))])
# more entries than an image archive may have (directories: cheap to write and to skip)
with tarfile.open(os.path.join(out, "many.tar"), "w") as t:
    for i in range(20001):
        ti = tarfile.TarInfo("d%05d" % i)
        ti.type = tarfile.DIRTYPE
        t.addfile(ti)
    ti = tarfile.TarInfo("manifest.json")
    ti.size = 2
    t.addfile(ti, io.BytesIO(b"[]"))
open(os.path.join(out, "config-hex"), "w").write(ch + "\n")
open(os.path.join(out, "big-layer"), "w").write(sha(gz) + ".tar.gz\n")
PY
[ -f fx/big.tar ] || { echo "not ok - archives: the test archives could not be written"; exit 1; }

for k in legacy docker25 crane reordered; do
	img "docker-archive:fx/$k.tar"
	check "$k layout: the image's 3 layers, its exact findings, no error" "$(same)"
done
piped fx/crane.tar docker-archive:-
check "crane layout from a pipe (manifest.json last): read in one pass" "$(same)"
piped fx/reordered.tar docker-archive:-
check "reordered layout from a pipe (manifest.json first, config last)" "$(same)"
img docker-archive:- <fx/late.tar
check "config before 64 MiB of other JSON, as a file (stdin redirected): read again, the same" "$(same)"
piped fx/late.tar docker-archive:-
check "the same from a pipe: exit 2, the error names stdin and the config" \
	$([ "$rc" = 2 ] && grep -qx "bulwark: stdin: sha256:$(cat fx/config-hex) came before manifest.json, after more than 67108864 bytes of other JSON documents: a stream is read once, and no more is kept while waiting for manifest.json; give the archive as a file, or with manifest.json first" err; echo $?)

img --max-layer-size 1M docker-archive:fx/big.tar
check "a gzip layer whose header declares 2 MiB, with --max-layer-size 1M: refused at that header" \
	$([ "$rc" = 2 ] && grep -qx "bulwark: fx/big.tar: layer $(cat fx/big-layer): entry \"srv/big.bin\": declares 2097152 bytes at offset 0, past the limit of 1048576 bytes uncompressed per layer (--max-layer-size); the layer is not read further" err; echo $?)
img --max-layer-size 3M docker-archive:fx/big.tar
check "the same layer under --max-layer-size 3M: read, no error" \
	$([ "$rc" = 0 ] && grep -qx 'bulwark: note: 1 image, 1 layers (1 scanned, 0 from the cache)' err && ! grep -q 'entry' err; echo $?)
img docker-archive:fx/many.tar
check "an archive of more than 20000 entries: exit 2, read no further" \
	$([ "$rc" = 2 ] && grep -qx 'bulwark: fx/many.tar: the image archive has more than 20000 entries; the rest is not read' err && grep -qx 'bulwark: fx/many.tar: the archive has no manifest.json' err; echo $?)
exit 0
