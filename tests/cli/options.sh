#!/bin/sh
# The command line's options, for every subcommand (authz's too): --help and -h answer on stdout
# with exit 0; each option the help lists is accepted and every other known option refused;
# unknown options and missing values exit 2 with the usage line; --fail-on none; conflicts.
# usage: tests/cli/options.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
SUITE=options
. "$(dirname "$0")/lib.sh"

# Every subcommand, from the help's own lists; each one's options, from its --help.
python3 - "$BW" <<'PY'
import re, subprocess, sys
bw = sys.argv[1]
def run(*args):
    try:
        p = subprocess.run([bw, *args], capture_output=True, text=True, timeout=20,
                           stdin=subprocess.DEVNULL)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return -1, "", "timed out"
def report(name, ok, detail=""):
    print(("ok - options: " if ok else "not ok - options: ") + name)
    if not ok and detail:
        print("  " + detail.replace("\n", "\n  ")[:1500], file=sys.stderr)

rc, top, _ = run("help")
cmds = re.findall(r"^  (\w+) ", top[top.index("commands:"):], re.M)
rc, az, _ = run("authz", "--help")
subs = re.findall(r"^  bulwark authz (\w+)", az, re.M)
report("help lists the commands and authz --help its subcommands (exit 0)",
       rc == 0 and {"lint", "audit", "image", "secrets", "authz", "help"} <= set(cmds)
       and {"check", "lint", "policy", "serve", "install"} <= set(subs), top + az)
leaves = [[c] for c in cmds if c != "authz"] + [["authz", s] for s in subs]

# An option line: "  -f, --file FILE   text" or "      --no-config   text".
OPT = re.compile(r"^  (?:-(\w), |    )--([\w-]+)(?: ([A-Z]+))?(?:\s|$)", re.M)
SAMPLE = {"FMT": "json", "SBOM": "spdx", "SEV": "high", "RULE": "BW-D001", "WHEN": "never", "SECONDS": "5", "N": "4", "DAYS": "7", "PARTS": "host", "DATE": "2026-01-01"}
helps = {}
for cmd in leaves:
    name = " ".join(cmd)
    rc, out, err = run(*cmd, "--help")
    rc2, out2, err2 = run(*cmd, "-h")
    opts = OPT.findall(out[out.find("options:"):]) if "options:" in out else []
    helps[name] = (out, opts)
    report(f"{name} --help and -h: exit 0, usage on stdout, nothing on stderr, the same text",
           rc == 0 and rc2 == 0 and out.startswith("usage: bulwark " + name) and out == out2
           and not err and not err2 and ("h", "help", "") in opts, f"rc={rc},{rc2} err={err}{err2} out={out}")
    rc, hout, _ = run("help", *cmd)
    report(f"bulwark help {name} is {name} --help", rc == 0 and hout == out, hout)

known = {(o[1], o[2]) for _, opts in helps.values() for o in opts}
for name, (out, opts) in helps.items():
    cmd = name.split()
    usage = out.splitlines()[0]
    listed = {o[1] for o in opts}
    bad = []
    for short, long, arg in opts:
        if long == "help":
            continue
        val = [SAMPLE.get(arg, "x")] if arg else []
        for form in ["--" + long] + (["-" + short] if short else []):
            rc, o, e = run(*cmd, form, *val, "--help")
            if rc != 0 or not o.startswith("usage: bulwark " + name):
                bad.append(f"{form} {val}: rc={rc} {e.strip()}")
            if arg:
                rc, o, e = run(*cmd, form)
                if rc != 2 or e != f"bulwark: option needs a value: {form}\n{usage}\n":
                    bad.append(f"{form} without its value: rc={rc} {e.strip()}")
    report(f"{name}: every option its help lists is accepted; a missing value exits 2",
           not bad, "\n".join(bad))
    bad = []
    for long, arg in sorted(known):
        if long in listed:
            continue
        val = [SAMPLE.get(arg, "x")] if arg else []
        rc, o, e = run(*cmd, "--" + long, *val, "--help")
        if rc != 2 or not e.endswith("\n" + usage + "\n") or o:
            bad.append(f"--{long}: rc={rc} {e.strip()}")
    report(f"{name}: options its help does not list are refused (exit 2, usage line)",
           not bad, "\n".join(bad))
    rc, o, e = run(*cmd, "--bogus-option")
    report(f"{name}: an unknown option exits 2 with the usage line",
           rc == 2 and e == f"bulwark: unknown option: --bogus-option\n{usage}\n" and not o, e)
PY

printf 'FROM alpine:3.20\n' >root.Dockerfile
run lint --no-config --format json root.Dockerfile
check "a high finding fails the run by default" $( [ "$rc" = 1 ]; echo $?)
run lint --no-config --fail-on none --format json root.Dockerfile
check "--fail-on none: exit 0 with a high finding; the summary says none" \
	$( [ "$rc" = 0 ] && [ "$(py 'd["summary"]["fail_on"]=="none" and d["summary"]["failed"] is False and any(f["severity"]=="high" for f in d["findings"])')" = 0 ]; echo $?)
run lint --no-config --fail-on none root.Dockerfile missing.Dockerfile
check "--fail-on none: an input error still exits 2" $( [ "$rc" = 2 ]; echo $?)
printf 'fail-on: none\n' >none.yaml
run lint --config none.yaml root.Dockerfile
check "fail-on: none in the config" $( [ "$rc" = 0 ]; echo $?)
run lint --no-config --fail-on nothing root.Dockerfile
check "--fail-on with an unknown value names the choices" \
	$( [ "$rc" = 2 ] && grep -qx 'bulwark: unknown severity (critical, high, medium, low, info, none): nothing' err; echo $?)

run lint --config none.yaml --no-config root.Dockerfile
check "--config with --no-config is a usage error" \
	$( [ "$rc" = 2 ] && [ ! -s out ] && [ "$(err_is 'bulwark: --config and --no-config contradict each other' \
	"usage: bulwark lint [options] [PATH...] [-f compose.yaml [-f override.yaml]]")" = 0 ]; echo $?)

run image
check "image with no argument is a usage error with the usage line" \
	$( [ "$rc" = 2 ] && [ ! -s out ] && [ "$(err_is 'bulwark: image needs at least one REF' \
	'usage: bulwark image [options] REF...   (REF: docker-archive:PATH, docker-archive:- for stdin, oci:DIR[:TAG], docker://REGISTRY/NAME[:TAG|@DIGEST], or an image the engine has)')" = 0 ]; echo $?)
run image -f compose.yaml docker-archive:none.tar
check "image refuses -f, which its help does not offer" \
	$( [ "$rc" = 2 ] && grep -qx 'bulwark: -f is an option of lint and audit, not of image' err; echo $?)

"$BW" >out 2>err </dev/null; rc=$?
check "bulwark with no command: exit 2, the command list on stderr" \
	$( [ "$rc" = 2 ] && [ ! -s out ] && head -1 err | grep -qx 'usage: bulwark COMMAND \[options\]' && grep -q '^  lint ' err; echo $?)
run help nosuch
check "help of an unknown command exits 2" \
	$( [ "$rc" = 2 ] && [ "$(err_is "bulwark: unknown command 'nosuch' (see 'bulwark help')")" = 0 ]; echo $?)
run authz
check "authz with no subcommand: exit 2, the subcommands on stderr" \
	$( [ "$rc" = 2 ] && [ ! -s out ] && grep -q '^  bulwark authz check ' err; echo $?)
run authz frob
check "authz with an unknown subcommand exits 2" \
	$( [ "$rc" = 2 ] && head -1 err | grep -qx 'bulwark: unknown authz command: frob'; echo $?)
run version extra
check "version takes no argument" $( [ "$rc" = 2 ] && grep -qx 'bulwark: unexpected argument: extra' err; echo $?)
run authz policy
check "authz policy without --default is a usage error" $( [ "$rc" = 2 ] && [ ! -s out ]; echo $?)
run authz serve --threads 0 --help
check "authz serve --threads takes a positive number" \
	$( [ "$rc" = 2 ] && grep -qx 'bulwark: --threads takes a number from 1 to 1024: 0' err; echo $?)
run lint --cache=layers.db .
check "an option of other commands, as --name=value: named without its value" \
	$( [ "$rc" = 2 ] && head -1 err | grep -qx 'bulwark: --cache is an option of audit, image and vulns, not of lint'; echo $?)
