#!/bin/sh
# bulwark watch against a real engine (scripts/engine-lib.sh): four containers of one image
# learn their baseline; then an exec into one raises exactly one exec alert on it, busybox
# copied to /tmp and run as a listener in another raises new-process and new-listener on it,
# a static program (built here) that ptraces its child raises new-process and privilege in a
# third, and the quiet one raises none. A --once run compares with the stored baseline.
# usage: tests/integration/watch.sh path/to/bulwark   (root; prints "ok"/"not ok" lines)
set -u
BW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../../scripts/engine-lib.sh"
engine_need "watch"
W=$(mktemp -d)
WP=
trap '[ -n "$WP" ] && kill "$WP" 2>/dev/null; engine_stop; rm -rf "$W"' EXIT
if ! engine_start; then
	echo "not ok - watch: private dockerd did not start"
	exit 1
fi

check() { # NAME RESULT
	if [ "$2" = 0 ]; then echo "ok - watch: $1"; else
		echo "not ok - watch: $1"
		echo "  alerts: $(head -c 3000 "$W/alerts" 2>/dev/null)" >&2
		echo "  once: $(head -c 2000 "$W/once" 2>/dev/null)" >&2
		echo "  stderr: $(head -c 2000 "$W/watch.err" 2>/dev/null)" >&2
		echo "  once stderr: $(head -c 2000 "$W/once.err" 2>/dev/null)" >&2
	fi
}
# "KIND NAME" of each alert line in FILE, sorted, one per line
kinds() {
	python3 -c '
import json, sys
print("\n".join(sorted("%s %s" % (a["kind"], a["container"]["name"])
                       for a in map(json.loads, open(sys.argv[1])))))' "$1" 2>>"$W/py.err"
}
# wait until FILE holds PATTERN (bounded: 20 s)
wait_for() {
	i=0
	while [ $i -lt 200 ] && ! grep -q -- "$2" "$1" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
}

# The tracer: forks a busybox sleep and attaches to it.
cat >"$W/ptr.c" <<'C'
#include <signal.h>
#include <sys/ptrace.h>
#include <unistd.h>
int main(void)
{
	pid_t c = fork();
	if (c == 0) {
		execl("/bin/busybox", "sleep", "600", (char *)0);
		_exit(1);
	}
	usleep(300000);
	if (ptrace(PTRACE_SEIZE, c, 0, 0) != 0)
		return 1;
	pause();
	return 0;
}
C
if ! ${CC:-cc} -static -O1 -o "$W/ptr" "$W/ptr.c" 2>"$W/err"; then
	echo "not ok - watch: the static tracer did not build: $(head -c 300 "$W/err")"
	exit 1
fi

# target and traced wait (bounded: 120 s) for /tmp/go, put there by docker cp (no exec); then
# target runs a copy of busybox from /tmp as a listener, traced runs the tracer.
$DOCKER run -d --name quiet --network none "$IMAGE" sleep 600 >/dev/null 2>"$W/err"
$DOCKER run -d --name execd --network none "$IMAGE" sleep 600 >/dev/null 2>>"$W/err"
$DOCKER run -d --name target --network none "$IMAGE" sh -c 'i=0
	while [ ! -e /tmp/go ] && [ $i -lt 600 ]; do sleep 0.2; i=$((i + 1)); done
	cp /bin/busybox /tmp/busybox && exec /tmp/busybox nc -l -p 8080' >"$W/target" 2>>"$W/err"
$DOCKER run -d --name traced --network none "$IMAGE" sh -c 'i=0
	while [ ! -e /tmp/go ] && [ $i -lt 600 ]; do sleep 0.2; i=$((i + 1)); done
	exec /tmp/ptr' >/dev/null 2>>"$W/err"
$DOCKER cp "$W/ptr" traced:/tmp/ptr 2>>"$W/err"
TARGET=$(cat "$W/target")
if [ ${#TARGET} != 64 ]; then
	echo "not ok - watch: containers did not start: $(head -c 500 "$W/err")"
	exit 1
fi

"$BW" watch --host "unix://$ENGINE_SOCK" --learn 1 --interval 1 --store "$W/watch.db" \
	--output "$W/alerts" 2>"$W/watch.err" &
WP=$!
for c in quiet execd target traced; do wait_for "$W/watch.err" "^bulwark watch: $c: baseline of sha256:"; done
check "each container learns its image's baseline, and the store is made" \
	$( [ "$(grep -c ': baseline of sha256:[0-9a-f]* learned (1 executables, 0 listening ports)$' \
	        "$W/watch.err")" = 4 ] && [ -s "$W/watch.db" ]; echo $?)

$DOCKER exec execd true 2>>"$W/err"
wait_for "$W/alerts" '"kind":"exec"'
# a shell on a terminal: its exec, and the shell itself while it runs
$DOCKER exec -t execd sh -c 'sleep 3; true' >/dev/null 2>>"$W/err" &
XP=$!
wait_for "$W/alerts" '"kind":"shell"'
wait "$XP"
echo go >"$W/go"
$DOCKER cp "$W/go" target:/tmp/go 2>>"$W/err"
$DOCKER cp "$W/go" traced:/tmp/go 2>>"$W/err"
wait_for "$W/alerts" '"kind":"new-listener"'
wait_for "$W/alerts" '"kind":"new-process".*"name":"target"'
wait_for "$W/alerts" '"kind":"privilege"'
# one more scan past the listener: a repeated alert would show now
sleep 2.5
kill -TERM "$WP"
i=0
while [ $i -lt 100 ] && kill -0 "$WP" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
wait "$WP"
rc=$?
WP=
check "SIGTERM ends the watch; exit 1 for alerts at or above high" $([ $rc = 1 ]; echo $?)
ONCE='new-listener target\nnew-process target\nnew-process traced\nprivilege traced'
ALL="exec execd\\nexec execd\\n$ONCE\\nshell execd"
check "exactly: two execs and a shell on execd, new-listener and new-process on target, new-process and privilege on traced, none on quiet" \
	$( [ "$(kinds "$W/alerts")" = "$(printf "$ALL")" ]
	   echo $?)
check "an alert line: time, kind, severity, container {name, id, image}, message, evidence" \
	$(python3 - "$W/alerts" "$TARGET" "$IMAGE" <<'PY' 2>>"$W/py.err"; echo $?
import json, re, sys
al = [json.loads(l, object_pairs_hook=list) for l in open(sys.argv[1])]
lis = [dict(a) for a in al if dict(a)["kind"] == "new-listener"][0]
ok = all([k for k, _ in a] == ["time", "kind", "severity", "container", "message", "evidence"]
         and [k for k, _ in dict(a)["container"]] == ["name", "id", "image"] for a in al)
ok &= re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", lis["time"]) is not None
ok &= dict(lis["container"]) == {"name": "target", "id": sys.argv[2], "image": sys.argv[3]}
ok &= lis["severity"] == "high" and lis["message"] == "new listener on tcp port 8080 by /tmp/busybox"
ev = dict(lis["evidence"])
ok &= ev["proto"] == "tcp" and ev["port"] == "8080" and ev["exe"] == "/tmp/busybox"
ok &= ev["cmdline"] == "/tmp/busybox nc -l -p 8080"
sys.exit(0 if ok else 1)
PY
)
check "the exec alerts: critical (root; a terminal), their commands and user; the shell's" \
	$(python3 - "$W/alerts" <<'PY' 2>>"$W/py.err"; echo $?
import json, re, sys
al = [json.loads(l) for l in open(sys.argv[1])]
a, t = [x for x in al if x["kind"] == "exec"]
sh = [x for x in al if x["kind"] == "shell"][0]
sys.exit(0 if a["severity"] == "critical" and a["message"] == "exec into execd: true as root"
         and a["evidence"]["command"] == "true" and a["evidence"]["user"] == "root"
         and a["evidence"]["tty"] == "false" and t["evidence"]["tty"] == "true"
         and t["message"] == "exec into execd: sh -c sleep 3; true (interactive) as root"
         and sh["severity"] == "high" and re.fullmatch(r"shell \d+ reads a terminal", sh["message"])
         and sh["evidence"]["cmdline"] == "sh -c sleep 3; true" else 1)
PY
)
check "the ptrace alert: critical privilege naming the traced process and its tracer" \
	$(python3 - "$W/alerts" <<'PY' 2>>"$W/py.err"; echo $?
import json, re, sys
a = [json.loads(l) for l in open(sys.argv[1]) if '"kind":"privilege"' in l][0]
m = re.fullmatch(r"process (\d+) is traced by process (\d+) \(ptrace\)", a["message"])
sys.exit(0 if a["severity"] == "critical" and m and a["evidence"]["pid"] == m.group(1)
         and a["evidence"]["cmdline"] == "sleep 600" and a["evidence"]["exe"] == "/bin/busybox" else 1)
PY
)

# --once: the stored baseline against one scan; target still runs its listener
"$BW" watch --once --host "unix://$ENGINE_SOCK" --store "$W/watch.db" --output "$W/once" \
	2>"$W/once.err"
rc=$?
check "--once: the stored baseline; target's and traced's alerts again (not the exec), exit 1" \
	$( [ $rc = 1 ] && [ "$(kinds "$W/once")" = "$(printf "$ONCE")" ]
	   echo $?)
"$BW" watch --once --format text --fail-on none --host "unix://$ENGINE_SOCK" \
	--store "$W/watch.db" >"$W/once.txt" 2>>"$W/once.err"
rc=$?
check "--once --format text --fail-on none: one text line per alert, exit 0" \
	$( [ $rc = 0 ] && [ "$(grep -c '' "$W/once.txt")" = 4 ] &&
	   grep -Eq '^[0-9T:.-]+Z high new-listener target: new listener on tcp port 8080 by /tmp/busybox \(proto=tcp, port=8080, address=' "$W/once.txt"
	   echo $?)
$DOCKER rm -f target traced >/dev/null 2>>"$W/err"
"$BW" watch --once --host "unix://$ENGINE_SOCK" --store "$W/watch.db" >"$W/once" 2>>"$W/once.err"
rc=$?
check "--once with only containers that do what they learned: no alert, exit 0" \
	$( [ $rc = 0 ] && [ ! -s "$W/once" ]; echo $?)
"$BW" watch --once --host "unix://$ENGINE_SOCK" --store "$W/none.db" >"$W/once" 2>"$W/once.err"
rc=$?
check "--once without a store: exit 2 naming it, and no store made" \
	$( [ $rc = 2 ] && grep -q "^bulwark watch: $W/none.db: No such file or directory" "$W/once.err" &&
	   [ ! -e "$W/none.db" ]; echo $?)

# bulwark baseline: the learned baseline exported, imported into a new store, shown the same
"$BW" baseline export --store "$W/watch.db" -o "$W/export.json" 2>"$W/once.err"
rc=$?
check "baseline export: the image's learned baseline as JSON" \
	$( [ $rc = 0 ] && python3 - "$W/export.json" "$($DOCKER image inspect -f '{{.Id}}' "$IMAGE")" <<'PY' 2>>"$W/py.err"; echo $?
import json, sys
d = json.load(open(sys.argv[1]))
b = d["baselines"]
sys.exit(0 if d["schema"] == "bulwark/watch-baselines/v1" and len(b) == 1
         and b[0]["image"] == sys.argv[2] and [e["path"] for e in b[0]["executables"]] == ["/bin/busybox"]
         and b[0]["ports"] == [] and b[0]["min_uid"] == 0 and b[0]["capabilities"] == "a80425fb"
         and b[0]["packet_socket"] is False and b[0]["tty_shell"] is False else 1)
PY
)
"$BW" baseline import --store "$W/copy.db" "$W/export.json" 2>"$W/once.err"
rc=$?
"$BW" baseline show --store "$W/watch.db" >"$W/show1" 2>>"$W/once.err"
"$BW" baseline show --store "$W/copy.db" >"$W/show2" 2>>"$W/once.err"
check "baseline import into a new store; show prints the same baseline from both" \
	$( [ $rc = 0 ] && grep -q "^bulwark baseline: 1 imported into $W/copy.db$" "$W/once.err" &&
	   cmp -s "$W/show1" "$W/show2" &&
	   [ "$(sed -n 2,3p "$W/show1")" = "$(printf '  executables: /bin/busybox\n  listening: none')" ]
	   echo $?)
printf '{"schema":"bulwark/watch-baselines/v1","baselines":[{"image":"x"}]}' >"$W/bad.json"
"$BW" baseline import --store "$W/bad.db" "$W/bad.json" 2>"$W/once.err"
rc=$?
check "baseline import of a broken file: exit 2 naming the file and field; no store made" \
	$( [ $rc = 2 ] && [ "$(cat "$W/once.err")" = "bulwark baseline: $W/bad.json: baselines[0].executables: not an array" ] &&
	   [ ! -e "$W/bad.db" ]; echo $?)
