#!/bin/bash
# The runtime watch's cost (issue 17): N busy containers on a private engine (see
# scripts/engine-lib.sh), every one a shell that runs `sleep 1` in a loop, every tenth also a
# listener (busybox nc -l), all --network none. `bulwark watch --learn 5 --interval INTERVAL`
# learns them, then runs for SECONDS; printed: its CPU time over those SECONDS scaled to a
# minute, as a share of one core; its peak RSS (VmHWM); and the alerts it raised (0 expected:
# the containers keep doing what they did while learning). The yardstick, over the same
# SECONDS: a shell loop that walks /proc with `ps -e -o pid,args` every INTERVAL.
# Targets (issue 17): under 2% of one core and under 32 MiB at N=200, INTERVAL=2.
# PERF=file.data also records a cpu-clock profile of the watch over SECONDS (perf report -i).
# usage: bench/watch.sh [N=200] [SECONDS=60] [INTERVAL=2]   (build first: make; root, dockerd)
set -u
cd "$(dirname "$0")/.."
N=${1:-200}
SECS=${2:-60}
INTERVAL=${3:-2}
BW=$PWD/${BULWARK:-build/bulwark}
. scripts/engine-lib.sh
W=$(mktemp -d /tmp/bulwark-wbench.XXXXXX)
WP=; YP=
trap '[ -n "$YP" ] && kill "$YP" 2>/dev/null; [ -n "$WP" ] && kill "$WP" 2>/dev/null; engine_stop; rm -rf "$W"' EXIT
engine_start || exit 1

# The containers, four `docker run`s at a time, each bounded to 60 s.
t0=$(date +%s)
seq 1 "$N" | xargs -P 4 -I{} sh -c '
	if [ $(({} % 10)) = 0 ]; then c="busybox nc -l -p 8080 & while :; do sleep 1; done"
	else c="while :; do sleep 1; done"; fi
	timeout 60 $0 run -d --name bench{} --network none "$1" sh -c "$c" >/dev/null' \
	"$DOCKER" "$IMAGE" 2>"$W/run.err"
running=$($DOCKER ps -q | wc -l)
echo "engine: $running of $N containers running, started in $(( $(date +%s) - t0 )) s"
[ "$running" -gt 0 ] || { echo "watch.sh: no container started: $(head -c 300 "$W/run.err")" >&2; exit 2; }

# ticks PID: utime+stime+cutime+cstime of PID, in clock ticks (fields 14-17 of /proc/PID/stat;
# the command name, field 2, may hold spaces, so count from its closing parenthesis)
ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 + $14 + $15 }'; }
hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

"$BW" watch --host "unix://$ENGINE_SOCK" --learn 5 --interval "$INTERVAL" --store "$W/watch.db" \
	-o "$W/alerts" 2>"$W/watch.err" &
WP=$!
# Learning: wait (bounded: 120 s) until every running container has its baseline reported,
# then one more interval so the first compared scan is behind us.
i=0
while [ $i -lt 600 ] && kill -0 "$WP" 2>/dev/null &&
	[ "$(grep -c ': baseline of ' "$W/watch.err")" -lt "$running" ]; do
	sleep 0.2; i=$((i + 1))
done
learned=$(grep -c ': baseline of ' "$W/watch.err")
sleep "$INTERVAL"
kill -0 "$WP" 2>/dev/null || { echo "watch.sh: the watch ended: $(head -c 500 "$W/watch.err")" >&2; exit 2; }
a0=$(cat "$W/alerts" 2>/dev/null | wc -l)

# The yardstick: the /proc walk every INTERVAL, in its own shell (its children's time is
# reaped into its cutime/cstime).
bash -c 'while :; do ps -e -o pid,args >/dev/null; sleep "$0"; done' "$INTERVAL" &
YP=$!
w0=$(ticks "$WP"); y0=$(ticks "$YP")
if [ -n "${PERF:-}" ]; then   # PERF=FILE: a cpu-clock profile of the watch, 99 Hz, over SECONDS
	perf record -q -F 99 -e cpu-clock -g -p "$WP" -o "$PERF" -- sleep "$SECS" 2>"$W/perf.err"
else
	sleep "$SECS"
fi
w1=$(ticks "$WP"); y1=$(ticks "$YP")
peak=$(hwm "$WP")
kill "$YP"; YP=
kill "$WP"; wait "$WP" 2>/dev/null; WP=
alerts=$(cat "$W/alerts" 2>/dev/null | wc -l)

python3 - "$N" "$running" "$learned" "$SECS" "$INTERVAL" "$(getconf CLK_TCK)" \
	"$((w1 - w0))" "$((y1 - y0))" "$peak" "$a0" "$alerts" "$W/alerts" <<'PY'
import collections, json, sys
n, running, learned, secs = map(int, sys.argv[1:5])
interval = sys.argv[5]
hz, wt, yt, peak, a0, alerts = map(int, sys.argv[6:12])
w = wt / hz / secs * 100          # % of one core = CPU s per minute / 60 s * 100
y = yt / hz / secs * 100
print("containers %d running (%d baselines learned), interval %s s, measured over %d s"
      % (running, learned, interval, secs))
print("bulwark watch   CPU %6.2f%% of one core (%.2f s a minute; target under 2%%)" % (w, w * 0.6))
print("                peak RSS %.1f MiB (VmHWM; target under 32 MiB)" % (peak / 1024))
print("                alerts %d (%d while learning, %d after; target 0)" % (alerts, a0, alerts - a0))
print("ps -e walk      CPU %6.2f%% of one core (%.2f s a minute; yardstick)" % (y, y * 0.6))
print("ratio, watch to the ps walk: %s" % ("%.2f" % (w / y) if y else "n/a (yardstick used no measurable CPU)"))
if alerts:
    kinds = collections.Counter(json.loads(l).get("kind", "?") for l in open(sys.argv[12]) if l.strip())
    print("alert kinds: " + ", ".join("%s %d" % kv for kv in kinds.most_common()))
PY
