#!/bin/sh
# `bulwark audit --replay DIR` audits a recording of another machine: no file of this machine
# (its /proc, /etc/docker/daemon.json, host files) may enter the audit. Host files come from
# DIR/root only. Checked with strace: every path the run opens, stats or lists must lie in the
# recording, or be what the C library and the TLS library read at start (loader, libraries,
# time zone, entropy). usage: tests/cli/replay.sh path/to/bulwark
set -u
BW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

check() { # NAME RESULT
	if [ "$2" = 0 ]; then echo "ok - replay: $1"; else
		echo "not ok - replay: $1"
		head -c 1500 "$T/why" >&2 2>/dev/null
	fi
}

cp -r "$FIX/BW-C010/fires-inspect-volume-bind/engine" "$T/rec"

# The trace is taken of the release build only: a sanitizer's runtime reads files of its own
# (LeakSanitizer cannot stop the world under ptrace and then reads more), which are not bulwark's.
if ldd "$BW" 2>/dev/null | grep -q -e libasan -e libubsan; then
	:
elif command -v strace >/dev/null; then
	strace -f -qq -s 4096 -e trace=%file -o "$T/trace" "$BW" audit --no-config --replay "$T/rec" \
		--format json -o "$T/out.json" >/dev/null 2>"$T/err" </dev/null
	rc=$?
	# The first quoted argument of each call that names an absolute path.
	grep -o '"/[^"]*"' "$T/trace" | tr -d '"' | sort -u |
		grep -v -e "^$T/" -e "^$BW$" -e '^/lib/' -e '^/lib64/' -e '^/usr/lib/' -e '^/etc/ld\.so\.' \
			-e '^/etc/gnutls/' -e '^/dev/urandom$' -e '^/dev/null$' -e '^/etc/localtime$' \
			-e '^/usr/share/zoneinfo/' -e '^/usr/share/locale/' -e '^/proc/self/' \
			-e '^/sys/devices/system/cpu' >"$T/why"
	[ "$rc" -le 1 ] || cat "$T/err" >>"$T/why"
	check "an audit of a recording reads no file of this machine" "$([ ! -s "$T/why" ]; echo $?)"
	grep -q "$T/rec/info.json" "$T/trace"
	check "the recording itself was read (the trace is real)" $?
else
	echo "not ok - replay: strace is needed (scripts/install-deps installs it)"
fi

# Without DIR/root the host is not audited, which a warning says; that is no input error.
"$BW" audit --no-config --replay "$T/rec" --format json -o "$T/out.json" >/dev/null 2>"$T/why" </dev/null
rc=$?
python3 - "$T/out.json" "$T/rec/root" <<'PY' >>"$T/why" 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
w = [x for x in d["warnings"] if x["input"] == sys.argv[2] and "the host is not audited" in x["message"]]
sys.exit(0 if w and not d["errors"] and not any(f["target"]["kind"] == "host" for f in d["findings"]) else 1)
PY
check "without root/ in the recording: a warning, no host findings, no error" \
	"$([ $? = 0 ] && [ "$rc" = 1 ]; echo $?)"

# Host files of the recording: DIR/root. Its daemon.json turns icc off, so BW-E002 is quiet.
mkdir -p "$T/rec/root/etc/docker"
printf '{"icc": false}\n' >"$T/rec/root/etc/docker/daemon.json"
"$BW" audit --no-config --replay "$T/rec" --format json -o "$T/out.json" >/dev/null 2>"$T/why" </dev/null
python3 - "$T/out.json" "$T/rec/root/etc/docker/daemon.json" <<'PY' >>"$T/why" 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
rules = {f["rule"] for f in d["findings"]}
sys.exit(0 if "BW-E002" not in rules and "BW-C010" in rules else 1)
PY
check "the recording's own root/etc/docker/daemon.json is the daemon's configuration" $?

# --images would stream layers from the live engine: with a recording it is a usage error.
"$BW" audit --no-config --replay "$T/rec" --images >/dev/null 2>"$T/why" </dev/null
rc=$?
check "--images with --replay is a usage error (exit 2), not a live-engine audit" \
	"$([ "$rc" = 2 ] && grep -q 'needs a live engine' "$T/why"; echo $?)"
