# What every CLI suite starts with. Sourced after setting SUITE (the name in "ok - SUITE: ...")
# from a script run as `sh SCRIPT path/to/bulwark`: BW the binary, absolute; T a scratch
# directory, removed at exit and made the current directory; and the helpers below. A suite may
# redefine any of them after sourcing.
BW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
cd "$T" || exit 1

check() { # NAME CONDITION-RESULT
	if [ "$2" = 0 ]; then echo "ok - $SUITE: $1"; else
		echo "not ok - $SUITE: $1"
		echo "  stdout: $(head -c 2000 out 2>/dev/null)" >&2
		echo "  stderr: $(head -c 2000 err 2>/dev/null)" >&2
	fi
}
run() { "$BW" "$@" >out 2>err </dev/null; rc=$?; }
rc_is() { [ "$rc" = "$1" ]; echo $?; }
has() { grep -q -- "$1" "${2:-out}"; echo $?; }
hasnt() { ! grep -q -- "$1" "${2:-out}"; echo $?; }
errhas() { grep -q -- "$1" err; echo $?; }
# err_is LINE...: stderr is exactly these lines
err_is() { printf '%s\n' "$@" | cmp -s - err; echo $?; }
# py EXPR: evaluate a Python expression over the JSON document d read from out
py() { python3 -c "import json,sys; d=json.load(open('out')); sys.exit(0 if ($1) else 1)" 2>>err; echo $?; }
