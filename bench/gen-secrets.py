#!/usr/bin/env python3
"""Generate a source-like tree with planted secrets of 20 kinds and decoys (deterministic).
usage: gen-secrets.py DIR [MB]   writes DIR/... and DIR.planted (path:line:kind per secret)"""
import os, random, sys, zlib

out, mb = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200
rnd = random.Random(20261123)
AL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
HEX = "0123456789abcdef"
B64 = AL + "+/"
B62 = AL[52:] + AL[:52]

def r(cs, n): return "".join(rnd.choice(cs) for _ in range(n))
def crc(body):
    n, s = zlib.crc32(body.encode()), ""
    for _ in range(6):
        s, n = B62[n % 62] + s, n // 62
    return s
def j(*p): return "".join(p)   # literals split so this file holds no contiguous token

KINDS = [
    ("github-pat", lambda: (lambda b: j("gh", "p_", b, crc(b)))(r(AL, 30))),
    ("npm-access-token", lambda: (lambda b: j("np", "m_", b, crc(b)))(r(AL, 30))),
    ("aws-access-key-id", lambda: j("AK", "IA", r("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16))),
    ("gitlab-pat", lambda: j("gl", "pat-", r(AL, 20))),
    ("slack-bot-token", lambda: j("xo", "xb-", r("0123456789", 12), "-", r("0123456789", 12), "-", r(AL, 24))),
    ("stripe-secret-key", lambda: j("sk", "_live_", r(AL, 32))),
    ("gcp-api-key", lambda: j("AI", "za", r(AL + "_-", 35))),
    ("sendgrid-api-key", lambda: j("SG", ".", r(AL, 22), ".", r(AL, 43))),
    ("openai-api-key", lambda: j("sk-proj-", r(AL, 40), "T3Blbk", "FJ", r(AL, 40))),
    ("anthropic-api-key", lambda: j("sk-ant", "-api03-", r(AL, 93), "AA")),
    ("huggingface-token", lambda: j("hf", "_", r(AL[:52], 34))),
    ("digitalocean-pat", lambda: j("dop", "_v1_", r(HEX, 64))),
    ("dockerhub-pat", lambda: j("dckr", "_pat_", r(AL, 27))),
    ("pypi-upload-token", lambda: j("pypi-AgEIcH", "lwaS5vcmc", r(AL, 70))),
    ("shopify-access-token", lambda: j("shp", "at_", r(HEX, 32))),
    ("twilio-api-key", lambda: j("SK", r(HEX, 32))),
    ("postgres-connection-string", lambda: j("postgresql://app:", r(AL, 16), "@db:5432/app")),
    ("jwt", lambda: j("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.", "eyJzdWIiOiIx", r(AL, 20), ".", r(AL, 43))),
    ("generic-password", lambda: j("Pa", r(AL, 12), "!9")),
    ("pem-rsa-private-key", lambda: "\n".join([j("-----BEGIN RSA ", "PRIVATE KEY-----")] + [r(B64, 64) for _ in range(10)] + ["-----END RSA PRIVATE KEY-----"])),
]
DECOYS = [
    lambda: j("AK", "IAIOSFODNN7", "EXAMPLE"),
    lambda: "sha256:" + r(HEX, 64),
    lambda: "%s-%s-%s-%s-%s" % (r(HEX, 8), r(HEX, 4), r(HEX, 4), r(HEX, 4), r(HEX, 12)),
    lambda: r(B64, 76),
    lambda: "${GITHUB_TOKEN}",
    lambda: "<your-api-key>",
    lambda: j("gh", "p_", r(AL, 36)),   # bad checksum
]
WORDS = ("def class return import self value items result config request response error "
         "handler buffer index count total update create delete user name data list map").split()

def code_line():
    k = rnd.random()
    if k < 0.3:
        return "    %s = %s(%s, %d)" % (rnd.choice(WORDS), rnd.choice(WORDS), rnd.choice(WORDS), rnd.randint(0, 999))
    if k < 0.5:
        return "    # %s" % " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 10)))
    if k < 0.6:
        return "def %s_%s(%s):" % (rnd.choice(WORDS), rnd.choice(WORDS), rnd.choice(WORDS))
    if k < 0.7:
        return ""
    return "        if %s.%s is not None: return %s" % (rnd.choice(WORDS), rnd.choice(WORDS), rnd.choice(WORDS))

def planted_line(kind, secret):
    if kind == "generic-password":
        return 'DB_PASSWORD = "%s"' % secret
    if kind == "pem-rsa-private-key":
        return secret
    return '    %s_token = "%s"' % (rnd.choice(WORDS), secret)

os.makedirs(out, exist_ok=True)
planted = open(out + ".planted", "w")
total, target, fileno = 0, mb * 1000 * 1000, 0
while total < target:
    d = os.path.join(out, "pkg%03d" % (fileno // 100))
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "mod%05d.py" % fileno)
    fileno += 1
    lines, size, want = [], 0, rnd.randint(20000, 400000)
    while size < want:
        x = rnd.random()
        if x < 0.0004:
            kind, gen = rnd.choice(KINDS)
            planted.write("%s:%d:%s\n" % (path, len(lines) + 1, kind))
            lines.extend(planted_line(kind, gen()).split("\n"))
        elif x < 0.002:
            lines.append('    ref = "%s"' % rnd.choice(DECOYS)())
        else:
            lines.append(code_line())
        size += len(lines[-1]) + 1
    text = "\n".join(lines) + "\n"
    with open(path, "w") as f:
        f.write(text)
    total += len(text)
planted.close()
