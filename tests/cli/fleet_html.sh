#!/bin/sh
# The fleet report as HTML and SARIF (bulwark report --format html|sarif), against SQLite and
# against a real PostgreSQL started here (scripts/pg-lib.sh): three hosts' runs recorded from
# known Dockerfiles, one of them with a hostile name and a hostile base image, one holding a
# stored finding of a rule this bulwark does not know. Checked: the overview's row of each
# host, its link to the host's section, each section's exact findings (rule, severity,
# message), escaping, the same bytes twice, the page in headless chromium, and one
# schema-valid SARIF run per host with exactly its rule ids.
# usage: tests/cli/fleet_html.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=fleet_html
. "$(dirname "$0")/lib.sh"
PG=""
trap 'pg_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
. "$TOP/scripts/pg-lib.sh"
CHK="$TOP/tests/cli/fleet_html_check.py"
RCHK="$TOP/tests/cli/reports_check.py"
PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import jsonschema' 2>/dev/null; then PY=$p; break; fi
done
SARIF_SCHEMA=$(sh "$TOP/scripts/sarif-schema" "$TOP/build/sarif" 2>>err)

printf 'FROM alpine\nRUN apk add curl\nENV DB_PASSWORD=hunter2hunter2\n' >A.Dockerfile
printf 'FROM alpine\nRUN apk add --no-cache curl\nUSER app\n' >B.Dockerfile
printf 'FROM evil<img src=x onerror=alert(1)>:latest\nUSER app\n' >C.Dockerfile
EVIL='beta<&"x">'

. "$TOP/tests/cli/store_lib.sh"
# want HOST FILE: the "finding" lines a host's section must hold, from a direct lint of FILE
want() {
	"$BW" lint --no-config --format json "$2" 2>/dev/null </dev/null | python3 -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    print("finding %s|%s|%s|%s" % (sys.argv[1], f["rule"], f["severity"], f["message"]))' "$1"
}
# sevs FILE: CRIT|HIGH|MED|LOW|INFO of a direct lint of FILE
sevs() {
	"$BW" lint --no-config --format json "$1" 2>/dev/null </dev/null | python3 -c '
import json, sys
f = json.load(sys.stdin)["findings"]
print("|".join(str(sum(x["severity"] == s for x in f)) for s in ("critical", "high", "medium", "low", "info")))'
}
last() { q "SELECT max(started) FROM runs WHERE host = '$1'"; }

suite_for() {
	K=$KIND
	if [ "$K" = sqlite ]; then DB=$T/fleet.db; URL=sqlite:$DB
	else DB=fleet; psql_q postgres "CREATE DATABASE fleet" >/dev/null
	     URL="host=$PG/sock user=postgres dbname=fleet"
	     "$BW" store migrate --store "$URL" >/dev/null 2>>err; fi
	rec() { "$BW" lint --no-config -o /dev/null --store "$URL" --host-name "$1" --run-id "$K-$2" "$3" 2>>err </dev/null; }
	rec alpha a1 A.Dockerfile
	rec alpha a2 B.Dockerfile
	rec "$EVIL" b1 C.Dockerfile
	rec gamma g1 A.Dockerfile
	# A finding of a rule this bulwark does not know, as a newer bulwark would store it (with the
	# run's count by rule).
	q "INSERT INTO findings (run_id, seq, rule, severity, target_kind, target_name, path, line,
		message, suppressed) VALUES ('$K-g1', 99, 'BW-Z999', 'high', 'dockerfile', 'A.Dockerfile',
		'A.Dockerfile', 9, 'stored by a <newer> bulwark & kept', 0)" >/dev/null
	q "INSERT INTO run_rules (run_id, rule, severity, n) VALUES ('$K-g1', 'BW-Z999', 'high', 1)" >/dev/null

	run report --store "$URL" --format html -o r1.html
	check "$K: html: exit 0, nothing on stdout, on stderr only the note of no vulnerability store" \
		"$( [ $rc = 0 ] && [ ! -s out ] && [ "$(wc -l <err)" = 1 ] &&
		    grep -q '^bulwark: note: no vulnerability store' err; echo $?)"
	python3 "$CHK" r1.html >facts 2>>err
	jn=$("$BW" report --store "$URL" --format json 2>>err | python3 -c '
import json, sys
h = {x["name"]: x for x in json.load(sys.stdin)["hosts"]}["alpha"]
print("%s|%s" % (h["new"], h["fixed"]))')
	check "$K: html: the overview row of each host (name, link, runs, last run, by severity, new, fixed)" \
		"$(printf '%s\n' "row alpha|#host-0|2|$(last alpha)|$(sevs B.Dockerfile)|$jn" \
			"row $EVIL|#host-1|1|$(last "$EVIL")|$(sevs C.Dockerfile)|first run|first run" \
			"row gamma|#host-2|1|$(last gamma)|$(sevs A.Dockerfile | awk -F'|' -v OFS='|' '{$2++; print}')|first run|first run" |
			cmp -s - "$(grep '^row ' facts >rows; echo rows)"; echo $?)"
	check "$K: html: each host's row links to that host's section" \
		"$(printf '%s\n' "link #host-0 -> alpha" "link #host-1 -> $EVIL" "link #host-2 -> gamma" |
			cmp -s - "$(grep '^link ' facts >links; echo links)"; echo $?)"
	{ want alpha B.Dockerfile; want "$EVIL" C.Dockerfile; want gamma A.Dockerfile
	  echo "finding gamma|BW-Z999|high|stored by a <newer> bulwark & kept"; } | sort >want.f
	grep '^finding ' facts | sort >got.f
	check "$K: html: each host's section holds exactly its latest findings (rule, severity, message)" \
		"$( [ "$(wc -l <want.f)" -ge 10 ] && cmp -s want.f got.f; echo $?)"
	check "$K: html: a rule this bulwark does not know is shown by its stored id, severity, message" \
		"$(grep -q '<code class="rule">BW-Z999</code> <b class="title">a rule this bulwark does not know</b>' r1.html &&
		   grep -q '<p class="msg">stored by a &lt;newer&gt; bulwark &amp; kept</p>' r1.html; echo $?)"
	check "$K: html: a hostile host name and message are escaped, never raw" \
		"$(grep -q 'data-host="beta&lt;&amp;&quot;x&quot;&gt;"' r1.html &&
		   grep -q '<h2>Host beta&lt;&amp;&quot;x&quot;&gt;</h2>' r1.html &&
		   grep -q 'FROM evil&lt;img has no tag' r1.html && ! grep -q 'beta<&' r1.html &&
		   ! grep -q '<img' r1.html && ! grep -q '<newer>' r1.html; echo $?)"
	check "$K: html: self-contained: nothing to load, the single-host page's policy" \
		"$(python3 "$RCHK" static r1.html 2>>err; echo $?)"
	"$BW" report --store "$URL" --format html >r2.html 2>>err </dev/null
	check "$K: html: the same store gives the same bytes" "$(cmp -s r1.html r2.html; echo $?)"
	run report --store "$URL" --format html --host 'gam*' -o g.html
	check "$K: html: --host narrows the overview and the sections to the hosts it matches" \
		"$( [ $rc = 0 ] && [ "$(python3 "$CHK" g.html | cut -d'|' -f1 | sort -u | tr '\n' ' ')" = \
			"finding gamma link #host-0 -> gamma row gamma " ]; echo $?)"

	run report --store "$URL" --format sarif -o r.sarif
	check "$K: sarif: exit 0, valid against the SARIF 2.1.0 schema" \
		"$( [ $rc = 0 ] && [ -n "$PY" ] && "$PY" -c '
import json, sys, jsonschema
jsonschema.Draft4Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))' \
			"$SARIF_SCHEMA" r.sarif 2>>err; echo $?)"
	python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["runs"]:
    print("%s %s %s" % (r["automationDetails"]["id"], r["properties"]["host"],
                        " ".join(sorted(x["ruleId"] for x in r["results"]))))' r.sarif >runs 2>>err
	ids() { grep "^finding $1|" want.f | cut -d'|' -f2 | sort | tr '\n' ' ' | sed 's/ $//'; }
	check "$K: sarif: one run per host, named by automationDetails.id and property host, with exactly its rule ids" \
		"$(printf '%s\n' "bulwark/fleet/alpha/ alpha $(ids alpha)" \
			"bulwark/fleet/$EVIL/ $EVIL $(ids "$EVIL")" "bulwark/fleet/gamma/ gamma $(ids gamma)" |
			cmp -s - runs; echo $?)"
	"$BW" report --store "$URL" --format sarif >r2.sarif 2>>err </dev/null
	check "$K: sarif: the same store gives the same bytes" "$(cmp -s r.sarif r2.sarif; echo $?)"
}

KIND=sqlite
suite_for
run report --store "sqlite:$T/fleet.db" --format xml
check "an unknown report format: exit 2, the formats named" \
	"$( [ $rc = 2 ] && grep -q 'report formats: text, json, html, sarif: xml' err; echo $?)"

# chromium: the page rendered with no network at all, as tests/cli/reports.sh does.
if command -v chromium >/dev/null; then
	NS="unshare -n"
	$NS true 2>/dev/null || NS=
	timeout 90 $NS chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-extensions --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$T/profile" --proxy-server=http://127.0.0.1:9 \
		--host-resolver-rules='MAP * ~NOTFOUND' --dump-dom "file://$T/r1.html" >dom.html 2>>chrome.log
	na=$(grep -c . want.f)
	check "html in chromium: the overview's and each host's counts are in the DOM" \
		"$(python3 "$RCHK" dom dom.html count-hosts=3 count-runs=4 hosts=3 host-0=$(grep -c '^finding alpha|' want.f) \
			host-1=$(grep -c "^finding $EVIL|" want.f) host-2=$(grep -c '^finding gamma|' want.f) \
			count-findings=$na h2-part-files=$(grep -c '^finding gamma|' want.f) \
			'?<div id="filters">' '!onerror=' 2>>err; echo $?)"
	check "html in chromium: one article per finding, one host section per host" \
		"$(python3 -c '
import sys
t = open(sys.argv[1]).read()
sys.exit(0 if t.count("<article class=\"finding") == int(sys.argv[2]) and t.count("<section class=\"host\"") == 3 else 1)' dom.html "$na"; echo $?)"
else
	check "chromium is installed (scripts/install-deps)" 1
fi

if ! pg_start; then
	check "PostgreSQL server started (initdb, pg_ctl)" 1
	exit 0
fi
KIND=postgresql
suite_for
