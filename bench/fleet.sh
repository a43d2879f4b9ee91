#!/bin/bash
# The fleet store on a real PostgreSQL (scripts/pg-lib.sh), side by side with its yardsticks:
# - ingest: N host runs of F findings each, written by `bulwark lint --store`, P submitters at
#   a time as a fleet's hosts submit (default 4); the store's share is the time with --store
#   less the same lints without it (most of it is libpq's connection and the server's
#   backend start, paid once per run). The
#   yardstick is PostgreSQL's own bulk load (COPY) of the same rows from a CSV file.
# - report: `bulwark report --format json` (and text) over the N hosts, each with two runs;
#   the target is under 1 s for JSON; and --format html, every host's latest findings on one
#   page, under 2 s.
# usage: bench/fleet.sh [N=1000] [F=200] [P=4]     (build first: make)
set -eu
cd "$(dirname "$0")/.."
N=${1:-1000}
F=${2:-200}
P=${3:-4}
BW=$(pwd)/${BULWARK:-build/bulwark}
. scripts/pg-lib.sh
W=$(mktemp -d /tmp/bulwark-fleet.XXXXXX)
trap 'pg_stop; rm -rf "$W"' EXIT
pg_start || { echo "fleet.sh: PostgreSQL did not start" >&2; exit 2; }
psql_q postgres "CREATE DATABASE fleet" >/dev/null
URL="host=$PG_SOCK user=postgres dbname=fleet"
"$BW" store migrate --store "$URL" >/dev/null

# A Dockerfile with F findings: four of the final stage, then two per unpinned, cached apk add.
{ echo "FROM alpine"; i=4; while [ $i -lt "$F" ]; do echo "RUN apk add pkg$i"; i=$((i + 2)); done; } >"$W/Dockerfile"
per=$("$BW" lint --no-config --format json "$W/Dockerfile" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
now() { date +%s.%N; }

# Two runs per host: the second one sees the file changed (two findings fixed, one new).
sed 's/pkg4$/pkg4=1.0-r0/; s/pkg6$/pkg6=2.0-r0/; $a\
USER app' "$W/Dockerfile" >"$W/Dockerfile.2"
cp "$W/Dockerfile" "$W/Dockerfile.1"
# submit [--store URL]: N lints, P at a time, host-1..host-N (exit 1 is findings: fine)
submit() {
	seq 1 "$N" | xargs -P "$P" -I{} sh -c '"$0" lint --no-config -o /dev/null "$@" \
		--host-name host-{} '"$W/Dockerfile"' || [ $? = 1 ]' "$BW" "$@"
}
t0=$(now)
seq 1 "$N" | xargs -P "$P" -I{} sh -c '"$0" lint --no-config -o /dev/null "$1" || [ $? = 1 ]' \
	"$BW" "$W/Dockerfile"
t1=$(now)
submit --store "$URL"
t2=$(now)
cp "$W/Dockerfile.2" "$W/Dockerfile"
submit --store "$URL"
rows=$(psql_q fleet "SELECT count(*) FROM findings")

# The yardstick: COPY the same rows into a table of the same shape.
psql_q fleet "COPY (SELECT * FROM findings) TO STDOUT WITH (FORMAT csv)" >"$W/rows.csv"
psql_q fleet "CREATE TABLE copy_findings (LIKE findings INCLUDING ALL)" >/dev/null
t3=$(now)
"$PGBIN/psql" -h "$PG_SOCK" -U postgres -d fleet -X -q -c "\\copy copy_findings FROM '$W/rows.csv' WITH (FORMAT csv)"
t4=$(now)

# The tables analyzed after the bulk load, as autovacuum would on its own a moment later; and
# each report run once untimed (the first read after the load was a quarter slower).
psql_q fleet "VACUUM ANALYZE" >/dev/null
best() { # CMD...: the least of 5 wall times, after one untimed run
	local b=999 s e
	"$@" >/dev/null 2>&1 || true
	for _ in 1 2 3 4 5; do
		s=$(now); "$@" >/dev/null 2>"$W/report.err"; e=$(now)
		b=$(python3 -c "print(min($b, $e - $s))")
	done
	echo "$b"
}
rj=$(best "$BW" report --store "$URL" --format json)
rt=$(best "$BW" report --store "$URL")
rh=$(best "$BW" report --store "$URL" --format html)
hb=$("$BW" report --store "$URL" --format html 2>/dev/null | wc -c)
hosts=$("$BW" report --store "$URL" --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["hosts"]), sum(h["new"] or 0 for h in d["hosts"]), sum(h["fixed"] or 0 for h in d["hosts"]))')

python3 - "$N" "$per" "$rows" "$t0" "$t1" "$t2" "$t3" "$t4" "$rj" "$rt" "$hosts" "$P" "$rh" "$hb" <<'PY'
import sys
n, per, rows = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
t0, t1, t2, t3, t4, rj, rt = map(float, sys.argv[4:11])
hosts, new, fixed = map(int, sys.argv[11].split())
lint, stored, copy = t1 - t0, t2 - t1, t4 - t3
first = n * per
print("hosts %d, runs %d, findings per run %d, rows stored %d, %s submitters at a time" % (n, 2 * n, per, rows, sys.argv[12]))
print("ingest  bulwark lint --store  %8.0f rows/s end to end (%.2f s for %d runs)" % (first / stored, stored, n))
print("        the store's share     %8.0f rows/s (%.2f s beyond the same lints without --store, %.1f ms a run)"
      % (first / max(stored - lint, 1e-9), stored - lint, (stored - lint) / n * 1000))
print("        COPY (yardstick)      %8.0f rows/s (%.2f s for %d rows)" % (rows / copy, copy, rows))
print("        ratio, store's share to COPY: %.2f" % ((first / max(stored - lint, 1e-9)) / (rows / copy)))
print("report  --format json  %.3f s over %d hosts (target 1 s): %d new, %d fixed" % (rj, hosts, new, fixed))
print("        --format text  %.3f s" % rt)
print("        --format html  %.3f s (target 2 s), %.1f MB" % (float(sys.argv[13]), int(sys.argv[14]) / 1e6))
PY
