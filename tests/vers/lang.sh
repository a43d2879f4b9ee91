#!/bin/sh
# The language-ecosystem version comparators (src/util/vers_{pep440,semver,maven,gem}.c) against
# their reference implementations, on generated pairs at the edges of each specification
# (tests/vers/gen_lang.py, fixed seed): python3-packaging's Version, node-semver's compare,
# Go's x/mod/semver (from the Go toolchain's source), Maven's ComparableVersion (maven-artifact,
# through a small Java program) and Ruby's Gem::Version. Validity and the verdict must both agree.
# usage: tests/vers/lang.sh BUILD_DIR    (one "ok"/"not ok" line per scheme; VERS_PAIRS=N pairs)
set -u
b=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
drv=$b/vers_cmp_lang
n=${VERS_PAIRS:-100000}
work=$(cd "$b" && pwd)/vers-lang
mkdir -p "$work"

# check SCHEME ORACLE_NAME CMD...: run both over the same pairs and report. SCHEME names the
# generator; the driver reads Go's form as semver.
check() {
	scheme=$1 name=$2
	shift 2
	python3 "$here/gen_lang.py" "$scheme" "$n" 16 >"$work/$scheme.pairs"
	if ! "$drv" "$([ "$scheme" = go ] && echo semver || echo "$scheme")" \
		<"$work/$scheme.pairs" >"$work/$scheme.ours"; then
		echo "not ok - vers: $scheme: $drv failed"
		return
	fi
	if ! "$@" <"$work/$scheme.pairs" >"$work/$scheme.theirs" 2>"$work/$scheme.err"; then
		echo "not ok - vers: $scheme: $name failed: $(head -c 300 "$work/$scheme.err")"
		return
	fi
	got=$(wc -l <"$work/$scheme.theirs")
	if [ "$got" -ne "$n" ]; then
		echo "not ok - vers: $scheme: $name answered $got of $n pairs"
		return
	fi
	paste "$work/$scheme.pairs" "$work/$scheme.ours" "$work/$scheme.theirs" |
		awk -F '\t' '$3 != $4' >"$work/$scheme.diff"
	bad=$(wc -l <"$work/$scheme.diff")
	if [ "$bad" -eq 0 ]; then
		echo "ok - vers: $scheme agrees with $name on $n pairs"
	else
		echo "not ok - vers: $scheme disagrees with $name on $bad of $n pairs (a, b, ours, theirs):"
		head -5 "$work/$scheme.diff" | sed 's/^/#   /'
	fi
}

# python3-packaging: Debian's python3 has it; another python3 first on PATH may not.
py=""
for p in python3 /usr/bin/python3; do
	command -v "$p" >/dev/null 2>&1 && "$p" -c 'import packaging.version' 2>/dev/null && { py=$p; break; }
done
if [ -n "$py" ]; then
	check pep440 python3-packaging "$py" -c '
import sys
from packaging.version import Version, InvalidVersion
def parse(s):
    try:
        return Version(s)
    except InvalidVersion:
        return None
out = []
for line in sys.stdin:
    a, b = line.rstrip("\n").split("\t")
    x, y = parse(a), parse(b)
    if x is None or y is None:
        out.append("%d%d -" % (x is not None, y is not None))
    else:
        out.append("11 %d" % ((x > y) - (x < y)))
sys.stdout.write("\n".join(out) + "\n")'
else
	echo "not ok - vers: pep440: python3-packaging is not installed"
fi

# node-semver, installed from the npm registry into the build directory once.
if [ ! -f "$work/node/node_modules/semver/package.json" ]; then
	npm install --prefix "$work/node" --cache "$work/npm-cache" --no-audit --no-fund --silent semver@7 >"$work/npm.log" 2>&1
fi
if [ -f "$work/node/node_modules/semver/package.json" ]; then
	check semver "node-semver $(node -p "require('$work/node/node_modules/semver/package.json').version")" \
		env NODE_PATH="$work/node/node_modules" node -e '
const semver = require("semver");
const out = [];
require("readline").createInterface({ input: process.stdin }).on("line", (l) => {
	const [a, b] = l.split("\t");
	const va = semver.valid(a) !== null, vb = semver.valid(b) !== null;
	out.push(va && vb ? "11 " + semver.compare(a, b) : (va ? "1" : "0") + (vb ? "1" : "0") + " -");
}).on("close", () => process.stdout.write(out.join("\n") + "\n"));'
else
	echo "not ok - vers: semver: node-semver could not be installed with npm (see $work/npm.log)"
fi

# Go's golang.org/x/mod/semver, as the Go toolchain's source carries it: copied into the build
# directory and built there, offline.
goroot=$(go env GOROOT 2>/dev/null)
gosrc=$goroot/src/cmd/vendor/golang.org/x/mod/semver/semver.go
if [ -f "$gosrc" ]; then
	mkdir -p "$work/go/semver"
	cp "$gosrc" "$work/go/semver/"
	printf 'module oracle\n\ngo 1.16\n' >"$work/go/go.mod"
	cat >"$work/go/main.go" <<'GO'
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"oracle/semver"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<16), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	b := map[bool]int{false: 0, true: 1}
	for in.Scan() {
		p := strings.SplitN(in.Text(), "\t", 2)
		va, vb := semver.IsValid(p[0]), semver.IsValid(p[1])
		if va && vb {
			fmt.Fprintf(out, "11 %d\n", semver.Compare(p[0], p[1]))
		} else {
			fmt.Fprintf(out, "%d%d -\n", b[va], b[vb])
		}
	}
}
GO
	if (cd "$work/go" && GOFLAGS=-mod=mod GOPROXY=off GOCACHE="$work/go/cache" GOPATH="$work/go/path" go build -o oracle .) \
		>"$work/go.log" 2>&1; then
		check go "Go's x/mod/semver ($(go env GOVERSION))" "$work/go/oracle"
	else
		echo "not ok - vers: go: the x/mod/semver oracle did not build (see $work/go.log)"
	fi
else
	echo "not ok - vers: go: golang-go (with golang.org/x/mod/semver in its source) is missing"
fi

# Maven's ComparableVersion from maven-artifact, through a Java program compiled here.
jar=$(ls /usr/share/maven/lib/maven-artifact*.jar /usr/share/java/maven3-artifact.jar 2>/dev/null | head -1)
if [ -n "$jar" ] && command -v javac >/dev/null 2>&1; then
	mkdir -p "$work/java"
	cat >"$work/java/MavenOracle.java" <<'JAVA'
import java.io.*;
import org.apache.maven.artifact.versioning.ComparableVersion;
public class MavenOracle {
	public static void main(String[] args) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
		PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, "UTF-8")));
		for (String l; (l = in.readLine()) != null;) {
			String[] p = l.split("\t", -1);
			int c = new ComparableVersion(p[0]).compareTo(new ComparableVersion(p[1]));
			out.println("11 " + Integer.signum(c));
		}
		out.flush();
	}
}
JAVA
	if javac -cp "$jar" -d "$work/java" "$work/java/MavenOracle.java" 2>"$work/javac.log"; then
		mver=$(python3 -c 'import sys, zipfile
m = zipfile.ZipFile(sys.argv[1]).read("META-INF/MANIFEST.MF").decode()
print(([l.split(":", 1)[1].strip() for l in m.splitlines() if l.startswith("Implementation-Version")] or ["?"])[0])' "$jar")
		check maven "Maven's ComparableVersion (maven-artifact $mver)" \
			java -cp "$jar:$work/java" MavenOracle
	else
		echo "not ok - vers: maven: the oracle did not compile (see $work/javac.log)"
	fi
else
	echo "not ok - vers: maven: javac or maven-artifact is missing (scripts/install-deps)"
fi

# Ruby's Gem::Version.
if command -v ruby >/dev/null 2>&1; then
	check gem "Ruby's Gem::Version (rubygems $(ruby -e 'print Gem::VERSION'))" ruby -e '
out = []
STDIN.each_line do |l|
  a, b = l.chomp("\n").split("\t", -1)
  va, vb = Gem::Version.correct?(a), Gem::Version.correct?(b)
  out << (va && vb ? "11 #{Gem::Version.new(a) <=> Gem::Version.new(b)}" : "#{va ? 1 : 0}#{vb ? 1 : 0} -")
end
STDOUT.write(out.join("\n") + "\n")'
else
	echo "not ok - vers: gem: ruby is not installed"
fi
