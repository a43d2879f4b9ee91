#!/usr/bin/env python3
"""Writes the test images of the image audit to a directory, deterministically.

    image_fixtures.py OUTDIR

OUTDIR/docker/NAME.tar   `docker save` archives (legacy layout, plain layers): `docker load -i`
OUTDIR/oci/NAME/         OCI layouts (gzip and zstd layers), and OUTDIR/oci/NAME.tar of each,
                         which Docker 25+ also loads
OUTDIR/raw/NAME.tar      archives an engine refuses to load (tampered, hostile): read as files
OUTDIR/index.json        what was written: name, ref, kind, path and the facts a reader must find

Layer 1 of "leaky" adds secrets and risky files, layer 2 deletes or hides some of them
(whiteout, opaque directory, replacement), so a reader must find them in layer 1 and say they
are no longer visible. zstd layers need the zstd command; without it those layers are gzip.
"""
import gzip, hashlib, io, json, os, shutil, subprocess, sys, tarfile

MTIME = 1700000000
PEM = (b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
       b"-----END OPENSSH PRIVATE KEY-----\n")
AWS = b"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
SHADOW = b"root:$6$bwsalt$4sKzT0AbCdEfGhIjKlMnOpQrStUvWxYz:19000:0:99999:7:::\nbin:*:19000::::::\n"
DCFG = b'{"auths":{"registry.example.com":{"auth":"dXNlcjpodW50ZXIy"}}}'


def d(name, mode=0o755):
    return ("dir", name, mode, None)


def f(name, data, mode=0o644):
    return ("file", name, mode, data)


def hl(name, target):
    return ("link", name, 0o644, target)


def tar_bytes(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for kind, name, mode, data in entries:
            ti = tarfile.TarInfo(name)
            ti.mode, ti.mtime, ti.uid, ti.gid = mode, MTIME, 0, 0
            if kind == "dir":
                ti.type = tarfile.DIRTYPE
                t.addfile(ti)
            elif kind == "link":
                ti.type, ti.linkname = tarfile.LNKTYPE, data
                t.addfile(ti)
            else:
                ti.size = len(data)
                t.addfile(ti, io.BytesIO(data))
    return buf.getvalue()


def compress(raw, how):
    if how == "gzip":
        return gzip.compress(raw, compresslevel=6, mtime=0)
    if how == "zstd":
        if shutil.which("zstd"):
            return subprocess.run(["zstd", "-q", "-c", "-3"], input=raw, check=True,
                                  stdout=subprocess.PIPE).stdout
        return gzip.compress(raw, compresslevel=6, mtime=0)
    return raw


def sha(b):
    return "sha256:" + hashlib.sha256(b).hexdigest()


# What a well-made image declares: a health check and where it came from.
HARDENED = {"Healthcheck": {"Test": ["CMD", "/bin/true"]},
            "Labels": {"org.opencontainers.image.source": "https://example.org/app"}}


def config(layers, steps, tamper=False, user="app", extra=None):
    diff_ids = [sha(l) for l in layers]
    if tamper:
        diff_ids[0] = "sha256:" + "0" * 64
    hist = [{"created": "2024-01-01T00:00:00Z", "created_by": "ENV APP=1", "empty_layer": True}]
    hist += [{"created": "2024-01-01T00:00:00Z", "created_by": s} for s in steps]
    return json.dumps({"architecture": "amd64", "os": "linux", "created": "2024-01-01T00:00:00Z",
                       "config": dict({"User": user, "Env": ["PATH=/usr/bin:/bin"], "Cmd": ["/bin/sh"]},
                                      **(extra or {})),
                       "rootfs": {"type": "layers", "diff_ids": diff_ids}, "history": hist},
                      sort_keys=True).encode()


def add(t, name, data):
    ti = tarfile.TarInfo(name)
    ti.size, ti.mtime, ti.mode = len(data), MTIME, 0o644
    t.addfile(ti, io.BytesIO(data))


def write_docker(path, ref, layers, cfg):
    """docker save, legacy layout: layers first, then the config and manifest.json."""
    cfg_name = hashlib.sha256(cfg).hexdigest() + ".json"
    names = []
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as t:
        for raw in layers:
            name = hashlib.sha256(raw).hexdigest() + "/layer.tar"
            if name not in names:
                add(t, name, raw)
            names.append(name)
        add(t, cfg_name, cfg)
        add(t, "manifest.json", json.dumps([{"Config": cfg_name, "RepoTags": [ref],
                                             "Layers": names}]).encode())


def write_oci(dirpath, ref, layers, cfg, codecs):
    os.makedirs(os.path.join(dirpath, "blobs", "sha256"), exist_ok=True)

    def blob(b):
        with open(os.path.join(dirpath, "blobs", "sha256", hashlib.sha256(b).hexdigest()), "wb") as o:
            o.write(b)
        return {"digest": sha(b), "size": len(b)}

    descs = []
    for raw, how in zip(layers, codecs):
        mt = "application/vnd.oci.image.layer.v1.tar" + {"gzip": "+gzip", "zstd": "+zstd"}.get(how, "")
        if how == "zstd" and not shutil.which("zstd"):
            mt = "application/vnd.oci.image.layer.v1.tar+gzip"
        descs.append(dict(mediaType=mt, **blob(compress(raw, how))))
    man = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                      "config": dict(mediaType="application/vnd.oci.image.config.v1+json", **blob(cfg)),
                      "layers": descs}, sort_keys=True).encode()
    md = blob(man)
    index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
             "manifests": [dict(mediaType="application/vnd.oci.image.manifest.v1+json",
                                annotations={"io.containerd.image.name": ref,
                                             "org.opencontainers.image.ref.name": ref.split(":")[-1]},
                                platform={"architecture": "amd64", "os": "linux"}, **md)]}
    with open(os.path.join(dirpath, "index.json"), "w") as o:
        json.dump(index, o, sort_keys=True)
    with open(os.path.join(dirpath, "oci-layout"), "w") as o:
        o.write('{"imageLayoutVersion":"1.0.0"}')
    with tarfile.open(dirpath + ".tar", "w", format=tarfile.PAX_FORMAT) as t:
        for root, dirs, files in os.walk(dirpath):
            dirs.sort()
            for name in sorted(files):
                p = os.path.join(root, name)
                with open(p, "rb") as fh:
                    add(t, os.path.relpath(p, dirpath), fh.read())


def leaky_layers():
    l1 = tar_bytes([d("app/"), f("app/.env", AWS), f("app/config.txt", b"db_password=" + b"x" * 4 + b"\n"),
                    d("root/", 0o700), d("root/.ssh/", 0o700), f("root/.ssh/id_rsa", PEM, 0o600),
                    d("etc/"), f("etc/shadow", SHADOW, 0o640),
                    d("usr/"), d("usr/bin/"), f("usr/bin/sudo", b"\x7fELF\0sudo", 0o4755),
                    d("data/", 0o777), f("data/server.key", PEM, 0o600),
                    d("home/"), d("home/app/"), d("home/app/.docker/"),
                    f("home/app/.docker/config.json", DCFG, 0o600),
                    d("var/"), d("var/cache/"), d("var/cache/apt/"), d("var/cache/apt/archives/"),
                    f("var/cache/apt/archives/curl.deb", b"!<arch>\n"),
                    d("srv/"), d("srv/.git/"), f("srv/.git/HEAD", b"ref: refs/heads/main\n"),
                    f("srv/main.go", b"package main\n")])
    l2 = tar_bytes([d("app/"), f("app/.wh..env", b""), d("data/", 0o777), f("data/.wh..wh..opq", b""),
                    d("usr/"), d("usr/bin/"), f("usr/bin/sudo", b"\x7fELF\0sudo2", 0o755),
                    d("usr/sbin/"), f("usr/sbin/sshd", b"\x7fELF\0sshd", 0o755)])
    l3 = tar_bytes([d("srv/"), f("srv/.wh..git", b""), d("tmp/", 0o1777)])
    steps = ["COPY app /app", "RUN rm /app/.env && chmod u-s /usr/bin/sudo", "RUN rm -rf /srv/.git"]
    facts = [
        {"path": "/app/.env", "layer": 0, "visible": False, "secret": True},
        {"path": "/root/.ssh/id_rsa", "layer": 0, "visible": True, "flags": ["private-key"]},
        {"path": "/etc/shadow", "layer": 0, "visible": True, "flags": ["shadow-hash"]},
        {"path": "/usr/bin/sudo", "layer": 0, "visible": False, "mode": "4755"},
        {"path": "/usr/bin/sudo", "layer": 1, "visible": True},
        {"path": "/usr/sbin/sshd", "layer": 1, "visible": True},
        {"path": "/data", "layer": 0, "visible": False, "mode": "777"},
        {"path": "/data", "layer": 1, "visible": True, "mode": "777"},
        {"path": "/data/server.key", "layer": 0, "visible": False, "flags": ["private-key"]},
        {"path": "/home/app/.docker/config.json", "layer": 0, "visible": True, "flags": ["docker-auth"]},
        {"path": "/srv/.git", "layer": 0, "visible": False},
        {"path": "/srv/main.go", "layer": 0, "visible": True},
    ]
    return [l1, l2, l3], steps, facts


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "image-fixtures"
    for sub in ("docker", "oci", "raw"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    index = []

    layers, steps, facts = leaky_layers()
    cfg = config(layers, steps, user="root")
    write_docker(os.path.join(out, "docker", "leaky.tar"), "bw-fixture/leaky:1", layers, cfg)
    index.append({"name": "leaky", "kind": "docker-archive", "ref": "bw-fixture/leaky:1",
                  "path": "docker/leaky.tar", "loadable": True, "files": facts})
    write_oci(os.path.join(out, "oci", "leaky"), "bw-fixture/leaky-oci:1", layers, cfg,
              ["plain", "gzip", "zstd"])
    index.append({"name": "leaky-oci", "kind": "oci-layout", "ref": "bw-fixture/leaky-oci:1",
                  "path": "oci/leaky", "loadable": True, "files": facts})

    clean = [tar_bytes([d("app/"), f("app/hello.txt", b"hello\n")])]
    ccfg = config(clean, ["COPY hello.txt /app/"], extra=HARDENED)
    write_docker(os.path.join(out, "docker", "clean.tar"), "bw-fixture/clean:1", clean, ccfg)
    index.append({"name": "clean", "kind": "docker-archive", "ref": "bw-fixture/clean:1",
                  "path": "docker/clean.tar", "loadable": True, "files": []})

    write_docker(os.path.join(out, "raw", "tampered.tar"), "bw-fixture/tampered:1", clean,
                 config(clean, ["COPY hello.txt /app/"], tamper=True))
    index.append({"name": "tampered", "kind": "docker-archive", "ref": "bw-fixture/tampered:1",
                  "path": "raw/tampered.tar", "loadable": False, "unverified_layers": [0], "files": []})

    hostile = [tar_bytes([f("../../etc/cron.d/evil", b"* * * * * root sh\n"),
                          f("/abs/.env", b"A=1\n"), hl("broken-link", "no/such/file"),
                          f("dup/.env", b"A=1\n"), f("dup/.env", b"B=2\n")]),
               tar_bytes([f("ok/.netrc", b"machine example.com login u password p\n", 0o600)])]
    write_docker(os.path.join(out, "raw", "hostile.tar"), "bw-fixture/hostile:1", hostile,
                 config(hostile, ["ADD evil.tar /", "COPY .netrc /ok/"]))
    index.append({"name": "hostile", "kind": "docker-archive", "ref": "bw-fixture/hostile:1",
                  "path": "raw/hostile.tar", "loadable": False, "errors": 4,
                  "files": [{"path": "/ok/.netrc", "layer": 1, "visible": True}]})

    with open(os.path.join(out, "index.json"), "w") as o:
        json.dump(index, o, indent=1, sort_keys=True)
        o.write("\n")


if __name__ == "__main__":
    main()
