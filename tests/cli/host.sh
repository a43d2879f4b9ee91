#!/bin/sh
# `bulwark audit --only host`: the host alone, no engine contacted (an unreachable DOCKER_HOST
# is no error), no daemon target; under --root the live-only facts the copy lacks are warnings
# in the text (stderr), JSON and SARIF reports; the exit status follows --fail-on; --only's
# values are checked (exit 2) and conflicts with --container, --image and --images refused.
# usage: tests/cli/host.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
SUITE=host
. "$(dirname "$0")/lib.sh"

# A copy of a host: kernel settings (one wrong), no modules list, no processes, no time unit
# enabled, rsyslog keeping logs local.
mkdir -p h/proc/sys/kernel h/etc/systemd/system/multi-user.target.wants
echo 0 >h/proc/sys/kernel/dmesg_restrict
echo 1 >h/proc/sys/kernel/kptr_restrict
echo '*.* -/var/log/syslog' >h/etc/rsyslog.conf
ln -s /lib/systemd/system/docker.service h/etc/systemd/system/multi-user.target.wants/docker.service
export DOCKER_HOST="unix://$T/none.sock"
mods='bulwark: warning: host: loaded kernel modules (/proc/modules) not checked: live-only, and this is not the live machine'
tsync='bulwark: warning: host: time-synchronisation processes (/proc; the enabled units were read instead) not checked: live-only, and this is not the live machine'

run audit --only host --root h
check "--only host --root: exit 0 under the default --fail-on high" $(rc_is 0)
check "--only host --root: the text report names the host's findings" \
	$( grep -q '^  /proc/sys/kernel/dmesg_restrict  medium  BW-H055  kernel.dmesg_restrict is 0, not 1: ' out &&
	   grep -q '^  /etc/systemd/system  medium  BW-H066  no time synchronisation is enabled: ' out &&
	   grep -q '^  /etc/rsyslog.conf  low  BW-H067  logs stay on this host: ' out; echo $?)
check "--only host --root: stderr says which live-only facts were skipped" \
	$( grep -qxF "$mods" err && grep -qxF "$tsync" err && ! grep -q 'kernel settings' err; echo $?)
check "--only host: no engine contacted, so no error about it" $(hasnt 'none.sock' err)

run audit --only host --root h --fail-on medium
check "--only host --root --fail-on medium: exit 1 for the medium findings" $(rc_is 1)

run audit --only host --root h --format json
check "--only host --format json: the kernel findings, host targets only, no errors" \
	$(py "sorted(f['rule'] for f in d['findings'] if 'BW-H055' <= f['rule'] <= 'BW-H069') == ['BW-H055', 'BW-H066', 'BW-H067'] and all(f['target']['kind'] == 'host' for f in d['findings']) and d['errors'] == []")
check "--only host --format json: the skipped facts are warnings" \
	$(py "{'loaded kernel modules (/proc/modules) not checked: live-only, and this is not the live machine', 'time-synchronisation processes (/proc; the enabled units were read instead) not checked: live-only, and this is not the live machine'} <= {w['message'] for w in d['warnings']} and all(w['input'] == 'host' for w in d['warnings'])")

run audit --only host --root h --format sarif
check "--only host --format sarif: the skipped facts are tool notifications" \
	$(py "any(n['level'] == 'warning' and n['message']['text'].startswith('loaded kernel modules (/proc/modules) not checked') for n in d['runs'][0]['invocations'][0]['toolExecutionNotifications'])")

# Without --only the same copy is audited along with an engine, which is not there: exit 2.
run audit --root h --format json
check "without --only the engine is asked for (unreachable: exit 2, one error)" \
	$( [ "$rc" = 2 ] && grep -q "^bulwark: unix://$T/none.sock: cannot connect" err; echo $?)

run audit --only daemon --root h --format json
check "--only daemon: the engine is asked for, and no host findings" \
	$( [ "$rc" = 2 ] && grep -q "^bulwark: unix://$T/none.sock: cannot connect" err &&
	   [ "$(py "not any(f['target']['kind'] == 'host' for f in d['findings'])")" = 0 ]; echo $?)

run audit --only hosts
check "--only with an unknown part: exit 2, naming it, with the usage line" \
	$(err_is 'bulwark: --only takes host, daemon, containers or images, comma-separated: hosts' \
	         'usage: bulwark audit [options] [PATH...] [-f compose.yaml]')
run audit --only host,
check "--only host, (an empty part) is refused too" $(rc_is 2)
run audit --only host --container web
check "--only host --container: exit 2, they contradict" \
	$( [ "$rc" = 2 ] && grep -qx 'bulwark: --container picks containers, which --only leaves out' err; echo $?)
run audit --only host,daemon --images
check "--only without images --images: exit 2" \
	$( [ "$rc" = 2 ] && grep -qx 'bulwark: --image and --images pick images, which --only leaves out' err; echo $?)
run audit --help
check "audit --help lists --only and its parts" \
	$(has '^      --only PARTS  *audit only these parts: host, daemon, containers, images$')
