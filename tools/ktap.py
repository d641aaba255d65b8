"""A small KTAP version 1 reader (the format of Linux's KUnit).

Reads the firmware's self-test output (timestamps are stripped first) and
returns the test tree: suites with their cases and results. As in Linux's
parser (tools/testing/kunit/kunit_parser.py), a result with the directive
"# SKIP <reason>" is skipped, whether it says "ok" or "not ok".
"""
import re

RESULT_RE = re.compile(r"^(\s*)(ok|not ok) (\d+)(?: -)? ?([^#]*?)\s*(?:#\s*(SKIP|TODO)\b\s*(.*))?$")
PLAN_RE = re.compile(r"^(\s*)1\.\.(\d+)$")
SUBTEST_RE = re.compile(r"^(\s*)# Subtest: (.+)$")
HEADER_RE = re.compile(r"^(\s*)KTAP version 1$")


class Case:
    def __init__(self, name, ok, skip, diag, reason=""):
        self.name, self.ok, self.skip, self.diag = name, ok, skip, diag
        self.reason = reason    # of a skip

    @property
    def status(self):
        """"skip", "pass" or "fail"."""
        return "skip" if self.skip else "pass" if self.ok else "fail"


class Suite:
    def __init__(self, name):
        self.name = name
        self.plan = None
        self.cases = []
        self.ok = None


class KtapError(Exception):
    pass


def parse(lines):
    """Parse KTAP text lines; returns (suites, top_plan). Raises KtapError."""
    suites = []
    top_plan = None
    seen_header = False
    cur = None
    diag = []
    for line in lines:
        if HEADER_RE.match(line):
            if not line.startswith(" "):
                seen_header = True
            continue
        if not seen_header:
            continue
        m = SUBTEST_RE.match(line)
        if m:
            cur = Suite(m.group(2).strip())
            diag = []
            continue
        m = PLAN_RE.match(line)
        if m:
            if m.group(1):
                if cur is None:
                    raise KtapError("nested plan outside a subtest")
                cur.plan = int(m.group(2))
            else:
                top_plan = int(m.group(2))
            continue
        m = RESULT_RE.match(line)
        if m:
            indent, status, _num, name, directive, reason = m.groups()
            ok = status == "ok"
            skip = directive == "SKIP"
            if indent:
                if cur is None:
                    raise KtapError("case result outside a subtest: " + line)
                cur.cases.append(Case(name.strip(), ok, skip, diag, reason or ""))
                diag = []
            else:
                if cur is None or cur.name != name.strip():
                    raise KtapError("suite result without its subtest: " + line)
                cur.ok = ok
                suites.append(cur)
                cur = None
            continue
        if line.lstrip().startswith("#"):
            diag.append(line.strip())
    if seen_header and top_plan is None:
        raise KtapError("no test plan")
    if cur is not None:
        raise KtapError("suite '%s' has no result line (crashed?)" % cur.name)
    for s in suites:
        if s.plan is not None and s.plan != len(s.cases):
            raise KtapError("suite '%s' planned %d cases, ran %d" % (s.name, s.plan, len(s.cases)))
    if top_plan is not None and top_plan != len(suites):
        raise KtapError("planned %d suites, ran %d" % (top_plan, len(suites)))
    return suites, top_plan
