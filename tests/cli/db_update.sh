#!/bin/sh
# bulwark db update against a loopback HTTPS file server (tests/servers/https_files.py) with a CA
# made here: the first update fetches and imports, the second is a conditional GET answered
# 304 and imports nothing, a changed archive whose transfer breaks is kept and resumed with a
# Range request on the next update, a corrupt archive fails and leaves the store as it was (and
# is fetched whole next time), a server the CA did not sign is refused, and the proxy
# variables are honoured. usage: tests/cli/db_update.sh path/to/bulwark
set -u
SUITE="db update"
SERVER=$(cd "$(dirname "$0")/../servers" && pwd)/https_files.py
. "$(dirname "$0")/lib.sh"
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT

mk_ca() { # a CA and a server certificate for 127.0.0.1 signed by it, in $1
	mkdir -p "$1"
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca -keyout "$1/ca.key" \
		-out "$1/ca.pem" 2>/dev/null &&
	openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout "$1/srv.key" \
		-out "$1/srv.csr" 2>/dev/null &&
	printf 'subjectAltName=IP:127.0.0.1\n' >"$1/ext" &&
	openssl x509 -req -in "$1/srv.csr" -CA "$1/ca.pem" -CAkey "$1/ca.key" -CAcreateserial \
		-days 2 -extfile "$1/ext" -out "$1/srv.pem" 2>/dev/null
}
mk_ca pki && mk_ca other || { echo "not ok - $SUITE: openssl could not make the test CA"; exit 0; }

# archives: v1 (2 records), v2 (3 records, different bytes), a corrupt one
python3 - <<'PY'
import json, zipfile
def rec(i, fixed):
    return {"id": "DSA-%d-1" % i, "modified": "2024-01-%02dT00:00:00Z" % i, "affected": [{
        "package": {"ecosystem": "Debian:12", "name": "pkg%d" % i},
        "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": fixed}]}]}]}
def z(path, n, pad):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as f:
        for i in range(1, n + 1):
            r = rec(i, "1.%d-1" % i)
            r["details"] = "x" * pad
            f.writestr(r["id"] + ".json", json.dumps(r))
z("v1.zip", 2, 100)
z("v2.zip", 3, 20000)
data = open("v2.zip", "rb").read()
open("bad.zip", "wb").write(data[: len(data) // 2])
PY
mkdir -p www/Debian
cp v1.zip www/Debian/all.zip

python3 "$SERVER" www pki/srv.pem pki/srv.key port log 2>server.err &
PID=$!
i=0
while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s port ] || { echo "not ok - $SUITE: the test server did not start"; exit 0; }
URL=https://127.0.0.1:$(cat port)
records() { "$BW" db status --db v.db 2>/dev/null | awk '$1 == "Debian:12" { print $2 }'; }
lastlog() { tail -n 1 log; }

up() { run db update --db v.db --source "$URL" --cacert pki/ca.pem --ecosystem Debian "$@"; }

up
check "first update: fetched (200) and imported, exit 0" \
	"$( [ "$rc" = 0 ] && [ "$(lastlog)" = "GET /Debian/all.zip - 200" ] && [ "$(records)" = 2 ]; echo $?)"
check "the archive is kept beside the store, nowhere else" \
	"$( [ -f osv-archives/Debian.zip ] && [ -f osv-archives/Debian.zip.meta ] && [ "$(ls | grep -c -v -e '^v\.db$' -e '^osv-archives$' -e '^www$' -e '^pki$' -e '^other$' -e '^log$' -e '^port$' -e '\.zip$' -e '^out$' -e '^err$' -e '^server\.err$')" = 0 ]; echo $?)"

up
check "second update: a conditional GET answered 304, nothing imported, up to date" \
	"$( [ "$rc" = 0 ] && [ "$(lastlog)" = "GET /Debian/all.zip - 304" ] && grep -q "v.db is up to date" err && [ "$(records)" = 2 ]; echo $?)"

cp v2.zip www/Debian/all.zip
echo 5000 >www/Debian/all.zip.cut
up
check "a transfer that breaks: exit 2, one error naming the URL, the old data kept" \
	"$( [ "$rc" = 2 ] && grep -q "^bulwark: db update: $URL/Debian/all.zip: .*next update resumes" err && [ "$(records)" = 2 ] && [ -s osv-archives/Debian.zip.part ]; echo $?)"
up
check "the next update resumes with a Range request (206) and imports the new archive" \
	"$( [ "$rc" = 0 ] && [ "$(lastlog)" = "GET /Debian/all.zip bytes=5000- 206" ] && grep -q "Debian: new archive (resumed)" err && [ "$(records)" = 3 ] && cmp -s osv-archives/Debian.zip v2.zip; echo $?)"

cp bad.zip www/Debian/all.zip
up
check "a corrupt archive: exit 2, the store keeps its data" \
	"$( [ "$rc" = 2 ] && grep -q "^bulwark: db update: " err && [ "$(records)" = 3 ]; echo $?)"
up
check "... and is fetched whole again next time, not taken as unchanged" \
	"$( [ "$rc" = 2 ] && [ "$(lastlog)" = "GET /Debian/all.zip - 200" ]; echo $?)"

cp v2.zip www/Debian/all.zip
run db update --db v.db --source "$URL" --cacert other/ca.pem --ecosystem Debian
check "a server the given CA did not sign is refused (exit 2), the store unchanged" \
	"$( [ "$rc" = 2 ] && grep -q "^bulwark: db update: $URL/Debian/all.zip: .*[Cc]ertificate" err && [ "$(records)" = 3 ]; echo $?)"

run db update --db v.db --source "http://127.0.0.1:$(cat port)" --ecosystem Debian
check "a plain-HTTP source is refused (exit 2)" "$( [ "$rc" = 2 ] && grep -q "http://127.0.0.1" err; echo $?)"

n=$(wc -l <log)
https_proxy=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY= no_proxy= \
	"$BW" db update --db v.db --source "$URL" --cacert pki/ca.pem --ecosystem Debian >out 2>err
rc=$?
check "the proxy variables are honoured: the request goes to the (closed) proxy, not the server" \
	"$( [ "$rc" = 2 ] && [ "$(wc -l <log)" = "$n" ] && grep -qi "proxy\|connect" err; echo $?)"
