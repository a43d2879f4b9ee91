"""Reads a fleet HTML report for tests/cli/fleet_html.sh and prints what it holds, one fact a
line, for the suite to compare exactly:

  row NAME|HREF|RUNS|LAST|CRIT|HIGH|MED|LOW|INFO|NEW|FIXED
                                                          the overview's hosts table
  link HREF -> NAME                                       a host row's link and the section
                                                          it reaches (its data-host)
  finding NAME|RULE|SEVERITY|MESSAGE                      each finding article of a host's
                                                          section, in page order
usage: fleet_html_check.py FILE
"""
import sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.sections, self.findings = [], {}, []
        self.row = None
        self.cell = None
        self.host = None        # the host section we are in
        self.art = None         # the finding article we are in
        self.msg = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "tr" and cls == "host-row":
            self.row = [a.get("data-host")]
        elif self.row is not None and tag == "a":
            self.row.append(a.get("href"))
        elif self.row is not None and tag == "td":
            self.cell = ""
        elif tag == "section" and cls == "host":
            self.host = a.get("data-host")
            self.sections["#" + a.get("id")] = self.host
        elif tag == "article" and self.host is not None:
            self.art = [self.host, a.get("data-rule"), a.get("data-severity")]
        elif tag == "p" and self.art is not None and cls == "msg":
            self.msg = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.msg is not None:
            self.msg += data

    def handle_endtag(self, tag):
        if tag == "td" and self.row is not None and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "p" and self.msg is not None:
            self.art.append(self.msg)
            self.findings.append(self.art)
            self.art, self.msg = None, None


p = Page()
p.feed(open(sys.argv[1], encoding="utf-8").read())
for r in p.rows:
    print("row " + "|".join(x if x is not None else "" for x in r[:2] + r[3:]))
    print("link %s -> %s" % (r[1], p.sections.get(r[1])))
for f in p.findings:
    print("finding " + "|".join(f))
