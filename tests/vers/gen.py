#!/usr/bin/python3
"""Deterministic version pairs for the oracle tests: gen.py SCHEME COUNT SEED.
dpkg prints "A<TAB>B" lines; rpm prints "A<TAB>B<TAB>VERDICT", the verdict from rpm's own EVR
comparison (python3-rpm). Half of those pairs are a version and a small edit of it, so that
near-equal versions (the edges) are common. apk (no oracle installs from Debian) prints
"A<TAB>B<TAB>VERDICT" for pairs of one chain that apk-tools' rules order: pre-release suffixes,
the release, revisions, commit hashes, post-release suffixes, a letter, a further number."""
import random
import sys

def digits(r):
    k = r.random()
    if k < 0.15:
        return '0' * r.randint(1, 3) + str(r.randint(0, 99))
    if k < 0.2:
        return str(r.randint(1, 9)) + ''.join(r.choice('0123456789') for _ in range(r.randint(10, 25)))
    return str(r.choice([0, 1, 2, 9, 10, 11, 99, 100, r.randint(0, 2000)]))

def dpkg_part(r, seps):
    out = [digits(r)]
    for _ in range(r.randint(0, 4)):
        k = r.random()
        if k < 0.5:
            out.append(r.choice(seps) + digits(r))
        elif k < 0.8:
            out.append(r.choice(['a', 'b', 'z', 'A', 'Z', 'rc', 'beta', 'dfsg', 'ubuntu', 'deb']) +
                       (digits(r) if r.random() < 0.6 else ''))
        else:
            out.append(r.choice(seps))
    return ''.join(out)

def dpkg_version(r):
    s = ''
    k = r.random()
    if k < 0.25:
        s = r.choice(['0', '1', '2', '10', '00', '1']) + ':'
    up = dpkg_part(r, ['.', '.', '+', '~', '~'] + ([':'] if s else []))
    if r.random() < 0.05:
        up = r.choice(['a', 'Z', '~', '.']) + up          # dpkg warns, still compares
    s += up
    if r.random() < 0.6:
        s += '-' + dpkg_part(r, ['.', '+', '~'])
        if r.random() < 0.3:
            s += '-' + digits(r)                          # hyphens in upstream
    if r.random() < 0.15:
        s += '+b' + str(r.randint(1, 12))
    if r.random() < 0.02:
        s += r.choice(['_', '!', '-', ':'])               # rejected or warned
    return s

def rpm_version(r):
    s = ''
    k = r.random()
    if k < 0.25:
        s = r.choice(['0', '1', '2', '10', '00', '']) + ':'
    seps = ['.', '.', '_', '+', '~', '^', '~~', '.^', '']
    s += dpkg_part(r, seps)
    if r.random() < 0.7:
        s += '-' + dpkg_part(r, seps + ['.el9', '.fc39'])
    return s

def apk_version(r):
    s = digits(r)
    for _ in range(r.randint(0, 3)):
        s += '.' + digits(r)
    if r.random() < 0.2:
        s += r.choice('abz')
    for _ in range(r.choice([0, 0, 1, 2])):
        s += '_' + r.choice(['alpha', 'beta', 'pre', 'rc', 'cvs', 'svn', 'git', 'hg', 'p'])
        if r.random() < 0.5:
            s += digits(r)
    if r.random() < 0.05:
        s += '~' + ''.join(r.choice('0123456789abcdef') for _ in range(r.randint(1, 8)))
    if r.random() < 0.6:
        s += '-r' + digits(r)
    return s

EDITS = ['~', '.0', '0', 'a', '+b1', '-1', '^1', '_rc1', '_p1', '-r1', '_alpha']

APK_CHAIN = ['_alpha', '_alpha1', '_beta', '_beta2', '_pre', '_rc', '_rc1', '_rc2', '', '-r1',
             '-r2', '~0a', '~0a-r1', '~1', '_cvs', '_svn', '_git', '_hg', '_p', '_p1', '_p1-r1',
             'a', 'a_p1', '.1']

def apk_chains(n, seed):
    r = random.Random(seed)
    count = 0
    while count < n:
        base = digits(r) + ''.join('.' + digits(r) for _ in range(r.randint(0, 3)))
        chain = [base + x for x in APK_CHAIN]
        for i in range(len(chain)):
            for j in range(i + 1, len(chain)):
                if r.random() < 0.5:
                    yield chain[i], chain[j], -1
                else:
                    yield chain[j], chain[i], 1
                count += 1
        yield base, base, 0

def mutate(r, v):
    k = r.random()
    if k < 0.3 or not v:
        return v + r.choice(EDITS)
    i = r.randrange(len(v))
    if k < 0.55:
        return v[:i] + v[i + 1:]
    if k < 0.8:
        return v[:i] + r.choice('0123456789.~+^-_:abr') + v[i + 1:]
    if k < 0.9:
        return v[:i] + '0' + v[i:]
    return v

def pairs(scheme, n, seed):
    r = random.Random(seed)
    make = {'dpkg': dpkg_version, 'rpm': rpm_version, 'apk': apk_version}[scheme]
    for _ in range(n):
        a = make(r)
        b = mutate(r, a) if r.random() < 0.5 else make(r)
        if r.random() < 0.5:
            a, b = b, a
        yield a, b

def main():
    scheme, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    out = sys.stdout
    if scheme == 'rpm':
        import rpm
        for a, b in pairs(scheme, n, seed):
            if not a or not b:
                continue
            va, vb = rpm.ver(a), rpm.ver(b)
            out.write('%s\t%s\t%d\n' % (a, b, (va > vb) - (va < vb)))
    elif scheme == 'apk':
        for a, b, v in apk_chains(n, seed):
            out.write('%s\t%s\t%d\n' % (a, b, v))
    else:
        for a, b in pairs(scheme, n, seed):
            out.write('%s\t%s\n' % (a, b))

main()
