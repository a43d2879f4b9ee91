#!/bin/sh
# The recorded requests in tests/authz against what a real engine sends: a private dockerd with a
# capture plugin (authz_capture.py, allows everything, records every AuthZReq) in front of it, the
# docker CLI command behind each recorded request, then `bulwark authz check` on the captured and
# on the recorded request, under the default policy and under tests/authz/rbac.yaml: the decisions
# (allow, rule, role, action) must be the same.
# usage: tests/integration/authz_capture.sh path/to/bulwark   (root; prints "ok"/"not ok" lines)
# CAPTURE_KEEP=DIR keeps the captured requests there as FIXTURE.json.
set -u
BW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
FIX=$(cd "$HERE/../authz" && pwd)
. "$HERE/../../scripts/engine-lib.sh"
engine_need "authz capture"
W=$(mktemp -d /tmp/bulwark-authz-capture.XXXXXX)
NAME=bulwark-capture-$$
SPEC=/etc/docker/plugins/$NAME.spec
PSOCK=$W/plugin.sock
PPID_=
trap 'engine_stop; [ -n "$PPID_" ] && kill "$PPID_" 2>/dev/null; rm -f "$SPEC"; rm -rf "$W"' EXIT
mkdir -p "$W/req" "$W/cap"

check() { # NAME RESULT
	if [ "$2" = 0 ]; then echo "ok - authz capture: $1"; else
		echo "not ok - authz capture: $1"
		echo "  detail: $(head -c 1500 "$W/err" 2>/dev/null)" >&2
	fi
}

python3 "$HERE/authz_capture.py" "$PSOCK" "$W/req" 2>"$W/plugin.log" &
PPID_=$!
i=0
while [ $i -lt 50 ] && [ ! -S "$PSOCK" ]; do sleep 0.1; i=$((i + 1)); done
[ -S "$PSOCK" ] || { echo "not ok - authz capture: capture plugin did not start"; exit 1; }
mkdir -p /etc/docker/plugins
printf 'unix://%s\n' "$PSOCK" >"$SPEC"
if ! ENGINE_TLS=1 ENGINE_FLAGS="--authorization-plugin=$NAME" engine_start; then
	echo "not ok - authz capture: private dockerd did not start with the capture plugin"
	exit 1
fi
TLS="docker -H $ENGINE_TCP --tlsverify --tlscacert $ENGINE_CERTS/ca.pem"
as() { # WHO: the docker CLI for the unix socket (-) or a TLS client certificate
	case $1 in
	-) echo "$DOCKER" ;;
	alice) echo "$TLS --tlscert $ENGINE_CERTS/cert.pem --tlskey $ENGINE_CERTS/key.pem" ;;
	*) echo "$TLS --tlscert $ENGINE_CERTS/$1-cert.pem --tlskey $ENGINE_CERTS/$1-key.pem" ;;
	esac
}

# capture OUT WHO METHOD PATH-REGEX DOCKER-ARGS...: run the command, keep as $W/cap/OUT.json the
# first request it caused whose method is METHOD and whose path (without /vX.Y) matches the regex.
capture() {
	out=$1 who=$2 method=$3 re=$4
	shift 4
	before=$(ls "$W/req" | wc -l)
	$(as "$who") "$@" >/dev/null 2>&1 </dev/null
	python3 - "$W/req" "$before" "$method" "$re" "$W/cap/$out.json" <<'PY'
import json, os, re, shutil, sys
d, before, method, pat, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
for name in sorted(os.listdir(d))[before:]:
    req = json.load(open(os.path.join(d, name)))
    path = re.sub(r"^/v[0-9.]+", "", req.get("RequestUri") or req.get("RequestURI") or "").split("?")[0]
    if req.get("RequestMethod") == method and re.fullmatch(pat, path):
        shutil.copy(os.path.join(d, name), out)
        sys.exit(0)
sys.exit(1)
PY
}

# Decide FILE under POLICY ("" for the default); prints allow/rule/role/action.
decision() {
	if [ -n "$2" ]; then "$BW" authz check --format json --policy "$2" "$1"
	else "$BW" authz check --format json "$1"; fi 2>>"$W/err" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("allow=%s rule=%s role=%s action=%s" % (d["allow"], d["rule"], d["role"], d["action"]))'
}
# Every container rule finding of FILE (a create or update request), sorted: decided again and
# again under block-severity info with the rules found so far exempt, until it is allowed.
findings() {
	python3 - "$BW" "$1" "$W/findings.yaml" 2>>"$W/err" <<'PY'
import json, subprocess, sys
bw, req, pf = sys.argv[1:4]
found = []
for _ in range(64):
    with open(pf, "w") as f:
        f.write("block-severity: info\ndefault-role: r\nno-identity-role: r\n"
                "roles:\n  r:\n    allow: ['*']\n    exempt: [%s]\n" % ", ".join(found))
    out = subprocess.run([bw, "authz", "check", "--format", "json", "--policy", pf, req],
                         capture_output=True, text=True)
    d = json.loads(out.stdout)
    if d["allow"] or not (d["rule"] or "").startswith("BW-"):
        break
    found.append(d["rule"])
print(" ".join(sorted(found)))
PY
}

# same OUT FIXTURE: the captured request OUT is decided as the recorded FIXTURE is; for create
# and update requests the two also have the same container rule findings.
same() {
	: >"$W/err"
	if [ ! -s "$W/cap/$1.json" ]; then
		echo "no request captured" >"$W/err"
		check "$1: captured the real request" 1
		return
	fi
	rc=0
	for pol in "" "$FIX/rbac.yaml"; do
		want=$(decision "$FIX/$2.json" "$pol")
		got=$(decision "$W/cap/$1.json" "$pol")
		if [ -z "$want" ] || [ "$want" != "$got" ]; then
			echo "policy ${pol:-default}: recorded $2: $want; captured: $got" >>"$W/err"
			rc=1
		fi
	done
	case $2 in create_* | update_*)
		want=$(findings "$FIX/$2.json")
		got=$(findings "$W/cap/$1.json")
		if [ "$want" != "$got" ]; then
			echo "findings: recorded $2: $want; captured: $got" >>"$W/err"
			rc=1
		fi ;;
	esac
	check "$1: the real request is decided as tests/authz/$2.json" $rc
}
# finds OUT RULE: the container rules find RULE in the captured request OUT.
finds() {
	: >"$W/err"
	got=$(findings "$W/cap/$1.json")
	echo "findings: $got" >"$W/err"
	case " $got " in *" $2 "*) check "$1: the real request is found to break $2" 0 ;;
	*) check "$1: the real request is found to break $2" 1 ;; esac
}
# decided OUT ALLOW RULE: the default policy decides the captured request OUT so.
decided() {
	: >"$W/err"
	got=$(decision "$W/cap/$1.json" "")
	echo "decision: $got" >"$W/err"
	case $got in "allow=$2 rule=$3 "*) rc=0 ;; *) rc=1 ;; esac
	check "$1: the real request is decided allow=$2 by $3" $rc
}

C='/containers/create'
# The CLI's first request of every command.
capture ping - HEAD '/_ping' version
capture create_plain - POST $C create --name web "$IMAGE" true
capture create_privileged - POST $C create --privileged "$IMAGE" true
capture create_cap_sys_admin - POST $C create --cap-add SYS_ADMIN "$IMAGE" true
capture create_docker_sock - POST $C create -v /var/run/docker.sock:/var/run/docker.sock "$IMAGE" true
capture create_pid_host - POST $C create --pid host "$IMAGE" true
capture create_seccomp_unconfined - POST $C create --security-opt seccomp=unconfined "$IMAGE" true
capture create_hardened - POST $C run --rm --network none --read-only --cap-drop ALL \
	--security-opt no-new-privileges --user 1000 --memory 64m --pids-limit 50 "$IMAGE" true
capture create_labeled_alice alice POST $C create --name ci-1 --label team=ci --privileged "$IMAGE" true
capture create_privileged_bob bob POST $C create --privileged "$IMAGE" true
capture create_privileged_carol carol POST $C create --privileged "$IMAGE" true
# Over 1 MiB of body: the engine sends the request without it.
python3 -c 'print("\n".join("V%04d=%s" % (i, "x" * 1000) for i in range(1200)))' >"$W/big.env"
capture create_no_body - POST $C create --env-file "$W/big.env" "$IMAGE" true
capture container_list - GET '/containers/json' ps -a
$DOCKER run -d --name ex --network none --user 1000 "$IMAGE" sleep 120 >/dev/null 2>&1
capture exec_plain - POST '/containers/[^/]+/exec' exec ex ls
capture exec_start - POST '/exec/[^/]+/start' exec ex ls
capture exec_privileged - POST '/containers/[^/]+/exec' exec --privileged ex sh
capture exec_root - POST '/containers/[^/]+/exec' exec -u 0:0 ex sh
capture exec_root_name - POST '/containers/[^/]+/exec' exec -u root ex sh
capture update_memory - POST '/containers/[^/]+/update' update --memory 128m --memory-swap 256m \
	--restart on-failure:3 ex
capture update_memory_bob bob POST '/containers/[^/]+/update' update --memory 128m \
	--memory-swap 256m --restart on-failure:3 ex
capture update_pids_unlimited_bob bob POST '/containers/[^/]+/update' update --pids-limit -1 ex
capture container_stop - POST '/containers/[^/]+/stop' stop -t 1 ex
capture container_start - POST '/containers/[^/]+/start' start ex
capture exec_uid0 - POST '/containers/[^/]+/exec' exec -u 0 ex true
capture exec_user - POST '/containers/[^/]+/exec' exec -u 1000 ex true
$DOCKER rm -f ex >/dev/null 2>&1
# Settings with no recorded request: each real create body must be found to break its rule.
capture mount_docker_sock - POST $C create \
	--mount type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock "$IMAGE" true
capture cap_add_all - POST $C create --cap-add ALL "$IMAGE" true
capture network_host - POST $C create --network host "$IMAGE" true
capture ipc_host - POST $C create --ipc host "$IMAGE" true
capture uts_host - POST $C create --uts host "$IMAGE" true
capture userns_host - POST $C create --userns host "$IMAGE" true
capture etc_bind - POST $C create -v /etc:/host/etc:ro "$IMAGE" true
capture apparmor_unconfined - POST $C create --security-opt apparmor=unconfined "$IMAGE" true
capture label_disable - POST $C create --security-opt label=disable "$IMAGE" true
capture device_mem - POST $C create --device /dev/mem "$IMAGE" true
capture user_root - POST $C create --user 0 "$IMAGE" true
capture cgroupns_host - POST $C create --cgroupns host "$IMAGE" true
capture port_all - POST $C create -p 80:80 "$IMAGE" true
capture rshared - POST $C create -v /tmp:/mnt:rshared "$IMAGE" true
$DOCKER save -o "$W/image.tar" "$IMAGE" >/dev/null 2>&1
capture image_load - POST '/images/load' load -q -i "$W/image.tar"
# Pulls are recorded and then refused by the capture plugin: no registry traffic.
capture image_pull - POST '/images/create' pull alpine:3.19
capture image_pull_dockerio_bob bob POST '/images/create' pull alpine
capture image_pull_ghcr_bob bob POST '/images/create' pull ghcr.io/evil/tool
capture volume_create_bob bob POST '/volumes/create' volume create data

for f in ping create_plain create_privileged create_cap_sys_admin create_docker_sock \
	create_pid_host create_seccomp_unconfined create_hardened create_labeled_alice \
	create_privileged_bob create_privileged_carol container_list exec_plain exec_start \
	exec_privileged exec_root update_memory update_memory_bob update_pids_unlimited_bob \
	container_stop container_start image_load \
	image_pull image_pull_dockerio_bob image_pull_ghcr_bob volume_create_bob create_no_body; do
	same $f $f
done
same exec_root_name exec_root
decided exec_uid0 False policy
decided exec_user True None
for c in "mount_docker_sock BW-C009" "cap_add_all BW-C002" "network_host BW-C004" \
	"ipc_host BW-C006" "uts_host BW-C007" "userns_host BW-C008" "etc_bind BW-C010" \
	"apparmor_unconfined BW-C016" "label_disable BW-C025" "device_mem BW-C023" \
	"user_root BW-C019" "cgroupns_host BW-C026" "port_all BW-C021" "port_all BW-C022" \
	"rshared BW-C024"; do
	finds $c
done

if [ -n "${CAPTURE_KEEP:-}" ]; then
	mkdir -p "$CAPTURE_KEEP" && cp "$W"/cap/*.json "$CAPTURE_KEEP"/
fi
exit 0
