#!/usr/bin/env python3
"""An authorization plugin that allows everything and records what the engine sends.

usage: authz_capture.py SOCKET OUTDIR

Listens on the unix socket SOCKET; answers /Plugin.Activate with {"Implements": ["authz"]} and
every /AuthZPlugin.AuthZReq and /AuthZPlugin.AuthZRes with {"Allow": true}, except that requests
which would make the engine contact a registry (image pull and push, plugin privileges, pull and
upgrade, registry login) are denied, so the test never leaves the host. Each AuthZReq body is
written unchanged to OUTDIR/NNNN.json (NNNN counts from 0001), so a test can find the request a
docker CLI command caused. Python 3 standard library only; exits on SIGTERM.
"""
import http.server
import json
import os
import re
import signal
import socketserver
import sys
import threading


# Paths (after the optional /vX.Y prefix) whose requests the engine would send off the host.
REMOTE = re.compile(r"^/(images/create\?.*fromImage=|images/.+/push|plugins/privileges|"
                    r"plugins/pull|plugins/.+/upgrade|auth$|distribution/)")


def remote(body):
    try:
        req = json.loads(body)
        uri = re.sub(r"^/v[0-9.]+", "", req.get("RequestUri") or req.get("RequestURI") or "")
        return bool(REMOTE.search(uri))
    except ValueError:
        return False


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    count = 0
    lock = threading.Lock()

    def address_string(self):  # a unix peer has no host name
        return "engine"

    def log_message(self, fmt, *args):
        pass

    def reply(self, body):
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.docker.plugins.v1+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        """The request body, sized or chunked (the engine's plugin client sends chunks)."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def do_POST(self):
        body = self.body()
        if self.path == "/Plugin.Activate":
            self.reply('{"Implements": ["authz"]}')
        elif self.path == "/AuthZPlugin.AuthZReq":
            with Handler.lock:
                Handler.count += 1
                name = os.path.join(OUTDIR, "%04d.json" % Handler.count)
                with open(name + ".tmp", "wb") as f:
                    f.write(body)
                os.rename(name + ".tmp", name)
            if remote(body):
                self.reply('{"Allow": false, "Msg": "capture: no registry traffic in tests"}')
            else:
                self.reply('{"Allow": true}')
        elif self.path == "/AuthZPlugin.AuthZRes":
            self.reply('{"Allow": true}')
        else:
            self.reply('{"Err": "unknown endpoint"}')


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: authz_capture.py SOCKET OUTDIR")
    SOCK, OUTDIR = sys.argv[1], sys.argv[2]
    if os.path.exists(SOCK):
        os.unlink(SOCK)
    srv = Server(SOCK, Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        srv.serve_forever()
    finally:
        srv.server_close()
        try:
            os.unlink(SOCK)
        except OSError:
            pass
