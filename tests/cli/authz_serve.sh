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

# Named volumes: the server remembers volume.create requests and the engine's answers to them
# (AuthZRes) across requests, and judges a container create's volume by what it binds.
"$BW" authz serve --socket "$T/p.sock" --audit-log "$T/vol.log" 2>"$T/serve.log" &
pid=$!
i=0
while [ $i -lt 50 ] && [ ! -S "$T/p.sock" ]; do sleep 0.1; i=$((i + 1)); done
python3 - "$T/p.sock" >"$T/vol.out" 2>&1 <<'PY'
import base64, json, socket, sys
path = sys.argv[1]
def post(endpoint, doc):
    s = socket.socket(socket.AF_UNIX); s.settimeout(10); s.connect(path)
    body = json.dumps(doc).encode()
    s.sendall(b"POST %s HTTP/1.1\r\nHost: p\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s"
              % (endpoint.encode(), len(body), body))
    buf = b""
    while True:
        b = s.recv(65536)
        if not b:
            break
        buf += b
    return json.loads(buf.split(b"\r\n\r\n", 1)[1])
def b64(doc):
    return base64.b64encode(json.dumps(doc).encode()).decode()
def req(method, uri, body=None):
    doc = {"User": "", "RequestMethod": method, "RequestUri": uri}
    if body is not None:
        doc["RequestBody"] = b64(body)
    return post("/AuthZPlugin.AuthZReq", doc)
def create(bind):
    r = req("POST", "/v1.47/containers/create", {"Image": "app:1", "User": "1000", "HostConfig": {
        "Binds": [bind], "CapDrop": ["ALL"], "SecurityOpt": ["no-new-privileges"],
        "ReadonlyRootfs": True, "Memory": 268435456, "PidsLimit": 100}})
    return "allow" if r["Allow"] else r["Msg"]
print("unknown:", create("mystery:/data"))
req("POST", "/v1.47/volumes/create", {"Name": "dockersock", "Driver": "local", "DriverOpts":
    {"type": "none", "o": "bind", "device": "/var/run/docker.sock"}})
print("bind:", create("dockersock:/var/run/docker.sock"))
req("POST", "/v1.47/volumes/create", {"Name": "data"})
post("/AuthZPlugin.AuthZRes", {"RequestMethod": "POST", "RequestUri": "/v1.47/volumes/create",
     "ResponseStatusCode": 201, "ResponseBody": b64({"Name": "data", "Driver": "local",
     "Options": None, "Scope": "local"})})
print("plain:", create("data:/data"))
PY
kill "$pid"
i=0
while [ $i -lt 50 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
pid=
grep -q "^unknown: bulwark: denied for role .*: volume mystery was not created while this plugin ran" "$T/vol.out"
check "a named volume the plugin has not seen created is denied" $?
grep -q "^bind: bulwark: denied by BW-C009 " "$T/vol.out"
check "a volume seen created as a bind of the socket is denied by BW-C009" $?
grep -q "^plain: allow$" "$T/vol.out"
check "a volume the engine answered as plain is allowed" $?
exit 0
