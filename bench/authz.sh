#!/bin/sh
# Throughput and latency of the authz plugin, driven straight on its socket (no engine) with
# recorded create/exec/list AuthZReq bodies.
# usage: bench/authz.sh [BULWARK] [SECONDS]
# SERVER_CPUS / CLIENT_CPUS (taskset lists, e.g. 1 and 0) pin the plugin and the load generator.
set -eu
bw=${1:-build/bulwark}
secs=${2:-5}
d=$(mktemp -d /tmp/bulwark-authz-bench.XXXXXX)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$d"' EXIT
cc -O2 -std=c17 -D_GNU_SOURCE -pthread -o "$d/load" bench/authz_load.c
spin= cpin=
[ -n "${SERVER_CPUS:-}" ] && spin="taskset -c $SERVER_CPUS"
[ -n "${CLIENT_CPUS:-}" ] && cpin="taskset -c $CLIENT_CPUS"
b64() { printf '%s' "$1" | base64 -w0; }
req() {   # method uri body
	printf '{"User":"","UserAuthNMethod":"","RequestMethod":"%s","RequestUri":"%s",' "$1" "$2"
	printf '"RequestBody":"%s","RequestHeaders":{"Content-Type":"application/json"}}' "$(b64 "$3")"
}
req POST /v1.43/containers/create '{"Image":"busybox","Cmd":["true"],"User":"1000","HostConfig":{"NetworkMode":"none","ReadonlyRootfs":true,"CapDrop":["ALL"],"SecurityOpt":["no-new-privileges"],"Memory":67108864,"PidsLimit":64}}' >"$d/create.json"
req POST /v1.43/containers/abc/exec '{"Cmd":["id"],"User":"1000","Privileged":false}' >"$d/exec.json"
printf '{"User":"","RequestMethod":"GET","RequestUri":"/v1.43/containers/json?all=1"}' >"$d/list.json"
$spin "$bw" authz serve --socket "$d/p.sock" --audit-log "$d/audit.log" \
	2>"$d/serve.log" &
pid=$!
i=0
while [ $i -lt 50 ] && [ ! -S "$d/p.sock" ]; do sleep 0.1; i=$((i + 1)); done
echo "bulwark authz bench: $(nproc) cores, plugin cpus ${SERVER_CPUS:-any}," \
	"load generator cpus ${CLIENT_CPUS:-any}, audit log on"
for rate in 5000 0; do
	$cpin "$d/load" "$d/p.sock" $rate "$secs" 2 \
		"$d/create.json" "$d/exec.json" "$d/list.json"
done
echo "audit lines: $(wc -l <"$d/audit.log")"
