#!/bin/sh
# Patches on the host: pending updates computed offline from a dpkg status and apt lists, with
# apt itself as the oracle (apt-get -s upgrade over the same fake root, on generated versions:
# epochs, revisions, ~ and +, other architectures); the exact findings on the fixture host
# trees; a large package list streamed with an over-long line; unattended-upgrades, reboot and
# the engine's end of life through the CLI.
# usage: tests/cli/host_patch.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SUITE=host-patch
. "$(dirname "$0")/lib.sh"
GEN=$TOP/tests/cli/host_patch_gen.py
FIX=$TOP/tests/fixtures

# audit ROOT: the audit of a host tree, the engine replayed from a minimal recording, JSON in
# out.
mkdir rec
cp "$FIX/BW-E001/fires/engine/info.json" "$FIX/BW-E001/fires/engine/version.json" rec/
audit() {
	"$BW" audit --no-config --root "$1" --replay "$T/rec" --format json >out 2>>err </dev/null
	rc=$?
}
# evidence RULE: the evidence of RULE's finding in out ("" when none).
evidence() {
	python3 -c "
import json,sys
d=json.load(open('out'))
print(''.join(f.get('evidence') or '' for f in d['findings'] if f['rule']==sys.argv[1]))" "$1"
}
message() {
	python3 -c "
import json,sys
d=json.load(open('out'))
print('|'.join(f['message'] for f in d['findings'] if f['rule']==sys.argv[1]))" "$1"
}

# 1. apt as the oracle: every generated root, the upgrades apt would make (name, candidate,
#    security or not) against the ones bulwark reports.
if ! command -v apt-get >/dev/null 2>&1; then
	check "apt-get is installed" 1
else
	seeds=${PATCH_SEEDS:-25}
	python3 "$GEN" "$T/r" "$seeds" 60 7
	: >apt.all
	i=0
	while [ $i -lt "$seeds" ]; do   # bounded: $seeds hosts of 60 packages
		i=$((i + 1))
		R=$T/r$i
		mkdir -p "$R/cache" "$R/log" "$R/etc/apt/apt.conf.d" "$R/etc/apt/preferences.d" \
			"$R/etc/apt/sources.list.d" "$R/var/lib/dpkg/updates"
		apt-get -s -o Dir="$R" -o Dir::State::status="$R/var/lib/dpkg/status" \
			-o Dir::Cache="$R/cache" -o Dir::Etc="$R/etc/apt" -o Dir::Log="$R/log" \
			-o APT::Architecture=amd64 -o APT::Architectures::=amd64 \
			-o Debug::NoLocking=1 upgrade 2>>err </dev/null |
			awk -v s=$i '$1 == "Inst" {
				sec = index($0, "-security") ? "S" : "-"
				sub(/^\(/, "", $4)
				print s, $2, $4, sec }' >>apt.all
		audit "$R"
		mv out "out.$i"
	done
	# bulwark's: "name installed -> candidate (suite)" entries of BW-H045 (S) and BW-H046 (-)
	python3 - "$seeds" >us.all <<'PY'
import json, sys
for i in range(1, int(sys.argv[1]) + 1):
    for f in json.load(open("out.%d" % i))["findings"]:
        sec = {"BW-H045": "S", "BW-H046": "-"}.get(f["rule"])
        for e in (f["evidence"] or "").split(", ") if sec else ():
            w = e.split()
            print(i, w[0], w[3], sec)
PY
	sort apt.all >apt.s; sort us.all >us.s
	n=$(wc -l <apt.s)
	if [ "$n" -ge 300 ] && cmp -s apt.s us.s; then
		check "pending updates and their pockets agree with apt-get -s upgrade ($n upgrades, $seeds hosts)" 0
	else
		diff apt.s us.s | head -10 >&2
		check "pending updates and their pockets agree with apt-get -s upgrade ($n upgrades, $seeds hosts)" 1
	fi
fi

# 2. The fixture host: one security update, one other; backports (NotAutomatic), another
#    architecture, a deinstalled package and equal versions are not updates.
audit "$FIX/BW-H045/fires-security/root"
check "security update listed with its pocket" \
	"$([ "$(message BW-H045)" = "1 security update pending against the package lists in /var/lib/apt/lists: openssl 3.0.11-1~deb12u2 -> 3.0.15-1~deb12u1 (stable-security)" ]; echo $?)"
check "other update listed, backports and arm64 left out" \
	"$([ "$(evidence BW-H046)" = "tzdata 2024a-0+deb12u1 -> 2024b-0+deb12u1 (stable-updates)" ]; echo $?)"
audit "$FIX/BW-H045/passes-none-pending/root"
check "no update pending: no finding" \
	"$([ -z "$(message BW-H045)$(message BW-H046)" ]; echo $?)"

# 3. A list of tens of megabytes is streamed: the installed package in its middle is found,
#    after a line longer than the line limit, with bounded memory.
R=$T/big
mkdir -p "$R/var/lib/dpkg" "$R/var/lib/apt/lists"
printf 'Package: needle\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0-1\n\n' \
	>"$R/var/lib/dpkg/status"
printf 'Suite: bookworm-security\n' >"$R/var/lib/apt/lists/x_dists_bookworm-security_Release"
python3 - "$R/var/lib/apt/lists/x_dists_bookworm-security_main_binary-amd64_Packages" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(120000):
        if i == 60000:
            f.write("Package: needle\nDescription: " + "x" * 200000 + "\nArchitecture: amd64\nVersion: 1.0-2\n\n")
        f.write("Package: p%d\nArchitecture: amd64\nVersion: 1.%d-1\nDescription: filler\n %s\n\n" % (i, i, "y" * 200))
PY
size=$(wc -c <"$R/var/lib/apt/lists/x_dists_bookworm-security_main_binary-amd64_Packages")
# rss ROOT: the audit's peak resident memory in KiB (0 without /usr/bin/time), JSON in out.
rss() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o rss "$BW" audit --no-config --root "$1" --replay "$T/rec" \
			--format json >out 2>>err </dev/null
		tail -1 rss
	else
		audit "$1"; echo 0
	fi
}
mkdir -p "$T/tiny/var/lib/dpkg"
cp "$R/var/lib/dpkg/status" "$T/tiny/var/lib/dpkg/status"
base=$(rss "$T/tiny")
big=$(rss "$R")
check "a ${size}-byte list streamed: the update after an over-long line is found" \
	"$([ "$(evidence BW-H045)" = "needle 1.0-1 -> 1.0-2 (bookworm-security)" ] && [ "$size" -gt 30000000 ]; echo $?)"
check "memory stays bounded while streaming (max RSS ${big} KiB, ${base} KiB without the list)" \
	"$([ "$big" -lt $((base + 16384)) ]; echo $?)"

# 4. The other rules through the CLI, with their exact messages.
audit "$FIX/BW-H049/fires-overridden/root"
check "unattended-upgrades turned off by a later drop-in, in a scope" \
	"$([ "$(message BW-H049)" = 'unattended-upgrades is installed but disabled: APT::Periodic::Unattended-Upgrade is "0"' ] && has '"path": "/etc/apt/apt.conf.d/99local"' >/dev/null; echo $?)"
audit "$FIX/BW-H047/fires/root"
check "reboot flag with the packages that asked, once each" \
	"$([ "$(message BW-H047)" = "A reboot is required (/var/run/reboot-required exists), asked for by: linux-image-6.1.0-21-amd64, libc6" ]; echo $?)"
audit "$FIX/BW-H048/fires-dpkg-numeric/root"
check "kernel 5.15.0-100 is newer than 5.15.0-91 (numeric, not text, order)" \
	"$([ "$(evidence BW-H048)" = "5.15.0-100-generic" ]; echo $?)"
audit "$FIX/BW-H050/fires-docker-ce/root"
check "Docker Engine 20.10 past its end of life" \
	"$([ "$(message BW-H050)" = "Docker Engine 20.10 (docker-ce 5:20.10.24~3-0~debian-bookworm) is past its upstream end of life (2023-12-10)" ]; echo $?)"

# 5. This machine, where apt has lists (often kept compressed, .lz4): the same pending updates
#    as `apt list --upgradable`, security ones being those a -security suite offers. The
#    evidence names the first 50 of each kind; the counts cover the rest.
if command -v apt >/dev/null 2>&1 && ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then
	audit /
	apt list --upgradable 2>/dev/null | awk -F'[/ ]' 'NR > 1 && NF {
		print $1, $3, ($2 ~ /-security/ ? "S" : "-") }' | sort >live.apt
	python3 - >live.us <<'PY'
import json
for f in json.load(open("out"))["findings"]:
    sec = {"BW-H045": "S", "BW-H046": "-"}.get(f["rule"])
    if sec:
        print("count", sec, f["message"].split()[0])
        for e in f["evidence"].split(", "):
            if not e.startswith("and "):
                print(e.split()[0], e.split()[3], sec)
PY
	ok=0
	for k in S -; do
		want=$(awk -v k="$k" '$3 == k' live.apt | wc -l)
		got=$(awk -v k="$k" '$1 == "count" && $2 == k { print $3 }' live.us)
		[ "$want" = "${got:-0}" ] || { ok=1; echo "# $k: apt $want, bulwark ${got:-0}" >&2; }
	done
	grep -v '^count' live.us | sort | comm -23 - live.apt >extra
	[ -s extra ] && { ok=1; head -5 extra >&2; }
	check "this machine: pending updates agree with apt list --upgradable ($(wc -l <live.apt) upgradable)" "$ok"
fi

# 6. Odd input: unbalanced and deep apt.conf scopes, an unterminated string, lists without a
#    final newline, with over-long and NUL-holding fields, an empty Release, thousands of
#    reboot packages. The audit completes and still finds what it can.
R=$T/odd
mkdir -p "$R/etc/apt/apt.conf.d" "$R/var/lib/dpkg" "$R/var/lib/apt/lists" "$R/var/run"
printf 'Package: unattended-upgrades\nStatus: install ok installed\nArchitecture: all\nVersion: 1\n\nPackage: a\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0\n' >"$R/var/lib/dpkg/status"
python3 - "$R" <<'PY'
import sys
r = sys.argv[1]
open(r + "/etc/apt/apt.conf.d/10deep", "w").write("a{" * 40 + "x \"1\";" + "};" * 45 + "}}} ;;")
open(r + "/etc/apt/apt.conf.d/20auto-upgrades", "w").write('APT::Periodic::Unattended-Upgrade "1";\n')
open(r + "/etc/apt/apt.conf.d/30bad", "w").write('/* never closed\n')
open(r + "/etc/apt/apt.conf.d/40bad", "w").write('APT::Periodic::Enable "0')
open(r + "/var/lib/apt/lists/x_dists_s_Release", "w").write("")
with open(r + "/var/lib/apt/lists/x_dists_s_main_binary-amd64_Packages", "wb") as f:
    f.write(b"Package: a\nVersion: " + b"9" * 600 + b"\n\nPackage: a\x00b\nVersion: 3\n\n"
            b"Package: a\nArchitecture: amd64\nVersion: 2.0")
open(r + "/var/run/reboot-required", "w").write("")
open(r + "/var/run/reboot-required.pkgs", "w").write("".join("p%d\n" % i for i in range(6000)))
PY
audit "$R"
check "odd input: the audit completes (exit $rc)" "$([ "$rc" = 0 ] || [ "$rc" = 1 ]; echo $?)"
check "odd input: over-long and NUL-holding stanzas skipped, the update after them found" \
	"$([ "$(evidence BW-H046)" = "a 1.0 -> 2.0" ]; echo $?)"
check "odd input: an unterminated value still reads as set" \
	"$([ "$(message BW-H049)" = 'unattended-upgrades is installed but APT::Periodic::Enable "0" turns apt'"'"'s daily jobs off' ]; echo $?)"
