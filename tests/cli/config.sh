#!/bin/sh
# End-to-end tests of .bulwark.yaml: every problem reported at once as FILE:LINE, unknown keys,
# peers' ids, and docs/config.md against the keys the loader accepts.
# usage: tests/cli/config.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=config
. "$(dirname "$0")/lib.sh"

mkdir -p p/sub
printf 'FROM debian:12\nUSER app\nRUN apt-get install -y --no-install-recommends curl\nHEALTHCHECK CMD true\n' \
	>p/Dockerfile

printf 'fail_on: low\n' >p/.bulwark.yaml
( cd p/sub && "$BW" lint --format json ../Dockerfile >../../out 2>../../err ); rc=$?
check "fail_on: exit 2, the nearest key suggested, the file relative to the current directory" \
	$( [ "$rc" = 2 ] && [ "$(err_is 'bulwark: ../.bulwark.yaml:1: unknown key fail_on (did you mean fail-on?)')" = 0 ]; echo $?)

# Found upward: its warnings name it relative to the current directory, and its path globs
# match a finding reached through "..".
printf 'ignore:\n  - rule: BW-D034\n    paths: [Dockerfile]\n  - rule: BW-D003\n    expires: 2001-01-01\n' \
	>p/.bulwark.yaml
( cd p/sub && "$BW" lint --format json ../Dockerfile >../../out 2>../../err ); rc=$?
check "a warning names the config found upward relative to the current directory" \
	$( [ "$rc" = 0 ] && [ "$(err_is 'bulwark: warning: ../.bulwark.yaml:4: suppression of BW-D003 expired on 2001-01-01 and no longer applies')" = 0 ]; echo $?)
check "a path glob matches a finding named through .." \
	$(py '[s["rule"] for s in d["suppressed"]]==["BW-D034"]')

printf 'ignore:\n  - BW-X999\n' >bad-rule.yaml
run lint --config bad-rule.yaml p/Dockerfile
check "an unknown rule id: exit 2 at its line" \
	$( [ "$rc" = 2 ] && [ "$(err_is "bulwark: bad-rule.yaml:2: ignore: unknown rule BW-X999 (see 'bulwark rules')")" = 0 ]; echo $?)

printf 'fail-on: severe\nignore:\n  - rule: BW-D034\n    reasn: pinned upstream\n  - {paths: "*"}\nfail_on: low\n' >three.yaml
run lint --config three.yaml p/Dockerfile
check "three problems reported together, in line order, each with file:line" \
	$( [ "$rc" = 2 ] && [ "$(err_is \
	'bulwark: three.yaml:1: fail-on: expected critical, high, medium, low, info or none' \
	'bulwark: three.yaml:4: ignore: unknown key reasn (did you mean reason?)' \
	'bulwark: three.yaml:5: ignore: each entry needs a rule id' \
	'bulwark: three.yaml:6: unknown key fail_on (did you mean fail-on?)')" = 0 ]; echo $?)

# DL3059 is hadolint's, for a check bulwark does not make: accepted with a warning. DL3008 is
# hadolint's id for BW-D034: it suppresses that rule.
printf 'ignore:\n  - DL3059\n  - DL3008\n' >alias.yaml
run lint --format json --config alias.yaml p/Dockerfile
check "DL3059 accepted with a warning at its line" \
	$( [ "$rc" = 0 ] && [ "$(err_is "bulwark: warning: alias.yaml:2: ignore: DL3059 is hadolint's id for a check bulwark does not adopt ('bulwark explain DL3059' says why); it changes nothing")" = 0 ]; echo $?)
check "DL3008 suppresses BW-D034, the rule it aliases" \
	$(py '[s["rule"] for s in d["suppressed"]]==["BW-D034"] and not any(f["rule"]=="BW-D034" for f in d["findings"])')
run lint --format json --no-config p/Dockerfile
check "without the config BW-D034 fires (the suppression above is the config's doing)" \
	$(py 'any(f["rule"]=="BW-D034" for f in d["findings"])')

# A CIS number, as docker-bench-security names its checks, names every rule of it.
printf 'FROM alpine:3.20\nHEALTHCHECK CMD true\n' >p/root.Dockerfile
printf 'services:\n  web:\n    image: nginx:1.27\n    user: root\n' >p/compose.yaml
printf 'ignore:\n  - rule: "4.1"\n    reason: runs as root on purpose\n' >cis.yaml
run lint --format json --config cis.yaml p/root.Dockerfile p/compose.yaml
check "a CIS number in ignore suppresses every rule of it (BW-D004 and BW-C019)" \
	$(py 'sorted({s["rule"] for s in d["suppressed"]})==["BW-C019","BW-D004"]')
printf 'FROM alpine:3.20\n# bulwark:ignore=4.1\nUSER root\nHEALTHCHECK CMD true\n' >p/inline.Dockerfile
run lint --format json --no-config p/inline.Dockerfile
check "a CIS number in an inline pragma" $(py '[s["rule"] for s in d["suppressed"]]==["BW-D004"]')
run explain 4.1
check "explain of a CIS number shows every rule of it" \
	$( [ "$rc" = 0 ] && grep -q '^BW-C019 ' out && grep -q '^BW-D004 ' out; echo $?)

printf '# nothing to configure yet\n' >empty.yaml
run lint --format json --config empty.yaml p/Dockerfile
check "a config of comments only is an empty config" $( [ "$rc" = 0 ] && [ ! -s err ]; echo $?)

# The README's example and docs/config.md's are real configs.
yaml_block() { # FILE HEADING: the first ```yaml block after the heading
	python3 - "$1" "$2" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = text[text.index(sys.argv[2]):]
print(re.search(r"```yaml\n(.*?)```", text, re.S).group(1), end="")
PY
}
yaml_block "$ROOT/README.md" "## Suppressing findings" >readme.yaml
run lint --format json --config readme.yaml p/Dockerfile
check "the README's .bulwark.yaml example loads without a word" \
	$( [ "$rc" = 0 ] && [ -s readme.yaml ] && [ ! -s err ] && grep -q DL3008 readme.yaml; echo $?)
yaml_block "$ROOT/docs/config.md" "## Example" >doc.yaml
run lint --format json --config doc.yaml p/Dockerfile
check "docs/config.md's example loads without a word" \
	$( [ "$rc" = 0 ] && [ -s doc.yaml ] && [ ! -s err ]; echo $?)

# trusted-registries is read before linting: it reaches BW-D068 whether the config is named or
# found upward, and --no-config or an invalid list leaves the rule silent.
mkdir -p reg/sub
printf 'FROM quay.io/acme/base:1\nFROM registry.example.com/app:2\nUSER app\n' >reg/Dockerfile
printf 'trusted-registries: registry.example.com\n' >reg/.bulwark.yaml
run lint --format json --config reg/.bulwark.yaml reg/Dockerfile
check "trusted-registries from --config: the other registry's FROM is BW-D068" \
	$(py '[(f["rule"], f["location"]["line"]) for f in d["findings"] if f["rule"]=="BW-D068"]==[("BW-D068", 1)]')
( cd reg/sub && "$BW" lint --format json ../Dockerfile >../../out 2>../../err ); rc=$?
check "trusted-registries from the config found upward" \
	$(py '[f["location"]["line"] for f in d["findings"] if f["rule"]=="BW-D068"]==[1]')
( cd reg/sub && "$BW" lint --no-config --format json ../Dockerfile >../../out 2>../../err ); rc=$?
check "--no-config: no trusted registries, no BW-D068" \
	$(py 'not any(f["rule"]=="BW-D068" for f in d["findings"])')
printf 'trusted-registries:\n  - quay.io/acme\n  - [x]\n' >badreg.yaml
run lint --config badreg.yaml reg/Dockerfile
check "a registry with a path, or not a scalar: exit 2, each at its line" \
	$( [ "$rc" = 2 ] && [ "$(err_is 'bulwark: badreg.yaml:2: trusted-registries: expected a registry such as registry.example.com:5000 (a * at either end matches any part)' 'bulwark: badreg.yaml:3: trusted-registries: expected a registry such as registry.example.com:5000 (a * at either end matches any part)')" = 0 ]; echo $?)

# docs/config.md lists exactly the keys src/pipeline/config.c accepts.
python3 - "$ROOT/src/pipeline/config.c" "$ROOT/docs/config.md" >keys.out 2>&1 <<'PY'
import re, sys
src = open(sys.argv[1]).read()
def arr(name):
    m = re.search(r"\b" + name + r"\[\]\s*=\s*\{([^}]*)\}", src)
    return re.findall(r'"([^"]+)"', m.group(1))
code = set(arr("top_keys")) | {"ignore[]." + k for k in arr("ignore_keys")}
doc = open(sys.argv[2]).read()
table = doc[doc.index("<!-- keys:begin -->"):doc.index("<!-- keys:end -->")]
documented = set(re.findall(r"^\| `([^`]+)` \|", table, re.M))
if len(code) < 7 or code != documented:
    print("config.c:", sorted(code), "docs:", sorted(documented))
    sys.exit(1)
PY
check "docs/config.md lists exactly the keys config.c accepts" $(cp keys.out err; [ ! -s keys.out ]; echo $?)

# Every form of a peer's id, in explain, in the config's ignore list and in a pragma: hadolint's
# DL, Trivy's DS001 / DS-0001 / AVD-DS-0001, Dockle's CIS-DI and DKL ids, CIS numbers of both
# editions. Each line: the id, then the rules it names (explain) and, of those the Dockerfile
# below fires, the ones it suppresses.
printf 'FROM debian\nRUN sudo apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nHEALTHCHECK CMD true\n' \
	>p/peers.Dockerfile
while read -r id rules fired; do
	run explain "$id"
	if [ "${rules#*,}" = "$rules" ]; then
		want=$("$BW" explain "$rules")
	else
		want=$(printf '%s names %s rules: %s\n\n' "$id" "$(echo "$rules" | tr ',' '\n' | wc -l)" \
			"$(echo "$rules" | sed 's/,/, /g')"; for r in $(echo "$rules" | tr ',' ' '); do
			[ "$r" = "${rules%%,*}" ] || echo; "$BW" explain "$r"; done)
	fi
	check "explain $id is exactly the explanation of $rules" \
		$( [ "$rc" = 0 ] && [ "$(cat out)" = "$want" ]; echo $?)
	[ "$fired" = - ] && continue
	printf 'ignore:\n  - "%s"\n' "$id" >peer.yaml
	run lint --format json --config peer.yaml p/peers.Dockerfile
	check "config ignore $id suppresses exactly $fired, without a warning" \
		$( [ ! -s err ] && [ "$(py "','.join(sorted(s['rule'] for s in d['suppressed']))=='$fired'")" = 0 ]; echo $?)
	{ printf '# bulwark:ignore=%s\n' "$id"; head -1 p/peers.Dockerfile
	  printf '# hadolint ignore=%s\n' "$id"; tail -n +2 p/peers.Dockerfile; } >p/pragma.Dockerfile
	run lint --format json --no-config p/pragma.Dockerfile
	check "pragma ignore=$id suppresses exactly $fired" \
		$( [ ! -s err ] && [ "$(py "','.join(sorted(s['rule'] for s in d['suppressed']))=='$fired'")" = 0 ]; echo $?)
done <<'IDS'
DL3008 BW-D034 BW-D034
dl3006 BW-D001 BW-D001
DS001 BW-D001,BW-D002 BW-D001
DS-0001 BW-D001,BW-D002 BW-D001
AVD-DS-0001 BW-D001,BW-D002 BW-D001
avd-ds-0010 BW-D041 BW-D041
CIS-DI-0001 BW-D004 BW-D004
DKL-DI-0001 BW-D041 BW-D041
CIS-DI-0005 BW-E020 -
4.1 BW-C019,BW-D004,BW-I001 BW-D004
5.5 BW-C001 -
2.8 BW-E009 -
2.19 BW-E019 -
IDS

# A peer's check bulwark does not adopt: explain gives the reason; a pragma naming it is inert.
run explain dkl-li-0003
check "explain of a check not adopted prints its tool, title and the reason" \
	$( [ "$rc" = 0 ] && [ "$(sed -n '1,3p' out)" = "$(printf 'DKL-LI-0003  Dockle: Only put necessary files\n\nNot adopted by bulwark:')" ] && \
	   grep -q '^  Dockle lists caches and editor files' out; echo $?)

# In a Dockerfile a pragma at the end of an instruction is BW-D058 and suppresses nothing;
# hadolint's global pragma covers the whole file.
printf 'FROM alpine:latest  # bulwark:ignore=BW-D002\nUSER app\nHEALTHCHECK CMD true\nRUN apt-get install -y --no-install-recommends curl\n# hadolint global ignore=DL3008\n' \
	>p/eol.Dockerfile
run lint --no-config --fail-on low p/eol.Dockerfile
check "an end-of-line pragma is reported and suppresses nothing; a global pragma suppresses" \
	$( [ "$rc" = 1 ] && [ "$(grep -E 'BW-D0(02|34|58)' out)" = "$(printf '%s\n' \
	'  p/eol.Dockerfile:1  medium  BW-D002  FROM alpine:latest uses the latest tag [alpine:latest]' \
	'  p/eol.Dockerfile:1  low  BW-D058  pragma at the end of FROM is part of the instruction, not a comment: it suppresses nothing [# bulwark:ignore=BW-D002]')" ] && \
	   grep -q ', 1 suppressed,' out; echo $?)

# --ignore: ids, aliases and CIS numbers, repeated or comma-separated; source "option"
printf 'FROM alpine:3.20\nRUN apk add curl\n' >p/ig.Dockerfile
run lint --no-config --format json --ignore DL3018,BW-D003 --ignore 4.6 p/ig.Dockerfile
check "--ignore suppresses what its ids name, each with source option and reason --ignore" \
	$( [ "$rc" = 1 ] && [ "$(py 'sorted((s["rule"], s["suppression"]["source"], s["suppression"]["reason"]) for s in d["suppressed"]) == [("BW-D003", "option", "--ignore"), ("BW-D005", "option", "--ignore"), ("BW-D035", "option", "--ignore")] and sorted(f["rule"] for f in d["findings"]) == ["BW-D004", "BW-D036"]')" = 0 ]; echo $?)
run lint --no-config --ignore BW-D004,NOPE1 p/ig.Dockerfile
check "--ignore with an unknown id: exit 2, one line naming it" \
	$( [ "$rc" = 2 ] && [ "$(head -1 err)" = "bulwark: unknown rule in --ignore (see 'bulwark rules'): BW-D004,NOPE1" ]; echo $?)
