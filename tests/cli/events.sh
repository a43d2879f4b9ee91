#!/bin/sh
# The event stream client against a fake engine (tests/events/fake_events.py): a line over the
# limit and a line that is not JSON are skipped in their place, failed attempts are not reported,
# the stream resumes with since= the last event delivered, and the events the engine sends again
# at that time come once.
# usage: tests/cli/events.sh path/to/bulwark   (runs events_tail beside it)
set -u
FAKE=$(cd "$(dirname "$0")/../events" && pwd)/fake_events.py
SUITE="event stream"
. "$(dirname "$0")/lib.sh"
TAIL=$(dirname "$BW")/events_tail
FP= TP=
trap '[ -n "$TP" ] && kill "$TP" 2>/dev/null; [ -n "$FP" ] && kill "$FP" 2>/dev/null
      exec 3>&-; rm -rf "$T"' EXIT

# lines N: wait until the client printed N lines (bounded: 20 s)
lines() {
	i=0
	while [ $i -lt 200 ] && [ "$(grep -c '' out)" -lt "$1" ]; do sleep 0.1; i=$((i + 1)); done
}

python3 "$FAKE" "$T/e.sock" log 2>fake.err &
FP=$!
i=0
while [ $i -lt 100 ] && [ ! -S "$T/e.sock" ]; do sleep 0.1; i=$((i + 1)); done
mkfifo ctl
"$TAIL" "unix://$T/e.sock" 60 <ctl >out 2>err &
TP=$!
exec 3>ctl
lines 3007
echo go >&3
lines 3009
E="unix://$T/e.sock: GET /events:"
printf '%s\n' open "event container start name=a" \
	"skipped: $E an event over 1 MiB, skipped" \
	"skipped: $E event: malformed JSON at line 1 column 3: '[' or '{' expected; skipped" \
	$(i=0; while [ $i -lt 3000 ]; do echo "event@container@start@name=n$i"; i=$((i + 1)); done) \
	"event container die name=b" "event container die name=c" down up \
	"event container start name=d" | tr @ ' ' >want
cmp -s want out
check "skipped lines in place, one loss and one return, the resent events once" $?
E="unix://$T/e.sock: event stream"
printf '%s\n' "$E lost: the engine ended the stream; reconnecting" \
	"$E back after 3 attempts" >want
cmp -s want err
check "two failed attempts in between are not reported" $?

# The requests after the first resume at b and c's time.
base=$(sed -n 's/^base=//p' log)
t=$((base + 2))
s=$(printf '%d.%09d' $((t / 1000000000)) $((t % 1000000000)))
sed -n '3,5p' log >since
f='{"type":["container","image"],"event":["start","die","exec_create","exec_start","attach",'
f=$f'"pull","tag"]}'
printf 'since=%s&filters=%s\n' "$s" "$f" "$s" "$f" "$s" "$f" | cmp -s - since
check "the reconnect asks for events since the last one delivered" $?
