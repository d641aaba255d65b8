"""Parse a whole UART log held in memory (DESIGN.md section 7).

Every line is "[SSSSS.UUUUUU] <text>"; text starting with "@" is a record
"@<kind> key=value ..." in logfmt (values with spaces double-quoted). The
test driver and the benchmarks use this; the log analyser `tools/uartlog`
reads captures of any size as a stream (uartlog_lib/), with the same
logfmt reader and Record type.
"""
import re

from uartlog_lib.lines import Record, parse_logfmt  # noqa: F401 (part of this API)

LINE_RE = re.compile(r"^\[\s*(\d+)\.(\d{6})\] (.*)$")


class Log:
    """A parsed UART log: .lines (time, text), .records, .raw."""

    def __init__(self, raw):
        self.raw = raw
        self.lines = []
        self.records = []
        self.untimed = []
        for lineno, line in enumerate(raw.splitlines(), 1):
            line = line.rstrip("\r")
            m = LINE_RE.match(line)
            if not m:
                self.untimed.append(line)
                continue
            t = int(m.group(1)) + int(m.group(2)) / 1e6
            text = m.group(3)
            self.lines.append((t, text))
            if text.startswith("@") and len(text) > 1:
                kind, _, rest = text[1:].partition(" ")
                self.records.append(Record(kind, parse_logfmt(rest), t, lineno))

    def texts(self):
        return [t for _, t in self.lines]

    def find(self, kind):
        return [r for r in self.records if r.kind == kind]

    def first(self, kind):
        recs = self.find(kind)
        return recs[0] if recs else None

    def contains(self, needle):
        return any(needle in t for t in self.texts())

    def timestamps_monotonic(self):
        times = [t for t, _ in self.lines]
        return all(a <= b for a, b in zip(times, times[1:]))


def parse(raw):
    return Log(raw)
