#!/bin/sh
# `make install` into a staging directory, then what it installed: every manual page rendered by
# `man -l` without a warning and listing what --help lists, the completion scripts run by bash,
# zsh and fish, and the docker CLI plugin run through the real docker CLI (DOCKER_CONFIG a
# scratch directory) with the current context and `docker --context X`; then `make uninstall`.
# usage: tests/cli/install.sh path/to/bulwark
set -u
SUITE=install
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
BUILD=$(dirname "$BW")
S=$T/stage
all() { for x in "$@"; do [ "$x" = 0 ] || { echo 1; return; }; done; echo 0; }
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_CONFIG

make -s -C "$ROOT" BUILD="$BUILD" install DESTDIR="$S" PREFIX=/usr >out 2>err
check "make install DESTDIR PREFIX=/usr exits 0" $?
(cd "$S" && find . ! -type d | LC_ALL=C sort) >files
{ echo ./usr/bin/bulwark
  echo ./usr/lib/docker/cli-plugins/docker-bulwark
  echo ./usr/share/bash-completion/completions/bulwark
  echo ./usr/share/fish/vendor_completions.d/bulwark.fish
  for p in $("$BW" man); do echo "./usr/share/man/man1/$p.1"; done
  echo ./usr/share/zsh/vendor-completions/_bulwark; } | LC_ALL=C sort >want
check "installs the binary, a page per command, three completions and the plugin" \
	"$(cmp -s files want; echo $?)"
"$BW" man >pages
printf '%s\n' bulwark bulwark-lint bulwark-audit bulwark-image bulwark-vulns bulwark-sbom bulwark-verify \
	bulwark-secrets bulwark-rules bulwark-explain bulwark-version bulwark-authz bulwark-db \
	bulwark-store bulwark-report bulwark-watch bulwark-baseline bulwark-completion bulwark-help >want
check "the pages: bulwark and one per listed command" "$(cmp -s want pages; echo $?)"
check "the plugin is a relative symlink to the binary" \
	"$([ "$(readlink "$S/usr/lib/docker/cli-plugins/docker-bulwark")" = ../../../bin/bulwark ]; echo $?)"
check "the installed binary is the one built" "$(cmp -s "$BW" "$S/usr/bin/bulwark"; echo $?)"

# Manual pages. The warning check itself is checked first: a page with an unknown request warns.
M=$S/usr/share/man/man1
printf '.TH X 1\n.SH NAME\nx \\- y\n.BOGUS\n' >bad.1
w=$(MANWIDTH=80 man -l --warnings bad.1 2>&1 >/dev/null)
check "man -l --warnings reports a bad page (the check below can fail)" "$([ -n "$w" ]; echo $?)"
bad=""
for f in "$M"/*.1; do
	w=$(MANWIDTH=80 man -l --warnings "$f" 2>&1 >/dev/null)
	[ -z "$w" ] || bad="$bad $(basename "$f"): $w"
done
check "every page renders with man -l and no warning" "$([ -z "$bad" ]; echo $?)"
[ -z "$bad" ] || echo "  $bad" >&2
MANPATH=$S/usr/share/man MANWIDTH=80 man bulwark-lint >out 2>err </dev/null
check "man bulwark-lint finds the installed page" "$(head -1 out | grep -q '^BULWARK-LINT(1) .* BULWARK-LINT(1)$'; echo $?)"
check "its NAME is the command's summary" "$(has '^       bulwark-lint - check Dockerfiles and compose files')"
# Each page's options, in order, are exactly those of the command's --help.
optnames() { sed -n 's/^ *\(-., \)\{0,1\}--\([a-z-]*\).*/\2/p'; }
drift=""
for c in lint audit image vulns sbom verify secrets rules explain version db completion; do
	"$BW" "$c" --help | sed -n '/^options:/,/^$/p' | optnames >h
	MANWIDTH=200 man -l "$M/bulwark-$c.1" 2>/dev/null | sed -n '/^OPTIONS/,/^[A-Z]/p' | optnames >m
	cmp -s h m || drift="$drift $c"
	[ -s h ] || drift="$drift $c(empty)"
done
check "each command's page lists exactly the options its --help lists" "$([ -z "$drift" ]; echo $?)"
[ -z "$drift" ] || echo "  differ:$drift" >&2
"$BW" authz serve --help | sed -n '/^options:/,/^$/p' | optnames >h
MANWIDTH=200 man -l "$M/bulwark-authz.1" 2>/dev/null | sed -n '/authz serve/,/authz install/p' | optnames >m
check "bulwark-authz(1) lists authz serve's options" "$(cmp -s h m; echo $?)"
"$BW" rules --format json >out
python3 -c "import json; print('\n'.join(sorted(r['id'] for r in json.load(open('out')))))" >ids
MANWIDTH=200 man -l "$M/bulwark-rules.1" 2>/dev/null | sed -n '/^RULES/,/^EXIT/s/^       \(BW-[A-Z][0-9]*\) .*/\1/p' >m
check "bulwark-rules(1) lists every rule of bulwark rules, by id" "$([ -s ids ] && cmp -s ids m; echo $?)"
MANWIDTH=200 man -l "$M/bulwark.1" 2>/dev/null >out
check "bulwark(1) lists every command's page" "$(for c in lint audit image vulns sbom verify secrets \
	rules explain version authz db store report watch baseline completion help; do grep -q "^       bulwark-$c(1)$" out || exit 1; done; echo 0)"
check "bulwark(1) leaves out the hidden man command" "$(hasnt 'bulwark-man')"

# bash: the installed script sourced, completions asked for as readline would.
mkdir -p w/sub && : >w/Dockerfile && : >w/compose.yaml
cat >comp.bash <<'EOF'
source "$1"
cd w
c() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _bulwark; echo "$*|${COMPREPLY[*]}"; }
c bulwark li
c bulwark lint --fo
c bulwark lint --format ''
c bulwark lint --format = j
c bulwark audit --fail-on m
c bulwark audit --color a
c bulwark rules --format ''
c bulwark sbom --format ''
c bulwark explain DL300
c bulwark explain BW-D00
c bulwark explain DKL-DI-000
c bulwark lint --ignore DL300
c bulwark authz ''
c bulwark authz check --f
c bulwark authz check --format ''
c bulwark authz serve --t
c bulwark db --db x ''
c bulwark db import comp
c bulwark completion ''
c bulwark lint -f comp
c bulwark audit --root s
c bulwark help a
complete -p bulwark
EOF
timeout 20 bash --norc comp.bash "$S/usr/share/bash-completion/completions/bulwark" >out 2>err
cat >want <<'EOF'
bulwark li|lint
bulwark lint --fo|--format
bulwark lint --format |text json sarif html junit gitlab
bulwark lint --format = j|json junit
bulwark audit --fail-on m|medium
bulwark audit --color a|auto always
bulwark rules --format |text json markdown
bulwark sbom --format |cyclonedx spdx
bulwark explain DL300|DL3000 DL3001 DL3002 DL3003 DL3004 DL3006 DL3007 DL3008 DL3009
bulwark explain BW-D00|BW-D001 BW-D002 BW-D003 BW-D004 BW-D005 BW-D006 BW-D007 BW-D008 BW-D009
bulwark explain DKL-DI-000|DKL-DI-0001 DKL-DI-0002 DKL-DI-0003 DKL-DI-0004 DKL-DI-0005 DKL-DI-0006
bulwark lint --ignore DL300|DL3000 DL3001 DL3002 DL3003 DL3004 DL3006 DL3007 DL3008 DL3009
bulwark authz |check lint policy serve install
bulwark authz check --f|--format
bulwark authz check --format |text json
bulwark authz serve --t|--threads
bulwark db --db x |import update status
bulwark db import comp|compose.yaml
bulwark completion |bash zsh fish
bulwark lint -f comp|compose.yaml
bulwark audit --root s|sub
bulwark help a|audit authz
complete -F _bulwark bulwark
EOF
check "bash: subcommands, options, --format and --fail-on values, rule ids and aliases for explain and --ignore, files" \
	"$(cmp -s want out; echo $?)"
cmp -s want out || diff want out >&2
"$BW" rules --format json >out
python3 -c "
import json; ws = set()
for r in json.load(open('out')): ws.add(r['id']); ws.update(r.get('aliases') or [])
print(' '.join(sorted(ws)))" >want
printf 'source "%s"\necho "$_bulwark_rules"\n' "$S/usr/share/bash-completion/completions/bulwark" >r.bash
timeout 20 bash --norc r.bash >out 2>err
check "bash: the rule words are every rule id and alias of bulwark rules" "$(cmp -s want out; echo $?)"

# zsh: compadd and _files stand in for the completion system, which needs a terminal.
cat >comp.zsh <<'EOF'
compdef() { :; }
source "$1"
compadd() { [[ $1 == -- ]] && shift; print -r -- "$*"; }
_files() { print -r -- "(files $*)"; }
compset() { :; }
cd w
t() { words=("$@"); CURRENT=$#words; print -rn -- "$*|"; _bulwark; }
t bulwark ''
t bulwark lint --format ''
t bulwark lint --format=j
t bulwark authz check --format ''
t bulwark authz ''
t bulwark explain x
t bulwark lint ''
t bulwark audit --root ''
EOF
if command -v zsh >/dev/null; then
	zsh -n "$S/usr/share/zsh/vendor-completions/_bulwark"
	check "zsh: the script parses (zsh -n)" $?
	timeout 20 zsh -f comp.zsh "$S/usr/share/zsh/vendor-completions/_bulwark" >out 2>err
	{ echo "bulwark |lint audit image vulns sbom verify secrets rules explain version authz db store report watch baseline completion help"
	  echo "bulwark lint --format |text json sarif html junit gitlab"
	  echo "bulwark lint --format=j|text json sarif html junit gitlab"
	  echo "bulwark authz check --format |text json"
	  echo "bulwark authz |check lint policy serve install"
	  echo "bulwark explain x|$(cat want)"
	  echo "bulwark lint |(files )"
	  echo "bulwark audit --root |(files -/)"; } >zwant
	check "zsh: commands, subcommands, values, rule words, files" "$(cmp -s zwant out; echo $?)"
	cmp -s zwant out || diff zwant out >&2
else
	check "zsh is installed (scripts/install-deps)" 1
fi

# fish: complete -C asks for a command line's completions without a terminal.
if command -v fish >/dev/null; then
	F=$S/usr/share/fish/vendor_completions.d/bulwark.fish
	fish -n "$F"
	check "fish: the script parses (fish -n)" $?
	: >out
	for l in 'bulwark li' 'bulwark lint --fo' 'bulwark lint --format ' 'bulwark lint --format=j' \
		'bulwark explain DL300' 'bulwark authz ' 'bulwark authz check --' 'bulwark db ' \
		'bulwark completion ' 'bulwark lint -f comp'; do
		echo "$l|$(cd w && timeout 20 fish -N -c "source '$F'; complete -C '$l'" 2>>../err |
			cut -f1 | tr '\n' ' ')" >>out
	done
	cat >fwant <<'EOF'
bulwark li|lint 
bulwark lint --fo|--format 
bulwark lint --format |gitlab html json junit sarif text 
bulwark lint --format=j|--format=json --format=junit 
bulwark explain DL300|DL3000 DL3001 DL3002 DL3003 DL3004 DL3006 DL3007 DL3008 DL3009 
bulwark authz |check install lint policy serve 
bulwark authz check --|--format --help --policy 
bulwark db |import status update 
bulwark completion |bash fish zsh 
bulwark lint -f comp|compose.yaml 
EOF
	check "fish: commands, options, values, rule words, subcommands, files" "$(cmp -s fwant out; echo $?)"
	cmp -s fwant out || diff fwant out >&2
else
	check "fish is installed (scripts/install-deps)" 1
fi

run completion tcsh
check "completion of an unknown shell: exit 2 and the shells named" "$(all $(rc_is 2) $(err_is \
	"bulwark: unknown shell (bash, zsh, fish): tcsh" "usage: bulwark completion bash|zsh|fish"))"
run help
check "help lists completion and not the hidden man" "$(all $(has '^  completion ') $(hasnt '^  man '))"

# The docker CLI plugin, through the real docker CLI; the engines are sockets that do not exist,
# whose names the "cannot connect" message then shows.
P=$S/usr/lib/docker/cli-plugins/docker-bulwark
"$P" docker-cli-plugin-metadata >out 2>err
check "metadata: the JSON the docker CLI expects" "$(py "d['SchemaVersion'] == '0.1.0' and \
d['Vendor'] == 'bulwark' and d['Version'] == '$("$BW" version | cut -d' ' -f2)' and \
d['ShortDescription'].startswith('Audit Docker')")"
export DOCKER_CONFIG=$T/dc
mkdir -p "$DOCKER_CONFIG/cli-plugins"
ln -s "$P" "$DOCKER_CONFIG/cli-plugins/docker-bulwark"
if command -v docker >/dev/null; then
	docker bulwark version >out 2>err </dev/null; rc=$?
	check "docker bulwark version" "$(all $(rc_is 0) $("$BW" version | cmp -s - out; echo $?))"
	docker help >out 2>err </dev/null
	check "docker help lists the plugin" "$(has '^  bulwark\*\{0,1\} *Audit Docker hosts')"
	# `docker bulwark <TAB>`: the CLI asks the plugin (cobra's __complete protocol).
	dc() { echo "$*|$(docker __complete bulwark "$@" 2>/dev/null </dev/null | tr '\n' ' ')"; }
	{ dc li; dc ''; dc lint --format ''; dc lint --format=j; dc explain DL300; dc authz ''
	  dc authz check --f; dc db --db x ''; dc lint ''; dc audit --root ''; } >out
	cat >want <<'EOF'
li|lint :4 
|lint audit image vulns sbom verify secrets rules explain version authz db store report watch baseline completion help :4 
lint --format |text json sarif html junit gitlab :4 
lint --format=j|--format=json --format=junit :4 
explain DL300|DL3000 DL3001 DL3002 DL3003 DL3004 DL3006 DL3007 DL3008 DL3009 :4 
authz |check lint policy serve install :4 
authz check --f|--format :4 
db --db x |import update status :4 
lint |:0 
audit --root |:16 
EOF
	check "docker __complete bulwark: commands, values, rule words, subcommands, files" \
		"$(cmp -s want out; echo $?)"
	cmp -s want out || diff want out >&2
	printf 'FROM busybox\nUSER root\n' >Dockerfile
	docker bulwark lint --format json Dockerfile >out 2>err </dev/null; rc=$?
	check "docker bulwark lint runs bulwark lint" \
		"$(all $(rc_is 1) $(py "any(f['rule'] == 'BW-D004' for f in d['findings'])"))"
	for c in a b; do
		docker context create "ctx$c" --docker "host=unix://$T/$c.sock" >/dev/null 2>&1 </dev/null
	done
	docker context use ctxb >/dev/null 2>&1 </dev/null
	cant() { echo "bulwark: busybox:x: cannot connect to unix://$T/$1.sock: No such file or directory"; }
	docker bulwark sbom busybox:x >out 2>err </dev/null; rc=$?
	check "docker bulwark: the current context's engine" "$(all $(rc_is 2) $(err_is "$(cant b)"))"
	docker --context ctxa bulwark sbom busybox:x >out 2>err </dev/null; rc=$?
	check "docker --context X bulwark: X's engine" "$(all $(rc_is 2) $(err_is "$(cant a)"))"
	DOCKER_HOST=unix://$T/env.sock docker --context ctxa bulwark sbom busybox:x >out 2>err </dev/null; rc=$?
	check "docker --context X bulwark: X over DOCKER_HOST" "$(all $(rc_is 2) $(err_is "$(cant a)"))"
	DOCKER_CONTEXT=ctxa docker bulwark sbom busybox:x >out 2>err </dev/null; rc=$?
	check "docker bulwark: DOCKER_CONTEXT over the current context" "$(all $(rc_is 2) $(err_is "$(cant a)"))"
	docker -H "unix://$T/h.sock" bulwark sbom busybox:x >out 2>err </dev/null; rc=$?
	check "docker -H URL bulwark: that engine" "$(all $(rc_is 2) $(err_is "$(cant h)"))"
	docker --context ctxb bulwark sbom --context ctxa busybox:x >out 2>err </dev/null; rc=$?
	check "bulwark's own --context over docker's" "$(all $(rc_is 2) $(err_is "$(cant a)"))"
	(unset DOCKER_CONFIG; docker --config "$T/dc" bulwark sbom busybox:x >out 2>err </dev/null); rc=$?
	check "docker --config DIR bulwark: DIR's current context" "$(all $(rc_is 2) $(err_is "$(cant b)"))"
	unset DOCKER_CONFIG
else
	check "the docker CLI is installed (scripts/install-deps)" 1
fi
DOCKER_CONFIG=$T/dc "$P" --frobnicate bulwark version >out 2>err; rc=$?
check "plugin: an unknown docker option before the plugin's name is refused" \
	"$(all $(rc_is 2) $(err_is "bulwark: unknown docker option before 'bulwark': --frobnicate"))"
"$P" --context=ctxa --tlscacert x.pem bulwark version >out 2>err; rc=$?
check "plugin: docker's --tlscacert is refused with what to do instead" "$(all $(rc_is 2) $(err_is \
	"bulwark: docker's --tlscacert is not read by the plugin: set DOCKER_CERT_PATH to the directory of ca.pem, cert.pem and key.pem"))"

make -s -C "$ROOT" BUILD="$BUILD" uninstall DESTDIR="$S" PREFIX=/usr >out 2>err
check "make uninstall exits 0" $?
check "make uninstall removes every file install made" "$(find "$S" ! -type d | grep -q .; [ $? = 1 ]; echo $?)"
