#!/bin/sh
# What a process loads at start: `bulwark version` and `bulwark lint` open none of the libraries
# only other commands use (libcrypto, SQLite, zstd, ISA-L, libcurl, libarchive, libmicrohttpd,
# vectorscan's compiler; their relocations were most of the start of a short lint). `db import`
# still opens SQLite and ISA-L, and a run that must compile the secret patterns the compiler,
# when they need them. The dynamic loader's own trace (LD_DEBUG=files) tells.
# usage: tests/cli/startup.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
SUITE=startup
. "$(dirname "$0")/lib.sh"

LAZY='file=lib\(crypto\|sqlite3\|zstd\|isal\|curl\|archive\|microhttpd\|hs\)[.-]'
# loaded PATTERN: 0 when the trace in err shows a library matching PATTERN loaded
loaded() { grep -q -e "$1" err; echo $?; }
unloaded() { ! grep -q -e "$1" err; echo $?; }

printf 'FROM alpine:3.20\nRUN echo hi\n' >Dockerfile
printf 'FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPL3\n' >Dockerfile.key
python3 - <<'PY'
import json, zipfile
r = {"id": "DSA-5500-1", "modified": "2024-01-10T00:00:00Z",
     "affected": [{"package": {"ecosystem": "Debian:12", "name": "openssl"},
                   "ranges": [{"type": "ECOSYSTEM",
                               "events": [{"introduced": "0"}, {"fixed": "3.0.11-1~deb12u1"}]}]}]}
with zipfile.ZipFile("osv.zip", "w", zipfile.ZIP_DEFLATED) as f:
    f.writestr(r["id"] + ".json", json.dumps(r))
PY

LD_DEBUG=files "$BW" version >out 2>err </dev/null; rc=$?
check "version: exit 0, none of the libraries opened on first use loaded" \
	"$([ "$rc" = 0 ] && [ "$(loaded 'file=libc\.so')" = 0 ] && [ "$(unloaded "$LAZY")" = 0 ]; echo $?)"

LD_DEBUG=files "$BW" lint --no-config Dockerfile >out 2>err </dev/null; rc=$?
check "lint: exit 1 with its findings, none of the libraries opened on first use loaded" \
	"$([ "$rc" = 1 ] && [ "$(has 'in 1 input')" = 0 ] && [ "$(unloaded "$LAZY")" = 0 ]; echo $?)"

LD_DEBUG=files "$BW" db import osv.zip --db v.db >out 2>err </dev/null; rc=$?
check "db import: exit 0, SQLite and ISA-L loaded when first used" \
	"$([ "$rc" = 0 ] && [ "$(loaded 'file=libsqlite3\.so.*dynamically loaded')" = 0 ] &&
	   [ "$(loaded 'file=libisal\.so.*dynamically loaded')" = 0 ]; echo $?)"

BULWARK_SECRET_DB=compile LD_DEBUG=files "$BW" lint --no-config Dockerfile.key >out 2>err </dev/null
rc=$?
check "lint with the patterns compiled: the compiler loaded when first used, the key found" \
	"$([ "$rc" = 1 ] && [ "$(has 'BW-D011.*AKIA')" = 0 ] &&
	   [ "$(loaded 'file=libhs\.so.*dynamically loaded')" = 0 ]; echo $?)"
