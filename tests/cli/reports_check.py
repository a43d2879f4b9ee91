"""Checks of the junit, gitlab and html reports for tests/cli/reports.sh. Each command exits 0
when the report is valid and holds every expectation, else prints why on stderr and exits 1.

  junit XSD FILE [SUITE|CASE|STATE ...]   valid against XSD (lxml), totals consistent; STATE is
                                          pass, fail, skip or error
  gitlab SCHEMA FILE [RULE|SEVERITY|PATH|LINE ...]
                                          valid against SCHEMA (jsonschema), fingerprints unique
  dom FILE [ID=COUNT ...] [!TEXT ...] [?TEXT ...]
                                          a DOM dumped by chromium: element ID has data-count
                                          COUNT; TEXT is absent (!) or present (?) in the markup
  static FILE                             an HTML report that loads nothing: no src, no href
                                          but in-page anchors, no url(), <link> or <iframe>, and
                                          a Content-Security-Policy of default-src 'none'
"""
import json
import re
import sys
from html.parser import HTMLParser


def fail(msg):
    print("reports_check: " + msg, file=sys.stderr)
    sys.exit(1)


def junit(xsd, path, expect):
    from lxml import etree
    schema = etree.XMLSchema(etree.parse(xsd))
    doc = etree.parse(path)
    if not schema.validate(doc):
        fail("%s is not valid: %s" % (path, schema.error_log))
    root = doc.getroot()
    got, tests, failures, errors = set(), 0, 0, 0
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        nf = sum(1 for c in cases if c.find("failure") is not None)
        ne = sum(1 for c in cases if c.find("error") is not None)
        ns = sum(1 for c in cases if c.find("skipped") is not None)
        want = (str(len(cases)), str(nf), str(ne), str(ns))
        have = tuple(suite.get(k) for k in ("tests", "failures", "errors", "skipped"))
        if want != have:
            fail("suite %r counts %s, has %s" % (suite.get("name"), have, want))
        tests, failures, errors = tests + len(cases), failures + nf, errors + ne
        for c in cases:
            state = ("fail" if c.find("failure") is not None else "error"
                     if c.find("error") is not None else "skip"
                     if c.find("skipped") is not None else "pass")
            got.add("%s|%s|%s" % (suite.get("name"), c.get("name"), state))
    if (root.get("tests"), root.get("failures"), root.get("errors")) != \
            (str(tests), str(failures), str(errors)):
        fail("testsuites totals %s, cases %s" % (dict(root.attrib), (tests, failures, errors)))
    missing = [e for e in expect if e not in got]
    if missing:
        fail("missing %s in %s" % (missing, sorted(got)))


def gitlab(schema, path, expect):
    import jsonschema
    doc = json.load(open(path))
    jsonschema.validate(doc, json.load(open(schema)))
    fps = [i["fingerprint"] for i in doc]
    if len(set(fps)) != len(fps):
        fail("fingerprints repeat: %s" % fps)
    got = {"%s|%s|%s|%s" % (i["check_name"], i["severity"], i["location"]["path"],
                            i["location"]["lines"]["begin"]) for i in doc}
    missing = [e for e in expect if e not in got]
    if missing:
        fail("missing %s in %s" % (missing, sorted(got)))


class Counts(HTMLParser):
    """data-count of each element with an id."""
    def __init__(self):
        super().__init__()
        self.counts = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a and "data-count" in a:
            self.counts[a["id"]] = a["data-count"]


def dom(path, expect):
    text = open(path, encoding="utf-8").read()
    p = Counts()
    p.feed(text)
    for e in expect:
        if e.startswith("!"):
            if e[1:] in text:
                fail("%r is in %s" % (e[1:], path))
        elif e.startswith("?"):
            if e[1:] not in text:
                fail("%r is not in %s" % (e[1:], path))
        else:
            k, v = e.split("=", 1)
            if p.counts.get(k) != v:
                fail("%s: data-count %r, expected %r (all: %s)" % (k, p.counts.get(k), v,
                                                                   p.counts))


class Loads(HTMLParser):
    """Every attribute that could make the page fetch something."""
    def __init__(self):
        super().__init__()
        self.bad, self.csp = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("link", "iframe", "img", "object", "embed", "base", "form"):
            self.bad.append(tag)
        for k in ("src", "srcset", "action", "data", "poster", "xlink:href"):
            if k in a:
                self.bad.append("%s %s=%r" % (tag, k, a[k]))
        if "href" in a and not (a["href"] or "").startswith("#"):
            self.bad.append("%s href=%r" % (tag, a["href"]))
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = a.get("content")


def static(path):
    text = open(path, encoding="utf-8").read()
    p = Loads()
    p.feed(text)
    if p.bad:
        fail("%s could load: %s" % (path, p.bad))
    if re.search(r"url\(|@import", text):
        fail("%s has url() or @import" % path)
    if not p.csp or "default-src 'none'" not in p.csp or "unsafe-inline" in p.csp:
        fail("%s: Content-Security-Policy %r" % (path, p.csp))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "junit":
        junit(args[0], args[1], args[2:])
    elif cmd == "gitlab":
        gitlab(args[0], args[1], args[2:])
    elif cmd == "dom":
        dom(args[0], args[1:])
    elif cmd == "static":
        static(args[0])
    else:
        fail("unknown command " + cmd)


main()
