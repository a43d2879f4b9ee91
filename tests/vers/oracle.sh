#!/bin/sh
# The OS version comparators against their reference implementations, on pairs generated with a
# fixed seed (tests/vers/gen.py): dpkg against libdpkg (dpkg's own parser and comparison, as
# `dpkg --compare-versions` calls them; a sample is checked against the dpkg binary too), rpm
# against python3-rpm's EVR comparison, apk against apk-tools' published test vectors and
# chains that its rules order (no apk-tools in Debian).
# usage: tests/vers/oracle.sh BUILD_DIR     (prints one "ok"/"not ok" line per check)
set -u
b=${1:-build}
dir=$(dirname "$0")
py=/usr/bin/python3          # the distribution's python, which python3-rpm installs into
pairs=${VERS_PAIRS:-103000}  # a few are rejected by the oracle; at least 100 000 remain
seed=16
min=100000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok - vers: $*"; }
nok() { echo "not ok - vers: $*"; }

if [ ! -x "$b/vers_cmp" ]; then
	nok "$b/vers_cmp is not built (make tests)"
	exit 0
fi

# Column 3 the reference's verdict, column 4 ours: every line must agree. Prints the count.
judge() { # NAME REFERENCE FILE [MIN]
	awk -F'\t' -v name="$1" -v ref="$2" -v min="${4:-$min}" '
		$3 == "E" { next }
		{ n++ }
		$3 != $4 { d++; if (d <= 5) bad = bad sprintf("\n#   %s vs %s: reference %s, bulwark %s", $1, $2, $3, $4) }
		END {
			if (d || n < min) printf "not ok - vers: %s disagrees with %s on %d of %d pairs%s\n", name, ref, d, n, bad
			else printf "ok - vers: %s agrees with %s on %d pairs\n", name, ref, n
		}' "$3"
}

# dpkg
if make -s "BUILD=$b" "$b/vers_dpkg_oracle" >"$tmp/make.log" 2>&1; then
	"$py" "$dir/gen.py" dpkg "$pairs" "$seed" >"$tmp/d"
	"$b/vers_dpkg_oracle" <"$tmp/d" >"$tmp/d.ref"
	"$b/vers_cmp" dpkg <"$tmp/d" >"$tmp/d.us"
	paste "$tmp/d" "$tmp/d.ref" "$tmp/d.us" >"$tmp/d.all"
	judge dpkg "dpkg's own comparison (libdpkg)" "$tmp/d.all"
	# Validity: what dpkg reads without error or warning.
	{ cut -f1 "$tmp/d"; cut -f2 "$tmp/d"; } >"$tmp/dv"
	"$b/vers_dpkg_oracle" -v <"$tmp/dv" >"$tmp/dv.ref"
	"$b/vers_cmp" -v dpkg <"$tmp/dv" >"$tmp/dv.us"
	paste "$tmp/dv" "$tmp/dv.ref" "$tmp/dv.us" | awk -F'\t' '
		$2 != $3 { d++; if (d <= 5) bad = bad sprintf("\n#   \"%s\": dpkg %s, bulwark %s", $1, $2, $3) }
		END {
			if (d) printf "not ok - vers: dpkg validity differs from dpkg on %d of %d versions%s\n", d, NR, bad
			else printf "ok - vers: dpkg validity agrees with dpkg on %d versions\n", NR
		}'
	# The libdpkg driver against the dpkg binary itself, on the first pairs dpkg reads (none
	# empty: read would merge the tabs); an exec per pair, so a sample.
	sample=${DPKG_SAMPLE:-600}
	awk -F'\t' '$3 != "E" && $1 != "" && $2 != ""' "$tmp/d.all" | head -"$sample" >"$tmp/ds"
	n=0 d=0
	while IFS='	' read -r x y ref _; do
		if dpkg --compare-versions "$x" lt "$y" 2>/dev/null; then v=-1
		elif dpkg --compare-versions "$x" eq "$y" 2>/dev/null; then v=0
		else v=1; fi
		n=$((n + 1))
		[ "$v" = "$ref" ] || { d=$((d + 1)); echo "#   $x vs $y: dpkg $v, libdpkg $ref"; }
	done <"$tmp/ds"
	if [ "$d" -eq 0 ] && [ "$n" -eq "$sample" ]; then
		ok "the libdpkg oracle agrees with dpkg --compare-versions on $n pairs"
	else
		nok "the libdpkg oracle disagrees with dpkg --compare-versions on $d of $n pairs"
	fi
else
	nok "cannot build the dpkg oracle (libdpkg-dev missing? scripts/install-deps): $(tail -1 "$tmp/make.log")"
fi

# rpm
if "$py" -c 'import rpm' 2>/dev/null; then
	"$py" "$dir/gen.py" rpm "$pairs" "$seed" >"$tmp/r"
	cut -f1,2 "$tmp/r" | "$b/vers_cmp" rpm | paste "$tmp/r" - >"$tmp/r.all"
	judge rpm "rpm's EVR comparison (python3-rpm)" "$tmp/r.all"
else
	nok "python3-rpm is not installed (scripts/install-deps)"
fi

# apk: the published vectors, then generated chains.
grep -E '^[^ #]+ [<>=] [^ ]+$' "$dir/apk.vectors" |
	awk '{ printf "%s\t%s\t%d\n", $1, $3, $2 == "<" ? -1 : $2 == ">" ? 1 : 0 }' >"$tmp/av"
cut -f1,2 "$tmp/av" | "$b/vers_cmp" apk | paste "$tmp/av" - >"$tmp/av.all"
judge apk "apk-tools' test vectors" "$tmp/av.all" 700
grep -E '^(in)?valid( |$)' "$dir/apk.vectors" | awk '{ print ($1 == "valid") "\t" $2 }' >"$tmp/avv"
cut -f2 "$tmp/avv" | "$b/vers_cmp" -v apk | paste "$tmp/avv" - | awk -F'\t' '
	$1 != $3 { d++; bad = bad sprintf("\n#   \"%s\": apk-tools %s, bulwark %s", $2, $1, $3) }
	END {
		if (d || NR < 30) printf "not ok - vers: apk validity differs from apk-tools'"'"' vectors on %d of %d%s\n", d, NR, bad
		else printf "ok - vers: apk validity agrees with apk-tools'"'"' vectors on %d versions\n", NR
	}'
"$py" "$dir/gen.py" apk "$pairs" "$seed" >"$tmp/a"
cut -f1,2 "$tmp/a" | "$b/vers_cmp" apk | paste "$tmp/a" - >"$tmp/a.all"
judge apk "the order of apk-tools' suffix, revision and hash rules" "$tmp/a.all"
