#!/usr/bin/env python3
"""sshd_config trees generated with a fixed seed, read by bulwark (build/ssh_eff) and by sshd
itself (`sshd -T -f FILE`, and `-C user=...` for the Match blocks): every keyword the rules read
must agree. Includes before and after settings, nested includes, Match blocks (User, Address,
all), keyword and value case, '=' and odd spacing, quotes, comments, CR line ends.
usage: ssh_oracle.py SSH_EFF SCRATCH CASES SEED RUNNER... (RUNNER: the command prefix that runs
sshd, e.g. /usr/sbin/sshd or setpriv ... /usr/sbin/sshd). Prints one line per failing case
on stderr and a summary "agree N/M" on stdout; exit 1 on any disagreement."""
import os
import random
import subprocess
import sys

KEYS = ["passwordauthentication", "kbdinteractiveauthentication", "permitemptypasswords",
        "permitrootlogin", "ciphers", "macs", "kexalgorithms", "x11forwarding", "maxauthtries",
        "authorizedkeysfile", "usepam", "strictmodes"]
CIPHERS = ["3des-cbc", "aes128-cbc", "aes256-cbc", "aes128-ctr", "aes192-ctr", "aes256-ctr",
           "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com"]
MACS = ["hmac-sha1", "hmac-sha1-96", "hmac-sha2-256", "hmac-sha2-512", "hmac-md5",
        "hmac-md5-96", "umac-64@openssh.com", "umac-128@openssh.com",
        "hmac-sha1-etm@openssh.com", "hmac-sha2-256-etm@openssh.com",
        "hmac-sha2-512-etm@openssh.com", "umac-128-etm@openssh.com"]
KEX = ["diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1",
       "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512",
       "diffie-hellman-group-exchange-sha1", "diffie-hellman-group-exchange-sha256",
       "ecdh-sha2-nistp256", "curve25519-sha256", "curve25519-sha256@libssh.org"]
PATTERNS = {"Ciphers": ["*-cbc", "aes1*", "chacha20*", "3des-cbc"],
            "MACs": ["hmac-sha1", "*-96", "umac-64*", "*md5*", "hmac-sha2-*"],
            "KexAlgorithms": ["*-sha1", "ecdh-*", "sntrup*", "curve25519-sha256"]}
ALGS = {"Ciphers": CIPHERS, "MACs": MACS, "KexAlgorithms": KEX}
FLAGS = ["PasswordAuthentication", "KbdInteractiveAuthentication",
         "ChallengeResponseAuthentication", "PermitEmptyPasswords", "X11Forwarding"]
GLOBAL_ONLY = ["Ciphers", "MACs", "KexAlgorithms", "UsePAM", "StrictModes"]
MATCHES = ["User alice", "User bob", "all", "Address 10.0.0.0/8", "User carol"]
USERS = ["alice", "bob"]


def case_of(r, word):
    return r.choice([word, word.lower(), word.upper(), word])


def quoted(r, v):
    return r.choice([v, v, f'"{v}"', f"'{v}'"]) if " " not in v else f'"{v}"'


def value(r, key):
    if key in FLAGS or key in ("UsePAM", "StrictModes"):
        return case_of(r, r.choice(["yes", "no"]))
    if key == "PermitRootLogin":
        return case_of(r, r.choice(["yes", "no", "prohibit-password", "without-password",
                                    "forced-commands-only"]))
    if key == "MaxAuthTries":
        return r.choice([str(r.randint(0, 12)), "03", "+5", "10"])
    if key == "AuthorizedKeysFile":
        return r.choice([".ssh/authorized_keys", "none", ".ssh/a %h/.ssh/b",
                         "/etc/ssh/keys/%u .ssh/authorized_keys"])
    names = ALGS[key]
    kind = r.choice(["", "+", "-", "^"])
    if kind == "-":
        return "-" + ",".join(r.sample(PATTERNS[key], r.randint(1, 2)))
    pick = r.sample(names, r.randint(1, 4))
    if kind == "" and r.random() < 0.2:
        pick.append(pick[0])    # a name twice is listed once
    return kind + ",".join(pick)


def setting(r, key):
    sep = r.choice([" ", "\t", " = ", "=", "  ", " =", "= "])
    lead = r.choice(["", "", "  ", "\t"])
    tail = r.choice(["", "", " # a comment", "   ", "\t"])
    v = value(r, key)
    if key != "AuthorizedKeysFile" or " " not in v:
        v = quoted(r, v)
    return f"{lead}{case_of(r, key)}{sep}{v}{tail}"


def filler(r):
    return r.choice(["", "# comment", "   ", "#PasswordAuthentication yes", "Banner none",
                     "LogLevel INFO"])


def body(r, n, in_match, match_all):
    keys = FLAGS + ["PermitRootLogin", "MaxAuthTries", "AuthorizedKeysFile"]
    if not in_match or match_all:
        keys = keys + GLOBAL_ONLY
    out = []
    for _ in range(n):
        out.append(filler(r) if r.random() < 0.2 else setting(r, r.choice(keys)))
    return out


class Tree:
    def __init__(self, root, base, r):
        self.root, self.base, self.r, self.nfiles = root, base, r, 0

    def write(self, rel, lines):
        path = os.path.join(self.root, rel.lstrip("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        end = "\r\n" if self.r.random() < 0.1 else "\n"
        with open(path, "w") as f:
            f.write(end.join(lines) + end)

    def include(self, depth, in_match, match_all):
        """An Include line and the files it names (absolute, through the tree's own path)."""
        r = self.r
        self.nfiles += 1
        d = f"/etc/ssh/inc{self.nfiles}.d"
        for i in range(r.randint(0, 3)):
            lines = body(r, r.randint(0, 4), in_match, match_all)
            if depth < 2 and r.random() < 0.3:
                lines.append(self.include(depth + 1, in_match, match_all))
            if not in_match and r.random() < 0.3:
                lines += [f"Match {r.choice(MATCHES)}"] + body(r, 2, True, False)
            self.write(f"{d}/{i:02d}-{r.choice(['a', 'b'])}.conf", lines)
        if r.random() < 0.3:
            self.write(f"{d}/skipped.conf.off", body(r, 2, in_match, match_all))
        return f"Include {self.base}{d}/*.conf"

    def main(self):
        r = self.r
        lines = []
        for _ in range(r.randint(1, 4)):
            part = r.choice(["body", "include", "body"])
            if part == "body":
                lines += body(r, r.randint(1, 5), False, False)
            else:
                lines.append(self.include(0, False, False))
        for _ in range(r.randint(0, 3)):
            cond = r.choice(MATCHES)
            crit, _, arg = cond.partition(" ")
            lines.append(f"{r.choice(['', ' '])}{case_of(r, 'Match')} "
                         f"{case_of(r, crit)}{(' ' + arg) if arg else ''}")
            lines += body(r, r.randint(0, 4), True, cond == "all")
            if r.random() < 0.3:
                lines.append(self.include(0, cond != "all", cond == "all"))
        self.write("/etc/ssh/sshd_config", lines)


def effective(out):
    got = {}
    for line in out.splitlines():
        k, _, v = line.partition(" ")
        if k in KEYS:
            got[k] = "prohibit-password" if v == "without-password" else v
    return got


def main():
    eff, scratch, cases, seed, runner = (sys.argv[1], sys.argv[2], int(sys.argv[3]),
                                         int(sys.argv[4]), sys.argv[5:])
    r = random.Random(seed)
    agree = total = 0
    for n in range(cases):
        base = os.path.join(scratch, f"c{n}")
        root = base + "/root"
        os.makedirs(root + base)
        # the tree's own absolute path leads back to its root, so an Include names the same
        # files for sshd (the real path) and for bulwark (below the root)
        os.symlink("/", root + base + "/root")
        Tree(root, base + "/root", r).main()
        conf = root + "/etc/ssh/sshd_config"
        for user in [None] + USERS:
            total += 1
            cmd = runner + ["-T", "-f", conf]
            ours = [eff, root]
            if user:
                cmd += ["-C", f"user={user},host=client.example,addr=192.0.2.1"]
                ours.append(user)
            theirs = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
            mine = subprocess.run(ours, capture_output=True, text=True, timeout=20)
            a, b = effective(theirs.stdout), effective(mine.stdout)
            if theirs.returncode == 0 and mine.returncode == 0 and a == b:
                agree += 1
                continue
            diff = {k: (a.get(k), b.get(k)) for k in KEYS if a.get(k) != b.get(k)}
            print(f"case {n} user {user}: sshd rc {theirs.returncode} "
                  f"{theirs.stderr.strip()[:200]!r}, bulwark rc {mine.returncode} "
                  f"{mine.stdout.strip().splitlines()[-1:]!r}; differ (sshd, bulwark): {diff}",
                  file=sys.stderr)
    print(f"agree {agree}/{total}")
    sys.exit(0 if agree == total else 1)


main()
