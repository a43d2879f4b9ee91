#!/bin/sh
# The fleet store, the same checks against SQLite and against a real PostgreSQL started here
# (initdb and pg_ctl from Debian's packages, on a unix socket in a temporary directory):
# migrations, a run recorded with exactly the findings of a direct run, a resubmitted run id
# written once, 50 hosts submitting at once, a submitter killed mid-write leaving nothing, a
# migration from schema 1 keeping every row (and counting each run's findings and changes), a
# run recorded late, a newer schema refused, the report's posture and
# new/fixed counts, and credentials never printed.
# usage: tests/cli/store.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=store
. "$(dirname "$0")/lib.sh"
PG=""
trap 'pg_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT

# Two Dockerfiles whose findings overlap: A then B on one host gives new and fixed findings.
printf 'FROM alpine\nRUN apk add curl\nENV DB_PASSWORD=hunter2hunter2\n' >A.Dockerfile
printf 'FROM alpine\nRUN apk add --no-cache curl\nUSER app\n' >B.Dockerfile
mkdir rec
cp "$TOP/tests/fixtures/BW-E001/fires/engine/info.json" \
   "$TOP/tests/fixtures/BW-E001/fires/engine/version.json" rec/

# --- PostgreSQL (scripts/pg-lib.sh) ------------------------------------------------------------
. "$TOP/scripts/pg-lib.sh"

# --- the backend under test -------------------------------------------------------------------
. "$TOP/tests/cli/store_lib.sh"
# rules FILE: the rule ids of a JSON report, in report order, one line.
rules() { python3 -c "import json,sys; print(' '.join(f['rule'] for f in json.load(open(sys.argv[1]))['findings']))" "$1"; }

suite_for() {
	K=$KIND
	url_of main

	# Migrations.
	if [ "$K" = postgresql ]; then
		run lint --no-config --store "$URL" A.Dockerfile
		check "$K: a store without a schema is refused until migrated (exit 2)" \
			"$( [ $rc = 2 ] && grep -q 'no schema yet: run bulwark store migrate' err; echo $?)"
	fi
	run store migrate --store "$URL"
	check "$K: store migrate applies every migration" \
		"$( [ $rc = 0 ] && grep -q 'schema version 4 (was 0)' out; echo $?)"
	run store migrate --store "$URL"
	check "$K: store migrate again has nothing to do" \
		"$( [ $rc = 0 ] && grep -q 'schema version 4, nothing to do' out; echo $?)"

	# A run is recorded with exactly the findings of a direct run.
	"$BW" lint --no-config --format json A.Dockerfile >direct.json 2>/dev/null </dev/null
	want=$(rules direct.json)
	run lint --no-config --format json --store "$URL" --host-name solo --run-id run-a A.Dockerfile
	got=$(q "SELECT rule FROM findings WHERE run_id = 'run-a' ORDER BY seq" | tr '\n' ' ' | sed 's/ $//')
	check "$K: the stored findings are the direct run's, in order ($want)" \
		"$( [ $rc = 1 ] && [ -n "$want" ] && [ "$got" = "$want" ]; echo $?)"
	check "$K: the run row: host, command, versions, counts" "$( [ "$(q "SELECT host, command,
		findings, suppressed, errors, bulwark_version <> '', rules_version <> ''
		FROM runs WHERE run_id = 'run-a'")" = "solo|lint|$(echo $want | wc -w)|0|0|$( [ $K = sqlite ] && echo 1 || echo t)|$( [ $K = sqlite ] && echo 1 || echo t)" ]; echo $?)"
	check "$K: the secret stays redacted in the store" \
		"$(q "SELECT evidence FROM findings WHERE run_id = 'run-a'" | grep -q hunter2hunter2; [ $? = 1 ]; echo $?)"

	# A resubmitted run id writes nothing.
	run lint --no-config --store "$URL" --host-name solo --run-id run-a A.Dockerfile
	check "$K: a resubmitted run id is a no-op, with a warning" "$( [ $rc = 1 ] &&
		grep -q 'run run-a is stored already: nothing written' err &&
		[ "$(q "SELECT count(*) FROM runs")" = 1 ] &&
		[ "$(q "SELECT count(*) FROM findings")" = "$(echo $want | wc -w)" ]; echo $?)"

	# 50 hosts at once, each an audit of a recorded engine.
	"$BW" audit --no-config --replay rec --format json >adirect.json 2>/dev/null </dev/null
	awant=$(rules adirect.json | tr ' ' '\n' | sort | tr '\n' ' ')
	i=0
	while [ $i -lt 50 ]; do   # bounded: 50 submitters, each under a timeout
		i=$((i + 1))
		timeout 120 "$BW" audit --no-config --replay rec --store "$URL" --host-name "h$i" \
			--run-id "h$i-1" -o /dev/null 2>>err.many </dev/null &
	done
	wait
	bad=0
	[ "$(q "SELECT count(*) FROM runs WHERE host LIKE 'h%'")" = 50 ] || bad=1
	for h in 1 17 50; do
		[ "$(q "SELECT rule FROM findings WHERE run_id = 'h$h-1'" | sort | tr '\n' ' ')" = "$awant" ] || bad=1
	done
	[ "$(q "SELECT count(*) FROM findings f JOIN runs r ON r.run_id = f.run_id WHERE r.host LIKE 'h%'")" = \
	  $((50 * $(echo $awant | wc -w))) ] || bad=1
	check "$K: 50 hosts submitting at once: 50 runs, each with the direct run's findings, none lost or doubled" \
		"$( [ $bad = 0 ] && ! grep -v 'the recording holds no host files' err.many | grep -q .; echo $?)"

	# A submitter killed mid-write leaves no trace.
	killed_while_waiting
	check "$K: a submitter killed mid-write leaves no run, host or finding" \
		"$( [ "$(q "SELECT count(*) FROM runs WHERE run_id = 'killed'")" = 0 ] &&
		    [ "$(q "SELECT count(*) FROM hosts WHERE name = 'killed-host'")" = 0 ] &&
		    [ "$(q "SELECT count(*) FROM findings WHERE run_id = 'killed'")" = 0 ]; echo $?)"

	# The report: h1 ran A then B, solo ran A.
	"$BW" lint --no-config --store "$URL" --host-name h1 --run-id h1-2 A.Dockerfile >/dev/null 2>&1 </dev/null
	sleep 1   # the runs' times are to the second: B's is later
	"$BW" lint --no-config --store "$URL" --host-name h1 --run-id h1-3 B.Dockerfile >/dev/null 2>&1 </dev/null
	"$BW" lint --no-config --format json B.Dockerfile >directB.json 2>/dev/null </dev/null
	run report --store "$URL" --format json --host 'h1' 
	check "$K: report: h1's posture is its latest runs' findings, new and fixed against the run before" \
		"$( [ $rc = 0 ] && python3 - direct.json directB.json adirect.json <<'PY'
import json, sys
a, b, au = (json.load(open(p))["findings"] for p in sys.argv[1:4])
d = json.load(open("out"))
fa = {f["fingerprint"] for f in a}; fb = {f["fingerprint"] for f in b}
h, = d["hosts"]
sev = {}
for f in b + au:
    sev[f["severity"]] = sev.get(f["severity"], 0) + 1
ok = (h["name"] == "h1" and h["runs"] == 3 and h["new"] == len(fb - fa)
      and h["fixed"] == len(fa - fb) and h["total"] == len(b) + len(au)
      and all(h["findings"][s] == sev.get(s, 0) for s in h["findings"])
      and len(fb - fa) > 0 and len(fa - fb) > 0)
sys.exit(0 if ok else 1)
PY
echo $?)"
	run report --store "$URL" --format json
	check "$K: report: every host, solo compared with nothing, rules counted across hosts" \
		"$(py "len(d['hosts']) == 51 and [h['name'] for h in d['hosts']][:2] == ['h1', 'h10'] and d['hosts'][-1]['name'] == 'solo' and d['hosts'][-1]['new'] is None and d['summary']['runs'] == 53 and any(r['rule'] == 'BW-D001' and r['hosts'] == 2 and r['by_host'] == {'h1': 1, 'solo': 1} for r in d['rules'])")"
	run report --store "$URL" --since 2999-01-01 --format json
	check "$K: report --since after every run: no hosts" "$(py "d['hosts'] == [] and d['summary']['runs'] == 0")"
	run report --store "$URL"
	check "$K: report: text, one line per host" \
		"$( [ $rc = 0 ] && grep -q '^51 hosts, 53 runs' out && grep -q '^solo ' out; echo $?)"

	# Schema 1 with rows, migrated to the latest: every row kept.
	url_of mig
	run store migrate --store "$URL" --to 1
	check "$K: store migrate --to 1" "$( [ $rc = 0 ] && grep -q 'schema version 1 (was 0)' out; echo $?)"
	q "INSERT INTO hosts VALUES ('old', NULL, NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')" >/dev/null
	q "INSERT INTO runs VALUES ('r-old', 'old', 'audit', '2026-01-01T00:00:00Z', '0.0.9', '1-0', NULL, NULL, 2, 0, 0)" >/dev/null
	q "INSERT INTO findings VALUES ('r-old', 0, 'BW-C001', 'high', 'container', 'web', 'abc', NULL, 0, 'm1', NULL, 'f1', 0)" >/dev/null
	q "INSERT INTO findings VALUES ('r-old', 1, 'BW-C002', 'medium', 'container', 'web', 'abc', NULL, 0, 'm2', NULL, 'f2', 0)" >/dev/null
	# A later run: f1 fixed, f2 kept, f3 new, and f1 again but suppressed (not a finding).
	q "INSERT INTO runs VALUES ('r-old2', 'old', 'audit', '2026-01-02T00:00:00Z', '0.0.9', '1-0', NULL, NULL, 2, 1, 0)" >/dev/null
	q "INSERT INTO findings VALUES ('r-old2', 0, 'BW-C002', 'medium', 'container', 'web', 'abc', NULL, 0, 'm2', NULL, 'f2', 0)" >/dev/null
	q "INSERT INTO findings VALUES ('r-old2', 1, 'BW-C003', 'low', 'container', 'web', 'abc', NULL, 0, 'm3', NULL, 'f3', 0)" >/dev/null
	q "INSERT INTO findings VALUES ('r-old2', 2, 'BW-C001', 'high', 'container', 'web', 'abc', NULL, 0, 'm1', NULL, 'f1', 1)" >/dev/null
	run lint --no-config --store "$URL" A.Dockerfile
	check "$K: a store at schema 1 is refused until migrated (exit 2, the report still printed)" \
		"$( [ $rc = 2 ] && grep -q "older than this bulwark's (4): run bulwark store migrate" err &&
		    grep -q BW-D001 out; echo $?)"
	run store migrate --store "$URL"
	check "$K: migrating 1 -> 4 keeps every row" "$( [ $rc = 0 ] && grep -q 'schema version 4 (was 1)' out &&
		[ "$(q "SELECT count(*) FROM hosts")|$(q "SELECT count(*) FROM runs")|$(q "SELECT count(*) FROM findings")" = "1|2|5" ] &&
		[ "$(q "SELECT count(*) FROM run_containers")" = 0 ]; echo $?)"
	check "$K: migrating to 4 counts each run's findings by rule and its changes against the run before" \
		"$( [ "$(q "SELECT run_id, rule, severity, n FROM run_rules ORDER BY run_id, rule" | tr '\n' ' ')" = \
		      "r-old|BW-C001|high|1 r-old|BW-C002|medium|1 r-old2|BW-C002|medium|1 r-old2|BW-C003|low|1 " ] &&
		    [ "$(q "SELECT run_id, prev_run, new_findings, fixed_findings FROM run_changes")" = "r-old2|r-old|1|1" ]; echo $?)"
	run report --store "$URL" --format json
	check "$K: the migrated rows are in the report, new and fixed against the run before" \
		"$(py "(h := d['hosts'][0]) and h['name'] == 'old' and h['runs'] == 2 and h['findings']['high'] == 0 and h['findings']['medium'] == 1 and h['findings']['low'] == 1 and h['total'] == 2 and h['new'] == 1 and h['fixed'] == 1")"
	run report --store "$URL" --format json --since 2026-01-02
	check "$K: --since leaving out the run before: nothing to compare with" \
		"$(py "(h := d['hosts'][0]) and h['runs'] == 1 and h['new'] is None and h['fixed'] is None and h['total'] == 2")"

	# A run recorded after a later one of the same host and command (a host whose clock ran
	# ahead, or a late retry): that later run is compared again, now against this one.
	q "INSERT INTO runs VALUES ('r-later', 'old', 'lint', '2999-01-01T00:00:00Z', '0.0.9', '1-0', NULL, NULL, 1, 0, 0)" >/dev/null
	q "INSERT INTO findings VALUES ('r-later', 0, 'BW-D001', 'low', 'dockerfile', 'x', NULL, 'x', 1, 'm', NULL, 'zz', 0)" >/dev/null
	"$BW" lint --no-config --store "$URL" --host-name old --run-id r-now A.Dockerfile >/dev/null 2>&1 </dev/null
	nnow=$(q "SELECT count(DISTINCT fingerprint) FROM findings WHERE run_id = 'r-now' AND suppressed = 0")
	check "$K: a run recorded late: the later run's changes are made again against it" \
		"$( [ "$nnow" -gt 0 ] && [ "$(q "SELECT prev_run, new_findings, fixed_findings FROM run_changes WHERE run_id = 'r-later'")" = "r-now|1|$nnow" ] &&
		    [ "$(q "SELECT count(*) FROM run_changes WHERE run_id = 'r-now'")" = 0 ]; echo $?)"

	# A newer schema is refused.
	q "UPDATE bulwark_schema SET version = 99" >/dev/null
	run lint --no-config --store "$URL" A.Dockerfile
	check "$K: a newer schema is refused (exit 2)" \
		"$( [ $rc = 2 ] && grep -q 'version 99, newer than this bulwark knows (4): use a newer bulwark' err; echo $?)"
	run store migrate --store "$URL"
	check "$K: store migrate refuses a newer schema" "$( [ $rc = 2 ] && grep -q 'newer than this bulwark' err; echo $?)"
}

# Kills a submitter while it waits inside its transaction: PostgreSQL, behind a lock another
# session holds on findings (the run and host rows are written by then); SQLite, at BEGIN
# IMMEDIATE behind another writer.
killed_while_waiting() {
	if [ "$KIND" = sqlite ]; then
		# The write lock is held until killed below; held.flag says it is taken (a fixed sleep
		# lost the race on a loaded machine: the submitter wrote before the holder started).
		rm -f held.flag
		python3 -c "
import sqlite3,sys,time
c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE')
open('held.flag', 'w').close(); time.sleep(60)" "$DB" &
		holder=$!
		n=0
		while [ $n -lt 300 ] && [ ! -e held.flag ]; do
			n=$((n + 1)); sleep 0.1   # bounded: 30 s for the lock to be taken
		done
	else
		"$PGBIN/psql" -h "$PG_SOCK" -U postgres -d "$DB" -X -q -c \
			"BEGIN; LOCK TABLE findings IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(30); COMMIT;" \
			>/dev/null 2>&1 &
		holder=$!
		n=0
		while [ $n -lt 100 ] && [ "$(psql_q "$DB" "SELECT count(*) FROM pg_locks l JOIN pg_class c
			ON c.oid = l.relation WHERE c.relname = 'findings' AND l.mode = 'AccessExclusiveLock'
			AND l.granted")" != 1 ]; do
			n=$((n + 1)); sleep 0.1   # bounded: 10 s for the lock to be taken
		done
	fi
	"$BW" lint --no-config --store "$URL" --host-name killed-host --run-id killed A.Dockerfile \
		>/dev/null 2>&1 </dev/null &
	sub=$!
	n=0
	while [ $n -lt 100 ]; do   # bounded: 10 s for the submitter to block
		n=$((n + 1))
		if [ "$KIND" = sqlite ]; then [ $n -ge 10 ] && break
		else [ "$(psql_q "$DB" "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
			AND query LIKE 'INSERT INTO findings%'")" = 1 ] && break; fi
		sleep 0.1
	done
	kill -9 $sub 2>/dev/null
	wait $sub 2>/dev/null
	if [ "$KIND" = postgresql ]; then
		psql_q "$DB" "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()" >/dev/null
		n=0
		while [ $n -lt 100 ] && [ "$(psql_q "$DB" "SELECT count(*) FROM pg_stat_activity
			WHERE datname = '$DB' AND pid <> pg_backend_pid() AND state <> 'idle'")" != 0 ]; do
			n=$((n + 1)); sleep 0.1   # bounded: 10 s for the dead session to roll back
		done
	fi
	kill $holder 2>/dev/null
	wait $holder 2>/dev/null
}

KIND=sqlite
suite_for
run lint --no-config --store "sqlite:$T/no/such/dir/../x.db" A.Dockerfile
printf 'this is not a database, only text that is long enough to look like a header..........' >junk.db
run lint --no-config --store "sqlite:$T/junk.db" A.Dockerfile
check "sqlite: a corrupt store: exit 2, one message naming it, the report still printed" \
	"$( [ $rc = 2 ] && grep -q "^bulwark: sqlite:$T/junk.db: store: file is not a database" err &&
	    [ "$(grep -c . err)" = 1 ] && grep -q BW-D001 out; echo $?)"

if ! pg_start; then
	check "PostgreSQL server started (initdb, pg_ctl)" 1
	exit 0
fi
KIND=postgresql
suite_for
# Credentials: never in output, in errors or in warnings.
run lint --no-config --store "postgresql://postgres:Sup3rS3cretPw@/nosuchdb?host=$PG/sock" A.Dockerfile
check "postgresql: a store that cannot be reached: exit 2, named without its password" \
	"$( [ $rc = 2 ] && grep -q "^bulwark: postgresql://postgres@/nosuchdb?host=$PG/sock: store: " err &&
	    ! grep -q Sup3rS3cretPw err out; echo $?)"
run lint --no-config --store "host=$PG/sock user=postgres dbname=main password=Sup3rS3cretPw" \
	--host-name solo --run-id run-a A.Dockerfile
check "postgresql: a keyword string's password is masked in a warning" \
	"$( [ $rc = 1 ] && grep -q "dbname=main password=\*\*\*: run run-a is stored already" err &&
	    ! grep -q Sup3rS3cretPw err out; echo $?)"
