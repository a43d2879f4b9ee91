#!/bin/sh
# Hostile inputs: prints wall time, peak memory and exit status of `bulwark lint` on each.
# Every input must end with exit 1 or 2 in about a second and tens of MiB, never a hang.
# usage: bench/hostile.sh        (build first: make)
set -eu
cd "$(dirname "$0")/.."
BW=${BULWARK:-build/bulwark}
W=build/bench/hostile
rm -rf "$W"; mkdir -p "$W"
python3 - "$W" <<'PY'
import sys
d = sys.argv[1]
def w(name, text):
    open(f"{d}/{name}", "w").write(text)
w("many-runs.Dockerfile", "FROM alpine\n" + "RUN pip install x==1 && yarn install\n" * 90000)
w("stage-chain.Dockerfile", "FROM alpine AS s0\n" + "".join(
    f"FROM s{i} AS s{i+1}\nRUN apt-get install -y x | tee\n" for i in range(30000)))
w("pragmas.Dockerfile", "FROM alpine\n" + "# bulwark:ignore=BW-D042 r\nRUN cd /x\n" * 50000)
w("long-and-chain.Dockerfile", "FROM alpine\nRUN " + "a && " * 200000 + "b\n")
w("one-line.Dockerfile", "FROM alpine\nRUN echo " + "A" * 15_000_000 + "\n")
w("alias-bomb.yaml", "\n".join(
    ["a: &a [x,x,x,x,x,x,x,x,x,x]"] +
    [f"{chr(98+i)}: &{chr(98+i)} [" + ",".join([f"*{chr(97+i)}"] * 10) + "]" for i in range(11)] +
    ["services:\n  web:\n    image: x\n    labels: *l"]) + "\n")
w("deep.yaml", "services:\n  web:\n    x-deep: " + "[" * 100000 + "]" * 100000 + "\n")
w("extends-cycle.yaml", "services:\n  a:\n    extends: b\n  b:\n    extends: a\n")
w("many-services.yaml", "services:\n" + "".join(
    f"  s{i}:\n    image: x:1\n    privileged: true\n    ports: ['80:80']\n" for i in range(20000)))
PY
head -c 100000000 /dev/zero | tr '\0' 'A' >"$W/huge-line.Dockerfile"
for f in "$W"/*; do
	/usr/bin/time -f "%e %M" -o "$W/.time" "$BW" lint --no-config --format json -o /dev/null "$f" \
		2>"$W/.err" && rc=0 || rc=$?
	read -r secs kb <<EOT
$(tail -n 1 "$W/.time")
EOT
	printf '%-28s exit %d  %6.2f s  %7.1f MiB  %s\n' "$(basename "$f")" "$rc" "$secs" \
		"$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" "$(head -c 90 "$W/.err" | head -n 1)"
done
