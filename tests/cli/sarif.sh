#!/bin/sh
# SARIF that code scanning keeps: lint, secrets, image and audit (over a recorded engine) runs each
# write a log valid against the SARIF 2.1.0 JSON schema, in which every result has a physical
# location whose URI is relative, under a base the run describes, and names what it should.
# The schema comes from npm (scripts/sarif-schema) into build/sarif; the validator is Debian's
# python3-jsonschema.
# usage: tests/cli/sarif.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=sarif
. "$(dirname "$0")/lib.sh"
HERE=$(pwd -P)

if ! SCHEMA=$(sh "$TOP/scripts/sarif-schema" "$TOP/build/sarif" 2>err); then
	check "the SARIF 2.1.0 schema is fetched (npm @microsoft/jest-sarif)" 1
	exit 1
fi
if ! python3 -c 'import jsonschema' 2>err; then
	check "python3-jsonschema is installed (scripts/install-deps)" 1
	exit 1
fi

# valid LOG EXPECT...: LOG is schema-valid, every result has a physical location with a relative
# URI and a base described in originalUriBaseIds (%SRCROOT% as this directory's file: URI), and
# each EXPECT "RULE|URI|BASE|LINE" (LINE "-": no region) is one of its results.
valid() {
	python3 - "$SCHEMA" "$HERE" "$@" <<'PY' 2>>err
import json, sys, jsonschema
schema, here, log = sys.argv[1:4]
doc = json.load(open(log))
jsonschema.Draft4Validator(schema=json.load(open(schema))).validate(doc)
run = doc["runs"][0]
bases = run.get("originalUriBaseIds", {})
assert bases.get("%SRCROOT%", {}).get("uri", "file://" + here + "/") == "file://" + here + "/", bases
got = set()
assert run["results"], "no results"
for r in run["results"]:
    a = r["locations"][0]["physicalLocation"]["artifactLocation"]
    assert a["uri"] and ":" not in a["uri"].split("/")[0], a
    assert a["uriBaseId"] in bases and "description" in bases[a["uriBaseId"]], a
    line = r["locations"][0]["physicalLocation"].get("region", {}).get("startLine", "-")
    got.add("%s|%s|%s|%s" % (r["ruleId"], a["uri"], a["uriBaseId"], line))
missing = [e for e in sys.argv[4:] if e not in got]
assert not missing, "missing %s in %s" % (missing, sorted(got))
PY
	echo $?
}

# lint: a repository's files, named relative to it even when given by absolute path.
mkdir -p repo/app
printf 'FROM alpine:latest\nUSER root\n' >repo/app/Dockerfile
printf 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' >repo/compose.yaml
( cd repo && "$BW" lint --no-config --format sarif -o ../lint.sarif "$PWD/app/Dockerfile" compose.yaml \
	>/dev/null 2>>../err )
HERE=$HERE/repo
check "lint: schema-valid, repository files relative to %SRCROOT%" \
	"$(valid lint.sarif 'BW-D002|app/Dockerfile|%SRCROOT%|1' 'BW-D004|app/Dockerfile|%SRCROOT%|2' 'BW-C001|compose.yaml|%SRCROOT%|4')"
HERE=$(pwd -P)
python3 -c 'import json; d=json.load(open("lint.sarif")); del d["runs"][0]["results"][0]["message"]; json.dump(d, open("broken.sarif", "w"))'
: >err
check "the schema check refuses a result without a message" \
	"$([ "$(valid broken.sarif)" != 0 ] && grep -q "'message' is a required property" err; echo $?)"
: >err

# secrets on a directory.
mkdir -p tree/deploy
printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACD\n-----END OPENSSH PRIVATE KEY-----\n' \
	>tree/deploy/id_rsa
"$BW" secrets --no-config --format sarif -o secrets.sarif tree >/dev/null 2>>err
check "secrets: schema-valid, a file of the tree relative to %SRCROOT%" \
	"$(valid secrets.sarif 'BW-K001|tree/deploy/id_rsa|%SRCROOT%|1')"

# image: a file inside an image is the image reference plus its path in the image, never a
# file: URI that would name /root/.ssh/id_rsa on the machine that uploads the log.
python3 - img.tar <<'PY'
import hashlib, io, json, sys, tarfile
def add(t, name, data, mode=0o644, kind=tarfile.REGTYPE):
    ti = tarfile.TarInfo(name); ti.mode = mode; ti.type = kind; ti.size = len(data)
    t.addfile(ti, io.BytesIO(data) if data else None)
key = (b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAA"
       b"MwAAAAtzc2gtZWQyNTUxOQAAACD\n-----END OPENSSH PRIVATE KEY-----\n")
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    for d in ("bin", "root", "root/.ssh"):
        add(t, d, b"", 0o755, tarfile.DIRTYPE)
    add(t, "bin/tool", b"\x01ELF", 0o4755)
    add(t, "root/.ssh/id_rsa", key, 0o600)
layer = b.getvalue()
cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": {"User": "app"},
                  "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]},
                  "history": [{"created_by": "ADD rootfs /"}]}).encode()
name = hashlib.sha256(cfg).hexdigest() + ".json"
man = json.dumps([{"Config": name, "RepoTags": ["team/app:1.2"], "Layers": ["0/layer.tar"]}]).encode()
with tarfile.open(sys.argv[1], "w") as t:
    for n, data in ((name, cfg), ("0/layer.tar", layer), ("manifest.json", man)):
        add(t, n, data)
PY
"$BW" image --no-cache --no-config --format sarif -o image.sarif docker-archive:img.tar >/dev/null 2>>err
check "image: schema-valid, files in the image as reference/path under IMAGEROOT" \
	"$(valid image.sarif 'BW-I004|team/app%3A1.2/root/.ssh/id_rsa|IMAGEROOT|-' \
		'BW-I010|team/app%3A1.2/bin/tool|IMAGEROOT|-' 'BW-I016|team/app%3A1.2|IMAGEROOT|-')"
check "image: no result names a file: URI" "$(! grep -q 'file:///root' image.sarif; echo $?)"

# audit over a recorded engine: host files and daemon settings under HOSTROOT (a setting no file
# made points at daemon.json), containers by name under ENGINEROOT.
cp -R "$TOP/tests/fixtures/BW-C021/fires-inspect/engine" rec
mkdir -p root/etc/docker
printf '{\n  "icc": true\n}\n' >root/etc/docker/daemon.json
chmod 666 root/etc/docker/daemon.json
"$BW" audit --no-config --format sarif -o audit.sarif --root root --replay rec >/dev/null 2>>err
check "audit: schema-valid, host, daemon and container results all located" \
	"$(valid audit.sarif 'BW-H006|etc/docker|HOSTROOT|-' 'BW-H011|etc/docker/daemon.json|HOSTROOT|-' \
		'BW-E001|etc/docker/daemon.json|HOSTROOT|-' 'BW-C021|containers/app|ENGINEROOT|-')"
check "audit: a daemon setting made in daemon.json points at its line" \
	"$(python3 -c '
import json, sys
r = [r for r in json.load(open("audit.sarif"))["runs"][0]["results"] if r["ruleId"] == "BW-E002"]
pl = r[0]["locations"][0]["physicalLocation"]
sys.exit(0 if pl["artifactLocation"]["uri"].endswith("etc/docker/daemon.json") and pl["region"]["startLine"] == 2 else 1)' 2>>err; echo $?)"
exit 0
