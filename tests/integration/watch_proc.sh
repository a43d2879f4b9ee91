#!/bin/sh
# The runtime watch's process collector against a real engine: a private dockerd
# (scripts/engine-lib.sh), a container running `nc -l -p 8080` beside `sleep`, and the snapshot
# build/watch_snap takes of it from /proc: its processes, and the listener held by nc.
# usage: tests/integration/watch_proc.sh path/to/bulwark   (root; prints "ok"/"not ok" lines)
set -u
SNAP=$(cd "$(dirname "$1")" && pwd)/watch_snap
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../../scripts/engine-lib.sh"
engine_need "watch proc"
W=$(mktemp -d)
trap 'engine_stop; rm -rf "$W"' EXIT
if ! engine_start; then
	echo "not ok - watch proc: private dockerd did not start"
	exit 1
fi

check() { # NAME RESULT
	if [ "$2" = 0 ]; then echo "ok - watch proc: $1"; else
		echo "not ok - watch proc: $1"
		echo "  snapshot: $(head -c 3000 "$W/out")" >&2
	fi
}
has() { grep -q -- "$1" "$W/out"; echo $?; }
hasnt() { ! grep -q -- "$1" "$W/out"; echo $?; }

# --network none still has a loopback in the container's own namespace: nc listens there.
$DOCKER run -d --name watched --network none "$IMAGE" \
	sh -c 'busybox nc -l -p 8080 & exec sleep 600' >"$W/id" 2>"$W/err"
$DOCKER run -d -t --name other --network none "$IMAGE" sleep 600 >"$W/other" 2>>"$W/err"
ID=$(cat "$W/id")
OTHER=$(cat "$W/other")
if [ ${#ID} != 64 ] || [ ${#OTHER} != 64 ]; then
	echo "not ok - watch proc: containers did not start: $(head -c 500 "$W/err")"
	exit 1
fi

# nc listens on both families where the namespace has IPv6 (one tcp6 socket), else on IPv4
LISTEN='^sock (tcp listen 0\.0\.0\.0:8080 0\.0\.0\.0:0|tcp6 listen \[::\]:8080 \[::\]:0) inode=[1-9][0-9]* pid='
# bounded: 20 s at most for nc to listen (a snapshot is taken until it does)
i=0
while [ $i -lt 100 ]; do
	"$SNAP" /proc "$ID" >"$W/out" 2>"$W/snap.err" || break
	grep -Eq "$LISTEN" "$W/out" && break
	sleep 0.2; i=$((i + 1))
done

# the container's processes: sleep (its first process) and nc, its child
SLEEP=$(awk '$1 == "proc" && / argv=sleep 600$/ { print $2 }' "$W/out")
NC=$(awk '$1 == "proc" && / argv=busybox nc -l -p 8080$/ { print $2 }' "$W/out")
check "one container, the one asked for, found by its cgroup" \
	$( [ "$(grep -c '^container ' "$W/out")" = 1 ] && grep -q "^container $ID cgroup=.*$ID" "$W/out"; echo $?)
check "sleep and nc are the container's processes, and nothing else" \
	$( [ -n "$SLEEP" ] && [ -n "$NC" ] && [ "$(grep -c '^proc ' "$W/out")" = 2 ]; echo $?)
check "sleep: busybox as root, stdin /dev/null, output to pipes" \
	$(has "^proc $SLEEP ppid=[0-9]* start=[0-9]* uid=0/0 gid=0/0 cap=a80425fb nnp=0 tracer=0 fd=file,pipe,pipe flags= exe=/bin/busybox argv=sleep 600$")
check "nc: sleep's child, busybox as root" \
	$(has "^proc $NC ppid=$SLEEP start=[0-9]* uid=0/0 gid=0/0 cap=a80425fb nnp=0 tracer=0 fd=file,pipe,pipe flags= exe=/bin/busybox argv=busybox nc -l -p 8080$")
check "the listener on 8080 is held by nc, and it is the only socket" \
	$( grep -Eq "$LISTEN$NC\$" "$W/out" && [ "$(grep -c '^sock ' "$W/out")" = 1 ]; echo $?)
check "the other container is not in the snapshot" $(hasnt "$OTHER")

# both ids: each container with its own processes and namespace
"$SNAP" /proc "$OTHER" "$ID" >"$W/out" 2>"$W/snap.err"
check "the other container's process: its fds on the terminal it was given" \
	$(has "^proc [0-9]* ppid=[0-9]* start=[0-9]* uid=0/0 gid=0/0 cap=a80425fb nnp=0 tracer=0 fd=tty,tty,tty flags= exe=/bin/busybox argv=sleep 600$")
check "two containers, each with its processes" \
	$( [ "$(grep -c '^container ' "$W/out")" = 2 ] && [ "$(grep -c '^proc ' "$W/out")" = 3 ] &&
	   [ "$(grep -Ec "$LISTEN$NC\$" "$W/out")" = 1 ] && [ "$(grep -c '^sock ' "$W/out")" = 1 ]; echo $?)

# a process exec'd into the container joins the snapshot, under a pid of its own
$DOCKER exec -d watched sleep 601 2>>"$W/err"
i=0
while [ $i -lt 100 ]; do
	"$SNAP" /proc "$ID" >"$W/out" 2>"$W/snap.err" || break
	grep -q ' argv=sleep 601$' "$W/out" && break
	sleep 0.2; i=$((i + 1))
done
check "an exec'd process is found by the container's cgroup" \
	$(has "^proc [0-9]* ppid=[0-9]* start=[0-9]* uid=0/0 .* exe=/bin/busybox argv=sleep 601$")

"$SNAP" "$W/none" "$ID" >"$W/out" 2>"$W/snap.err"
rc=$?
check "a /proc that is not there: exit 2 and a message naming it" \
	$( [ $rc = 2 ] && grep -q "^watch_snap: $W/none: No such file or directory$" "$W/snap.err"; echo $?)
