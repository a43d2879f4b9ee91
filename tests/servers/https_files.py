#!/usr/bin/env python3
"""A loopback HTTPS file server for download tests: ETag and Last-Modified, conditional GET
(304), Range with If-Range (206), and a broken transfer on demand: when DIR/NAME.cut holds a
number N, the next response for NAME sends N body bytes and drops the connection (the .cut file
is then removed). Every request is logged to LOG as "METHOD PATH RANGE STATUS".
usage: https_files.py DIR CERT KEY PORTFILE LOG   (listens on 127.0.0.1, a free port)"""
import email.utils, hashlib, http.server, os, ssl, sys

root, cert, key, portfile, log = sys.argv[1:6]


class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def note(self, status):
        with open(log, "a") as f:
            f.write("%s %s %s %d\n" % (self.command, self.path,
                                       self.headers.get("Range", "-"), status))

    def do_GET(self):
        rel = self.path.lstrip("/").replace("%20", " ")
        path = os.path.realpath(os.path.join(root, rel))
        if not path.startswith(os.path.realpath(root) + "/") or not os.path.isfile(path):
            self.note(404)
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = open(path, "rb").read()
        etag = '"%s"' % hashlib.sha256(data).hexdigest()[:16]
        modified = email.utils.formatdate(os.path.getmtime(path), usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.note(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        start, status = 0, 200
        rng, if_range = self.headers.get("Range"), self.headers.get("If-Range")
        if rng and rng.startswith("bytes=") and rng.endswith("-") and if_range in (None, etag):
            start = int(rng[6:-1])
            if start >= len(data):
                self.note(416)
                self.send_response(416)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 206
        body = data[start:]
        cut = path + ".cut"
        limit = None
        if os.path.exists(cut):
            limit = int(open(cut).read().strip())
            os.unlink(cut)
        self.note(status)
        self.send_response(status)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.send_header("Content-Length", str(len(body)))
        if status == 206:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
        self.end_headers()
        if limit is not None:
            self.wfile.write(body[:limit])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
with open(portfile + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(portfile + ".tmp", portfile)
srv.serve_forever()
