#!/bin/sh
# `bulwark audit` against a fake Docker daemon that fails in one way at a time (tests/integration/
# fake_daemon.py on a unix socket): the run must end with exit status 2, one clear error line that
# names the endpoint, the request and the reason, and a JSON report that still parses and holds it.
# usage: tests/integration/fake.sh [path/to/bulwark]    (prints one "ok"/"not ok" line per check)
set -u
B=${1:-build/bulwark}
BW=$(cd "$(dirname "$B")" && pwd)/$(basename "$B")
FAKE=$(cd "$(dirname "$0")" && pwd)/fake_daemon.py
T=$(mktemp -d)
SOCK=$T/docker.sock
PID=
failed=0

stop_fake() {
	if [ -n "$PID" ]; then
		kill "$PID" 2>/dev/null
		wait "$PID" 2>/dev/null
		PID=
	fi
}
trap 'stop_fake; rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

check() { # NAME CONDITION-RESULT
	if [ "$2" = 0 ]; then echo "ok - fake: $1"; else
		failed=1
		echo "not ok - fake: $1"
		echo "  stderr: $(head -c 2000 "$T/err" 2>/dev/null)" >&2
		echo "  daemon: $(tail -c 1000 "$T/daemon.log" 2>/dev/null)" >&2
	fi
}

# Start the fake daemon in MODE; wait (bounded) for its socket.
start_fake() {
	rm -f "$SOCK"
	python3 "$FAKE" "$SOCK" "$1" 2>"$T/daemon.log" &
	PID=$!
	i=0
	while [ ! -S "$SOCK" ] && [ "$i" -lt 100 ]; do
		sleep 0.1 2>/dev/null || sleep 1
		i=$((i + 1))
	done
	[ -S "$SOCK" ]
}

audit() {
	rm -f "$T/out.json"
	t0=$(date +%s)
	"$BW" audit --host "unix://$SOCK" --timeout 1 --root "$T/${ROOT:-emptyroot}" --format json \
		-o "$T/out.json" >"$T/stdout" 2>"$T/err" </dev/null
	rc=$?
	secs=$(($(date +%s) - t0))
}

# report_has PATH-RE REASON-RE: out.json parses and one of its errors names the endpoint, the
# request path and the reason.
report_has() {
	python3 - "$T/out.json" "unix://$SOCK" "$1" "$2" <<'PY' 2>>"$T/err"
import json, re, sys
d = json.load(open(sys.argv[1]))
host, path, reason = sys.argv[2:5]
def names(e):
    text = "%s %s" % (e.get("input") or "", e.get("message") or "")
    return host in text and re.search(path, text) and re.search(reason, text, re.I)
sys.exit(0 if any(names(e) for e in d["errors"]) else 1)
PY
	echo $?
}

# One stderr line starting "bulwark: ", naming the endpoint, the path and the reason (warnings
# aside: the live-only host facts the empty root lacks).
one_line() {
	n=$(grep '^bulwark: ' "$T/err" | grep -vc '^bulwark: warning: ')
	line=$(grep '^bulwark: ' "$T/err" | grep -v '^bulwark: warning: ')
	[ "$n" = 1 ] && printf '%s\n' "$line" | grep -qF "unix://$SOCK" &&
		printf '%s\n' "$line" | grep -qE "$1" && printf '%s\n' "$line" | grep -qiE "$2"
	echo $?
}

mkdir -p "$T/emptyroot"
if ! command -v python3 >/dev/null; then
	echo "not ok - fake: python3 is needed to run the fake daemon"
	exit 1
fi

# MODE PATH-RE REASON-RE
for spec in "malformed|/info|malformed JSON" \
            "truncated|/info|truncated" \
            "stall|/info|timed out" \
            "gone|/containers/[0-9a-f]+/json|connection|closed|refused"; do
	mode=${spec%%|*}
	rest=${spec#*|}
	path=${rest%%|*}
	reason=${rest#*|}
	if ! start_fake "$mode"; then
		check "$mode: the fake daemon starts" 1
		stop_fake
		continue
	fi
	audit
	check "$mode: exit status 2" "$([ "$rc" = 2 ]; echo $?)"
	check "$mode: one error line names unix://SOCK, the request and the reason" \
		"$(one_line "$path" "$reason")"
	check "$mode: the JSON report parses and holds the error" "$(report_has "$path" "$reason")"
	if [ "$mode" = gone ]; then
		check "gone: what was gathered before the engine went away is still reported" \
			"$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if any(f["target"]["kind"]=="daemon" for f in d["findings"]) else 1)' \
				"$T/out.json" 2>>"$T/err"; echo $?)"
	fi
	if [ "$mode" = stall ]; then
		check "stall: the run ends within 5 s (took ${secs} s)" "$([ "$secs" -lt 5 ]; echo $?)"
	fi
	stop_fake
done

# A healthy engine: an audit that completes, with no input errors.
if start_fake ok; then
	audit
	check "ok: a healthy engine is audited without errors (exit 0 or 1)" \
		"$([ "$rc" = 0 ] || [ "$rc" = 1 ]; echo $?)"
	check "ok: the JSON report has no errors" \
		"$(python3 -c 'import json,sys; sys.exit(1 if json.load(open(sys.argv[1]))["errors"] else 0)' \
			"$T/out.json" 2>>"$T/err"; echo $?)"
else
	check "ok: the fake daemon starts" 1
fi
stop_fake

# A named volume that the local driver binds from the engine's socket: the container's Mounts
# show only the volume's _data directory, so the audit asks GET /volumes/NAME and judges the bind.
if start_fake volumes; then
	audit
	check "volumes: exit status 1 (findings)" "$([ "$rc" = 1 ]; echo $?)"
	check "volumes: BW-C009 names the volume and the socket it binds, and only that one" \
		"$(python3 - "$T/out.json" <<'PY' 2>>"$T/err"; echo $?
import json, sys
f = [x for x in json.load(open(sys.argv[1]))["findings"] if x["rule"] == "BW-C009"]
want = "container web mounts the container runtime socket volume dockersock (bind of /var/run/docker.sock)"
sys.exit(0 if len(f) == 1 and f[0]["message"] == want else 1)
PY
)"
	check "volumes: the audit asked the engine for the volume" \
		"$(grep -q 'GET /v[0-9.]*/volumes/dockersock\|GET /volumes/dockersock' "$T/daemon.log"; echo $?)"
else
	check "volumes: the fake daemon starts" 1
fi
stop_fake

# Execs into the container: its inspect lists their ids, and the audit reads each record.
if start_fake execs; then
	audit
	check "execs: BW-C036 and BW-C037 say which execs, and nothing else is wrong" \
		"$(python3 - "$T/out.json" <<'PY' 2>>"$T/err"; echo $?
import json, sys
d = json.load(open(sys.argv[1]))
got = {x["rule"]: x["message"] for x in d["findings"] if x["rule"] in ("BW-C036", "BW-C037")}
want = {"BW-C036": "container web has 1 exec with --privileged: sh (running)",
        "BW-C037": "container web has 2 execs as root (the first: no --user, and the container "
                   "sets no user: root): sh, bash (1 running)"}
sys.exit(0 if got == want and not d["errors"] else 1)
PY
)"
	check "execs: the audit asked the engine for both exec records" \
		"$([ "$(grep -c 'GET /v[0-9.]*/exec/[0-9a-f]*/json' "$T/daemon.log")" = 2 ]; echo $?)"
else
	check "execs: the fake daemon starts" 1
fi
stop_fake

# A swarm manager whose swarm runs no services: BW-E022, from GET /services.
if start_fake swarm; then
	audit
	check "swarm: BW-E022 says the swarm runs no services" \
		"$(python3 - "$T/out.json" <<'PY' 2>>"$T/err"; echo $?
import json, sys
f = [x["message"] for x in json.load(open(sys.argv[1]))["findings"] if x["rule"] == "BW-E022"]
sys.exit(0 if f == ["swarm mode is active and the swarm runs no services (docker service ls is empty)"] else 1)
PY
)"
	check "swarm: the audit asked the manager for its services" \
		"$(grep -q 'GET /v[0-9.]*/services' "$T/daemon.log"; echo $?)"
else
	check "swarm: the fake daemon starts" 1
fi
stop_fake

# Two dockerds on this (fake) host: pid 100 on another socket with the engine's data root,
# pid 200 on the audited socket with its own. The audited one is 200, by its socket: its
# --icc=false holds (no BW-E002, which the default would raise), and 100's --iptables=false is
# not reported.
cmdline() { # PID WORD...
	pid=$1
	shift
	mkdir -p "$T/two/proc/$pid"
	printf '%s\0' "$@" >"$T/two/proc/$pid/cmdline"
}
cmdline 100 /usr/bin/dockerd -H unix:///run/other.sock --iptables=false
cmdline 200 /usr/bin/dockerd -H "unix://$SOCK" --data-root /srv/docker-b --icc=false
if start_fake ok; then
	ROOT=two audit
	check "two dockerds: the one on the audited socket is audited (pid 200: --icc=false)" \
		"$(python3 -c 'import json,sys; sys.exit(1 if any(x["rule"]=="BW-E002" for x in json.load(open(sys.argv[1]))["findings"]) else 0)' \
			"$T/out.json" 2>>"$T/err"; echo $?)"
	check "two dockerds: the other daemon's flags are not attributed (no BW-E004)" \
		"$(python3 -c 'import json,sys; sys.exit(1 if any(x["rule"]=="BW-E004" for x in json.load(open(sys.argv[1]))["findings"]) else 0)' \
			"$T/out.json" 2>>"$T/err"; echo $?)"
	# Neither on the socket any more: which serves it cannot be told, so no process flags.
	cmdline 200 /usr/bin/dockerd -H unix:///run/third.sock --data-root /srv/docker-b --icc=false
	ROOT=two audit
	check "two dockerds, neither on the socket: a warning, and no process flags" \
		"$(python3 - "$T/out.json" <<'PY' 2>>"$T/err"; echo $?
import json, sys
d = json.load(open(sys.argv[1]))
rules = {x["rule"] for x in d["findings"]}
warned = any("none is known to serve this engine" in w["message"] for w in d.get("warnings", []))
sys.exit(0 if warned and "BW-E002" in rules and "BW-E004" not in rules else 1)
PY
)"
else
	check "two dockerds: the fake daemon starts" 1
fi
stop_fake
exit "$failed"
