#!/bin/sh
# The Engine API's event stream against a real engine (scripts/engine-lib.sh): the exact events
# a container's life sends, then the engine stopped and started under a connected client, which
# reports one loss and one return and misses nothing that happened while it was away.
# usage: tests/integration/events.sh path/to/bulwark   (root; runs events_tail beside it)
set -u
BW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TAIL=$(dirname "$BW")/events_tail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../../scripts/engine-lib.sh"
engine_need "events"
if [ ! -x "$TAIL" ]; then
	echo "not ok - events: $TAIL is missing (make tests builds it)"
	exit 1
fi
W=$(mktemp -d)
TP=
trap '[ -n "$TP" ] && kill "$TP" 2>/dev/null; exec 3>&-; engine_stop; rm -rf "$W"' EXIT
if ! engine_start; then
	echo "not ok - events: private dockerd did not start"
	exit 1
fi

check() { # NAME RESULT
	if [ "$2" = 0 ]; then echo "ok - events: $1"; else
		echo "not ok - events: $1"
		echo "  got: $(cat "$W/out")" >&2
		echo "  stderr: $(head -c 1500 "$W/err")" >&2
	fi
}
# lines N: wait until the client printed N lines (bounded: 30 s)
lines() {
	i=0
	while [ $i -lt 300 ] && [ "$(grep -c '' "$W/out")" -lt "$1" ]; do sleep 0.1; i=$((i + 1)); done
}
# the client's output is exactly these lines
out_is() { printf '%s\n' "$@" | cmp -s - "$W/out"; echo $?; }

# The engine stopped and started again on the same data (bounded: 20 s, 30 s).
engine_down() {
	kill "$ENGINE_PID" 2>/dev/null
	i=0
	while [ $i -lt 200 ] && kill -0 "$ENGINE_PID" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
}
engine_up() {
	dockerd --data-root "$ENGINE_DIR/data" --exec-root "$ENGINE_DIR/exec" \
		--pidfile "$ENGINE_DIR/dockerd.pid" -H "unix://$ENGINE_SOCK" \
		--bridge=none --iptables=false --ip-forward=false --ip-masq=false \
		--storage-driver=vfs >>"$ENGINE_DIR/dockerd.log" 2>&1 &
	ENGINE_PID=$!
	i=0
	while [ $i -lt 150 ] && ! $DOCKER version >/dev/null 2>&1; do sleep 0.2; i=$((i + 1)); done
}

mkfifo "$W/ctl"
"$TAIL" "unix://$ENGINE_SOCK" 240 <"$W/ctl" >"$W/out" 2>"$W/err" &
TP=$!
exec 3>"$W/ctl"
lines 1

# A container's life: start, an exec, an attach, its image tagged, its end.
$DOCKER run -d --network none --name ev1 "$IMAGE" sleep 600 >/dev/null 2>>"$W/err"
lines 2
$DOCKER exec ev1 id >/dev/null 2>>"$W/err"
lines 4
timeout 60 $DOCKER attach --no-stdin ev1 >/dev/null 2>&1 &
AP=$!
lines 5
$DOCKER tag "$IMAGE" bulwark-test/busybox:2 2>>"$W/err"
lines 6
$DOCKER stop -t 1 ev1 >/dev/null 2>>"$W/err"
lines 7
wait $AP
check "a container's start, exec, attach, image tag and die, in order" "$(out_is open \
	"event container start name=ev1" \
	"event container exec_create cmd=id name=ev1" \
	"event container exec_start cmd=id name=ev1" \
	"event container attach name=ev1" \
	"event image tag name=bulwark-test/busybox:2" \
	"event container die name=ev1 exit=137")"

# The engine goes away; while the client holds its reconnect, the engine comes back and an
# image is tagged: the resumed stream (since=) brings that tag, once, then what follows.
engine_down
lines 8
engine_up
$DOCKER tag "$IMAGE" bulwark-test/busybox:3 2>>"$W/err"
echo go >&3
lines 10
$DOCKER tag "$IMAGE" bulwark-test/busybox:4 2>>"$W/err"
lines 11
check "an engine restart: one loss, one return, the event from while away, nothing twice" \
	"$(out_is open \
	"event container start name=ev1" \
	"event container exec_create cmd=id name=ev1" \
	"event container exec_start cmd=id name=ev1" \
	"event container attach name=ev1" \
	"event image tag name=bulwark-test/busybox:2" \
	"event container die name=ev1 exit=137" \
	down up \
	"event image tag name=bulwark-test/busybox:3" \
	"event image tag name=bulwark-test/busybox:4")"

# Away for the whole of an engine's stop and start, the client retrying on its backoff.
engine_down
lines 12
echo go >&3
engine_up
lines 13
$DOCKER tag "$IMAGE" bulwark-test/busybox:5 2>>"$W/err"
lines 14
tail -n 3 "$W/out" >"$W/last"
check "stopped while the client waits on its backoff: one loss, one return" \
	"$(printf 'down\nup\nevent image tag name=bulwark-test/busybox:5\n' | cmp -s - "$W/last"
	   echo $?)"
re="^unix://$ENGINE_SOCK: event stream \(lost: .*; reconnecting\|back after [0-9]* attempts\?\)\$"
check "the loss and the return name the engine" "$(grep -c "$re" "$W/err" | grep -qx 4; echo $?)"
