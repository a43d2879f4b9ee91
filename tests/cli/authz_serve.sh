#!/bin/sh
# `bulwark authz serve` on its socket without an engine: the audit trail keeps every decision
# through batch flushes and shutdown. usage: tests/cli/authz_serve.sh path/to/bulwark
set -u
BW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT

check() { # NAME RESULT
	if [ "$2" = 0 ]; then echo "ok - authz serve: $1"; else
		echo "not ok - authz serve: $1"
		echo "  serve log: $(head -c 1500 "$T/serve.log")" >&2
	fi
}
# N requests over one kept-alive connection; prints how many were answered Allow.
send() { # N URI
	python3 - "$T/p.sock" "$1" "$2" <<'PY'
import json, socket, sys, time
path, n, uri = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_UNIX); s.settimeout(10); s.connect(path)
body = json.dumps({"User": "", "RequestMethod": "GET", "RequestUri": uri}).encode()
req = b"POST /AuthZPlugin.AuthZReq HTTP/1.1\r\nHost: p\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
allowed, buf, end = 0, b"", time.time() + 30
for _ in range(n):
    s.sendall(req)
    while time.time() < end:
        h = buf.find(b"\r\n\r\n")
        if h >= 0:
            head = buf[:h].decode().lower()
            ln = int(head.split("content-length:")[1].split("\r\n")[0])
            if len(buf) >= h + 4 + ln:
                allowed += json.loads(buf[h + 4:h + 4 + ln]).get("Allow") is True
                buf = buf[h + 4 + ln:]
                break
        buf += s.recv(65536)
print(allowed)
PY
}

"$BW" authz serve --socket "$T/p.sock" --audit-log "$T/audit.log" 2>"$T/serve.log" &
pid=$!
i=0
while [ $i -lt 50 ] && [ ! -S "$T/p.sock" ]; do sleep 0.1; i=$((i + 1)); done
# 1000 lines are several batches of the log's 64 KiB buffer.
[ "$(send 1000 /v1.43/containers/json)" = 1000 ]
check "1000 list requests are allowed" $?
i=0
while [ $i -lt 20 ] && [ "$(wc -l <"$T/audit.log")" -lt 1000 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(wc -l <"$T/audit.log")" = 1000 ]
check "the audit log reaches the file while serving, one line per decision" $?
[ "$(send 5 /_ping)" = 5 ]
kill "$pid"
i=0
while [ $i -lt 50 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
pid=
[ "$(wc -l <"$T/audit.log")" = 1005 ] && [ ! -S "$T/p.sock" ]
check "SIGTERM writes the pending lines and removes the socket" $?
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$T/audit.log"
check "every audit line is one JSON object" $?
exit 0
