# Listening services on the live machine: a listener this suite starts on the wildcard address
# is found and named with its process; one on loopback is not reported. No traffic is sent to
# either. Then a copy of a host without socket tables says the sockets were not checked.
SUITE="host net"
. "$(dirname "$0")/lib.sh"

run audit --only host --format json
if [ "$rc" = 2 ] && grep -q -- "unknown option: --only" err; then
	echo "# skip $SUITE: bulwark audit has no --only host yet"
	exit 0
fi

# Two listeners on ephemeral ports; each prints its port, then waits at most 60 s.
listen() { # ADDRESS PORTFILE
	python3 -c '
import socket, sys, time
s = socket.socket()
s.bind((sys.argv[1], 0))
s.listen(1)
open(sys.argv[2] + ".tmp", "w").write("%d\n" % s.getsockname()[1])
__import__("os").rename(sys.argv[2] + ".tmp", sys.argv[2])
time.sleep(60)
' "$1" "$2" </dev/null >/dev/null 2>&1 &
}
listen 0.0.0.0 wide.port; wide_pid=$!
listen 127.0.0.1 lo.port; lo_pid=$!
trap 'kill $wide_pid $lo_pid 2>/dev/null; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
i=0
while { [ ! -s wide.port ] || [ ! -s lo.port ]; } && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
if [ ! -s wide.port ] || [ ! -s lo.port ]; then
	echo "# skip $SUITE: cannot listen on this machine"
	exit 0
fi
wide=$(cat wide.port) lo=$(cat lo.port)

run audit --only host --format json
# the finding names the endpoint, and this listener's process by pid and binary
check "a wildcard listener is reported" "$(py "any(f['rule'] == 'BW-H040' and
	'0.0.0.0:$wide/tcp' in f['message'] and '(pid $wide_pid,' in f['message'] and
	f['message'].startswith('python3') and f['location']['path'] == '/proc/net/tcp'
	for f in d['findings'])")"
check "a loopback listener is not" "$(py "not any(':$lo/' in f['message']
	for f in d['findings'])")"

# A copy of a host without /proc/net: the sockets are a live-only fact, said to be skipped.
mkdir -p copy/etc && echo copy >copy/etc/hostname
run audit --only host --root copy --format json
check "under --root without socket tables: skipped" "$(py "any(w['message'] ==
	'listening sockets not checked: live-only, and this is not the live machine'
	for w in d['warnings']) and not any(f['rule'] in ('BW-H040', 'BW-H041')
	for f in d['findings'])")"
