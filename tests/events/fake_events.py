#!/usr/bin/env python3
"""A fake engine's event stream on a unix socket, for tests/cli/events.sh.

usage: fake_events.py SOCK LOG
The first GET /events sends event a, a line of 2 MiB, a line that is not JSON, 3000 events
n0..n2999 in one write (4 MiB), events b and c (one timeNano), then ends the stream. The second and third answer HTTP 500 (an engine still
starting). The fourth sends b and c again (as an engine does for since= at their time), then d,
and stays open. Each request's query goes to LOG, one a line.
/_ping and /version answer as an engine speaking API 1.47. LOG starts with "base=N", the
first timeNano less one (the time of the first GET /events). Exits after 60 s.
"""
import json
import socket
import sys
import threading
import time
import urllib.parse

sock_path, log_path = sys.argv[1], sys.argv[2]
base = 0    # set at the first GET /events: after the client's own since=
lock = threading.Lock()
streams = 0


def ev(name, action, t, pad=0):
    return (json.dumps({"Type": "container", "Action": action, "Actor": {
        "ID": "id-" + name, "Attributes": {"name": name, "image": "bb:1", "l": "x" * pad}},
        "scope": "local", "time": t // 10**9, "timeNano": t}) + "\n").encode()


def send(c, status, body, ctype="application/json"):
    c.sendall(("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
               % (status, ctype, len(body))).encode() + body)


def serve(c):
    global streams, base
    req = b""
    while b"\r\n\r\n" not in req and len(req) < 65536:
        d = c.recv(4096)
        if not d:
            return
        req += d
    target = req.split(b" ")[1].decode()
    path, _, query = target.partition("?")
    if path.endswith("/_ping"):
        send(c, "200 OK", b"OK", "text/plain")
    elif path.endswith("/version"):
        send(c, "200 OK", json.dumps({"ApiVersion": "1.47", "MinAPIVersion": "1.24",
                                      "Version": "28.0.0"}).encode())
    elif path.endswith("/events"):
        with lock:
            streams += 1
            n = streams
            with open(log_path, "a") as f:
                if n == 1:
                    base = time.time_ns()
                    f.write("base=%d\n" % base)
                f.write(urllib.parse.unquote(query) + "\n")
        if n in (2, 3):
            send(c, "500 Internal Server Error", b'{"message":"starting"}')
            c.close()
            return
        c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                  b"Connection: close\r\n\r\n")
        if n == 1:
            c.sendall(ev("a", "start", base + 1))
            c.sendall(b'{"Type":"container","Action":"start","pad":"' + b"x" * (2 << 20) + b'"}\n')
            c.sendall(b"not json\n")
            # 4 MiB at once, then the end at once: the loss comes after every event before it
            c.sendall(b"".join(ev("n%d" % i, "start", base + 1, 1300) for i in range(3000)))
            c.sendall(ev("b", "die", base + 2) + ev("c", "die", base + 2))
        else:
            c.sendall(ev("b", "die", base + 2) + ev("c", "die", base + 2) +
                      ev("d", "start", base + 3))
            time.sleep(30)
    c.close()


def main():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(sock_path)
    s.listen(8)
    s.settimeout(1)
    end = time.time() + 60
    while time.time() < end:
        try:
            c, _ = s.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(c,), daemon=True).start()


main()
