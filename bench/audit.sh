#!/bin/bash
# Live audit speed: N containers on a private engine (see scripts/engine-lib.sh), R of
# them running. Prints the wall time of `bulwark audit --format json` (best and median of 5) and,
# when DOCKER_BENCH points to a docker-bench-security checkout, of docker-bench-security on the
# same engine in the same run.
# BASELINE=path/to/another/bulwark times that build too, interleaved, and prints the ratio.
# usage: bench/audit.sh [N=500] [R=20]        (build first: make; needs root for dockerd)
set -u
cd "$(dirname "$0")/.."
N=${1:-500}
R=${2:-20}
BW=$PWD/${BULWARK:-build/bulwark}
. scripts/engine-lib.sh
trap engine_stop EXIT
engine_start || exit 1
api() { curl -sf --max-time 30 --unix-socket "$ENGINE_SOCK" "$@"; }

# Containers with a spread of settings, created through the API two at a time (bounded by N).
body() {
	case $(($1 % 4)) in
	0) echo '{"Image":"'$IMAGE'","Cmd":["sleep","600"],"HostConfig":{"NetworkMode":"none"}}' ;;
	1) echo '{"Image":"'$IMAGE'","Cmd":["sleep","600"],"User":"1000","HostConfig":{"NetworkMode":"none","ReadonlyRootfs":true,"CapDrop":["ALL"],"Memory":67108864,"PidsLimit":50,"SecurityOpt":["no-new-privileges"]}}' ;;
	2) echo '{"Image":"'$IMAGE'","Cmd":["sleep","600"],"Env":["DB_PASSWORD=hunter2hunter2"],"HostConfig":{"NetworkMode":"none","Privileged":true,"RestartPolicy":{"Name":"always"}}}' ;;
	3) echo '{"Image":"'$IMAGE'","Cmd":["sleep","600"],"HostConfig":{"NetworkMode":"none","CapAdd":["SYS_ADMIN"],"Binds":["/etc:/host-etc:ro"],"PidMode":"host"}}' ;;
	esac
}
t0=$(date +%s)
for i in $(seq 1 "$N"); do
	body "$i" >"$ENGINE_DIR/c$i.json"
done
seq 1 "$N" | xargs -P 2 -I{} curl -sf --max-time 30 --unix-socket "$ENGINE_SOCK" \
	-H 'Content-Type: application/json' -d @"$ENGINE_DIR/c{}.json" \
	"http://localhost/containers/create?name=bench{}" -o /dev/null
# Start R of the second kind (privileged and SYS_ADMIN ones may not start in a sandbox).
names=$(seq 1 4 "$N" | head -n "$R" | sed 's/^/bench/')
[ -n "$names" ] && $DOCKER start $names >/dev/null
echo "engine: $($DOCKER ps -aq | wc -l) containers ($($DOCKER ps -q | wc -l) running), set up in $(( $(date +%s) - t0 )) s"

# Five runs of each binary, interleaved (A B A B ...) so both see the same machine.
run_once() {
	local s e
	s=$(date +%s.%N)
	"$1" audit --host "unix://$ENGINE_SOCK" --format json -o "$2" 2>/dev/null
	e=$(date +%s.%N)
	echo "$e - $s" | bc
}
times=(); btimes=()
for k in 1 2 3 4 5; do
	times+=("$(run_once "$BW" "$ENGINE_DIR/out.json")")
	[ -n "${BASELINE:-}" ] && btimes+=("$(run_once "$BASELINE" "$ENGINE_DIR/base.json")")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
best=$(echo "$sorted" | head -1); median=$(median "${times[@]}")
found=$(python3 -c "import json; d=json.load(open('$ENGINE_DIR/out.json')); print(len(d['findings']), 'findings,', len({f['target'].get('id') for f in d['findings'] if f['target']['kind']=='container'}), 'containers with findings')")
rss=$( { /usr/bin/time -f '%M' "$BW" audit --host "unix://$ENGINE_SOCK" --format json -o /dev/null 2>&1 >/dev/null; } | tail -1)
printf 'bulwark audit:  best %.3f s, median %.3f s over 5 runs; %s; max RSS %s KiB\n' "$best" "$median" "$found" "$rss"
# BASELINE: another bulwark build (say, the previous release) on the same engine, same run.
if [ -n "${BASELINE:-}" ]; then
	bmedian=$(median "${btimes[@]}")
	brss=$( { /usr/bin/time -f '%M' "$BASELINE" audit --host "unix://$ENGINE_SOCK" --format json -o /dev/null 2>&1 >/dev/null; } | tail -1)
	same=$(python3 -c "import json; a=json.load(open('$ENGINE_DIR/out.json'))['findings']; b=json.load(open('$ENGINE_DIR/base.json'))['findings']; print('same findings' if a==b else 'findings differ')")
	printf 'baseline audit: median %.3f s; max RSS %s KiB; %s; this build takes %.2fx the baseline time\n' \
		"$bmedian" "$brss" "$same" "$(echo "$median / $bmedian" | bc -l)"
fi

if [ -n "${DOCKER_BENCH:-}" ] && [ -f "$DOCKER_BENCH/docker-bench-security.sh" ]; then
	s=$(date +%s.%N)
	( cd "$DOCKER_BENCH" && DOCKER_HOST="unix://$ENGINE_SOCK" timeout 3600 sh docker-bench-security.sh >/dev/null 2>&1 )
	e=$(date +%s.%N)
	db=$(echo "$e - $s" | bc)
	printf 'docker-bench-security: %.1f s  (bulwark median is %.0fx faster)\n' "$db" "$(echo "$db / $median" | bc -l)"
else
	echo "docker-bench-security: skipped (set DOCKER_BENCH to a checkout to compare)"
fi
