"""Parse the firmware's UART log (DESIGN.md section 7).

Every line is "[SSSSS.UUUUUU] <text>"; text starting with "@" is a record
"@<kind> key=value ..." in logfmt (values with spaces double-quoted). The
same parser serves the test driver, the benchmarks and the log analyser.
"""
import re

LINE_RE = re.compile(r"^\[\s*(\d+)\.(\d{6})\] (.*)$")
PAIR_RE = re.compile(r'([A-Za-z0-9_.\-]+)=("(?:[^"\\]|\\.)*"|\S*)')


def parse_logfmt(text):
    """Return the key/value pairs of a logfmt string as a dict of strings."""
    out = {}
    for key, val in PAIR_RE.findall(text):
        if len(val) >= 2 and val[0] == '"' and val[-1] == '"':
            val = val[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        out[key] = val
    return out


class Record(dict):
    """One @record: a dict of its fields plus .kind, .time and .lineno."""

    def __init__(self, kind, fields, time, lineno):
        super().__init__(fields)
        self.kind = kind
        self.time = time
        self.lineno = lineno

    def int(self, key, default=None):
        val = self.get(key)
        if val is None:
            return default
        return int(val, 0)


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
