#!/bin/sh
# bulwark's reading of sshd_config against sshd's own (`sshd -T`) on generated trees
# (tests/cli/ssh_oracle.py), through build/ssh_eff. Skips where sshd or ssh-keygen is absent.
# usage: tests/cli/ssh_oracle.sh path/to/bulwark
SUITE="ssh oracle"
dir=$(cd "$(dirname "$0")" && pwd)
. "$dir/lib.sh"
EFF=$(dirname "$BW")/ssh_eff
SSHD=/usr/sbin/sshd
CASES=${SSH_ORACLE_CASES:-80}

if [ ! -x "$SSHD" ] || ! command -v ssh-keygen >/dev/null 2>&1; then
	echo "ok - $SUITE: sshd -T agrees on generated configurations # skip sshd is not installed"
	exit 0
fi
if [ ! -x "$EFF" ]; then
	echo "not ok - $SUITE: $EFF is not built (make tests)"
	exit 0
fi

# sshd -T needs a host key, and as root its privilege separation directory too (/run/sshd,
# absent where sshd never ran): root runs it as nobody, which needs neither, with a key of ours.
ssh-keygen -q -t ed25519 -N '' -f "$T/hostkey" >/dev/null 2>&1
chmod 755 "$T"
chmod 644 "$T/hostkey"
runner="$SSHD -h $T/hostkey"
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		runner="setpriv --reuid=65534 --regid=65534 --clear-groups $runner"
	else
		echo "ok - $SUITE: sshd -T agrees on generated configurations # skip no setpriv to leave root"
		exit 0
	fi
fi
mkdir -p "$T/cases" && chmod 755 "$T/cases"
# shellcheck disable=SC2086 # runner is a command line
if ! $runner -T -f /dev/null >out 2>err || ! grep -q '^passwordauthentication ' out; then
	echo "ok - $SUITE: sshd -T agrees on generated configurations # skip sshd -T does not run here: $(head -c 200 err)"
	exit 0
fi

# The defaults bulwark assumes are this sshd's (a different OpenSSH changes the lists).
mkdir -p "$T/empty-root/etc/ssh" && : >"$T/empty-root/etc/ssh/sshd_config"
"$EFF" "$T/empty-root" | sort >ours
$runner -T -f /dev/null | sed 's/^permitrootlogin without-password$/permitrootlogin prohibit-password/' |
	grep -F -x -f ours | sort >theirs
[ -s ours ] && cmp -s ours theirs
check "with an empty sshd_config, every default bulwark assumes is this sshd's" $?

# Fixed seed, fixed count: the same cases every run.
python3 "$dir/ssh_oracle.py" "$EFF" "$T/cases" "$CASES" 20 $runner >out 2>err
rc=$?
[ "$rc" = 0 ] && has "^agree $((CASES * 3))/$((CASES * 3))\$" >/dev/null
check "sshd -T agrees on $CASES generated configurations (global and for two users' Match blocks)" $?

# Lines sshd refuses are input errors for bulwark too.
mkdir -p "$T/bad/etc/ssh"
printf 'PasswordAuthentication maybe\nMatch User x\n  Ciphers aes128-ctr\nMaxAuthTries -1\n' \
	>"$T/bad/etc/ssh/sshd_config"
chmod -R a+rX "$T/bad"
! $runner -T -f "$T/bad/etc/ssh/sshd_config" >/dev/null 2>&1
check "sshd refuses the bad configuration" $?
"$EFF" "$T/bad" >out 2>err
[ $? = 1 ] && has "^error 1 " >/dev/null && has "^error 3 .*not allowed within a Match block" >/dev/null &&
	has "^error 4 " >/dev/null
check "bulwark reports each line sshd refuses" $?
