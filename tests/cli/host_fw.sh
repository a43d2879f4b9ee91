#!/bin/sh
# The host firewall (BW-H030..BW-H033) end to end. Under --root: saved configurations and captured
# rulesets. Live, where a private network namespace can be made (unshare -n, root): rulesets
# loaded there with nft and iptables are read through `nft -j list ruleset` and iptables-save,
# and nothing of the machine's own firewall is touched. Oracles: generated nftables.conf files
# are read by bulwark's own parser and, loaded into a namespace by nft itself, through nft's JSON
# listing; generated iptables rules as written and as iptables-save prints them once loaded;
# both views must give the same findings.
# usage: tests/cli/host_fw.sh path/to/bulwark     (prints one "ok"/"not ok" line per check)
set -u
SUITE=host_fw
. "$(dirname "$0")/lib.sh"

# No engine: an unreachable socket. The host part is audited all the same.
export DOCKER_HOST=unix://$T/no-engine.sock
audit_root() { run audit --no-config --format json --root "$1"; }
# fw FILE: the firewall findings of a JSON report, one "RULE|evidence|message" line each, sorted
fw() {
	python3 -c "import json,sys
d=json.load(open(sys.argv[1]))
for f in sorted(d['findings'], key=lambda f: (f['rule'], f.get('message',''))):
    if f['rule'] in ('BW-H030','BW-H031','BW-H032','BW-H033'):
        print('%s|%s|%s' % (f['rule'], f.get('evidence') or '', f['message']))" "${1:-out}"
}

# ---- under --root: a saved nftables.conf with an include, iptables rules, a captured ruleset
mkdir -p r1/etc/nftables.d
cat >r1/etc/nftables.conf <<'EOF'
#!/usr/sbin/nft -f
flush ruleset
include "/etc/nftables.d/*.nft"
EOF
cat >r1/etc/nftables.d/filter.nft <<'EOF'
table inet filter {
	chain input {
		type filter hook input priority 0; policy accept;
		ct state established accept
	}
}
EOF
audit_root r1
check "root: an accepting input chain from an include, named with its file and line" \
	$([ "$(fw)" = "BW-H031|input|input chain inet filter input (/etc/nftables.d/filter.nft) has policy accept and 1 rule, none of which drops or rejects: nothing reaching the host is filtered" ]; echo $?)
check "root: the live firewall is reported as not checked" \
	$(py "any('the live firewall' in w['message'] and 'not checked' in w['message'] for w in d.get('warnings', []))")

mkdir -p r2/run/bulwark
cat >r2/run/bulwark/iptables-save <<'EOF'
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:DOCKER-USER - [0:0]
-A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 9000 -j DROP
COMMIT
*nat
:DOCKER - [0:0]
-A DOCKER -d 192.0.2.10/32 ! -i docker0 -p udp -m udp --dport 5353 -j DNAT --to-destination 172.18.0.5:53
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 9000 -j DNAT --to-destination 172.18.0.6:9000
-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 6379 -j DNAT --to-destination 172.18.0.7:6379
COMMIT
EOF
audit_root r2
check "root: the published-port bypass names port, protocol, host address and container" \
	$([ "$(fw)" = "BW-H032|5353|published port 5353/udp (192.0.2.10/32) reaches container 172.18.0.5:53 through Docker's DNAT rule, ahead of the host's input rules, and no DOCKER-USER rule restricts it
BW-H033||IPv4 input is filtered but no input chain filters IPv6 (no ip6 or inet chain with policy drop or a rule that drops or rejects): services listening on IPv6 addresses are reachable" ]; echo $?)
check "root: the finding points at the DNAT rule's line of the captured dump" \
	$(py "[f['location'].get('path') for f in d['findings'] if f['rule']=='BW-H032']==['/run/bulwark/iptables-save'] and [f['location'].get('line') for f in d['findings'] if f['rule']=='BW-H032']==[9]")

mkdir -p r3/run/bulwark
echo '{"nftables": 3}' >r3/run/bulwark/nft.json
audit_root r3
check "root: a captured nft.json that is not nft's JSON is an input error naming it" \
	$([ "$rc" = 2 ] && py "any(e['input'].endswith('/run/bulwark/nft.json') and 'not the output of nft -j list ruleset' in e['message'] for e in d['errors'])" | grep -qx 0; echo $?)

# ---- live, in a network namespace of our own
if ! unshare -n true 2>/dev/null || ! command -v nft >/dev/null || ! command -v iptables-save >/dev/null; then
	echo "ok - $SUITE: live firewall in a private network namespace # skip no unshare -n or nft"
	echo "ok - $SUITE: oracle: nftables.conf parser against nft's own listing # skip no unshare -n or nft"
	echo "ok - $SUITE: oracle: iptables rules against iptables-save's own printing # skip no unshare -n or nft"
	exit 0
fi
# ns SCRIPT: run sh -c SCRIPT in a new network namespace (its own empty ruleset)
ns() { unshare -n sh -c "$1" >out 2>err </dev/null; rc=$?; }

cat >accept.nft <<'EOF'
table inet filter {
	chain input {
		type filter hook input priority 0; policy accept;
		iif lo accept
	}
}
EOF
ns "nft -f accept.nft && '$BW' audit --no-config --format json"
check "live: an accepting nftables input chain read through nft -j" \
	$([ "$(fw)" = "BW-H031|input|input chain inet filter input (the nftables ruleset) has policy accept and 1 rule, none of which drops or rejects: nothing reaching the host is filtered" ]; echo $?)

ns "'$BW' audit --no-config --format json"
check "live: an empty ruleset is no firewall" \
	$([ "$(fw)" = "BW-H030||no firewall: no nftables or iptables chain filters the input hook, so every port the host listens on is reachable" ]; echo $?)

DOCKER_RULES='iptables -P INPUT DROP && ip6tables -P INPUT DROP && iptables -N DOCKER-USER &&
iptables -t nat -N DOCKER && iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80 &&
iptables -t nat -A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.17.0.3:80'
ns "$DOCKER_RULES && '$BW' audit --no-config --format json"
check "live: a port Docker publishes on every address, read through iptables-save, bypasses the firewall" \
	$([ "$(fw)" = "BW-H032|8080|published port 8080/tcp (every host address) reaches container 172.17.0.2:80 through Docker's DNAT rule, ahead of the host's input rules, and no DOCKER-USER rule restricts it" ]; echo $?)
ns "$DOCKER_RULES && iptables -A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP && '$BW' audit --no-config --format json"
check "live: a DOCKER-USER rule on the published port restricts it" $([ -z "$(fw)" ] && [ -s out ]; echo $?)

# ---- oracle: generated nftables.conf files, bulwark's parser against nft's own listing
python3 - <<'PY'
import random
rnd = random.Random(20)
RULES = ["tcp dport 22 accept", "ct state established,related accept", "iif lo accept",
         "tcp dport { 80, 443 } accept", "udp dport 53 drop", "tcp dport 23 reject",
         "counter", "jump aux", "meta l4proto icmp accept", "tcp dport != 22 counter drop",
         "tcp dport vmap { 22 : accept, 23 : drop }"]
for i in range(40):
    out = ["#!/usr/sbin/nft -f", "# generated case %d" % i]
    for t in range(rnd.randint(0, 3)):
        fam = rnd.choice(["ip", "ip6", "inet"])
        name = "t%d" % t
        block = rnd.random() < 0.6
        chains = []
        for c in range(rnd.randint(1, 2)):
            hook = rnd.choice(["input", "input", "forward", "output"])
            pol = rnd.choice(["", " policy accept;", " policy drop;", " policy accept;"])
            rules = [rnd.choice(RULES[:4] + RULES[6:7] + RULES[8:9]) if rnd.random() < 0.7
                     else rnd.choice(RULES) for _ in range(rnd.randint(0, 3))]
            chains.append(("c%d" % c, hook, pol, rules))
        if block:
            out.append("table %s %s {" % (fam, name))
            out.append("\tchain aux { counter; }")
            for cn, hook, pol, rules in chains:
                sep = rnd.choice(["\n\t\t", "; "])
                body = "type filter hook %s priority %d;%s" % (hook, rnd.randint(-5, 5), pol)
                out.append("\tchain %s {\n\t\t%s%s%s\n\t}" % (cn, body, sep, sep.join(rules) if rules else "# none"))
            out.append("}")
        else:
            out.append("add table %s %s" % (fam, name))
            out.append("add chain %s %s aux" % (fam, name))
            for cn, hook, pol, rules in chains:
                out.append("add chain %s %s %s { type filter hook %s priority 0;%s }" % (fam, name, cn, hook, pol))
                for r in rules:
                    out.append("add rule %s %s %s %s" % (fam, name, cn, r))
    open("gen%02d.nft" % i, "w").write("\n".join(out) + "\n")
PY
bad=0 diff_case=
for f in gen*.nft; do
	n=${f%.nft}
	mkdir -p "$n/saved/etc" "$n/live/run/bulwark"
	cp "$f" "$n/saved/etc/nftables.conf"
	unshare -n sh -c "nft -f '$f' && nft -j list ruleset" >"$n/live/run/bulwark/nft.json" 2>"$n.err" || {
		bad=$((bad + 1)); diff_case="$f: nft refused it: $(head -c 300 "$n.err")"; continue; }
	audit_root "$n/saved"; fw | sed 's/ (\/etc\/nftables.conf)//; s/^BW-H030.*/BW-H030/' >"$n.a"
	audit_root "$n/live"; fw | sed 's/ (\/run\/bulwark\/nft.json)//; s/^BW-H030.*/BW-H030/' >"$n.b"
	cmp -s "$n.a" "$n.b" || { bad=$((bad + 1)); diff_case="$f: $(cat "$n.a") <> $(cat "$n.b")"; }
done
[ $bad = 0 ] || echo "  $diff_case" >&2
check "oracle: 40 generated nftables.conf files, parsed and as nft lists them, give the same findings" $bad
check "oracle: the generated cases are not all alike (some fire BW-H031, some BW-H033, some BW-H030, some none)" \
	$(cat gen*.a | cut -d'|' -f1 | sort -u | tr '\n' ' ' | grep -qx 'BW-H030 BW-H031 BW-H033 ' &&
	  for f in gen*.a; do [ -s "$f" ] || echo empty; done | grep -q empty; echo $?)

# ---- oracle: generated iptables rules, as written (rules.v4) and as iptables-save prints them
# once iptables-restore has loaded them
python3 - <<'PY'
import random
rnd = random.Random(30)
INPUT = ["-p tcp --dport 22 -j ACCEPT", "-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
         "-i lo -j ACCEPT", "-p tcp -m multiport --dports 80,443 -j ACCEPT", "-j LOG",
         "-p udp --dport 53 -j DROP", "-p tcp --dport 23 -j REJECT", "-j guard",
         "-s 10.0.0.0/8 -m comment --comment \"admins -j DROP\" -j ACCEPT"]
USER = ["-i eth0 -p tcp --dport 80 -j DROP", "-i eth0 ! -s 192.0.2.0/24 -j DROP",
        "-p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP",
        "-s 10.0.0.0/8 -j RETURN", "-j RETURN", "-p udp -m multiport --dports 50:60 -j REJECT",
        "-d 172.17.0.3/32 -j DROP", "-p tcp ! --dport 443 -j DROP"]
for i in range(30):
    pol = rnd.choice(["ACCEPT", "ACCEPT", "DROP"])
    out = ["*filter", ":INPUT %s [0:0]" % pol, ":FORWARD DROP [0:0]", ":OUTPUT ACCEPT [0:0]",
           ":DOCKER-USER - [0:0]", ":guard - [0:0]"]
    out += ["-A INPUT " + r for r in rnd.sample(INPUT, rnd.randint(0, 3))]
    out += ["-A guard -j DROP"]
    out += ["-A DOCKER-USER " + r for r in rnd.sample(USER, rnd.randint(0, 3))]
    out += ["COMMIT", "*nat", ":PREROUTING ACCEPT [0:0]", ":DOCKER - [0:0]",
            "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER"]
    for p in range(rnd.randint(1, 4)):
        proto = rnd.choice(["tcp", "udp"])
        host = rnd.choice(["", "", "-d 127.0.0.1/32 ", "-d 192.0.2.10/32 "])
        port = rnd.choice(["8080", "80", "53", "8000:8010", "443"])
        out.append("-A DOCKER %s! -i docker0 -p %s -m %s --dport %s -j DNAT --to-destination 172.17.0.%d:%s"
                   % (host, proto, proto, port, 2 + p, port.split(":")[0]))
    out.append("COMMIT")
    open("ipt%02d.rules" % i, "w").write("\n".join(out) + "\n")
PY
bad=0 diff_case=
for f in ipt*.rules; do
	n=${f%.rules}
	mkdir -p "$n/saved/etc/iptables" "$n/live/run/bulwark"
	cp "$f" "$n/saved/etc/iptables/rules.v4"
	unshare -n sh -c "iptables-restore <'$f' && iptables-save" >"$n/live/run/bulwark/iptables-save" 2>"$n.err" || {
		bad=$((bad + 1)); diff_case="$f: iptables-restore refused it: $(head -c 300 "$n.err")"; continue; }
	audit_root "$n/saved"; fw | grep -v '^BW-H03[03]' | sed 's/ (\/etc\/iptables\/rules.v4)//' >"$n.a"
	audit_root "$n/live"; fw | grep -v '^BW-H03[03]' | sed 's/ (\/run\/bulwark\/iptables-save)//' >"$n.b"
	cmp -s "$n.a" "$n.b" || { bad=$((bad + 1)); diff_case="$f: $(cat "$n.a") <> $(cat "$n.b")"; }
done
[ $bad = 0 ] || echo "  $diff_case" >&2
check "oracle: 30 generated iptables rule sets, as written and as iptables-save prints them, give the same findings" $bad
check "oracle: the generated iptables cases fire BW-H031 and BW-H032 in some, not in others" \
	$([ "$(cat ipt*.a | cut -d'|' -f1 | sort -u | tr '\n' ' ')" = 'BW-H031 BW-H032 ' ] &&
	  [ "$(grep -L BW-H032 ipt*.a | wc -l)" -gt 0 ] && [ "$(grep -L BW-H031 ipt*.a | wc -l)" -gt 0 ]; echo $?)
