#!/bin/sh
# End-to-end tests of `bulwark secrets`: the fixtures under tests/secrets/BW-K001 both ways, tree
# walking, binary files, symlinks, unreadable input, redaction and formats.
# usage: tests/cli/secrets.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
FIX=$(cd "$(dirname "$0")/../secrets" && pwd)
SUITE=secrets
. "$(dirname "$0")/lib.sh"

# Fill a template: @@ joins split literals, {A30}/{h40}/{b70} random fields, {crc} the base62
# CRC32 of the 30 characters before it (GitHub and npm token checksums).
fill() {
	python3 - "$1" "$2" <<'PY'
import random, re, sys, zlib
random.seed(7)
cls = {"A": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
       "h": "0123456789abcdef", "b": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"}
B62 = cls["A"][52:] + cls["A"][:52]
def b62(n):
    s = ""
    for _ in range(6):
        s = B62[n % 62] + s
        n //= 62
    return s
out = ""
for tok in re.split(r"(\{[A-Za-z]\d+\}|\{crc\})", open(sys.argv[1]).read().replace("@@", "")):
    if tok == "{crc}":
        out += b62(zlib.crc32(out[-30:].encode()))
    elif re.fullmatch(r"\{[A-Za-z]\d+\}", tok):
        out += "".join(random.choice(cls[tok[1]]) for _ in range(int(tok[2:-1])))
    else:
        out += tok
open(sys.argv[2], "w").write(out)
PY
}

# The fixtures, as the fixture runner would run them: expected = sorted "BW-K001 LINE" lines.
cp -R "$FIX" fx
for tpl in $(find fx -name '*.tpl'); do fill "$tpl" "${tpl%.tpl}"; rm "$tpl"; done
for case in fx/BW-K001/*/; do
	name=$(basename "$case")
	"$BW" secrets --no-config --format json "$case" >out 2>err </dev/null
	python3 -c "import json; d=json.load(open('out')); print('\n'.join(sorted('%s %d' % (f['rule'], f['location']['line']) for f in d['findings'])))" 2>>err | grep . >got
	grep -v '^#' "$case/expected" | grep . | sort >want
	check "fixture BW-K001/$name" $(cmp -s got want; echo $?)
done

mkdir -p tree/src tree/.git tree/bin tree/deep/a/b
cp fx/BW-K001/fires-env/app.env tree/src/app.env
cp fx/BW-K001/fires-env/app.env tree/.git/leaked
cp fx/BW-K001/fires-env/app.env tree/deep/a/b/app.env
printf '\0\0\0' >tree/bin/blob; cat fx/BW-K001/fires-env/app.env >>tree/bin/blob
printf '\0' >tree/bin/server.pem; cat fx/BW-K001/fires-keys/id_ed25519 >>tree/bin/server.pem
ln -s ../../fx/BW-K001/fires-env/app.env tree/src/link.env
ln -s "$T/fx" tree/outside

run secrets --format json tree
check "tree: exit 1 on findings" $(rc_is 1)
check "tree: findings are file targets named by path" \
	$(py 'all(f["target"]["kind"]=="file" and f["target"]["name"]==f["location"]["path"] for f in d["findings"])')
check "tree: .git is skipped" $(py 'not any(".git" in f["location"]["path"] for f in d["findings"])')
check "tree: symlinks are not followed" \
	$(py 'not any("link" in f["location"]["path"] or "outside" in f["location"]["path"] for f in d["findings"])')
check "tree: binary file skipped, binary key file by name scanned" \
	$(py 'not any("blob" in f["location"]["path"] for f in d["findings"]) and any(f["location"]=={"path":"tree/bin/server.pem","line":2} for f in d["findings"])')
check "tree: nested directories, one finding per secret" \
	$(py 'sorted((f["location"]["path"],f["location"]["line"]) for f in d["findings"] if f["location"]["path"].endswith("app.env"))==[("tree/deep/a/b/app.env",3),("tree/deep/a/b/app.env",4),("tree/deep/a/b/app.env",5),("tree/src/app.env",3),("tree/src/app.env",4),("tree/src/app.env",5)]')
check "tree: severity from the kind" \
	$(py '{f["message"].rsplit(" (",1)[1].split(")")[0]:f["severity"] for f in d["findings"]}["github-pat"]=="critical"')
check "tree: evidence redacted" \
	$(py 'all("…(" in f["evidence"] for f in d["findings"])')
check "tree: the report is sorted" \
	$(py '[(f["location"]["path"],f["location"]["line"]) for f in d["findings"]]==sorted((f["location"]["path"],f["location"]["line"]) for f in d["findings"])')
cp out first.json
run secrets --format json tree
check "tree: deterministic report" $(cmp -s out first.json; echo $?)

run secrets --format json tree/src/link.env
check "a symlink named on the command line is followed" $(py 'len(d["findings"])==3')
run secrets --show-secrets --format json tree/src/app.env
check "--show-secrets shows the secret" $(py 'any(f["evidence"].startswith("ghp_") and len(f["evidence"])==40 for f in d["findings"])')

mkdir -p locked/inner
printf 'x\n' >locked/inner/f
printf 'x\n' >locked/secretless
chmod 000 locked/inner
printf 'y\n' >locked/unreadable; chmod 000 locked/unreadable
if [ "$(id -u)" != 0 ]; then
	run secrets locked
	check "unreadable directory and file are input errors (exit 2)" \
		$( [ "$rc" = 2 ] && grep -q 'locked/inner' err && grep -q 'locked/unreadable' err; echo $?)
fi
chmod 755 locked/inner; chmod 644 locked/unreadable
run secrets nonexistent
check "missing path exits 2" $( [ "$rc" = 2 ] && grep -qx 'bulwark: nonexistent: no such file or directory' err; echo $?)
printf 'x\n' >plainfile
run secrets plainfile/below
check "a path under a file: the system's reason (exit 2)" \
	$( [ "$rc" = 2 ] && grep -qx 'bulwark: plainfile/below: Not a directory' err; echo $?)
run secrets fx/BW-K001/passes-decoys
check "decoys exit 0" $(rc_is 0)
run secrets --format sarif tree/src
check "sarif format" $( [ "$rc" = 1 ] && grep -q '"BW-K001"' out; echo $?)
run secrets --help
check "help says .git is skipped" $( [ "$rc" = 0 ] && grep -q '\.git' out; echo $?)
run secrets -f compose.yaml
check "compose -f refused" $(rc_is 2)
