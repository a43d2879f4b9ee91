#!/bin/sh
# The authorization plugin in front of a real engine: a private dockerd started with
# --authorization-plugin naming a test-only spec file that points at `bulwark authz serve`.
# usage: tests/integration/authz.sh path/to/bulwark     (root; prints "ok"/"not ok" lines)
set -u
BW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../../scripts/engine-lib.sh"
engine_need "authz"
W=$(mktemp -d /tmp/bulwark-authz.XXXXXX)
NAME=bulwark-test-$$
SPEC=/etc/docker/plugins/$NAME.spec
PSOCK=$W/plugin.sock
PPID_=
trap 'engine_stop; [ -n "$PPID_" ] && kill "$PPID_" 2>/dev/null; rm -f "$SPEC"; rm -rf "$W"' EXIT

check() { # NAME RESULT
	if [ "$2" = 0 ]; then echo "ok - authz: $1"; else
		echo "not ok - authz: $1"
		echo "  stderr: $(head -c 1500 "$W/err" 2>/dev/null)" >&2
	fi
}
plugin_start() { # extra serve flags
	"$BW" authz serve --socket "$PSOCK" --audit-log "$W/audit.log" "$@" 2>>"$W/serve.log" &
	PPID_=$!
	i=0
	while [ $i -lt 50 ] && [ ! -S "$PSOCK" ]; do sleep 0.1; i=$((i + 1)); done
	[ -S "$PSOCK" ]
}
plugin_stop() {
	[ -n "$PPID_" ] || return 0
	kill "$PPID_" 2>/dev/null
	i=0
	while [ $i -lt 50 ] && kill -0 "$PPID_" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
	PPID_=
}
denied() { # RULE-PATTERN CMD...: fails, and the engine's message names the rule
	pat=$1; shift
	! "$@" >/dev/null 2>"$W/err" && grep -q "authorization denied by plugin $NAME" "$W/err" &&
		grep -q "$pat" "$W/err"
}

mkdir -p /etc/docker/plugins
printf 'unix://%s\n' "$PSOCK" >"$SPEC"
# Roles for the RBAC cases (the policy format of src/authz).
cat >"$W/policy.yaml" <<'P'
identities:
  alice: admin
  bob: developer
default-role: developer
no-identity-role: admin
roles:
  admin:
    allow: ["*"]
  developer:
    allow: ["container.*", "image.*", "exec.*", "system.*"]
    deny: ["volume.create", "network.create"]
P
POLICY="--policy $W/policy.yaml"
plugin_start $POLICY || { echo "not ok - authz: plugin did not start"; exit 1; }
if ! ENGINE_TLS=1 ENGINE_FLAGS="--authorization-plugin=$NAME" engine_start; then
	echo "not ok - authz: private dockerd did not start with the plugin"
	exit 1
fi

HARD="--rm --network none --read-only --cap-drop ALL --security-opt no-new-privileges --user 1000 --memory 64m --pids-limit 64"
$DOCKER run $HARD "$IMAGE" true >/dev/null 2>"$W/err"
check "hardened docker run is allowed" $?
denied 'BW-C' $DOCKER run $HARD --privileged "$IMAGE" true
check "--privileged is denied with the rule in the message" $?

denied 'BW-C' $DOCKER run $HARD --cap-add SYS_ADMIN "$IMAGE" true
check "--cap-add SYS_ADMIN is denied" $?
denied 'BW-C' $DOCKER run $HARD -v /var/run/docker.sock:/var/run/docker.sock "$IMAGE" true
check "mounting the engine socket is denied" $?
denied 'BW-C' $DOCKER run $HARD --pid host "$IMAGE" true
check "--pid host is denied" $?
denied 'BW-C' $DOCKER run $HARD --security-opt seccomp=unconfined "$IMAGE" true
check "seccomp=unconfined is denied" $?
$DOCKER run -d --name ex --network none --user 1000 "$IMAGE" sleep 60 >/dev/null 2>"$W/err"
denied 'denied by' $DOCKER exec --privileged ex true
check "docker exec --privileged is denied" $?
$DOCKER rm -f ex >/dev/null 2>&1
TLS="docker -H $ENGINE_TCP --tlsverify --tlscacert $ENGINE_CERTS/ca.pem"
# The first request over TLS: on a loaded machine (a sanitizer build of the plugin) it failed once
# in CI for a reason not kept; a deny is the same on every try, so up to three tries, each said.
i=0
while [ $i -lt 3 ]; do
	$TLS --tlscert "$ENGINE_CERTS/cert.pem" --tlskey "$ENGINE_CERTS/key.pem" \
		network create --internal alice-net >/dev/null 2>"$W/err" && break
	echo "  alice's try $((i + 1)): $(head -c 600 "$W/err"); plugin: $(tail -c 600 "$W/serve.log")" >&2
	$DOCKER network rm alice-net >/dev/null 2>&1   # if the request got through but its answer did not
	i=$((i + 1)); sleep 1
done
check "alice (admin) may create a network" $([ $i -lt 3 ]; echo $?)
denied 'role developer' $TLS --tlscert "$ENGINE_CERTS/bob-cert.pem" \
	--tlskey "$ENGINE_CERTS/bob-key.pem" network create --internal bob-net
check "bob (developer) may not create a network" $?
# carol has a certificate but is not under identities: she gets default-role developer.
CAROL="$TLS --tlscert $ENGINE_CERTS/carol-cert.pem --tlskey $ENGINE_CERTS/carol-key.pem"
denied 'denied by role developer' $CAROL network create --internal carol-net
check "carol (unlisted, default role developer) may not create a network" $?
$CAROL ps >/dev/null 2>"$W/err"
check "carol may list containers" $?
$CAROL run $HARD "$IMAGE" true >/dev/null 2>"$W/err"
check "carol may run a hardened container" $?
denied 'BW-C001.*for role developer' $CAROL run $HARD --privileged "$IMAGE" true
check "carol's --privileged run is denied by the container rules for role developer" $?
# The plugin's audit log: every decision on carol's requests used role developer.
python3 - "$W/audit.log" >"$W/err" 2>&1 <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
carol = [d for d in lines if d.get("user") == "carol"]
assert carol, "no audit lines for carol"
assert all(d.get("role") == "developer" for d in carol), carol
assert any(d["decision"] == "deny" and d.get("action") == "network.create" for d in carol), carol
assert any(d["decision"] == "allow" and d.get("action") == "container.list" for d in carol), carol
assert any(d["decision"] == "allow" and d.get("action") == "container.create" for d in carol), carol
assert any(d["decision"] == "deny" and d.get("rule") == "BW-C001" for d in carol), carol
PY
check "the audit log records carol's decisions with role developer" $?
# The same decision offline, from a request the engine would send.
printf '{"User":"carol","UserAuthNMethod":"TLS","RequestMethod":"POST","RequestUri":"/v1.41/networks/create"}' >"$W/carol.json"
"$BW" authz check --policy "$W/policy.yaml" "$W/carol.json" >"$W/err" 2>&1
[ $? = 1 ] && grep -q 'role developer' "$W/err"
check "an unlisted identity gets the default role (offline check)" $?

# Straight to the socket: malformed, truncated and oversized requests are denied or rejected,
# and the plugin keeps serving.
C="curl -s -m 5 --unix-socket $PSOCK"
U=http://plugin/AuthZPlugin.AuthZReq
$C -XPOST -H 'Content-Type: application/json' -d '{"User":' $U | grep -q '"Allow":false'
check "a malformed request is denied" $?
printf 'POST /AuthZPlugin.AuthZReq HTTP/1.1\r\nHost: p\r\nContent-Length: 500\r\n\r\n{"Req' |
	timeout 3 curl -s -m 2 --unix-socket "$PSOCK" telnet://plugin >/dev/null 2>&1
head -c 3200000 /dev/zero | tr '\0' A >"$W/big"
code=$($C -o "$W/out" -w '%{http_code}' -XPOST --data-binary @"$W/big" $U)
[ "$code" = 413 ] && grep -q '"Allow":false' "$W/out"
check "an oversized request is denied with 413" $?
$C -XPOST -d '{"User":"","RequestMethod":"GET","RequestUri":"/v1.43/version"}' $U |
	grep -q '"Allow":true'
check "the plugin keeps serving after a truncated request" $?

# SIGHUP with an invalid policy keeps the old one.
echo 'invalid: [' >"$W/bad.yaml"
cp "$W/bad.yaml" "$W/policy.yaml"
kill -HUP "$PPID_"
sleep 0.5
kill -0 "$PPID_" && grep -q "previous policy stays" "$W/serve.log" &&
	denied 'BW-C' $DOCKER run $HARD --privileged "$IMAGE" true
check "SIGHUP with an invalid policy keeps the old one" $?

# One audit line per decision: a known number of requests adds that many lines.
sleep 0.3
before=$(wc -l <"$W/audit.log")
for i in 1 2 3; do $C -XPOST -d '{"User":"","RequestMethod":"GET","RequestUri":"/_ping"}' $U >/dev/null; done
sleep 0.4
after=$(wc -l <"$W/audit.log")
[ $((after - before)) = 3 ] && tail -1 "$W/audit.log" | grep -q '"decision":"allow"'
check "the audit log has one line per decision" $?

# Plugin down: the engine refuses.
plugin_stop
! $DOCKER ps >/dev/null 2>"$W/err"
check "with the plugin down the engine refuses requests" $?
# A sanitizer build reports to the plugin's stderr (also at exit, for leaks).
cp "$W/serve.log" "$W/err"
! grep -q 'Sanitizer\|runtime error:' "$W/serve.log"
check "the plugin's stderr has no sanitizer report" $?
exit 0
