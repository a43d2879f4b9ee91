#!/bin/sh
# deploy/: bulwark as a Swarm global service and a Kubernetes DaemonSet. Its lint is clean under
# deploy/.bulwark.yaml, exactly because of the exceptions declared there with their reasons; the
# text report lists them as accepted risks; the Swarm host network and a Kubernetes manifest are
# told apart; compose and python3-yaml, where installed, check the files themselves.
SUITE=deploy
D=$(cd "$(dirname "$0")/../../deploy" && pwd)
. "$(dirname "$0")/lib.sh"
cp -R "$D" deploy

# Every exception, as (file, rule, evidence), and the reason each rule is accepted for.
cat >expect.py <<'PY'
import json, sys
EXPECTED = sorted([
    ("deploy/Dockerfile", "BW-D003", "debian:12.11-slim"),
    ("deploy/Dockerfile", "BW-D003", "debian:12.11-slim"),
    ("deploy/Dockerfile", "BW-D034", None),
    ("deploy/Dockerfile", "BW-D034", None),
    ("deploy/compose.yaml", "BW-C002", "SYS_PTRACE"),
    ("deploy/compose.yaml", "BW-C004", "host"),
    ("deploy/compose.yaml", "BW-C009", "/"),
    ("deploy/compose.yaml", "BW-C009", "/var/run/docker.sock"),
    ("deploy/compose.yaml", "BW-C010", "/"),
    ("deploy/compose.yaml", "BW-C019", "0:0"),
], key=str)
REASONS = {
    "BW-C009": "the audit reads the engine's containers, images and settings through its API "
               "socket; read-only does not stop API calls, so this container can drive the engine "
               "and must be trusted like the engine itself (the host root under /host holds the "
               "socket too)",
    "BW-C010": "the host's own files (/etc, /var/lib/docker, /proc, /sys, unit files) are what "
               "the host checks judge; mounted read-only at /host and read with --root /host",
    "BW-C004": "/proc/net shows the network namespace of the reader: the host's listening "
               "sockets (BW-H040..H042) are only visible from the host network; nothing listens",
    "BW-C002": "SYS_PTRACE lets the audit read /proc/PID/fd of the host's processes to name the "
               "program behind each listening socket (BW-H040); no process is traced",
    "BW-C019": "uid 0 without capabilities reads the root-owned files and directories the checks "
               "inspect (/var/lib/docker, /etc/docker certificates) and the engine socket, whose "
               "docker group id differs from host to host; cap_drop ALL leaves it no power over "
               "other users' files",
    "BW-D003": "the project publishes no image yet: the base is pinned to the Debian point "
               "release (12.11); the digest is to be recorded when a release build first "
               "resolves it",
    "BW-D034": "the packages come from the Debian release the base image names; exact versions "
               "leave the archive at its next point release and would break the build, while "
               "unpinned they take the release's security updates",
}
def key(f):
    ev = f["evidence"] if f["rule"] != "BW-D034" else None
    return (f["location"]["path"], f["rule"], ev)
what = sys.argv[1]
d = json.load(open("out")) if what != "text" else None
if what == "suppressed":
    ok = (d["findings"] == [] and d["errors"] == [] and d["warnings"] == [] and
          sorted(map(key, d["suppressed"]), key=str) == EXPECTED and
          all(s["suppression"] == {"source": "config", "reason": REASONS[s["rule"]]}
              for s in d["suppressed"]))
elif what == "reported":
    ok = (d["suppressed"] == [] and d["errors"] == [] and
          sorted(map(key, d["findings"]), key=str) == EXPECTED)
else:  # the text report: the heading, then each accepted finding and its reason
    t = open("out").read()
    ok = t.startswith("accepted risks (suppressed with a reason)\n") and \
         t.count("\n    reason: ") == len(EXPECTED) and \
         all("  BW-%s  " % r[3:] in t and "\n    reason: %s\n" % REASONS[r] in t for r in REASONS)
sys.exit(0 if ok else 1)
PY

run lint --config deploy/.bulwark.yaml deploy/ --format json
check "lint deploy/ under its config: exit 0, no finding, exactly the declared exceptions suppressed, each with its reason" \
	"$( [ "$rc" = 0 ] && python3 expect.py suppressed; echo $?)"

run lint --no-config deploy/ --format json
check "the same files without the config: exactly those findings reported, exit 1" \
	"$( [ "$rc" = 1 ] && python3 expect.py reported; echo $?)"

run lint --config deploy/.bulwark.yaml deploy/
check "text report: every accepted risk listed with its reason" \
	"$( [ "$rc" = 0 ] && python3 expect.py text; echo $?)"
check "text report: one accepted risk as a finding line, then its reason" \
	"$(grep -A1 -Fx "  deploy/compose.yaml:35  high  BW-C004  service bulwark shares the host's network namespace [host]" out |
	   tail -n 1 | grep -qFx "    reason: /proc/net shows the network namespace of the reader: the host's listening sockets (BW-H040..H042) are only visible from the host network; nothing listens"; echo $?)"
check "text report: the summary still counts them as suppressed" \
	"$(tail -n 1 out | grep -qFx "no findings in 2 inputs, 10 suppressed"; echo $?)"

# Only a reason makes an accepted risk: a suppression without one, and --ignore on the command
# line, are counted, not listed.
printf 'ignore:\n  - rule: BW-C019\n  - rule: BW-C010\n    reason: host files\n' >bare.yaml
run lint --config bare.yaml --ignore BW-C002 deploy/compose.yaml
check "text report: only the suppression with a reason is an accepted risk" \
	"$( [ "$rc" = 1 ] && [ "$(sed -n '/^accepted risks/,/^$/p' out)" = "accepted risks (suppressed with a reason)
  deploy/compose.yaml:38  high  BW-C010  service bulwark mounts sensitive host path / read-only [/]
    reason: host files" ] && grep -q ', 3 suppressed, 0 errors in 1 input$' out; echo $?)"

# Swarm joins the host's network through the external network named host.
cat >compose.yaml <<'YML'
services:
  swarm:
    image: busybox:1.36
    networks:
      outside: {}
  bridged:
    image: busybox:1.36
    networks: [host]
networks:
  outside:
    external: true
    name: host
  host: {}
YML
run lint --no-config --format json compose.yaml
check "compose: the external network named host is the host network (BW-C004), a project network called host is not" \
	"$(py '[(f["rule"], f["target"]["name"], f["location"]["line"]) for f in d["findings"] if f["rule"] == "BW-C004"] == [("BW-C004", "swarm", 5)]')"

# A Kubernetes manifest named on the command line is not read as an (empty) compose project.
run lint --no-config deploy/daemonset.yaml
check "lint: a Kubernetes manifest named on the command line is skipped with a warning" \
	"$( [ "$rc" = 0 ] && [ "$(err_is "bulwark: warning: deploy/daemonset.yaml: a Kubernetes manifest (apiVersion and kind at the top level), not a compose file: not checked")" = 0 ] &&
	    [ "$(cat out)" = "no findings in 1 input" ]; echo $?)"

if docker compose version >/dev/null 2>&1; then dc="docker compose"
elif command -v docker-compose >/dev/null 2>&1; then dc=docker-compose
else dc=; fi
if [ -n "$dc" ]; then
	$dc -f deploy/compose.yaml config --quiet >out 2>err
	check "compose: $dc config accepts deploy/compose.yaml" $?
else
	echo "ok - $SUITE: compose: config accepts deploy/compose.yaml # skip no docker compose"
fi

if python3 -c 'import yaml' 2>/dev/null; then
	python3 - deploy/daemonset.yaml >out 2>err <<'PY'
import sys, yaml
docs = list(yaml.safe_load_all(open(sys.argv[1])))
ds = docs[0]
pod = ds["spec"]["template"]["spec"]
c, = pod["containers"]
sc = c["securityContext"]
mounts = {m["name"]: m for m in c["volumeMounts"]}
vols = {v["name"]: v for v in pod["volumes"]}
host = [n for n, v in vols.items() if "hostPath" in v]
ok = (len(docs) == 1 and ds["kind"] == "DaemonSet" and ds["apiVersion"] == "apps/v1" and
      sc["readOnlyRootFilesystem"] is True and sc["allowPrivilegeEscalation"] is False and
      sc["privileged"] is False and sc["capabilities"] == {"drop": ["ALL"], "add": ["SYS_PTRACE"]} and
      sorted(host) == ["docker-sock", "host"] and
      all(mounts[n]["readOnly"] is True for n in host) and
      vols["host"]["hostPath"]["path"] == "/" and mounts["host"]["mountPath"] == "/host" and
      vols["store"]["secret"]["secretName"] == "bulwark-store" and
      pod["hostNetwork"] is True and not pod.get("hostPID") and not pod.get("hostIPC") and
      pod["automountServiceAccountToken"] is False and
      "limits" in c["resources"] and "livenessProbe" in c and
      "--root /host" in c["args"][0] and '--store "$BULWARK_STORE"' in c["args"][0] and
      "BULWARK_STORE" not in [e["name"] for e in c["env"]])
sys.exit(0 if ok else 1)
PY
	check "daemonset: read-only root, no privilege escalation, ALL capabilities dropped but SYS_PTRACE, read-only hostPath mounts, the store URL from a Secret" $?
else
	echo "ok - $SUITE: daemonset: the expected securityContext # skip no python3-yaml"
fi
