"""What the uartlog tests share: paths, running the command, analysing a text."""
import json
import os
import subprocess
import sys
import tempfile

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LOGS = os.path.join(TOP, "tests", "data", "logs")
UARTLOG = os.path.join(TOP, "tools", "uartlog")
sys.path.insert(0, os.path.join(TOP, "tools"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from uartlog_lib import summary  # noqa: E402
from uartlog_lib.checks import Checker  # noqa: E402
from uartlog_lib.series import SeriesCollector  # noqa: E402
from uartlog_lib.source import Source  # noqa: E402
from uartlog_lib.stream import Capture  # noqa: E402


def log_path(name):
    return os.path.join(LOGS, name + ".log")


def read_log(name):
    with open(log_path(name), "rb") as f:
        return f.read()


def run(*args, stdin=None, timeout=120):
    """Run tools/uartlog; returns the CompletedProcess (text output)."""
    return subprocess.run([sys.executable, UARTLOG] + list(args), input=stdin, cwd=TOP,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)


def run_json(*args, **kw):
    """Run tools/uartlog with --json; returns (exit status, parsed output)."""
    p = run(*(list(args) + ["--json"]), **kw)
    try:
        return p.returncode, json.loads(p.stdout.decode())
    except ValueError:
        raise AssertionError("not JSON (exit %d): %s\n%s" % (p.returncode, p.stdout[-2000:],
                                                              p.stderr[-2000:]))


class Analysed:
    """A capture analysed in-process: .cap, .boot, .checker, .series, .summary."""

    def __init__(self, data, want=None):
        if isinstance(data, str):
            data = data.encode("utf-8")
        with tempfile.NamedTemporaryFile(suffix=".log", delete=False) as f:
            f.write(data)
            self.path = f.name
        try:
            self.cap = Capture(Source(self.path), want=want,
                               observers=(Checker, SeriesCollector)).run()
        finally:
            os.unlink(self.path)
        self.boot = self.cap.boot
        if self.boot is not None:
            self.checker, self.series = self.boot.observers[0], self.boot.observers[1].series
            self.summary = summary.build(self.boot, self.cap, None, self.checker)

    @property
    def verdict(self):
        return self.summary["verdict"]

    def rules(self):
        """The rules of the check violations, with their line numbers."""
        return [(v["rule"], v["line"]) for v in self.summary["violations"]]
