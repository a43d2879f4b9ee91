#!/bin/sh
# End-to-end tests of `bulwark authz check|lint|policy` on the recorded requests in tests/authz.
# usage: tests/cli/authz.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
FIX=$(cd "$(dirname "$0")/../authz" && pwd)
SUITE=authz
. "$(dirname "$0")/lib.sh"

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
# Bodies of the wrong JSON types are denied naming the field (issue 14): each was allowed before.
for c in "create_hostconfig_number|HostConfig: expected an object, got a number" \
         "create_privileged_string|HostConfig.Privileged: expected a boolean, got a string" \
         "create_capadd_string|HostConfig.CapAdd: expected an array of strings, got a string" \
         "create_binds_object|HostConfig.Binds: expected an array of strings, got an object"; do
	f=${c%%|*}
	run authz check "$FIX/$f.json"
	check "$f is denied (exit 1) naming the field" \
		"$([ "$rc" = 1 ] && [ "$(cat out)" = "bulwark: denied: the container.create request body does not fit the Engine API: ${c#*|}" ]; echo $?)"
done
run authz check --format json "$FIX/create_capadd_string.json"
check "a mistyped body is a request denial in JSON" "$(py "d['allow'] is False and d['rule']=='request'")"
# A file that is not a request is an input error (exit 2, nothing decided), with its place.
run authz check "$FIX/malformed.json"
check "check: a file that is not JSON exits 2 with file:line:column, and no decision" \
	"$([ "$rc" = 2 ] && [ ! -s out ] && [ "$(cat err)" = "bulwark: $FIX/malformed.json:1:87: not valid JSON: unexpected newline" ]; echo $?)"
printf '{"RequestMethod": "GET",\n "RequestUri": "/_ping",\n "RequestBody": tru}\n' >bad.json
run authz check bad.json
check "check: invalid JSON on line 3 names line 3" "$([ "$rc" = 2 ] && [ "$(cat err)" = "bulwark: bad.json:3:19: not valid JSON: invalid token" ]; echo $?)"
echo '[]' >notreq.json
run authz check notreq.json
check "check: JSON that is not an AuthZReq exits 2" "$([ "$rc" = 2 ] && [ ! -s out ] && grep -q "^bulwark: notreq.json: not an authorization request" err; echo $?)"
: >empty.json
run authz check empty.json
check "check: an empty file exits 2" "$([ "$rc" = 2 ] && grep -q "^bulwark: empty.json: empty" err; echo $?)"
# install: absolute paths in the unit, the unit directory made, the plugin name or spec printed.
mkdir -p inst
cp "$FIX/rbac.yaml" "inst/my policy.yaml"
( cd inst && umask 077 && "$BW" authz install --unit-dir units/a/b --policy "./my policy.yaml" \
	--socket run/authz.sock >../out 2>../err ); rc=$?
U=inst/units/a/b/bulwark-authz.service
check "install: exit 0 and the unit written in a unit directory it made" "$([ "$rc" = 0 ] && [ -f "$U" ]; echo $?)"
check "install: the directories it made are mode 0755 whatever the umask" \
	"$([ "$(stat -c %a inst/units inst/units/a inst/units/a/b)" = "$(printf '755\n755\n755')" ]; echo $?)"
check "install: relative --policy and --socket become absolute in ExecStart" \
	"$(grep -qxF "ExecStart=$BW authz serve --socket $T/inst/run/authz.sock --policy \"$T/inst/my policy.yaml\"" "$U"; echo $?)"
check "install: a socket outside /run/docker/plugins gets the spec file to create" \
	"$(grep -qxF "  unix://$T/inst/run/authz.sock" out && grep -q '/etc/docker/plugins/bulwark.spec' out &&
	  grep -qxF '  "authorization-plugins": ["bulwark"]' out; echo $?)"
run authz install --unit-dir inst/u2 --socket /run/docker/plugins/guard.sock
check "install: a socket NAME.sock under /run/docker/plugins is plugin NAME, no spec" \
	"$([ "$rc" = 0 ] && grep -qxF '  "authorization-plugins": ["guard"]' out && ! grep -q 'bulwark.spec' out; echo $?)"
run authz install --unit-dir inst/u3 --socket /run/docker/plugins/gate/gate.sock
check "install: NAME/NAME.sock under /run/docker/plugins is plugin NAME" "$(grep -qxF '  "authorization-plugins": ["gate"]' out; echo $?)"
run authz install --unit-dir inst/u4 --policy bad.yaml
check "install: a policy that does not load is refused (exit 2), no unit written" \
	"$([ "$rc" = 2 ] && grep -q "^bulwark: bad.yaml:3: unknown action" err && [ ! -e inst/u4 ]; echo $?)"
