#!/bin/sh
# End-to-end tests of the bulwark command line: exit status, formats, bad input, suppression.
# usage: tests/cli/run.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
DOCS=$(cd "$(dirname "$0")/../../docs" && pwd)
SUITE=cli
. "$(dirname "$0")/lib.sh"

mkdir -p proj/sub proj/.git proj/vendor
printf 'FROM alpine:latest\nUSER app\nHEALTHCHECK CMD true\n' >proj/Dockerfile
printf 'FROM alpine:3.20\nUSER app\nHEALTHCHECK CMD true\n' >proj/sub/app.Dockerfile
printf 'FROM alpine:latest\n' >proj/.git/Dockerfile
printf 'FROM alpine:latest\n' >proj/vendor/Dockerfile
printf 'vendor/\n' >proj/.bulwarkignore
printf 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' >proj/compose.yaml
printf 'services:\n  web:\n    read_only: true\n' >proj/compose.override.yaml

run version
check "version prints the version" $( [ "$rc" = 0 ] && grep -q '^bulwark [0-9]' out; echo $?)
# libcurl, libmicrohttpd and libarchive are opened only by the commands that need them: their
# dependency trees would cost every lint run milliseconds at startup.
LD_DEBUG=libs "$BW" lint --no-config proj/Dockerfile >out 2>err </dev/null
check "lint loads none of libcurl, libmicrohttpd, libarchive" \
	$(grep -q 'calling init:.*libc\.so' err && ! grep -q 'libcurl\|libmicrohttpd\|libarchive' err; echo $?)
run help
check "help lists the commands" $( [ "$rc" = 0 ] && grep -q 'lint' out && grep -q 'explain' out; echo $?)
run frobnicate
check "unknown command exits 2" $(rc_is 2)
run lint --bogus
check "unknown option exits 2" $(rc_is 2)
run lint --format yaml proj
check "unknown format exits 2" $(rc_is 2)

run lint --format json proj
check "directory lint exits 1 on high findings" $(rc_is 1)
check "json schema id" $(py 'd["schema"]=="bulwark/findings/v1" and d["tool"]["name"]=="bulwark"')
check "directory discovery finds Dockerfile, *.Dockerfile, compose.yaml" \
	$(py 'sorted({f["location"]["path"] for f in d["findings"]})==["proj/Dockerfile","proj/compose.yaml","proj/sub/app.Dockerfile"]')
check "discovery skips .git and .bulwarkignore entries" \
	$(py 'not any(".git" in f["location"]["path"] or "vendor" in f["location"]["path"] for f in d["findings"])')
check "latest tag found at its line" \
	$(py 'any(f["rule"]=="BW-D002" and f["location"]=={"path":"proj/Dockerfile","line":1} for f in d["findings"])')
check "compose finding names the service and the key line" \
	$(py 'any(f["rule"]=="BW-C001" and f["target"]=={"kind":"compose","name":"web","id":None} and f["location"]["line"]==4 for f in d["findings"])')
check "compose.override.yaml merged into compose.yaml" \
	$(py 'not any(f["rule"]=="BW-C011" for f in d["findings"])')
check "summary counts match" \
	$(py 'd["summary"]["findings"]==len(d["findings"]) and d["summary"]["failed"] is True and d["summary"]["errors"]==0')

run lint --format json --fail-on critical proj/Dockerfile
check "--fail-on critical ignores a medium finding" $(rc_is 0)
run lint --fail-on bogus proj
check "--fail-on with an unknown severity exits 2" $(rc_is 2)

# Bad input: one message each, exit 2, the other inputs still reported.
printf 'services:\n  web:\n    image: [unclosed\n' >bad.yaml
printf 'FROM x\0\0\0binary' >junk.Dockerfile
printf 'FROM alpine:3\nRUN echo \377\376\n' >latin1.Dockerfile
run lint --format json missing.Dockerfile bad.yaml junk.Dockerfile latin1.Dockerfile proj/Dockerfile
check "bad inputs exit 2" $(rc_is 2)
check "missing file named on stderr" $(has 'bulwark: missing.Dockerfile: no such file' err)
check "invalid YAML named with its line" $(has 'bulwark: bad.yaml:[0-9]*: invalid YAML' err)
check "binary input named" $(has 'bulwark: junk.Dockerfile:1: binary data' err)
check "invalid UTF-8 is a warning with its line" \
	$(has 'bulwark: warning: latin1.Dockerfile:2: invalid UTF-8 replaced with U+FFFD' err)
check "the good input is still reported" \
	$(py 'any(f["location"]["path"]=="proj/Dockerfile" for f in d["findings"]) and len(d["errors"])==3')
head -c 100000000 /dev/zero | tr '\0' 'A' >huge.Dockerfile
run lint huge.Dockerfile
check "a 100 MB single line is refused cleanly" $( [ "$rc" = 2 ] && grep -q 'huge.Dockerfile: .*limit' err; echo $?)
mkdir -p adir
run lint -f adir
check "a directory given as a compose file is an input error" $(rc_is 2)

# Formats and output.
run lint --format sarif proj/Dockerfile
check "sarif 2.1.0 with rules and a physical location" \
	$(py 'd["version"]=="2.1.0" and d["runs"][0]["tool"]["driver"]["name"]=="bulwark" and any(r["ruleId"]=="BW-D002" and r["locations"][0]["physicalLocation"]["region"]["startLine"]==1 for r in d["runs"][0]["results"])')
run lint -o report.json --format json --fail-on medium proj/Dockerfile
check "--output writes the report to the file only" \
	$( [ "$rc" = 1 ] && [ ! -s out ] && python3 -c 'import json; json.load(open("report.json"))'; echo $?)
run lint proj/Dockerfile
check "text output names rule, path and line" $(has 'proj/Dockerfile:1 .*BW-D002')
check "no colour when stdout is not a terminal" $(hasnt "$(printf '\033')")
run lint --color always proj/Dockerfile
check "--color always colours" $(has "$(printf '\033')")
"$BW" lint --format json - <proj/Dockerfile >out 2>err; rc=$?
check "a Dockerfile on stdin" $(py 'any(f["rule"]=="BW-D002" and f["location"]["path"]=="-" for f in d["findings"])')

# Suppression.
printf 'FROM alpine:3.20\n# bulwark:ignore=BW-D002 pinned by the release job\nFROM alpine:latest\n# hadolint ignore=DL3007\nFROM alpine:latest\nFROM alpine:latest\n' >sup.Dockerfile
run lint --format json sup.Dockerfile
check "inline ignore with our id and with a hadolint pragma" \
	$(py '[f["location"]["line"] for f in d["findings"] if f["rule"]=="BW-D002"]==[6]')
check "suppressed findings are counted and kept with their reason" \
	$(py 'd["summary"]["suppressed"]>=2 and any(s["rule"]=="BW-D002" and s["suppression"]=={"source":"inline","reason":"pinned by the release job"} for s in d["suppressed"])')
mkdir -p cfg && cp sup.Dockerfile cfg/Dockerfile
printf 'ignore:\n  - rule: DL3007\n    paths: ["Dockerfile"]\n    reason: legacy\n  - rule: BW-D001\n    expires: 2001-01-01\nseverity:\n  BW-D002: low\n' >cfg/.bulwark.yaml
run lint --format json --config cfg/.bulwark.yaml cfg/Dockerfile
check "config suppression by alias and a path glob relative to the config" $(py 'not any(f["rule"]=="BW-D002" for f in d["findings"])')
check "expired suppression warns" $(has 'warning: cfg/.bulwark.yaml:5: suppression of BW-D001 expired' err)
printf 'severity:\n  BW-D002: low\n' >sev.yaml
run lint --format json --config sev.yaml proj/Dockerfile
check "severity override" $(py 'all(f["severity"]=="low" for f in d["findings"] if f["rule"]=="BW-D002")')
printf 'ignore: 3\n' >badcfg.yaml
run lint --config badcfg.yaml proj/Dockerfile
check "invalid config is an input error" $( [ "$rc" = 2 ] && grep -q 'badcfg.yaml:1: ignore: expected a list' err; echo $?)
( cd cfg && "$BW" lint --format json Dockerfile >../out 2>../err )
check "config found upward from the current directory" $(py 'not any(f["rule"]=="BW-D002" for f in d["findings"])')

# Compose: files merged in order, interpolation warnings.
printf 'services:\n  api:\n    image: app:1\n    read_only: true\n' >a.yaml
printf 'services:\n  api:\n    privileged: true\n' >b.yaml
run lint --format json -f a.yaml -f b.yaml
check "-f files merged; finding located in the file that set it" \
	$(py 'any(f["rule"]=="BW-C001" and f["location"]=={"path":"b.yaml","line":3} and f["target"]["name"]=="api" for f in d["findings"])')
printf 'services:\n  api:\n    image: app:${BW_TEST_UNSET_VAR}\n' >c.yaml
run lint --format json c.yaml
check "unset variable is a warning, not an error" \
	$( [ "$rc" != 2 ] && grep -q 'warning: c.yaml:3: variable BW_TEST_UNSET_VAR is not set' err; echo $?)

# Secrets are redacted unless asked.
printf 'FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n' >sec.Dockerfile
run lint --format json sec.Dockerfile
check "secret redacted by default" $( [ "$rc" = 1 ] && ! grep -q 'AKIAIOSFODNN7EXAMPLE' out; echo $?)
run lint --format json --show-secrets sec.Dockerfile
check "--show-secrets reveals" $(has 'AKIAIOSFODNN7EXAMPLE')

# Unpinned packages: one finding per install command, each package named once.
printf 'FROM debian:12\nRUN apt-get update && apt-get install -y curl wget curl \\\n && apt-get install -y git curl\n' >pins.Dockerfile
run lint --no-config --format json pins.Dockerfile
check "BW-D034: one finding per install, each package once" \
	$(py '[(f["location"]["line"], f["message"]) for f in d["findings"] if f["rule"]=="BW-D034"]==[(2,"apt-get install without version pins: curl, wget"),(3,"apt-get install without version pins: git, curl")]')

# Rules and explain.
run rules
check "rules lists Dockerfile and container rules" $( [ "$rc" = 0 ] && grep -q '^BW-D001' out && grep -q '^BW-C001' out; echo $?)
run rules --format json
check "rules as JSON" $(py 'len(d)>=40 and all(r["rationale"] and r["remediation"] for r in d)')
run explain BW-D002
cp out explain1
run explain dl3007
check "explain by id and by alias agree" $( [ "$rc" = 0 ] && cmp -s out explain1 && grep -q 'Fix:' out; echo $?)
check "explain links the peers' docs" $(has 'hadolint DL3007: https://github.com/hadolint/hadolint/wiki/DL3007')
run explain BW-C001
check "explain names the CIS recommendation" $(has 'CIS Docker Benchmark v1.6.0, recommendation 5.5')
check "explain says what a container rule reads" \
	$(has 'target:      container spec (compose service, container, create request)')
run explain BW-I001
check "explain says what an image rule reads" $(has 'target:      image (config, layers and files)')
run explain BW-X999
check "explain of an unknown id exits 2" $(rc_is 2)

# A compose file that crashed libfyaml 0.8 in its cleanup after an error (found by fuzzing).
printf 'ser:\n     ? -- er:\t     ? - /\n' >crash.yaml
run lint -f crash.yaml
check "a compose file that breaks libfyaml's indent stack is one error, not a crash" \
	$( [ "$rc" = 2 ] && grep -q 'crash.yaml:2: invalid YAML' err; echo $?)
# The same bytes as a config file, given and found upward: one error naming file and line.
one_yaml_error() { # FILE LINE
	[ "$rc" = 2 ] && [ "$(grep -c '^bulwark: ' err)" = 1 ] && grep -q "^bulwark: $1:$2: invalid YAML: " err
	echo $?
}
run lint --config crash.yaml proj/Dockerfile
check "a --config file that breaks libfyaml is one error with its line, not a crash" \
	$(one_yaml_error crash.yaml 2)
mkdir -p up && cp crash.yaml up/.bulwark.yaml && cp proj/Dockerfile up/
( cd up && "$BW" lint Dockerfile >../out 2>../err ); rc=$?
check "a .bulwark.yaml found upward that breaks libfyaml is one error, not a crash" \
	$(one_yaml_error .bulwark.yaml 2)
printf 'fail-on: high\nfail-on: low\n' >dupcfg.yaml
run lint --config dupcfg.yaml proj/Dockerfile
check "a duplicate key in the config is an error on its line" \
	$( [ "$(one_yaml_error dupcfg.yaml 2)" = 0 ] && grep -q 'mapping key "fail-on" already defined at line 1' err; echo $?)

# Flow collections closed at or left of their key, with comments inside, as docker compose reads
# them: every finding of the fixture, exactly, and no input error.
FLOW="$DOCS/../tests/fixtures/_all/flow-collections-compose"
cp "$FLOW/compose.yaml" flow.yaml
run lint --format json -f flow.yaml
python3 -c "import json; d=json.load(open('out'))
print(''.join(sorted('%s %d\n' % (f['rule'], f['location']['line']) for f in d['findings'])), end='')
print('errors', d['summary']['errors'])" >flow.got 2>>err
{ sort "$FLOW/expected"; echo 'errors 0'; } >flow.want
check "a compose file with flow collections closed at their key's indentation: exact findings" \
	$( [ "$rc" = 1 ] && cmp -s flow.got flow.want; echo $?)
# A billion-laughs alias bomb (414 bytes, 9^9 strings) is refused naming its file and line, under
# 64 MiB (it took 131 MiB before it was refused).
printf '%s\n' 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]' >bomb.yaml
for p in a b c d e f g h; do
	n=$(echo $p | tr a-h b-i)
	printf '%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n' $n $n $p $p $p $p $p $p $p $p $p
done >>bomb.yaml
rss=$(python3 -c "import resource,subprocess,sys
subprocess.run(sys.argv[1:], stdout=open('out','w'), stderr=open('err','w'))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)" "$BW" lint -f bomb.yaml)
check "an alias bomb is one error naming its file and line" \
	$( [ "$(wc -c <bomb.yaml)" = 414 ] && [ "$(cat err)" = "bulwark: bomb.yaml:6: invalid YAML: document too large after alias expansion (over 32 MiB of nodes)" ]; echo $?)
echo "peak RSS ${rss} KiB" >out
if ldd "$BW" 2>/dev/null | grep -q libasan; then   # shadow memory and redzones: not comparable
	echo "ok - cli: an alias bomb is refused under 64 MiB of memory # skip: sanitizer build"
else
	check "an alias bomb is refused under 64 MiB of memory" $( [ "${rss:-999999}" -lt 65536 ]; echo $?)
fi

# audit: no engine to reach is one error; the host checks and the named paths still run.
mkdir -p emptyroot
DOCKER_HOST="unix://$T/none.sock" "$BW" audit --root emptyroot --format json proj >out 2>err </dev/null
rc=$?
check "audit without a reachable engine: exit 2, one error naming the endpoint" \
	$( [ "$rc" = 2 ] && [ "$(grep -vc '^bulwark: warning: ' err)" = 1 ] && grep -q "^bulwark: unix://$T/none.sock: cannot connect" err; echo $?)
check "audit still reports the paths it was given" \
	$(py "any(f['target']['kind']=='dockerfile' for f in d['findings']) and len(d['errors'])==1")
run lint --host unix:///x.sock .
check "engine options are refused by lint (exit 2), naming the commands that take them" \
	$( [ "$rc" = 2 ] && grep -qx 'bulwark: --host is an option of audit, image and vulns, not of lint' err; echo $?)
run audit --help
check "audit --help lists the engine options" $(has '--container NAME')
run audit --timeout 0
check "audit --timeout needs a positive number" $(rc_is 2)
# The complete example in docs/json-schema.md is real output: the contract and the code agree.
mkdir -p doc/app
python3 - "$DOCS/json-schema.md" doc <<'PY'
import re, sys
text = open(sys.argv[1]).read()
ex = text[text.index("## Complete example"):]
blocks = re.findall(r"```(\w+)\n(.*?)```", ex, re.S)
files = {"dockerfile": "app/Dockerfile", "yaml": "compose.yaml", "json": "expected.json"}
for lang, body in blocks[:3]:
    open(sys.argv[2] + "/" + files[lang], "w").write(body)
PY
( cd doc && env -u TAG "$BW" lint --no-config --format json app/Dockerfile compose.yaml >../out 2>../err ); rc=$?
check "docs/json-schema.md's complete example is what bulwark prints" $( [ "$rc" = 1 ] && cmp -s out doc/expected.json; echo $?)
# audit --container: each name or id prefix given, over a recorded engine with two containers.
cp -R "$(dirname "$DOCS")/tests/fixtures/BW-C021/fires-inspect/engine" rec
python3 - rec <<'PY'
import json, os, sys
d = sys.argv[1]
one = json.load(open(d + "/containers/json.json"))[0]
two = dict(one, Id="fedcba9876543210" * 4, Names=["/db"])
json.dump([one, two], open(d + "/containers/json.json", "w"))
ins = json.load(open("%s/containers/%s/json.json" % (d, one["Id"])))
ins.update(Id=two["Id"], Name="/db")
os.makedirs("%s/containers/%s" % (d, two["Id"]))
json.dump(ins, open("%s/containers/%s/json.json" % (d, two["Id"]), "w"))
PY
mkdir -p emptyroot
containers() { python3 -c "import json; d=json.load(open('out')); print(' '.join(sorted({f['target']['name'] for f in d['findings'] if f['target']['kind']=='container'})))"; }
run audit --no-config --format json --root emptyroot --replay rec --container app --container db
check "audit --container twice: both containers" $( [ "$(containers)" = "app db" ]; echo $?)
run audit --no-config --format json --root emptyroot --replay rec --container fedcba98
check "audit --container by id prefix: that container only" $( [ "$(containers)" = "db" ]; echo $?)
run audit --no-config --format json --root emptyroot --replay rec
check "audit without --container: every container" $( [ "$(containers)" = "app db" ]; echo $?)
# An image as `docker save` writes it: setuid and setgid-only programs with their modes, one that
# distributions ship setgid reported as info, and the sticky bit alone not reported.
python3 - img.tar <<'PY'
import hashlib, io, json, sys, tarfile
def add(t, name, data, mode=0o644, kind=tarfile.REGTYPE):
    ti = tarfile.TarInfo(name); ti.mode = mode; ti.type = kind; ti.size = len(data)
    t.addfile(ti, io.BytesIO(data) if data else None)
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    for d in ("bin", "usr", "usr/bin"):
        add(t, d, b"", 0o755, tarfile.DIRTYPE)
    for name, mode in (("bin/app", 0o2755), ("bin/tool", 0o4711), ("usr/bin/wall", 0o2755),
                       ("bin/sticky", 0o1755), ("bin/plain", 0o755)):
        add(t, name, b"\x01ELF", mode)
layer = b.getvalue()
cfg = json.dumps({"architecture": "amd64", "os": "linux",
                  "config": {"User": "app", "Healthcheck": {"Test": ["CMD", "true"]}},
                  "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]},
                  "history": [{"created_by": "/bin/sh -c #(nop) ADD file:0123 in / "}]}).encode()
name = hashlib.sha256(cfg).hexdigest() + ".json"
man = json.dumps([{"Config": name, "RepoTags": ["app:1"], "Layers": ["0/layer.tar"]}]).encode()
with tarfile.open(sys.argv[1], "w") as t:
    for n, data in ((name, cfg), ("0/layer.tar", layer), ("manifest.json", man)):
        add(t, n, data)
PY
run image --no-cache --no-config --format json docker-archive:img.tar
check "image: setuid and setgid-only files by mode, shipped programs as info" \
	$(py '[(f["severity"], f["message"]) for f in d["findings"] if f["rule"]=="BW-I010"]==[("high", "/bin/app is setgid (mode 2755)"), ("high", "/bin/tool is setuid (mode 4711)"), ("info", "/usr/bin/wall is setgid (mode 2755), a program distributions ship so")]')
exit 0
