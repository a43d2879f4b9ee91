#!/bin/sh
# End-to-end tests of `bulwark authz check|lint|policy` on the recorded requests in tests/authz.
# usage: tests/cli/authz.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
BW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
FIX=$(cd "$(dirname "$0")/../authz" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

check() { # NAME CONDITION-RESULT
	if [ "$2" = 0 ]; then echo "ok - authz: $1"; else
		echo "not ok - authz: $1"
		echo "  stdout: $(head -c 2000 out)" >&2
		echo "  stderr: $(head -c 2000 err)" >&2
	fi
}
run() { "$BW" "$@" >out 2>err </dev/null; rc=$?; }
rc_is() { [ "$rc" = "$1" ]; echo $?; }
has() { grep -q -- "$1" out; echo $?; }
errhas() { grep -q -- "$1" err; echo $?; }
py() { python3 -c "import json,sys; d=json.load(open('out')); sys.exit(0 if ($1) else 1)" 2>>err; echo $?; }

run authz check "$FIX/create_hardened.json"
check "hardened docker run is allowed (exit 0)" "$(rc_is 0)"
for c in "create_privileged BW-C001" "create_cap_sys_admin BW-C002" "create_docker_sock BW-C009" \
         "create_pid_host BW-C005" "create_seccomp_unconfined BW-C015"; do
	set -- $c
	run authz check "$FIX/$1.json"
	check "$1 is denied by $2 (exit 1)" "$(rc_is 1)"
	check "$1 message names $2" "$(has "bulwark: denied by $2 (")"
done
run authz check "$FIX/exec_privileged.json"
check "privileged exec is denied" "$(rc_is 1)"
run authz check --format json "$FIX/create_privileged.json"
check "json decision" "$(py "d['allow'] is False and d['rule']=='BW-C001' and d['role']=='user' and d['action']=='container.create'")"
run authz check --format json "$FIX/image_pull.json"
check "json allowed pull names the image" "$(py "d['allow'] and d['target']=='alpine:3.19' and d['msg'] is None")"
run authz check --policy "$FIX/rbac.yaml" "$FIX/create_labeled_alice.json"
check "alice (admin) may create what bob may not" "$(rc_is 0)"
run authz check --policy "$FIX/rbac.yaml" "$FIX/create_privileged_bob.json"
check "bob (developer) is denied" "$(has "for role developer")"
run authz check --policy "$FIX/rbac.yaml" "$FIX/update_memory_bob.json"
check "bob (developer) may change a memory limit" "$(rc_is 0)"
run authz check --policy "$FIX/rbac.yaml" "$FIX/update_pids_unlimited_bob.json"
check "bob may not lift the PIDs limit" "$(has "denied by BW-C014 (")"
run authz check --policy "$FIX/rbac.yaml" --format json "$FIX/create_privileged_carol.json"
check "unlisted identity gets the default role" "$(py "d['role']=='viewer' and d['rule']=='role'")"
run authz check nonexistent.json
check "missing request file is an error (exit 2)" "$(rc_is 2)"
printf 'roles:\n  r:\n    allow: [container.frob]\n' >bad.yaml
run authz lint bad.yaml
check "lint: bad policy exits 2" "$(rc_is 2)"
check "lint: error names file and line" "$(errhas "bulwark: bad.yaml:3: unknown action")"
run authz check --policy bad.yaml "$FIX/ping.json"
check "check: bad policy exits 2" "$(rc_is 2)"
# Bytes that crashed libfyaml 0.8's document API: one error with file and line, no crash.
printf 'ser:\n     ? -- er:\t     ? - /\n' >crash.yaml
one_yaml_error() {
	[ "$rc" = 2 ] && [ "$(grep -c '^bulwark: ' err)" = 1 ] && grep -q '^bulwark: crash.yaml:2: invalid YAML: ' err
	echo $?
}
run authz lint crash.yaml
check "lint: a policy that breaks libfyaml is one error with its line (exit 2)" "$(one_yaml_error)"
run authz check --policy crash.yaml "$FIX/ping.json"
check "check: a policy that breaks libfyaml is one error with its line (exit 2)" "$(one_yaml_error)"
run authz lint "$FIX/rbac.yaml"
check "lint: good policy exits 0" "$(rc_is 0)"
run authz policy --default
check "policy --default prints the policy" "$(has "block-severity: high")"
cp out default.yaml
run authz lint default.yaml
check "the default policy lints clean" "$(rc_is 0)"
run authz frob
check "unknown subcommand exits 2" "$(rc_is 2)"
