#!/bin/sh
# The CVSS oracle: installs ae-cvss-calculator from the npm registry (into build/npm-cvss) and
# checks that it still scores tests/cvss/vectors.txt as recorded there (the unit test
# cvss_oracle_vectors holds our scores to that file). --write regenerates the file.
# usage: tests/cvss/oracle.sh [--write]      (prints one "ok"/"not ok" line)
set -u
cd "$(dirname "$0")/../.."
dir=build/npm-cvss
if [ ! -d "$dir/node_modules/ae-cvss-calculator" ]; then
	mkdir -p "$dir"
	if ! npm install --prefix "$dir" --no-audit --no-fund ae-cvss-calculator@1.0.13 >/dev/null 2>&1; then
		echo "ok - cvss oracle: skipped, npm could not install ae-cvss-calculator"
		exit 0
	fi
fi
if [ "${1:-}" = --write ]; then
	NODE_PATH=$dir/node_modules node tests/cvss/oracle.js 200 >tests/cvss/vectors.txt
	exit
fi
if NODE_PATH=$dir/node_modules node tests/cvss/oracle.js 200 | cmp -s - tests/cvss/vectors.txt; then
	echo "ok - cvss oracle: ae-cvss-calculator scores the 800 vectors as recorded"
else
	echo "not ok - cvss oracle: ae-cvss-calculator scores differ from tests/cvss/vectors.txt"
fi
