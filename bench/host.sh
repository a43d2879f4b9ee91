#!/bin/bash
# The host audit against Lynis on this machine: the wall time of `lynis audit system --quick`
# and of `bulwark audit --only host`, each the best of a few rounds, and their ratio; then every
# Lynis test of the groups a container host shares with bulwark (SSH, firewalls, packages,
# kernel, kernel hardening, logging, time, networking, MAC frameworks), each with its bulwark
# counterpart from bench/host-*.tsv (LYNIS-ID<TAB>title<TAB>BW ids or "none: reason"), and the
# tests no tsv maps, as "not mapped", so gaps show. Target: a counterpart for each test that
# applies, and bulwark at least 20x faster.
# Lynis: apt-get install lynis (its tests are read from /usr/share/lynis/include, or $LYNIS_DIR).
# usage: bench/host.sh [ROUNDS=5]     (build first: make; run as root for a full Lynis run)
# LYNIS_ROUNDS (default 2) and LYNIS_TIMEOUT (seconds per run, default 900) bound Lynis;
# NO_LYNIS=1 prints only bulwark's time and the table.
set -u
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
LYNIS_ROUNDS=${LYNIS_ROUNDS:-2}
LYNIS_TIMEOUT=${LYNIS_TIMEOUT:-900}
LYNIS_DIR=${LYNIS_DIR:-/usr/share/lynis/include}
BW=$PWD/${BULWARK:-build/bulwark}
GROUPS_=(ssh firewalls ports_packages kernel kernel_hardening logging time networking
         mac_frameworks)
[ -x "$BW" ] || { echo "bench/host.sh: no $BW; build first (make)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# best NAME ROUNDS CMD...: the smallest wall time of ROUNDS runs, in ms, on stdout.
best() {
	local name=$1 n=$2 best= t0 t1 i
	shift 2
	for ((i = 1; i <= n; i++)); do
		t0=$(now_ms)
		"$@" >/dev/null 2>&1
		local rc=$?
		t1=$(now_ms)
		if [ "$rc" = 124 ]; then echo "$name: round $i timed out" >&2; continue; fi
		if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); fi
	done
	echo "${best:-timeout}"
}

bw_ms=$(best bulwark "$ROUNDS" "$BW" audit --only host --no-config --fail-on none \
	--format json -o "$TMP/bulwark.json")
echo "bulwark audit --only host: ${bw_ms} ms (best of $ROUNDS)"
if [ "${NO_LYNIS:-0}" = 1 ]; then
	:
elif ! command -v lynis >/dev/null; then
	echo "lynis: not installed (apt-get install lynis); no timing"
else
	ly_ms=$(best lynis "$LYNIS_ROUNDS" timeout "$LYNIS_TIMEOUT" lynis audit system --quick \
		--no-colors --no-plugins --log-file "$TMP/lynis.log" --report-file "$TMP/lynis.dat")
	at_least=
	if [ "$ly_ms" = timeout ]; then   # the bound is then a lower bound of Lynis's time
		echo "lynis audit system --quick: did not finish in ${LYNIS_TIMEOUT}s ($LYNIS_ROUNDS rounds)"
		ly_ms=$((LYNIS_TIMEOUT * 1000))
		at_least="at least "
	else
		echo "lynis audit system --quick: ${ly_ms} ms (best of $LYNIS_ROUNDS, bounded ${LYNIS_TIMEOUT}s)"
	fi
	if [ "$bw_ms" != timeout ] && [ "$bw_ms" -gt 0 ]; then
		awk -v l="$ly_ms" -v b="$bw_ms" -v a="$at_least" 'BEGIN { r = l / b;
			printf "ratio: bulwark is %s%.1fx faster (target: 20x) %s\n", a, r,
			       (r >= 20 ? "ok" : "MISSED") }'
	fi
fi
echo

# Lynis's tests: "group<TAB>ID<TAB>description", in the order Lynis runs them.
for g in "${GROUPS_[@]}"; do
	f=$LYNIS_DIR/tests_$g
	[ -r "$f" ] || { echo "bench/host.sh: cannot read $f (is lynis installed?)" >&2; exit 2; }
	sed -n 's/.*Register --test-no "\{0,1\}\([A-Z0-9-]*\)"\{0,1\} .*--description "\([^"]*\)".*/\1\t\2/p' "$f" |
		sed "s/^/$g\t/"
done >"$TMP/lynis.tsv"
cat bench/host-*.tsv 2>/dev/null | grep -v '^#' | grep . >"$TMP/maps.tsv"
"$BW" rules --format json >"$TMP/rules.json" 2>/dev/null || echo '[]' >"$TMP/rules.json"

python3 - "$TMP/lynis.tsv" "$TMP/maps.tsv" "$TMP/rules.json" <<'PY'
import json, re, sys
lynis = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
try:
    doc = json.load(open(sys.argv[3]))
    rules = doc.get("rules", doc) if isinstance(doc, dict) else doc
    known = {r["id"] for r in rules if isinstance(r, dict) and "id" in r}
except (ValueError, KeyError, TypeError):
    known = set()
maps = {}
for line in open(sys.argv[2]):
    f = line.rstrip("\n").split("\t")
    if len(f) != 3:
        print(f"bad tsv line (want 3 tab-separated fields): {line.strip()}", file=sys.stderr)
        continue
    tid, _, counterpart = f
    # a tsv that names rules wins over one that gives a reason, so a test two parts share shows
    # its counterpart
    if tid not in maps or (maps[tid].startswith("none") and not counterpart.startswith("none")):
        maps[tid] = counterpart
ids = {t[1] for t in lynis}
rows, counts = [], {"rule": 0, "none": 0, "not mapped": 0}
for group, tid, title in lynis:
    c = maps.get(tid)
    if c is None:
        c, kind = "not mapped", "not mapped"
    elif c.startswith("none"):
        kind = "none"
    else:
        kind = "rule"
        missing = [r for r in re.findall(r"BW-[A-Z]\d+", c) if known and r not in known]
        if missing:
            c += "  (not in this build: " + ",".join(missing) + ")"
    counts[kind] += 1
    rows.append((tid, group, title, c))
w = [max(len(r[i]) for r in rows) for i in range(3)]
print(f"{'Lynis':<{w[0]}}  {'group':<{w[1]}}  {'title':<{w[2]}}  bulwark")
for r in rows:
    print(f"{r[0]:<{w[0]}}  {r[1]:<{w[1]}}  {r[2]:<{w[2]}}  {r[3]}")
print()
print(f"{len(rows)} Lynis tests: {counts['rule']} with a bulwark rule, {counts['none']} with a "
      f"reason for none, {counts['not mapped']} not mapped")
extra = sorted(set(maps) - ids)
if extra:
    print("mapped in bench/host-*.tsv but not registered by this Lynis: " + ", ".join(extra))
PY
