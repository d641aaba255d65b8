"""One line of a capture: printk timestamps and logfmt records.

A kernel line is "[SSSSS.UUUUUU] <text>" (docs/LOG_FORMAT.md). A capture
also holds lines without a stamp (OpenSBI's banner, noise), and a line can
hold several stamped segments when output from two sources ran together
or a line lost its end: every stamp starts a new segment, and text before
the first stamp is untimed.
"""
import re

STAMP_RE = re.compile(r"\[\s*(\d+)\.(\d{6})\] ?")
PAIR_RE = re.compile(r'([A-Za-z0-9_.\-]+)=("(?:[^"\\]|\\.)*"|\S*)')
KIND_RE = re.compile(r"[a-z][a-z0-9_]*\Z")


def segments(line):
    """Split a line into (untimed_prefix, [(seconds, text), ...])."""
    if line.startswith("["):
        m = STAMP_RE.match(line)
        if m and line.find("[", m.end()) < 0:
            return "", [(int(m.group(1)) + int(m.group(2)) / 1e6, line[m.end():])]
    stamps = list(STAMP_RE.finditer(line))
    if not stamps:
        return line, []
    out = []
    for i, m in enumerate(stamps):
        end = stamps[i + 1].start() if i + 1 < len(stamps) else len(line)
        out.append((int(m.group(1)) + int(m.group(2)) / 1e6, line[m.end():end]))
    return line[:stamps[0].start()], out


def parse_logfmt(text):
    """Return the key/value pairs of a logfmt string as a dict of strings."""
    if '"' not in text:
        return dict(PAIR_RE.findall(text))
    out = {}
    for key, val in PAIR_RE.findall(text):
        if len(val) >= 2 and val[0] == '"' and val[-1] == '"':
            val = val[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        out[key] = val
    return out


def to_int(val, default=None):
    """An integer field (decimal or 0x hex); default when absent or garbled."""
    if val is None:
        return default
    if val.isdecimal():
        return int(val)
    try:
        return int(val, 0)
    except ValueError:
        return default


def to_float(val, default=None):
    if val is None:
        return default
    try:
        return float(val)
    except ValueError:
        return default


class Record(dict):
    """One @record: a dict of its fields plus .kind, .time, .lineno, .boot."""

    def __init__(self, kind, fields, time, lineno, boot=None):
        super().__init__(fields)
        self.kind = kind
        self.time = time
        self.lineno = lineno
        self.boot = boot

    def int(self, key, default=None):
        """The field as an integer (decimal or 0x hex), default if absent or garbled."""
        val = self.get(key)
        if val is not None and val.isdecimal():
            return int(val)
        return to_int(val, default)

    def float(self, key, default=None):
        return to_float(self.get(key), default)


def parse_record(text, time, lineno, boot=None):
    """The Record of a segment text starting with "@", or None if the kind is garbled."""
    sp = text.find(" ")
    kind = text[1:] if sp < 0 else text[1:sp]
    if not KIND_RE.match(kind):
        return None
    return Record(kind, parse_logfmt(text[sp + 1:]) if sp > 0 else {}, time, lineno, boot)
