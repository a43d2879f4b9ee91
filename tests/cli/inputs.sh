#!/bin/sh
# What lint reads and what it calls broken: text that is not UTF-8 is linted with U+FFFD and one
# warning per file; what docker build refuses (unknown or misplaced instructions, an empty
# Dockerfile) and a directory with nothing to lint are input errors, exit 2.
# usage: tests/cli/inputs.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
SUITE=inputs
. "$(dirname "$0")/lib.sh"

run() { "$BW" lint --no-config "$@" >out 2>err </dev/null; rc=$?; }
# py EXPR: evaluate a Python expression over the JSON document d read from out; F is the list of
# (rule, line, evidence) of its findings
py() {
	python3 -c "import json,sys; d=json.load(open('out')); F=[(f['rule'], f['location']['line'], f['evidence']) for f in d['findings']]; sys.exit(0 if ($1) else 1)" 2>>err
	echo $?
}
ok_tail='USER app\nHEALTHCHECK CMD true\n'

# Latin-1 (é is \351): replaced with U+FFFD, one warning naming the first line, the rest linted.
printf "FROM alpine:3.20\n# caf\351 cr\350me\n$ok_tail# \351\n" >comment.Dockerfile
run --format json comment.Dockerfile
check "Latin-1 in a comment: warning, no error, exit 0" \
	$( [ "$rc" = 0 ] && [ "$(err_is 'bulwark: warning: comment.Dockerfile:2: invalid UTF-8 replaced with U+FFFD')" = 0 ]; echo $?)
check "Latin-1 in a comment: one JSON warning with its line, the file's findings kept" \
	$(py 'd["warnings"]==[{"input":"comment.Dockerfile","line":2,"message":"invalid UTF-8 replaced with U+FFFD"}] and d["errors"]==[] and F==[("BW-D003",1,"alpine:3.20")] and d["summary"]["warnings"]==1')

printf "FROM debian:12.6\nRUN apt-get install -y --no-install-recommends caf\351\n$ok_tail" >run.Dockerfile
run --format json run.Dockerfile
check "Latin-1 in a RUN line: the finding quotes U+FFFD" \
	$( [ "$rc" = 0 ] && [ "$(py '("BW-D034",2,"caf\ufffd") in F and len(d["warnings"])==1 and d["warnings"][0]["line"]==2')" = 0 ]; echo $?)

printf "FROM alpine:3.20\n$ok_tail""ENV DB_PASSWORD=s\351cretvalue123 NOTE=d\351j\340\n" >env.Dockerfile
run --format json --show-secrets env.Dockerfile
check "Latin-1 in an ENV value: the finding's evidence holds U+FFFD" \
	$( [ "$rc" = 1 ] && [ "$(py '("BW-D011",4,"DB_PASSWORD=s\ufffdcretvalue123") in F and [(w["line"],w["message"]) for w in d["warnings"]]==[(4,"invalid UTF-8 replaced with U+FFFD")]')" = 0 ]; echo $?)
run env.Dockerfile
check "text output: the warning on stderr, U+FFFD in the finding" \
	$( grep -q "env.Dockerfile:4 .*BW-D011.*DB_PASSWORD=s$(printf '\357\277\275')" out && [ "$(err_is 'bulwark: warning: env.Dockerfile:4: invalid UTF-8 replaced with U+FFFD')" = 0 ]; echo $?)
"$BW" lint --no-config --format json - <comment.Dockerfile >out 2>err; rc=$?
check "Latin-1 on stdin" $( [ "$rc" = 0 ] && [ "$(err_is 'bulwark: warning: -:2: invalid UTF-8 replaced with U+FFFD')" = 0 ]; echo $?)

printf 'services:\n  web:\n    image: nginx:1.27\n    # caf\351\n    privileged: true\n    labels:\n      note: "d\351j\340"\n' >compose.yaml
run --format json compose.yaml
check "Latin-1 in a compose file: warning, findings at their lines, no error" \
	$( [ "$rc" = 1 ] && [ "$(py 'd["warnings"]==[{"input":"compose.yaml","line":4,"message":"invalid UTF-8 replaced with U+FFFD"}] and d["errors"]==[] and ("BW-C001",5,None) in F')" = 0 ]; echo $?)
mkdir ext
printf 'services:\n  base:\n    # \351\n    cap_add: [SYS_ADMIN]\n' >ext/base.yaml
printf 'services:\n  app:\n    image: app:1\n    extends:\n      file: base.yaml\n      service: base\n' >ext/compose.yaml
run --format json ext/compose.yaml
check "Latin-1 in a file that extends reads" \
	$( [ "$rc" = 1 ] && [ "$(py '[(w["line"],w["message"]) for w in d["warnings"]]==[(3,"invalid UTF-8 replaced with U+FFFD")] and d["errors"]==[] and ("BW-C002",4,"SYS_ADMIN") in F')" = 0 ]; echo $?)
printf 'FROM alpine:3.20\n# \351\nRUN x\0\n' >nul.Dockerfile
run nul.Dockerfile
check "a NUL byte after Latin-1 is still binary: error, no warning" \
	$( [ "$rc" = 2 ] && [ "$(err_is 'bulwark: nul.Dockerfile:3: binary data (NUL byte), not a text file')" = 0 ]; echo $?)

printf "\357\273\277FROM alpine:3.20\n$ok_tail" >bom.Dockerfile
printf '\357\273\277services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' >bom-compose.yaml
run --format json bom.Dockerfile bom-compose.yaml
check "a UTF-8 BOM is accepted, silently" \
	$( [ "$rc" = 1 ] && [ ! -s err ] && [ "$(py 'd["warnings"]==[] and d["errors"]==[] and ("BW-D003",1,"alpine:3.20") in F and ("BW-C001",4,None) in F')" = 0 ]; echo $?)

# What docker build refuses is an input error in that file; its findings are still reported.
printf 'FORM alpine:3.20\n' >form.Dockerfile
run form.Dockerfile
check "FORM: unknown instruction with a suggestion, exit 2" \
	$( [ "$rc" = 2 ] && [ "$(err_is 'bulwark: form.Dockerfile:1: unknown instruction FORM (did you mean FROM?)')" = 0 ]; echo $?)
printf 'FROM alpine:latest\nRUNN echo\nUSER app\nHEALTHCHECK CMD true\n' >runn.Dockerfile
run --format json runn.Dockerfile
check "RUNN: error at its line, the file's findings still reported" \
	$( [ "$rc" = 2 ] && [ "$(py 'd["errors"]==[{"input":"runn.Dockerfile","line":2,"message":"unknown instruction RUNN (did you mean RUN?)"}] and ("BW-D002",1,"alpine:latest") in F')" = 0 ]; echo $?)
printf 'FROM alpine:3.20\nONBUILD RUNN x\nUSER app\nHEALTHCHECK CMD true\n' >onbuild.Dockerfile
run onbuild.Dockerfile
check "an unknown ONBUILD trigger is not an error: docker build accepts it" $( [ "$rc" = 0 ] && [ ! -s err ]; echo $?)
printf 'RUN echo hi\nFROM alpine:3.20\n' >before.Dockerfile
run before.Dockerfile
check "an instruction before FROM is an error" \
	$( [ "$rc" = 2 ] && [ "$(err_is 'bulwark: before.Dockerfile:1: RUN before the first FROM (only ARG may precede it)')" = 0 ]; echo $?)
printf 'ARG V=3.20\n' >noform.Dockerfile
run noform.Dockerfile
check "ARGs and no FROM is an error on the file" \
	$( [ "$rc" = 2 ] && [ "$(err_is 'bulwark: noform.Dockerfile: no FROM instruction: nothing to build')" = 0 ]; echo $?)
"$BW" explain BW-D023 >out 2>err; rc=$?
check "BW-D023 (first instruction not FROM) is gone: docker build refuses all it reported" $(rc_is 2)

# Everything docker build accepts stays quiet.
printf '# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=all\nARG V=3.20\nfrom alpine:${V} as base\nrun <<EOF\nFORM x\nEOF\nFrOm \\\n  base\nonbuild run true\nuser app\nhealthcheck cmd true\n' >lower.Dockerfile
run --format json lower.Dockerfile
check "lowercase instructions, directives, heredocs, continuations: no error" \
	$( [ "$rc" = 0 ] && [ ! -s err ] && [ "$(py 'd["errors"]==[] and d["warnings"]==[]')" = 0 ]; echo $?)

: >empty.Dockerfile
run empty.Dockerfile
check "an empty Dockerfile is an error naming it" \
	$( [ "$rc" = 2 ] && [ "$(err_is 'bulwark: empty.Dockerfile: empty Dockerfile: no instructions')" = 0 ]; echo $?)
printf '# syntax=docker/dockerfile:1\n\n# only comments\n   \n' >comments.Dockerfile
run comments.Dockerfile
check "a comments-only Dockerfile is empty" \
	$( [ "$rc" = 2 ] && [ "$(err_is 'bulwark: comments.Dockerfile: empty Dockerfile: no instructions')" = 0 ]; echo $?)

mkdir nothing other
printf '# readme\n' >other/README.md
printf 'int main(void) { return 0; }\n' >other/dockerfile.c
run nothing
check "an empty directory: nothing to lint, exit 2" \
	$( [ "$rc" = 2 ] && [ "$(err_is 'bulwark: nothing: no Dockerfile or compose file found')" = 0 ]; echo $?)
run --format json other
check "a directory of unrelated files: nothing to lint, exit 2" \
	$( [ "$rc" = 2 ] && [ "$(py 'd["errors"]==[{"input":"other","line":None,"message":"no Dockerfile or compose file found"}] and d["summary"]["inputs"]==0')" = 0 ]; echo $?)
( cd nothing && "$BW" lint --no-config >../out 2>../err ); rc=$?
check "lint with no argument in an empty directory" \
	$( [ "$rc" = 2 ] && [ "$(err_is 'bulwark: .: no Dockerfile or compose file found')" = 0 ]; echo $?)
run missing.Dockerfile
check "a path that does not exist: exit 2" \
	$( [ "$rc" = 2 ] && [ "$(err_is 'bulwark: missing.Dockerfile: no such file')" = 0 ]; echo $?)

mkdir two
cp form.Dockerfile two/Dockerfile
printf 'FROM alpine:3.20\nUSER root\nHEALTHCHECK CMD true\n' >two/app.Dockerfile
run --format json two
check "one broken file of two: exit 2, the other's findings reported" \
	$( [ "$rc" = 2 ] && [ "$(py 'd["errors"]==[{"input":"two/Dockerfile","line":1,"message":"unknown instruction FORM (did you mean FROM?)"}] and any(f["rule"]=="BW-D004" and f["location"]=={"path":"two/app.Dockerfile","line":2} for f in d["findings"])')" = 0 ]; echo $?)
run --format json runn.Dockerfile two/app.Dockerfile comment.Dockerfile
check "named files: errors, warnings and findings of each" \
	$( [ "$rc" = 2 ] && [ "$(py 'len(d["errors"])==1 and len(d["warnings"])==1 and {f["location"]["path"] for f in d["findings"]}=={"runn.Dockerfile","two/app.Dockerfile","comment.Dockerfile"}')" = 0 ]; echo $?)
exit 0
