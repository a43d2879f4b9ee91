#!/bin/sh
# The live audit against a real engine: a private dockerd (scripts/engine-lib.sh), one
# container per rule violation on top of a hardened baseline, and the exact findings of each.
# usage: tests/integration/engine.sh path/to/bulwark     (root; prints "ok"/"not ok" lines)
set -u
BW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../../scripts/engine-lib.sh"
engine_need "engine"
W=$(mktemp -d)
trap 'engine_stop; rm -rf "$W"' EXIT
if ! ENGINE_TLS=1 engine_start; then
	echo "not ok - engine: private dockerd did not start"
	exit 1
fi

check() { # NAME RESULT
	if [ "$2" = 0 ]; then echo "ok - engine: $1"; else
		echo "not ok - engine: $1"
		echo "  stderr: $(head -c 1500 "$W/err")" >&2
	fi
}

# The hardened baseline; each case below changes one thing.
NET="--network none"
RO="--read-only"
CAPS="--cap-drop ALL"
NNP="--security-opt no-new-privileges"
MEM="--memory 64m"
CPU="--cpu-shares 512"
PIDS="--pids-limit 50"
USR="--user 1000"
RST="--restart on-failure:3"
ULIM="--ulimit nofile=1024:2048"
HC="--health-cmd true"
CG="--cgroupns private"
mk() { # NAME [docker create options...] -- replaces the baseline variables the caller unset
	name=$1; shift
	$DOCKER create --name "$name" $NET $RO $CAPS $NNP $MEM $CPU $PIDS $USR $RST $ULIM $HC $CG \
		"$@" "$IMAGE" sleep 600 >/dev/null 2>>"$W/create.err" ||
		echo "  could not create $name" >&2
}
mkrun() { mk "$@" && $DOCKER start "$1" >/dev/null 2>>"$W/create.err"; }

mkrun hardened
mk privileged --privileged
mk capadd --cap-add SYS_ADMIN
( CAPS=; mk nocapdrop )
( NET="--network host"; mk hostnet )
mk hostpid --pid host
mk hostipc --ipc host
mk hostuts --uts host
mk hostuserns --userns host
mk engsock -v "$ENGINE_SOCK:/run/api.sock"
mk etcmount -v /etc:/host-etc:ro
( RO=; mk writable )
( MEM=; mk nomem )
( CPU=; mk nocpu )
( PIDS=; mk nopids )
mk seccomp --security-opt seccomp=unconfined
mk apparmor --security-opt apparmor=unconfined
( NNP=; mk nonnp )
( RST="--restart always"; mk always )
( USR="--user root"; mk rootuser )
( USR=; mk nouser )
mk secretenv -e AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
mk device --device /dev/null:/dev/xnull
mk cgparent --cgroup-parent /bulwark-test
( HC="--no-healthcheck"; mk nohealth )
mk systempaths --security-opt systempaths=unconfined
( ULIM=; mk noulimit )
mkrun sshd --entrypoint /usr/sbin/sshd
( HC=; mkrun nohealthrun )
# Execs the engine still lists (ExecIDs holds those that have not exited), in hardened
# containers (user 1000) that are otherwise clean: one made with Privileged and not started
# (starting it asks for every capability, and runc fails "apply caps" on a test host whose
# bounding set lacks one, as CAP_SYS_RESOURCE in some VMs), and one detached as root.
exec_create() { # CONTAINER BODY: POST /containers/CONTAINER/exec, left unstarted
	python3 - "$ENGINE_SOCK" "$1" "$2" <<'PY'
import http.client, socket, sys
class Unix(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.settimeout(10)
        self.sock.connect(sys.argv[1])
c = Unix("localhost", timeout=10)
c.request("POST", "/containers/%s/exec" % sys.argv[2], sys.argv[3],
          {"Content-Type": "application/json"})
r = c.getresponse()
body = r.read().decode(errors="replace")
if r.status != 201:
    sys.stderr.write("HTTP %d: %s\n" % (r.status, body))
sys.exit(0 if r.status == 201 else 1)
PY
}
mkrun execpriv &&
	exec_create execpriv '{"Cmd": ["sleep", "600"], "Privileged": true}' 2>"$W/exec-execpriv.err"
mkrun execroot && $DOCKER exec -d --user root execroot sleep 600 2>"$W/exec-execroot.err"
exec_listed() { # NAME: the engine lists one exec for it (else say what making it answered)
	n=$($DOCKER inspect -f '{{len .ExecIDs}}' "$1" 2>&1)
	[ "$n" = 1 ] || echo "  $1: ExecIDs has ${n:-?}; making the exec said: $(head -c 500 "$W/exec-$1.err")" >&2
	[ "$n" = 1 ]; echo $?
}
check "the engine lists the exec made with Privileged" "$(exec_listed execpriv)"
check "the engine lists the detached exec --user root" "$(exec_listed execroot)"

"$BW" audit --host "unix://$ENGINE_SOCK" --format json -o "$W/out.json" >"$W/out" 2>"$W/err"
rc=$?
check "audit of the private engine exits 1 (findings at high and above)" $([ $rc = 1 ]; echo $?)

# The rule ids found for each container, as "name: ID ID ...".
python3 - "$W/out.json" >"$W/got" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {}
for f in d["findings"]:
    t = f["target"]
    if t["kind"] == "container":
        by.setdefault(t["name"], set()).add(f["rule"])
for name in sorted(by):
    print(name + ": " + " ".join(sorted(by[name])))
PY

AA=
[ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ] && AA=BW-C016
expect() { # NAME "IDS" -- IDS empty: the container has no findings at all
	if [ -z "$2" ]; then
		check "container $1 has no findings" $(! grep -q "^$1:" "$W/got"; echo $?)
	else
		check "container $1: exactly $2" $(grep -qx "$1: $2" "$W/got"; echo $?)
	fi
}
expect hardened ""
expect privileged BW-C001
expect capadd BW-C002
expect nocapdrop BW-C003
expect hostnet BW-C004
expect hostpid BW-C005
expect hostipc BW-C006
expect hostuts BW-C007
expect hostuserns BW-C008
expect engsock BW-C009
expect etcmount BW-C010
expect writable BW-C011
expect nomem BW-C012
expect nocpu BW-C013
expect nopids BW-C014
expect seccomp BW-C015
expect apparmor "$AA"
expect nonnp BW-C017
expect always BW-C018
expect rootuser BW-C019
expect nouser BW-C019
expect secretenv BW-C020
expect device BW-C023
expect cgparent BW-C027
expect nohealth BW-C028
expect systempaths BW-C031
expect noulimit BW-C035
expect sshd BW-C032
expect nohealthrun BW-C033
expect execpriv BW-C036
expect execroot BW-C037
if ! grep -q "^hardened" "$W/got"; then :; else cat "$W/got" >&2; fi

py() { python3 -c "import json,sys; d=json.load(open('$W/out.json')); sys.exit(0 if ($1) else 1)"; echo $?; }
check "container targets carry the full id and no leading slash" \
	$(py "all(len(f['target']['id'])==64 and not f['target']['name'].startswith('/') for f in d['findings'] if f['target']['kind']=='container')")
check "stopped and running containers say their state" \
	$(py "{f['target']['state'] for f in d['findings'] if f['target']['kind']=='container'} == {'created','running'}")
check "the secret in the environment is redacted" \
	$(py "all('EXAMPLEKEY' not in json.dumps(f) for f in d['findings'])")
check "the image is audited from its config" \
	$(py "{f['rule'] for f in d['findings'] if f['target']['kind']=='image' and f['target']['name']=='$IMAGE'} == {'BW-I001','BW-I002','BW-I016'}")
check "the daemon is a target named by its endpoint" \
	$(py "any(f['target']['kind']=='daemon' and f['target']['name']=='unix://$ENGINE_SOCK' for f in d['findings'])")
check "no input errors" $(py "d['errors'] == []")
check "the exec with --privileged is named by its program" \
	$(py "[f['message'] for f in d['findings'] if f['rule']=='BW-C036'] == ['container execpriv has 1 exec with --privileged: sleep (created, not started)']")

"$BW" audit --host "unix://$ENGINE_SOCK" --container privileged --container "$($DOCKER inspect -f '{{.Id}}' capadd | cut -c1-12)" \
	--format json -o "$W/scope.json" 2>"$W/err"
check "--container limits the audit to those containers" \
	$(python3 -c "import json,sys; d=json.load(open('$W/scope.json')); sys.exit(0 if {f['target']['name'] for f in d['findings']} == {'privileged','capadd'} else 1)"; echo $?)
"$BW" audit --host "unix://$ENGINE_SOCK" --container nosuch --format json -o "$W/scope.json" 2>"$W/err"
rc=$?
check "--container naming no container is an error (exit 2, one message)" \
	$([ $rc = 2 ] && [ "$(wc -l <"$W/err")" = 1 ] && grep -q "no such container: nosuch" "$W/err"; echo $?)
"$BW" audit --host "unix://$ENGINE_SOCK" --image "$IMAGE" --format json -o "$W/scope.json" 2>"$W/err"
check "--image limits the audit to that image" \
	$(python3 -c "import json,sys; d=json.load(open('$W/scope.json')); sys.exit(0 if {(f['target']['kind'], f['rule']) for f in d['findings']} == {('image','BW-I001'),('image','BW-I002'),('image','BW-I016')} else 1)"; echo $?)
DOCKER_HOST="unix://$ENGINE_SOCK" "$BW" audit --container hardened --format json -o "$W/env.json" 2>"$W/err"
rc=$?
check "DOCKER_HOST selects the engine" $([ $rc = 0 ] && ! [ -s "$W/err" ]; echo $?)
"$BW" audit --host "unix://$ENGINE_SOCK" --format text -o "$W/out.txt" 2>"$W/err"
check "text output has a summary line per section" \
	$(grep -q '^-- containers: [0-9]* findings in [0-9]* containers' "$W/out.txt" && grep -q '^-- images: ' "$W/out.txt"; echo $?)

# The engine over TCP with TLS and client certificates, found as the docker CLI finds it.
tls_audit() { # ENV... : audit only the hardened container, exit status in rc
	env "$@" "$BW" audit --container hardened --format json -o "$W/tls.json" >/dev/null 2>"$W/err"
	rc=$?
}
tls_audit HOME="$W" DOCKER_HOST="$ENGINE_TCP" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$ENGINE_CERTS"
check "tcp with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH audits the engine" $([ $rc = 0 ]; echo $?)
tls_audit HOME="$W" DOCKER_HOST="$ENGINE_TCP" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$W/nocerts"
check "tcp without the client certificate is one error naming the endpoint (exit 2)" \
	$([ $rc = 2 ] && [ "$(wc -l <"$W/err")" = 1 ] && grep -q "^bulwark: $ENGINE_TCP" "$W/err"; echo $?)
mkdir -p "$W/cfg"
DOCKER_CONFIG="$W/cfg" docker context create bwtest --docker \
	"host=$ENGINE_TCP,ca=$ENGINE_CERTS/ca.pem,cert=$ENGINE_CERTS/cert.pem,key=$ENGINE_CERTS/key.pem" \
	>/dev/null 2>&1 && DOCKER_CONFIG="$W/cfg" docker context use bwtest >/dev/null 2>&1
tls_audit HOME="$W" DOCKER_CONFIG="$W/cfg"
check "the current docker context (made by the docker CLI) selects the TLS engine" $([ $rc = 0 ]; echo $?)
tls_audit HOME="$W" DOCKER_CONFIG="$W/cfg" DOCKER_HOST=unix:///nonexistent.sock
check "DOCKER_HOST wins over the current context" $([ $rc = 2 ]; echo $?)
env HOME="$W" "$BW" audit --context bwtest --container hardened --format json -o "$W/tls.json" 2>"$W/err"
rc=$?
check "--context with no such context is an error" $([ $rc = 2 ]; echo $?)
env HOME="$W" DOCKER_CONFIG="$W/cfg" "$BW" audit --context bwtest --container hardened --format json -o "$W/tls.json" 2>"$W/err"
rc=$?
check "--context NAME selects that context" $([ $rc = 0 ]; echo $?)
"$BW" audit --host "unix://$ENGINE_SOCK" --format json -o "$W/out.json" 2>"$W/err"
check "a TCP listener with --tlsverify is not reported as exposed" \
	$(py "not any(f['rule'] in ('BW-E007','BW-E008') for f in d['findings'])")
