#!/bin/sh
# bulwark db import|status over OSV zips and records written here: the status table exactly, a
# re-import that merges by record id, a corrupt and a truncated zip and a bad record file that
# leave the store as it was (and no temporary file), a malformed range skipped by name, a
# withdrawn record counted, a store of a newer schema refused, the default store's directory,
# a directory walked, an interrupted import.
# usage: tests/cli/db.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
SUITE=db
. "$(dirname "$0")/lib.sh"

python3 - <<'PY'
import json, zipfile

def rec(id, mod, eco, name, events, **kw):
    r = {"id": id, "modified": mod, "affected": [{"package": {"ecosystem": eco, "name": name},
         "ranges": [{"type": "ECOSYSTEM", "events": events}]}]}
    r.update(kw)
    return r

def z(path, recs, raw=()):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as f:
        for r in recs:
            f.writestr(r["id"] + ".json", json.dumps(r))
        for name, text in raw:
            f.writestr(name, text)

dsa = rec("DSA-5500-1", "2024-01-10T00:00:00Z", "Debian:12", "openssl",
          [{"introduced": "0"}, {"fixed": "3.0.11-1~deb12u1"}],
          severity=[{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}])
ghsa = rec("GHSA-1111-2222-3333", "2024-02-01T12:00:00Z", "PyPI", "requests",
           [{"introduced": "2.0"}, {"last_affected": "2.31.0"}],
           withdrawn="2024-03-01T00:00:00Z", database_specific={"severity": "MODERATE"})
alp = rec("ALPINE-CVE-2024-9", "2024-01-05T00:00:00Z", "Alpine:v3.19", "musl",
          [{"introduced": "0"}, {"fixed": "1.2.4-r3"}])
z("first.zip", [dsa, ghsa, alp])
dsa2 = dict(dsa, modified="2024-04-01T00:00:00Z")
npm = rec("GHSA-4444-5555-6666", "2024-03-03T00:00:00Z", "npm", "lodash",
          [{"introduced": "0"}, {"fixed": "4.17.21"}])
z("second.zip", [dsa2, npm])
bad_range = rec("GHSA-7777-8888-9999", "2024-05-05T00:00:00Z", "npm", "left-pad",
                [{"introduced": "0", "fixed": "1.3.0"}])
z("malformed.zip", [npm], [("GHSA-7777-8888-9999.json", json.dumps(bad_range))])
open("bad.json", "w").write(json.dumps(rec("X-1", "2024-01-01T00:00:00Z", "npm", "a",
                                           [{"introduced": "0"}, {"fixed": 3}])))
data = open("second.zip", "rb").read()
open("truncated.zip", "wb").write(data[:len(data) // 2])
# one byte of the first entry's compressed data changed: the CRC or inflate fails
i = data.index(b"DSA-5500-1.json") + len("DSA-5500-1.json") + 20
open("corrupt.zip", "wb").write(data[:i] + bytes([data[i] ^ 0x55]) + data[i + 1:])
PY

# sq DB SQL: the rows, '|'-joined (python3's sqlite3: no sqlite3 shell needed)
sq() { python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); r = c.execute(sys.argv[2]).fetchall(); c.commit()
print("\n".join("|".join(map(str, x)) for x in r))' "$@"; }

run db import first.zip --db v.db
check "import a zip: exit 0 and the count" "$( [ "$rc" = 0 ] && [ "$(cat out)" = "imported 3 records into v.db" ] && [ ! -s err ]; echo $?)"

cat >want <<'W'
ECOSYSTEM      RECORDS  WITHDRAWN  NEWEST MODIFIED
Alpine:v3.19         1          0  2024-01-05T00:00:00Z
Debian:12            1          0  2024-01-10T00:00:00Z
PyPI                 1          1  2024-02-01T12:00:00Z
W
run db status --db v.db
check "status: records, withdrawn and newest modified per ecosystem" "$( [ "$rc" = 0 ] && cmp -s out want; echo $?)"
[ "$(sq v.db 'PRAGMA user_version')" = 1 ]
check "the store's schema version is 1" $?

run db import second.zip --db v.db
cat >want <<'W'
ECOSYSTEM      RECORDS  WITHDRAWN  NEWEST MODIFIED
Alpine:v3.19         1          0  2024-01-05T00:00:00Z
Debian:12            1          0  2024-04-01T00:00:00Z
PyPI                 1          1  2024-02-01T12:00:00Z
npm                  1          0  2024-03-03T00:00:00Z
W
"$BW" db status --db v.db >out 2>err
check "re-import: the record replaced by id, the other ecosystems kept" "$( [ "$rc" = 0 ] && cmp -s out want; echo $?)"
cp out before

leftover() { ls -a | grep -c 'v\.db\.new-'; }
run db import corrupt.zip --db v.db
"$BW" db status --db v.db >after 2>/dev/null
check "a corrupt zip: exit 2, one error naming it and the entry, the store unchanged" \
	"$( [ "$rc" = 0 ] && exit 1; [ "$rc" = 2 ] && [ "$(wc -l <err)" = 1 ] &&
	    grep -q '^bulwark: corrupt.zip: DSA-5500-1.json: corrupt archive: .*(the store is unchanged)$' err &&
	    cmp -s before after && [ "$(leftover)" = 0 ]; echo $?)"

run db import truncated.zip --db v.db
"$BW" db status --db v.db >after 2>/dev/null
check "a truncated zip: exit 2, the error names it, the store unchanged, no temporary file" \
	"$( [ "$rc" = 2 ] && [ "$(wc -l <err)" = 1 ] &&
	    grep -q '^bulwark: truncated.zip: not a readable zip archive (truncated or not a zip)' err &&
	    cmp -s before after && [ "$(leftover)" = 0 ]; echo $?)"

run db import first.zip bad.json --db v.db
"$BW" db status --db v.db >after 2>/dev/null
check "a bad record file named: exit 2 with the place, nothing of the import kept" \
	"$( [ "$rc" = 2 ] && [ "$(cat err)" = 'bulwark: bad.json: affected[0].ranges[0].events[1].fixed: not a string (the store is unchanged)' ] &&
	    cmp -s before after && [ "$(leftover)" = 0 ]; echo $?)"

cp v.db keep.db
run db import malformed.zip --db keep.db
check "a malformed range in a zip: that record skipped by name, the rest imported, exit 2" \
	"$( [ "$rc" = 2 ] &&
	    [ "$(cat err)" = 'bulwark: warning: malformed.zip: GHSA-7777-8888-9999.json: affected[0].ranges[0].events[0]: more than one event in one object (record skipped)' ] &&
	    [ "$(cat out)" = 'imported 1 records into keep.db (1 malformed records skipped)' ] &&
	    [ "$(sq keep.db "SELECT COUNT(*) FROM record WHERE id LIKE 'GHSA-7777%'")" = 0 ]; echo $?)"

cp v.db newer.db
sq newer.db 'PRAGMA user_version=2'
cp newer.db newer.orig
run db status --db newer.db
check "a store of a newer schema: status refused with the versions" \
	"$( [ "$rc" = 2 ] && [ "$(cat err)" = 'bulwark: newer.db: store schema 2 is newer than this bulwark reads (1); upgrade bulwark or use another --db' ]; echo $?)"
run db import first.zip --db newer.db
check "a store of a newer schema: import refused, the file untouched" \
	"$( [ "$rc" = 2 ] && errhas 'store schema 2 is newer' >/dev/null && cmp -s newer.db newer.orig; echo $?)"

echo 'not a store' >plain.db
run db import first.zip --db plain.db
check "a file that is not a store is neither read nor replaced" \
	"$( [ "$rc" = 2 ] && [ "$(cat plain.db)" = 'not a store' ] && errhas 'plain.db: not readable as SQLite' >/dev/null; echo $?)"

XDG_DATA_HOME=$T/xdg "$BW" db import first.zip >out 2>err; rc=$?
check "the default store: under XDG_DATA_HOME, its directory made 0700" \
	"$( [ "$rc" = 0 ] && [ -f xdg/bulwark/vulns.db ] && [ "$(stat -c %a xdg/bulwark)" = 700 ]; echo $?)"
run db status --db missing.db
check "status of a missing store: exit 2 naming it" \
	"$( [ "$rc" = 2 ] && errhas '^bulwark: missing.db: No such file or directory' >/dev/null && [ ! -e missing.db ]; echo $?)"

mkdir -p tree/sub tree/.hidden
cp first.zip tree/sub/all.zip
cp bad.json tree/bad.json
printf '{"id":"GO-2024-1","modified":"2024-06-01T00:00:00Z","affected":[{"package":{"ecosystem":"Go","name":"example.invalid/m"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.2.3"}]}]}]}' >tree/go.json
echo 'not json' >tree/README
cp bad.json tree/.hidden/x.json
run db import tree --db tree.db
check "a directory: its .json and .zip files, nested, hidden ones and others left out" \
	"$( [ "$rc" = 2 ] && [ "$(cat out)" = 'imported 4 records into tree.db (1 malformed records skipped)' ] &&
	    [ "$(cat err)" = 'bulwark: warning: tree/bad.json: affected[0].ranges[0].events[1].fixed: not a string (record skipped)' ]; echo $?)"

# An interrupted import: SIGINT once the new file exists beside the store. The old store stays,
# the new file is removed. (A big zip, so that the import is still running when it is hit.)
python3 - <<'PY'
import json, zipfile
with zipfile.ZipFile("big.zip", "w", zipfile.ZIP_DEFLATED) as f:
    for i in range(60000):
        r = {"id": "BIG-%d" % i, "modified": "2024-01-01T00:00:00Z", "affected": [{"package":
             {"ecosystem": "npm", "name": "p%d" % i}, "ranges": [{"type": "SEMVER", "events":
             [{"introduced": "0"}, {"fixed": "1.%d.0" % i}]}]}]}
        f.writestr("BIG-%d.json" % i, json.dumps(r))
PY
"$BW" db status --db v.db >before 2>&1
"$BW" db import big.zip --db v.db >out 2>err &
pid=$!
i=0
while [ "$(leftover)" = 0 ] && [ $i -lt 200 ] && kill -0 $pid 2>/dev/null; do sleep 0.02; i=$((i + 1)); done
kill -INT $pid 2>/dev/null
wait $pid; rc=$?
"$BW" db status --db v.db >after 2>&1
check "an interrupted import: the old store kept, the new file removed" \
	"$( [ "$rc" = 130 ] && cmp -s before after && [ "$(leftover)" = 0 ]; echo $?)"
