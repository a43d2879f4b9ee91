#!/usr/bin/env python3
"""A fake Docker Engine (API 1.41, Engine 20.10) on a unix socket, for bulwark's integration tests.

usage: fake_daemon.py SOCK MODE
MODE ok:        a small healthy engine: one running container, its inspect, image, networks.
     malformed: as ok, but GET /info answers 200 with a cut-off JSON document.
     truncated: as ok, but GET /info promises 5000 bytes, sends 100 and closes.
     stall:     as ok, but GET /info never answers (the handler sleeps at most 30 s).
     gone:      as ok until the first GET /containers/ID/json; then the process exits.
     empty:     as ok, but GET /info closes the connection without an answer.
     reset:     as ok, but GET /info closes the connection with the request unread, which
                resets it.
     volumes:   as ok, but the container mounts two named volumes, one a local bind of the
                engine's socket (GET /volumes/NAME answers what each is).
     execs:     as ok, but the container lists two execs (ExecIDs): one running with
                --privileged, one created with --user root (GET /exec/ID/json answers each).
     swarm:     as ok, but the node is the manager of a one-node swarm that runs no services
                (GET /swarm, /nodes, /secrets and /services answer).
Paths are answered with or without a /vX.Y prefix. The process exits after 60 s whatever happens.
Only the unix socket is used; nothing listens on TCP.
"""
import hashlib
import json
import os
import re
import socket
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

LIFETIME = 60
STALL = 30
API = "1.41"
ENGINE = "20.10.24"


def hexid(seed):
    return hashlib.sha256(seed.encode()).hexdigest()


CID = hexid("container web")
IMAGE_ID = "sha256:" + hexid("image nginx:1.25")
NET_BRIDGE, NET_HOST, NET_NONE = hexid("net bridge"), hexid("net host"), hexid("net none")
CREATED = "2024-03-01T09:30:00.123456789Z"

VERSION = {
    "Platform": {"Name": "Docker Engine - Community"},
    "Components": [
        {"Name": "Engine", "Version": ENGINE,
         "Details": {"ApiVersion": API, "Arch": "amd64", "BuildTime": "2023-04-04T17:50:45.000000000+00:00",
                     "Experimental": "false", "GitCommit": "5d6db84", "GoVersion": "go1.19.7",
                     "KernelVersion": "5.15.0-72-generic", "MinAPIVersion": "1.12", "Os": "linux"}},
        {"Name": "containerd", "Version": "1.6.20",
         "Details": {"GitCommit": "2806fc1057397dbaeefbea0e4e17bddfbd388f38"}},
        {"Name": "runc", "Version": "1.1.5", "Details": {"GitCommit": "v1.1.5-0-gf19387a"}},
        {"Name": "docker-init", "Version": "0.19.0", "Details": {"GitCommit": "de40ad0"}},
    ],
    "Version": ENGINE, "ApiVersion": API, "MinAPIVersion": "1.12", "GitCommit": "5d6db84",
    "GoVersion": "go1.19.7", "Os": "linux", "Arch": "amd64", "KernelVersion": "5.15.0-72-generic",
    "BuildTime": "2023-04-04T17:50:45.000000000+00:00",
}

INFO = {
    "ID": "7TRN:IPZB:QYBB:VPBQ:UWFJ:4KQ5:XVGX:ZMFL:3XJO:KUT4:M2BJ:CYNZ",
    "Containers": 1, "ContainersRunning": 1, "ContainersPaused": 0, "ContainersStopped": 0, "Images": 1,
    "Driver": "overlay2",
    "DriverStatus": [["Backing Filesystem", "extfs"], ["Supports d_type", "true"],
                     ["Native Overlay Diff", "true"], ["userxattr", "false"]],
    "Plugins": {"Volume": ["local"], "Network": ["bridge", "host", "ipvlan", "macvlan", "null", "overlay"],
                "Authorization": None,
                "Log": ["awslogs", "fluentd", "gcplogs", "gelf", "journald", "json-file", "local",
                        "logentries", "splunk", "syslog"]},
    "MemoryLimit": True, "SwapLimit": False, "KernelMemory": True, "KernelMemoryTCP": True,
    "CpuCfsPeriod": True, "CpuCfsQuota": True, "CPUShares": True, "CPUSet": True, "PidsLimit": True,
    "IPv4Forwarding": True, "BridgeNfIptables": True, "BridgeNfIp6tables": True, "Debug": False,
    "NFd": 35, "OomKillDisable": True, "NGoroutines": 41, "SystemTime": "2024-03-01T11:00:00.000000000Z",
    "LoggingDriver": "json-file", "CgroupDriver": "cgroupfs", "CgroupVersion": "1", "NEventsListener": 0,
    "KernelVersion": "5.15.0-72-generic", "OperatingSystem": "Ubuntu 22.04.2 LTS", "OSVersion": "22.04",
    "OSType": "linux", "Architecture": "x86_64", "IndexServerAddress": "https://index.docker.io/v1/",
    "RegistryConfig": {
        "AllowNondistributableArtifactsCIDRs": [], "AllowNondistributableArtifactsHostnames": [],
        "InsecureRegistryCIDRs": ["127.0.0.0/8"],
        "IndexConfigs": {"docker.io": {"Name": "docker.io", "Mirrors": [], "Secure": True, "Official": True}},
        "Mirrors": []},
    "NCPU": 4, "MemTotal": 8232050688, "GenericResources": None, "DockerRootDir": "/var/lib/docker",
    "HttpProxy": "", "HttpsProxy": "", "NoProxy": "", "Name": "fakehost", "Labels": [],
    "ExperimentalBuild": False, "ServerVersion": ENGINE,
    "Runtimes": {"io.containerd.runc.v2": {"path": "runc"}, "io.containerd.runtime.v1.linux": {"path": "runc"},
                 "runc": {"path": "runc"}},
    "DefaultRuntime": "runc",
    "Swarm": {"NodeID": "", "NodeAddr": "", "LocalNodeState": "inactive", "ControlAvailable": False,
              "Error": "", "RemoteManagers": None},
    "LiveRestoreEnabled": False, "Isolation": "", "InitBinary": "docker-init",
    "ContainerdCommit": {"ID": "2806fc1057397dbaeefbea0e4e17bddfbd388f38",
                         "Expected": "2806fc1057397dbaeefbea0e4e17bddfbd388f38"},
    "RuncCommit": {"ID": "v1.1.5-0-gf19387a", "Expected": "v1.1.5-0-gf19387a"},
    "InitCommit": {"ID": "de40ad0", "Expected": "de40ad0"},
    "SecurityOptions": ["name=apparmor", "name=seccomp,profile=default"],
    "Warnings": ["WARNING: No swap limit support"],
}

LABELS = {"maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"}
ENV = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NGINX_VERSION=1.25.3",
       "NJS_VERSION=0.8.2", "PKG_RELEASE=1~bookworm"]
BRIDGE_EP = {"IPAMConfig": None, "Links": None, "Aliases": None, "NetworkID": NET_BRIDGE,
             "EndpointID": hexid("endpoint web"), "Gateway": "172.17.0.1", "IPAddress": "172.17.0.2",
             "IPPrefixLen": 16, "IPv6Gateway": "", "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0,
             "MacAddress": "02:42:ac:11:00:02", "DriverOpts": None}

CONTAINERS = [{
    "Id": CID, "Names": ["/web"], "Image": "nginx:1.25", "ImageID": IMAGE_ID,
    "Command": "/docker-entrypoint.sh nginx -g 'daemon off;'", "Created": 1709285400,
    "Ports": [{"IP": "0.0.0.0", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"}],
    "Labels": LABELS, "State": "running", "Status": "Up 2 hours",
    "HostConfig": {"NetworkMode": "default"},
    "NetworkSettings": {"Networks": {"bridge": BRIDGE_EP}}, "Mounts": [],
}]

INSPECT = {
    "Id": CID, "Created": CREATED, "Path": "/docker-entrypoint.sh", "Args": ["nginx", "-g", "daemon off;"],
    "State": {"Status": "running", "Running": True, "Paused": False, "Restarting": False, "OOMKilled": False,
              "Dead": False, "Pid": 4242, "ExitCode": 0, "Error": "",
              "StartedAt": "2024-03-01T09:30:01.000000000Z", "FinishedAt": "0001-01-01T00:00:00Z"},
    "Image": IMAGE_ID,
    "ResolvConfPath": "/var/lib/docker/containers/%s/resolv.conf" % CID,
    "HostnamePath": "/var/lib/docker/containers/%s/hostname" % CID,
    "HostsPath": "/var/lib/docker/containers/%s/hosts" % CID,
    "LogPath": "/var/lib/docker/containers/%s/%s-json.log" % (CID, CID),
    "Name": "/web", "RestartCount": 0, "Driver": "overlay2", "Platform": "linux", "MountLabel": "",
    "ProcessLabel": "", "AppArmorProfile": "docker-default", "ExecIDs": None,
    "HostConfig": {
        "Binds": None, "ContainerIDFile": "", "LogConfig": {"Type": "json-file", "Config": {}},
        "NetworkMode": "default", "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]},
        "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 5}, "AutoRemove": False,
        "VolumeDriver": "", "VolumesFrom": None, "CapAdd": None, "CapDrop": None, "CgroupnsMode": "host",
        "Dns": [], "DnsOptions": [], "DnsSearch": [], "ExtraHosts": None, "GroupAdd": None,
        "IpcMode": "private", "Cgroup": "", "Links": None, "OomScoreAdj": 0, "PidMode": "",
        "Privileged": False, "PublishAllPorts": False, "ReadonlyRootfs": False, "SecurityOpt": None,
        "UTSMode": "", "UsernsMode": "", "ShmSize": 67108864, "Runtime": "runc", "ConsoleSize": [0, 0],
        "Isolation": "", "CpuShares": 512, "Memory": 268435456, "NanoCpus": 0, "CgroupParent": "",
        "BlkioWeight": 0, "BlkioWeightDevice": [], "BlkioDeviceReadBps": None, "BlkioDeviceWriteBps": None,
        "BlkioDeviceReadIOps": None, "BlkioDeviceWriteIOps": None, "CpuPeriod": 0, "CpuQuota": 0,
        "CpuRealtimePeriod": 0, "CpuRealtimeRuntime": 0, "CpusetCpus": "", "CpusetMems": "", "Devices": [],
        "DeviceCgroupRules": None, "DeviceRequests": None, "KernelMemory": 0, "KernelMemoryTCP": 0,
        "MemoryReservation": 0, "MemorySwap": 536870912, "MemorySwappiness": None, "OomKillDisable": False,
        "PidsLimit": 100, "Ulimits": None, "CpuCount": 0, "CpuPercent": 0, "IOMaximumIOps": 0,
        "IOMaximumBandwidth": 0,
        "MaskedPaths": ["/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
                        "/sys/firmware"],
        "ReadonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
    },
    "GraphDriver": {"Data": {"MergedDir": "/var/lib/docker/overlay2/%s/merged" % hexid("layer web"),
                             "UpperDir": "/var/lib/docker/overlay2/%s/diff" % hexid("layer web"),
                             "WorkDir": "/var/lib/docker/overlay2/%s/work" % hexid("layer web")},
                    "Name": "overlay2"},
    "Mounts": [],
    "Config": {
        "Hostname": CID[:12], "Domainname": "", "User": "", "AttachStdin": False, "AttachStdout": False,
        "AttachStderr": False, "ExposedPorts": {"80/tcp": {}}, "Tty": False, "OpenStdin": False,
        "StdinOnce": False, "Env": ENV, "Cmd": ["nginx", "-g", "daemon off;"],
        "Healthcheck": {"Test": ["CMD-SHELL", "curl -fsS http://localhost/ || exit 1"], "Interval": 30000000000},
        "Image": "nginx:1.25", "Volumes": None, "WorkingDir": "", "Entrypoint": ["/docker-entrypoint.sh"],
        "OnBuild": None, "Labels": LABELS, "StopSignal": "SIGQUIT",
    },
    "NetworkSettings": {
        "Bridge": "", "SandboxID": hexid("sandbox web"), "HairpinMode": False, "LinkLocalIPv6Address": "",
        "LinkLocalIPv6PrefixLen": 0, "Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]},
        "SandboxKey": "/var/run/docker/netns/" + hexid("sandbox web")[:12], "SecondaryIPAddresses": None,
        "SecondaryIPv6Addresses": None, "EndpointID": BRIDGE_EP["EndpointID"], "Gateway": "172.17.0.1",
        "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0, "IPAddress": "172.17.0.2", "IPPrefixLen": 16,
        "IPv6Gateway": "", "MacAddress": "02:42:ac:11:00:02", "Networks": {"bridge": BRIDGE_EP},
    },
}

IMAGE = {
    "Id": IMAGE_ID, "RepoTags": ["nginx:1.25"],
    "RepoDigests": ["nginx@sha256:" + hexid("digest nginx:1.25")], "Parent": "", "Comment": "",
    "Created": "2024-02-14T21:41:43.000000000Z", "Container": "", "DockerVersion": "20.10.23",
    "Author": "",
    "Config": {"Hostname": "", "Domainname": "", "User": "", "AttachStdin": False, "AttachStdout": False,
               "AttachStderr": False, "ExposedPorts": {"80/tcp": {}}, "Tty": False, "OpenStdin": False,
               "StdinOnce": False, "Env": ENV, "Cmd": ["nginx", "-g", "daemon off;"], "Image": "",
               "Volumes": None, "WorkingDir": "", "Entrypoint": ["/docker-entrypoint.sh"], "OnBuild": None,
               "Labels": LABELS, "StopSignal": "SIGQUIT"},
    "Architecture": "amd64", "Os": "linux", "Size": 187654321, "VirtualSize": 187654321,
    "GraphDriver": {"Data": None, "Name": "overlay2"},
    "RootFS": {"Type": "layers", "Layers": ["sha256:" + hexid("layer %d" % i) for i in range(3)]},
    "Metadata": {"LastTagTime": "0001-01-01T00:00:00Z"},
}
HISTORY = [
    {"Id": IMAGE_ID, "Created": 1707946903, "CreatedBy": '/bin/sh -c #(nop)  CMD ["nginx" "-g" "daemon off;"]',
     "Tags": ["nginx:1.25"], "Size": 0, "Comment": ""},
    {"Id": "<missing>", "Created": 1707946900, "CreatedBy": "/bin/sh -c #(nop) ADD file:0123 in / ",
     "Tags": None, "Size": 187654321, "Comment": ""},
]


def volume_mount(name, dest):
    return {"Type": "volume", "Name": name, "Source": "/var/lib/docker/volumes/%s/_data" % name,
            "Destination": dest, "Driver": "local", "Mode": "z", "RW": True, "Propagation": ""}


def volume(name, opts):
    return {"CreatedAt": CREATED, "Driver": "local", "Labels": None,
            "Mountpoint": "/var/lib/docker/volumes/%s/_data" % name, "Name": name,
            "Options": opts, "Scope": "local"}


VOLUMES = {"dockersock": volume("dockersock", {"type": "none", "o": "bind",
                                               "device": "/var/run/docker.sock"}),
           "data": volume("data", None)}
VOLUME_MOUNTS = [volume_mount("dockersock", "/var/run/docker.sock"), volume_mount("data", "/data")]


def network(name, nid, driver, ipam):
    return {"Name": name, "Id": nid, "Created": CREATED, "Scope": "local", "Driver": driver,
            "EnableIPv6": False, "IPAM": {"Driver": "default", "Options": None, "Config": ipam},
            "Internal": False, "Attachable": False, "Ingress": False, "ConfigFrom": {"Network": ""},
            "ConfigOnly": False, "Containers": {}, "Options": {}, "Labels": {}}


BRIDGE = network("bridge", NET_BRIDGE, "bridge", [{"Subnet": "172.17.0.0/16", "Gateway": "172.17.0.1"}])
BRIDGE["Options"] = {"com.docker.network.bridge.default_bridge": "true",
                     "com.docker.network.bridge.enable_icc": "true",
                     "com.docker.network.bridge.enable_ip_masquerade": "true",
                     "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
                     "com.docker.network.bridge.name": "docker0",
                     "com.docker.network.driver.mtu": "1500"}
NETWORKS = [BRIDGE, network("host", NET_HOST, "host", []), network("none", NET_NONE, "null", [])]

EXEC_PRIV, EXEC_ROOT = hexid("exec privileged"), hexid("exec root")


def exec_record(eid, entrypoint, args, running, **pc):
    return {"ID": eid, "Running": running, "ExitCode": None if running else 0,
            "ProcessConfig": dict({"tty": False, "entrypoint": entrypoint, "arguments": args}, **pc),
            "OpenStdin": False, "OpenStderr": True, "OpenStdout": True, "CanRemove": False,
            "ContainerID": CID, "DetachKeys": "", "Pid": 4400 if running else 0}


EXECS = {EXEC_PRIV: exec_record(EXEC_PRIV, "sh", ["-c", "sleep 600"], True, privileged=True),
         EXEC_ROOT: exec_record(EXEC_ROOT, "bash", [], False, user="root")}
SWARM_INFO = dict(INFO, Swarm={"NodeID": "n0de1", "NodeAddr": "10.0.0.5", "LocalNodeState": "active",
                               "ControlAvailable": True, "Error": "", "Nodes": 1, "Managers": 1,
                               "RemoteManagers": [{"NodeID": "n0de1", "Addr": "10.0.0.5:2377"}]})
SWARM = {"ID": "swarm1", "Spec": {"EncryptionConfig": {"AutoLockManagers": True},
                                  "CAConfig": {"NodeCertExpiry": 7776000000000000}}}
SWARM_LISTS = {"/swarm": SWARM, "/nodes": [{"ID": "n0de1", "Spec": {"Role": "manager"}}],
               "/secrets": [], "/services": []}

NOT_SWARM = ("This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" "
             "to connect this node to swarm and try again.")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"          # keep-alive: every answer carries a Content-Length
    mode = "ok"

    def version_string(self):
        return "Docker/%s (linux)" % ENGINE

    def address_string(self):
        return "unix"

    def log_message(self, fmt, *args):
        sys.stderr.write("fake_daemon: %s\n" % (fmt % args))

    def send_body(self, status, body, ctype="application/json"):
        data = body if isinstance(body, bytes) else (json.dumps(body) + "\n").encode()
        self.send_response(status)
        self.send_header("Api-Version", API)
        self.send_header("Docker-Experimental", "false")
        self.send_header("Ostype", "linux")
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def not_found(self, what):
        self.send_body(404, {"message": what})

    def handle(self):
        self.close_connection = True
        self.one_request()
        while not self.close_connection:
            self.one_request()

    def one_request(self):
        if self.mode == "reset":
            try:
                head = self.connection.recv(256, socket.MSG_PEEK)
            except OSError:
                head = b""
            if re.match(rb"GET (/v[0-9.]+)?/info[ ?]", head):
                self.connection.recv(1)
                self.close_connection = True
                self.connection.close()   # unread bytes: the client's read fails, ECONNRESET
                return
        self.handle_one_request()

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        path = re.sub(r"^/v[0-9]+\.[0-9]+(?=/)", "", path)
        if path == "/_ping":
            self.send_response(200)
            self.send_header("Api-Version", API)
            self.send_header("Cache-Control", "no-cache, no-store, must-revalidate")
            self.send_header("Docker-Experimental", "false")
            self.send_header("Ostype", "linux")
            self.send_header("Pragma", "no-cache")
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"OK")
            return
        if path == "/info" and self.mode not in ("ok", "gone", "reset", "volumes", "execs", "swarm"):
            return getattr(self, "info_" + self.mode)()
        self.route(path)

    def info_malformed(self):
        self.send_body(200, b'{"Name": "x",')

    def info_truncated(self):
        self.send_response(200)
        self.send_header("Api-Version", API)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "5000")
        self.end_headers()
        self.wfile.write((json.dumps(INFO).encode() + b" " * 100)[:100])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def info_empty(self):
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def info_stall(self):
        time.sleep(STALL)
        self.close_connection = True

    def route(self, path):
        parts = path.strip("/").split("/")
        if path == "/version":
            return self.send_body(200, VERSION)
        if path == "/info":
            return self.send_body(200, SWARM_INFO if self.mode == "swarm" else INFO)
        if self.mode == "swarm" and path in SWARM_LISTS:
            return self.send_body(200, SWARM_LISTS[path])
        if self.mode == "execs" and len(parts) == 3 and parts[0] == "exec" and parts[2] == "json":
            rec = EXECS.get(parts[1])
            return self.send_body(200, rec) if rec else self.not_found("No such exec instance: " + parts[1])
        if path == "/containers/json":
            return self.send_body(200, CONTAINERS)
        if len(parts) >= 3 and parts[0] == "containers":
            return self.container(parts[1], "/".join(parts[2:]))
        if path == "/images/json":
            return self.send_body(200, [])
        if len(parts) >= 3 and parts[0] == "images":
            return self.image("/".join(parts[1:-1]), parts[-1])
        if path == "/networks":
            return self.send_body(200, NETWORKS)
        if len(parts) == 2 and parts[0] == "networks":
            net = [n for n in NETWORKS if parts[1] in (n["Id"], n["Name"])]
            return self.send_body(200, net[0]) if net else self.not_found("network %s not found" % parts[1])
        if len(parts) == 2 and parts[0] == "volumes" and parts[1] in VOLUMES:
            return self.send_body(200, VOLUMES[parts[1]])
        if len(parts) == 2 and parts[0] == "volumes":
            return self.not_found("get %s: no such volume" % parts[1])
        if path == "/volumes":
            return self.send_body(200, {"Volumes": [], "Warnings": None})
        if path == "/plugins":
            return self.send_body(200, [])
        if path in ("/swarm", "/nodes", "/services", "/tasks", "/secrets", "/configs"):
            return self.send_body(503, {"message": NOT_SWARM})
        self.not_found("page not found")

    def container(self, ref, what):
        if self.mode == "gone" and what == "json":
            sys.stderr.write("fake_daemon: gone: exiting on GET %s\n" % self.path)
            sys.stderr.flush()
            os._exit(0)
        if ref not in (CID, CID[:12], "web"):
            return self.not_found("No such container: " + ref)
        if what == "json" and self.mode == "volumes":
            return self.send_body(200, dict(INSPECT, Mounts=VOLUME_MOUNTS))
        if what == "json" and self.mode == "execs":
            return self.send_body(200, dict(INSPECT, ExecIDs=list(EXECS)))
        if what == "json":
            return self.send_body(200, INSPECT)
        if what == "top":
            return self.send_body(200, {
                "Titles": ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"],
                "Processes": [["root", "4242", "4220", "0", "09:30", "?", "00:00:00",
                               "nginx: master process nginx -g daemon off;"],
                              ["101", "4300", "4242", "0", "09:30", "?", "00:00:00", "nginx: worker process"]]})
        self.not_found("page not found")

    def image(self, ref, what):
        if ref not in (IMAGE_ID, IMAGE_ID[7:], IMAGE_ID[7:19], "nginx:1.25"):
            return self.not_found("No such image: " + ref)
        if what == "json":
            return self.send_body(200, IMAGE)
        if what == "history":
            return self.send_body(200, HISTORY)
        self.not_found("page not found")


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("ok", "malformed", "truncated", "stall", "gone",
                                                   "empty", "reset", "volumes", "execs", "swarm"):
        sys.stderr.write("usage: fake_daemon.py SOCK ok|malformed|truncated|stall|gone|empty|reset|"
                         "volumes|execs|swarm\n")
        return 2
    sock, Handler.mode = sys.argv[1], sys.argv[2]
    deadline = threading.Timer(LIFETIME, lambda: os._exit(0))
    deadline.daemon = True
    deadline.start()
    if os.path.exists(sock):
        os.unlink(sock)
    with Server(sock, Handler) as srv:
        srv.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
