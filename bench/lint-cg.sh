#!/bin/bash
# Instructions of one lint batch under callgrind: repeatable on a busy machine, where times are
# not. Prints the instructions of the first B files of CORPUS_DIR (sorted by name) in one
# process and of one two-line Dockerfile (the fixed cost paid per batch: loading, rule tables,
# the secret database). The profiles stay in build/bench/lint-cg for callgrind_annotate.
# valgrind's CPU lacks AVX-512, so the embedded secret database does not fit there and is
# compiled at start, with the compiler opened then; hs_compile_multi is subtracted, the opening
# is not (a native run deserializes the embedded copy instead, BULWARK_SECRET_DB unset).
# usage: bench/lint-cg.sh CORPUS_DIR [B=500]      (build first: make; needs valgrind)
set -eu
cd "$(dirname "$0")/.."
C=${1:?usage: bench/lint-cg.sh CORPUS_DIR [B]}
B=${2:-500}
BW=${BULWARK:-build/bulwark}
W=build/bench/lint-cg
rm -rf "$W"; mkdir -p "$W"
find "$C" -type f | sort | head -n "$B" >"$W/list"
printf 'FROM alpine:3.20\nRUN echo hi\n' >"$W/tiny.Dockerfile"

# Runs bulwark lint under callgrind over the files named in $2; prints "<total> <compile>".
count() {
	local out="$W/cg.$1"
	xargs -d '\n' -a "$2" valgrind --tool=callgrind --callgrind-out-file="$out" \
		"$BW" lint --no-config -o /dev/null >/dev/null 2>&1 || true
	local tot hs
	tot=$(callgrind_annotate "$out" 2>/dev/null |
		awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
	hs=$(callgrind_annotate --inclusive=yes "$out" 2>/dev/null |
		awk '/:hs_compile_multi / { gsub(",", "", $1); print $1; exit }')
	echo "$tot ${hs:-0}"
}

echo "$W/tiny.Dockerfile" >"$W/tiny"
read -r bt bh < <(count batch "$W/list")
read -r tt th < <(count tiny "$W/tiny")
n=$(wc -l <"$W/list")
bytes=$(xargs -d '\n' -a "$W/list" cat | wc -c)
awk -v n="$n" -v b="$bytes" -v bt="$bt" -v bh="$bh" -v tt="$tt" -v th="$th" 'BEGIN {
	printf "batch of %d files, %.2f MB   %6.1f M instructions  (%.1f per byte)\n", n, b/1e6,
	       (bt-bh)/1e6, (bt-bh)/b
	printf "one tiny file                  %6.1f M instructions  (fixed cost per batch)\n",
	       (tt-th)/1e6
	printf "secret database compile left out: %.0f M instructions\n", bh/1e6
}'
