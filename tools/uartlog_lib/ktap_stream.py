"""KTAP version 1, read line by line as Linux's KUnit parser reads it.

The firmware's self-tests print what KUnit prints: a top-level plan, one
nested subtest per suite (header, "# Subtest: name", its own plan, one
result per case, "# " diagnostics before a failing case) and the suite's
result. Results, in KUnit's terms:

  - a case is passed, failed, or skipped ("ok N name # SKIP reason");
  - a test whose result line never comes (the kernel crashed, the capture
    ended) is crashed, and so is the first planned case that never ran;
  - a test's status bubbles up from its cases: crashed if any crashed,
    else failed if any failed, else passed if any passed, else skipped if
    all were skipped, else "no tests";
  - a plan that does not match the results, a result numbered out of
    order, a suite result that names another suite: parse problems,
    reported with their line numbers (`uartlog check` prints them).

Lines that do not look like KTAP (other printk output interleaved with the
tests) are ignored; tests nest to any depth by indentation.
"""
import re

PASS, FAIL, SKIP, CRASHED, NO_TESTS = "pass", "fail", "skip", "crashed", "no_tests"

HEADER_RE = re.compile(r"( *)K?TAP version (\d+)\s*$")
SUBTEST_RE = re.compile(r"( *)# Subtest: (.*?)\s*$")
PLAN_RE = re.compile(r"( *)1\.\.(\d+)\s*(?:#.*)?$")
RESULT_RE = re.compile(r"( *)(ok|not ok) (\d+)(?: -)?(?: +([^#]*?))?\s*(?:# *(.*?))?\s*$")
DIAG_RE = re.compile(r"( *)# ?(.*)$")
DIAG_KEEP = 40      # diagnostic lines kept per case
PROBLEM_KEEP = 200
DOCUMENT_KEEP = 64      # KTAP documents kept per boot (the later ones are counted)


class Test:
    """A KTAP test: a suite (with .cases) or a case. .indent is its body's indent."""

    def __init__(self, name, indent, lineno):
        self.name = name
        self.indent = indent
        self.lineno = lineno
        self.plan = None
        self.number = None
        self.status = None
        self.reason = ""        # the SKIP reason, or why it crashed
        self.diag = []
        self.cases = []
        self.pending = []       # diagnostics waiting for the next result
        self.fresh = True       # nothing but its header/name seen yet

    def counts(self):
        """Leaf cases by status: dict pass/fail/skip/crashed."""
        out = {PASS: 0, FAIL: 0, SKIP: 0, CRASHED: 0}
        if not self.cases:
            if self.status in out:
                out[self.status] += 1
            return out
        for c in self.cases:
            for k, v in c.counts().items():
                out[k] += v
        return out

    def bubble(self):
        """The status its cases give it (KUnit's rule)."""
        c = self.counts()
        if c[CRASHED]:
            return CRASHED
        if c[FAIL]:
            return FAIL
        if c[PASS]:
            return PASS
        if c[SKIP]:
            return SKIP
        return NO_TESTS

    def to_dict(self):
        d = {"name": self.name, "status": self.status, "line": self.lineno}
        if self.reason:
            d["reason"] = self.reason
        if self.diag:
            d["diag"] = list(self.diag)
        if self.cases:
            d["plan"] = self.plan
            d["counts"] = self.counts()
            d["cases"] = [c.to_dict() for c in self.cases]
        return d


class KtapStream:
    """Feed it every kernel line's text; read .documents and .problems."""

    def __init__(self):
        self.documents = []     # the top-level tests (one per "KTAP version" at indent 0)
        self.problems = []      # (lineno, message)
        self.stack = []
        self.dropped = 0        # documents beyond DOCUMENT_KEEP

    def problem(self, lineno, msg):
        if len(self.problems) < PROBLEM_KEEP:
            self.problems.append((lineno, msg))

    @property
    def active(self):
        return bool(self.stack)

    def feed(self, text, lineno):
        """Take one line; True if it was a KTAP line."""
        c = text[:1]
        if c not in " #1KTon":
            return False
        m = RESULT_RE.match(text)
        if m and self.stack:
            self._result(len(m.group(1)), m.group(2) == "ok", int(m.group(3)),
                         (m.group(4) or "").strip(), m.group(5), lineno)
            return True
        m = HEADER_RE.match(text)
        if m:
            self._header(len(m.group(1)), lineno)
            return True
        if not self.stack:
            return False
        m = SUBTEST_RE.match(text)
        if m:
            self._subtest(len(m.group(1)), m.group(2), lineno)
            return True
        m = PLAN_RE.match(text)
        if m:
            self._plan(len(m.group(1)), int(m.group(2)), lineno)
            return True
        m = DIAG_RE.match(text)
        if m:
            top = self.stack[-1]
            if len(top.pending) < DIAG_KEEP:
                top.pending.append(m.group(2))
            return True
        return False

    def _crash(self, test, lineno, why):
        """Close an open test that will never get its result line."""
        if test.plan is not None and len(test.cases) < test.plan:
            self._crash_missing(test, lineno, why)
        test.status = CRASHED
        test.reason = why
        self.problem(lineno, "test '%s' has no result line: %s" % (test.name, why))

    def _pop_to(self, indent, lineno, why):
        """Crash-close the open tests whose bodies are deeper than indent."""
        while len(self.stack) > 1 and self.stack[-1].indent > indent:
            t = self.stack.pop()
            self._crash(t, lineno, why)
            self.stack[-1].cases.append(t)

    def _header(self, indent, lineno):
        if indent == 0:
            self.finish(lineno, "a new KTAP document started")
            root = Test("", 0, lineno)
            if len(self.documents) < DOCUMENT_KEEP:
                self.documents.append(root)
            else:
                self.dropped += 1
            self.stack = [root]
            return
        if not self.stack:
            return
        top = self.stack[-1]
        if top.indent == indent and top.fresh and top is not self.stack[0]:
            return      # "# Subtest:" came first
        self._pop_to(indent - 1, lineno, "the next test started")
        self.stack.append(Test("", indent, lineno))

    def _subtest(self, indent, name, lineno):
        top = self.stack[-1]
        if top.indent == indent and top.fresh and top is not self.stack[0]:
            top.name = name
            return
        if indent == 0:
            return
        self._pop_to(indent - 1, lineno, "the next test started")
        self.stack.append(Test(name, indent, lineno))

    def _plan(self, indent, n, lineno):
        self._pop_to(indent, lineno, "a plan of an outer test came first")
        top = self.stack[-1]
        if top.indent != indent:
            self.problem(lineno, "plan 1..%d outside a test" % n)
            return
        if top.plan is not None:
            self.problem(lineno, "second plan for '%s'" % top.name)
        top.plan = n
        top.fresh = False

    def _result(self, indent, ok, number, name, directive, lineno):
        self._pop_to(indent + 4, lineno, "an outer result came first")
        top = self.stack[-1]
        skip = bool(directive) and directive[:4].upper() == "SKIP"
        if top.indent == indent + 4 and len(self.stack) > 1:
            test = self.stack.pop()         # the result line of an open subtest
            parent = self.stack[-1]
            if test.name and name and test.name != name:
                self.problem(lineno, "result '%s' closes subtest '%s'" % (name, test.name))
            test.name = test.name or name
            if test.pending:
                test.diag.extend(test.pending)
                test.pending = []
            self._check_plan(test, lineno)
            bubbled = test.bubble()
            if skip:
                test.status = SKIP
            elif bubbled == CRASHED:
                test.status = CRASHED
            elif not ok:
                test.status = FAIL
            elif bubbled == FAIL:
                self.problem(lineno, "'%s' reported ok but a case failed" % test.name)
                test.status = FAIL
            else:
                test.status = bubbled if bubbled != NO_TESTS else PASS
        elif top.indent == indent:
            parent = top
            test = Test(name, indent + 4, lineno)
            test.diag = top.pending
            top.pending = []
            test.status = SKIP if skip else (PASS if ok else FAIL)
        else:
            self.problem(lineno, "result of test %d at an unexpected depth" % number)
            return
        test.fresh = False
        test.number = number
        if skip:
            test.reason = directive[4:].strip()
        if number != len(parent.cases) + 1:
            self.problem(lineno, "test number %d, expected %d" % (number, len(parent.cases) + 1))
        parent.cases.append(test)
        parent.fresh = False
        if parent is self.stack[0] and parent.plan is not None and len(parent.cases) >= parent.plan:
            self._close_root(lineno)

    def _check_plan(self, test, lineno):
        if test.plan is None:
            if test.cases:
                self.problem(lineno, "test '%s' has no plan" % test.name)
            return
        if len(test.cases) < test.plan:
            self.problem(lineno, "test '%s' planned %d, ran %d" % (test.name, test.plan, len(test.cases)))
            self._crash_missing(test, lineno, "missing expected subtest")
        elif len(test.cases) > test.plan:
            self.problem(lineno, "test '%s' planned %d, ran %d" % (test.name, test.plan, len(test.cases)))

    def _crash_missing(self, test, lineno, why):
        """KUnit counts the first planned case that never ran as crashed."""
        lost = Test("(case %d)" % (len(test.cases) + 1), test.indent + 4, lineno)
        lost.status = CRASHED
        lost.reason = why
        lost.number = len(test.cases) + 1
        test.cases.append(lost)

    def _close_root(self, lineno):
        root = self.stack[0]
        self._check_plan(root, lineno)
        root.status = root.bubble()
        self.stack = []

    def finish(self, lineno, why="the log ended"):
        """The boot ended (or crashed): close every open test as crashed."""
        if not self.stack:
            return
        self._pop_to(0, lineno, why)
        root = self.stack[0]
        if root.plan is None:
            self.problem(lineno, "KTAP document without a plan")
        elif len(root.cases) < root.plan:
            self.problem(lineno, "planned %d tests, ran %d: %s" % (root.plan, len(root.cases), why))
            self._crash_missing(root, lineno, why)
        root.status = root.bubble()
        self.stack = []

    def suites(self):
        """Every suite (top-level test) of every document, in order."""
        return [s for d in self.documents for s in d.cases]
