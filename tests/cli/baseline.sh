#!/bin/sh
# Fingerprints and --baseline: a baseline survives inserted lines, re-indented and re-wrapped
# instructions and compose keys moved; a new violation shows up alone and alone sets the exit
# status; identical instructions stay distinct; a bad baseline is one input error; SARIF
# carries the JSON fingerprints. Then the progress bar: drawn on a terminal's stderr (script(1)
# makes one), never on a pipe or a file.
# usage: tests/cli/baseline.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
SUITE=baseline
. "$(dirname "$0")/lib.sh"

lint() { run lint --no-config "$@"; }
# keep NAME: the JSON report in out saved as NAME
keep() { cp out "$1"; }
# fps FILE: the fingerprints of FILE's findings, sorted, one a line
fps() { python3 -c "import json,sys; print('\n'.join(sorted(f['fingerprint'] for f in json.load(open(sys.argv[1]))['findings'])))" "$1"; }

printf 'FROM alpine:3.20\nRUN sudo apk add curl && \\\n    echo done\nUSER nobody\n' >Dockerfile
lint --format json Dockerfile; keep base.json
check "every finding has a fingerprint: 32 hex digits, a colon, an occurrence index" \
	"$([ "$rc" = 1 ] && [ "$(py 'len(d["findings"]) >= 3 and all(__import__("re").fullmatch(r"[0-9a-f]{32}:[0-9]+", f["fingerprint"]) for f in d["findings"])')" = 0 ] &&
	   [ "$(py 'd["summary"]["baselined"] == 0')" = 0 ]; echo $?)"
n=$(python3 -c "import json; print(len(json.load(open('base.json'))['findings']))")

fps base.json >base.fps
lint --format json Dockerfile
check "the same input twice: the same fingerprints" "$(fps out | cmp -s - base.fps; echo $?)"

# three lines inserted at the top: every line moves, no fingerprint changes
printf '# syntax note\n# another comment\n\n' | cat - Dockerfile >D2 && mv D2 Dockerfile
lint --format json --baseline base.json Dockerfile
check "three lines inserted at the top: everything baselined, exit 0" \
	"$([ "$rc" = 0 ] && [ "$(py 'd["findings"] == [] and d["summary"]["findings"] == 0')" = 0 ] &&
	   [ "$(py "d['summary']['baselined'] == $n")" = 0 ]; echo $?)"
lint --baseline base.json Dockerfile
check "text: the summary counts the baselined findings" \
	"$([ "$rc" = 0 ] && [ "$(cat out)" = "no findings in 1 input, $n baselined" ]; echo $?)"

# then a new violation shows up alone, and it alone fails the run
printf 'RUN chmod 777 /tmp/x\n' >>Dockerfile
lint --format json --baseline base.json Dockerfile
check "a new violation shows up alone (line 8), exit 1 from it" \
	"$([ "$rc" = 1 ] && [ "$(py '[(f["rule"], f["location"]["line"]) for f in d["findings"]] == [("BW-D047", 8)]')" = 0 ] &&
	   [ "$(py "d['summary']['baselined'] == $n and d['summary']['failed'] is True")" = 0 ]; echo $?)"
lint --format html --baseline base.json Dockerfile
check "html: the new violation alone, and the baselined ones counted" \
	"$([ "$rc" = 1 ] && grep -q 'id="count-findings" data-count="1"' out &&
	   grep -q "id=\"count-baselined\" data-count=\"$n\"" out &&
	   [ "$(grep -c 'class="finding' out)" = 1 ]; echo $?)"
lint --format junit --baseline base.json Dockerfile
check "junit: one testcase, the new violation's" \
	"$([ "$rc" = 1 ] && [ "$(grep -c '<testcase name="BW-' out)" = 1 ] &&
	   [ "$(has '<testcase name="BW-D047')" = 0 ]; echo $?)"
lint --format gitlab --baseline base.json Dockerfile
check "gitlab: one issue, the new violation's" \
	"$([ "$rc" = 1 ] && [ "$(py '[i["check_name"] for i in d] == ["BW-D047"]')" = 0 ]; echo $?)"
lint --format json --baseline base.json --fail-on critical Dockerfile
check "exit status counts only the new findings: 0 under --fail-on critical" \
	"$([ "$rc" = 0 ] && [ "$(py 'len(d["findings"]) == 1')" = 0 ]; echo $?)"
lint --format json Dockerfile
check "without --baseline: the old findings are back, none baselined" \
	"$([ "$rc" = 1 ] && [ "$(py "len(d['findings']) == $n + 1 and d['summary']['baselined'] == 0")" = 0 ]; echo $?)"

# reformatting: re-indented, wrapped differently, the same instruction
printf 'FROM alpine:3.20\n  RUN   sudo apk add curl \\\n        && echo done\n\tUSER nobody\n' >Dockerfile
lint --format json --baseline base.json Dockerfile
check "indentation and continuation lines changed: still baselined" \
	"$([ "$rc" = 0 ] && [ "$(py "d['findings'] == [] and d['summary']['baselined'] == $n")" = 0 ]; echo $?)"
printf 'FROM alpine:3.20\nRUN sudo apk add wget && \\\n    echo done\nUSER nobody\n' >Dockerfile
lint --format json --baseline base.json Dockerfile
check "the instruction's content changed: its findings are new" \
	"$([ "$rc" = 1 ] && [ "$(py 'd["findings"] and all(f["location"]["line"] == 2 for f in d["findings"]) and d["summary"]["baselined"] >= 1')" = 0 ]; echo $?)"

# the escape directive's character continues lines too
printf '# escape=`\nFROM alpine:3.20\nRUN sudo apk add curl `\n    && echo done\nUSER nobody\n' >Dockerfile
lint --format json Dockerfile; keep tick.json
printf '# escape=`\n\nFROM alpine:3.20\nRUN sudo apk add curl && `\n  echo done\nUSER nobody\n' >Dockerfile
lint --format json --baseline tick.json Dockerfile
check "escape=\`: continuation lines re-wrapped, still baselined" \
	"$([ "$rc" = 0 ] && [ "$(py 'd["findings"] == [] and d["summary"]["baselined"] >= 2')" = 0 ]; echo $?)"

# two identical offending instructions: the occurrence index keeps them apart
printf 'FROM alpine:3.20\nRUN sudo true\nUSER nobody\n' >Dockerfile
lint --format json Dockerfile; keep one.json
printf 'FROM alpine:3.20\nRUN sudo true\nRUN sudo true\nUSER nobody\n' >Dockerfile
lint --format json Dockerfile
check "two identical instructions: fingerprints equal but for the index :0 and :1" \
	"$(py '[f["fingerprint"][32:] for f in d["findings"] if f["rule"] == "BW-D041"] == [":0", ":1"] and len({f["fingerprint"][:32] for f in d["findings"] if f["rule"] == "BW-D041"}) == 1')"
lint --format json --baseline one.json Dockerfile
check "the second identical instruction is new: shown alone" \
	"$([ "$rc" = 1 ] && [ "$(py '[(f["rule"], f["location"]["line"]) for f in d["findings"]] == [("BW-D041", 3)]')" = 0 ]; echo $?)"

# compose: a key moved within its service
printf 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n    read_only: true\n' >compose.yaml
lint --format json compose.yaml; keep compose.json
printf 'services:\n  web:\n    read_only: true\n    image: nginx:1.25\n\n    privileged: true\n' >compose.yaml
lint --format json --baseline compose.json compose.yaml
check "compose: keys moved, every finding baselined, exit 0" \
	"$([ "$rc" = 0 ] && [ "$(py 'd["findings"] == [] and d["summary"]["baselined"] >= 2')" = 0 ] &&
	   [ "$(python3 -c "import json; d=json.load(open('compose.json')); print(any(f['rule']=='BW-C001' for f in d['findings']))")" = True ]; echo $?)"
printf 'services:\n  web:\n    read_only: true\n    image: nginx:1.25\n    privileged: true\n    pid: host\n' >compose.yaml
lint --format json --baseline compose.json compose.yaml
check "compose: a new key's finding shows up alone" \
	"$([ "$rc" = 1 ] && [ "$(py 'd["findings"] and all(f["location"]["line"] == 6 for f in d["findings"])')" = 0 ]; echo $?)"

# a bad baseline: exit 2, one message naming the file
printf 'FROM alpine:3.20\nUSER nobody\n' >Dockerfile
lint --baseline missing.json Dockerfile
check "a missing baseline: exit 2, one line naming it" \
	"$([ "$rc" = 2 ] && [ "$(err_is 'bulwark: missing.json: cannot read the baseline: No such file or directory')" = 0 ]; echo $?)"
lint --baseline . Dockerfile
check "a directory as the baseline: exit 2, one line naming it" \
	"$([ "$rc" = 2 ] && [ "$(err_is 'bulwark: .: cannot read the baseline: Is a directory')" = 0 ]; echo $?)"
printf '{"schema": "bulwark/findings/v1",\n "findings": [}\n' >bad.json
lint --baseline bad.json Dockerfile
check "invalid JSON: exit 2, one line naming the file and line" \
	"$([ "$rc" = 2 ] && [ "$(wc -l <err)" = 1 ] && [ "$(errhas '^bulwark: bad.json:2: invalid JSON in the baseline: ')" = 0 ]; echo $?)"
python3 -c "import json; d=json.load(open('base.json')); [f.pop('fingerprint') for f in d['findings']]; json.dump(d, open('old.json', 'w'))"
lint --format json --baseline old.json Dockerfile
check "a report without fingerprints (an older bulwark): exit 2, an error naming it" \
	"$([ "$rc" = 2 ] && [ "$(err_is 'bulwark: old.json: its findings have no fingerprint: the report is from an older bulwark; make a new baseline with --format json')" = 0 ] &&
	   [ "$(py 'd["errors"][0]["input"] == "old.json" and d["summary"]["baselined"] == 0')" = 0 ]; echo $?)"
echo '{"findings": []}' >other.json
lint --baseline other.json Dockerfile
check "JSON that is no bulwark report: exit 2, one line naming it" \
	"$([ "$rc" = 2 ] && [ "$(err_is 'bulwark: other.json: not a bulwark JSON report (--format json)')" = 0 ]; echo $?)"

# secrets: the evidence as redacted keeps two of one kind apart; --show-secrets changes nothing
printf 'a=1\nGITHUB_TOKEN=ghp_R3alLooking1TokenValue9876543210abcdXYZ\n' >app.env
run secrets --no-config --format json app.env; keep sec.json
printf 'b=2\nc=3\nAPI_TOKEN=ghp_An0therLookingTokenValue0123456789Q\na=1\nGITHUB_TOKEN=ghp_R3alLooking1TokenValue9876543210abcdXYZ\n' >app.env
run secrets --no-config --format json --show-secrets --baseline sec.json app.env
check "secrets: a second one of the same kind above the first is the one shown" \
	"$([ "$(python3 -c "import json; print(len(json.load(open('sec.json'))['findings']))")" = 1 ] &&
	   [ "$(py '[(f["location"]["line"], f["evidence"][:6]) for f in d["findings"]] == [(3, "ghp_An")] and d["summary"]["baselined"] == 1')" = 0 ]; echo $?)"

# SARIF: the same fingerprints as JSON, suppressed findings included
printf 'FROM alpine:3.20\n# bulwark:ignore=BW-D041 known\nRUN sudo true\nRUN sudo true\nRUN chmod 777 /x\n' >Dockerfile
printf 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n' >compose.yaml
lint --format json Dockerfile compose.yaml; keep both.json
lint --format sarif Dockerfile compose.yaml
check "SARIF partialFingerprints equal the JSON fingerprints" \
	"$(python3 -c "import json,sys
j=json.load(open('both.json')); s=json.load(open('out'))
a=sorted(f['fingerprint'] for f in j['findings'] + j['suppressed'])
b=sorted(r['partialFingerprints']['bulwark/v1'] for r in s['runs'][0]['results'])
sys.exit(0 if a == b and len(a) >= 4 and j['suppressed'] else 1)"; echo $?)"
lint --format sarif --baseline both.json Dockerfile compose.yaml
check "SARIF with --baseline: only the suppressed finding is left" \
	"$([ "$rc" = 0 ] && python3 -c "import json,sys; r=json.load(open('out'))['runs'][0]['results']
sys.exit(0 if len(r) == 1 and r[0]['suppressions'] else 1)"; echo $?)"

# progress: script(1) gives the command a terminal; its stdout goes to a file, so what script
# copies out of the terminal is stderr alone
mkdir tree
for i in $(seq 1 60); do printf 'x=%s\n' "$i" >tree/f$i.txt; done
tty_run() { timeout 60 script -qec "$1" /dev/null >tty </dev/null; }
tty_run "'$BW' secrets --no-config tree >report.txt"
check "secrets on a terminal: a progress bar on stderr, not in the report" \
	"$(grep -q 'scanning files \[#*' tty && grep -q '100% 60/60' tty && ! grep -q 'scanning' report.txt; echo $?)"
"$BW" secrets --no-config tree >report.txt 2>err.txt
check "secrets with stderr to a file: no progress bar" \
	"$([ -s report.txt ] && ! grep -q 'scanning\|\[#' err.txt; echo $?)"
"$BW" secrets --no-config tree 2>&1 >/dev/null | cat >piped.txt
check "secrets with stderr to a pipe: no progress bar" "$(! grep -q 'scanning' piped.txt; echo $?)"

for i in $(seq 1 55); do mkdir -p proj/s$i && printf 'FROM alpine:3.20\nUSER nobody\n' >proj/s$i/Dockerfile; done
tty_run "'$BW' lint --no-config proj >report.txt"
check "lint of a directory on a terminal: a bar over its files on stderr" \
	"$(grep -q 'linting \[#* *\] 100% 55/55' tty && ! grep -q 'linting' report.txt; echo $?)"
"$BW" lint --no-config proj 2>&1 >/dev/null | cat >piped.txt
check "lint of a directory with stderr to a pipe: no bar" "$(! grep -q 'linting' piped.txt; echo $?)"

python3 - <<'PY'
import hashlib, io, json, tarfile
def tar(files):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w") as t:
        for name, data in files:
            ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = 1700000000
            t.addfile(ti, io.BytesIO(data))
    return b.getvalue()
layer = tar([("etc/data", b"0123456789" * 20000)])
cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": {"User": "app"},
                  "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]},
                  "history": [{"created_by": "COPY . /"}]}).encode()
man = json.dumps([{"Config": "c.json", "RepoTags": ["p/t:1"], "Layers": ["l/layer.tar"]}]).encode()
open("img.tar", "wb").write(tar([("c.json", cfg), ("l/layer.tar", layer), ("manifest.json", man)]))
PY
tty_run "'$BW' image --no-config --no-cache docker-archive:img.tar >report.txt"
check "image on a terminal: the layer's bytes drawn as a bar on stderr" \
	"$(grep -q 'scanning layer \[#* *\] 100% 2[0-9]*/2[0-9]*' tty && ! grep -q 'scanning' report.txt; echo $?)"
"$BW" image --no-config --no-cache docker-archive:img.tar >report.txt 2>err.txt
check "image with stderr to a file: no progress bar" "$(! grep -q 'scanning layer' err.txt; echo $?)"
