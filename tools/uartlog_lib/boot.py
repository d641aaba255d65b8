"""One boot of a capture: everything a summary needs, in bounded memory.

A Boot sees the lines of one boot once, in order (stream.py feeds it) and
keeps the facts (@boot, OpenSBI's banner, the command line), the last
record of each kind (per zone, per cache), the self-test tree, the dumps'
last states, the oopses, the user-process records, and the error lines,
each list capped so that a long run costs no more memory than a short one.
Observers (the checker, the chart series) see the same events.
"""
import re
from collections import Counter

from .dumps import DumpReader
from .ktap_stream import CRASHED, FAIL, KtapStream
from .lines import parse_record, segments
from .oops import Oops

OPENSBI_RE = re.compile(r"\s*OpenSBI v(\S+)")
OPENSBI_FACT_RE = re.compile(r"([A-Z][A-Za-z0-9 ]*?)\s+: (.*)$")
ERROR_RE = re.compile(r"\bBUG\b|\bWARNING\b|\b[Ee]rror\b|\bOops\b|Kernel panic|bad address|"
                      r"still has objects|EXPECTATION FAILED")
KEEP = 100          # entries kept per list (the counts count everything)
KEEP_OOPS = 8
KEEP_BENCH = 1000
KEEP_MAPS = 64      # processes whose last maps dump is kept
KEEP_KINDS = 256    # distinct unknown record kinds counted by name


class Boot:
    """The state of boot number .index (1-based) of a capture."""

    def __init__(self, index, first_line, observers=()):
        self.index = index
        self.first_line = first_line
        self.last_line = first_line
        self.first_time = None
        self.last_time = None
        self.kernel_lines = 0
        self.untimed_lines = 0
        self.garbled = 0            # lines with bytes that were not text, bad records
        self.garbled_first = []
        self.partial_last = False   # the capture ended inside this boot's last line
        self.opensbi = {}
        self.cmdline = None
        self.model = None
        self.boot_rec = None
        self.summary_rec = None
        self.records = Counter()    # records seen, by kind
        self.last = {}              # kind -> last record (kinds without an identity key)
        self.first = {}             # kind -> first record
        self.buddy = {}             # zone -> last @buddy
        self.slab = {}              # cache -> last @slab
        self.slab_first = {}        # cache -> first @slab (growing caches)
        self.selftest_recs = []
        self.frag = []
        self.bench = []
        self.oopses = []
        self.oops_count = 0
        self.oops_open = None
        self.segv, self.exits, self.oom = [], [], []
        self.unknown = Counter()
        self.dumps = Counter()
        self.dump_last = {}         # kind -> last Dump (maps: see .maps)
        self.dump_first = {}
        self.maps = {}              # pid -> last maps Dump
        self.errors = []            # (lineno, time, text, during_selftest)
        self.error_count = 0
        self.error_count_selftest = 0
        self.ktap = KtapStream()
        self.dump_reader = DumpReader(self._dump)
        self.observers = list(observers)
        self.ended = False

    # ---- the line interface (stream.py) -----------------------------------

    def line(self, lineno, text, terminated=True, stamped=None):
        """Take one line of the capture; stamped = segments(text) if known."""
        self.last_line = lineno
        if "\ufffd" in text:
            self._garbled(lineno, "bytes that are not UTF-8 text")
        prefix, segs = stamped if stamped is not None else segments(text)
        if prefix.strip():
            self._untimed(prefix, lineno)
        last = len(segs) - 1
        for i, (t, seg) in enumerate(segs):
            self._kernel(t, seg, lineno, terminated or i < last)     # only the last can be cut
        if not terminated:
            self.partial_last = True

    def _garbled(self, lineno, why):
        self.garbled += 1
        if len(self.garbled_first) < 10:
            self.garbled_first.append((lineno, why))

    def _untimed(self, text, lineno):
        self.untimed_lines += 1
        if self.kernel_lines:
            return      # after the kernel started: noise
        m = OPENSBI_RE.match(text)
        if m:
            self.opensbi["version"] = m.group(1)
            return
        m = OPENSBI_FACT_RE.match(text)
        if m and "version" in self.opensbi and len(self.opensbi) < 64:
            self.opensbi[m.group(1).strip()] = m.group(2).strip()

    def _kernel(self, t, text, lineno, terminated):
        self.kernel_lines += 1
        if self.first_time is None:
            self.first_time = t
        self.last_time = t
        for obs in self.observers:
            obs.line(self, t, lineno)
        if text.startswith("@"):
            rec = parse_record(text, t, lineno, self.index)
            if rec is None:
                self._garbled(lineno, "a record with a garbled kind")
                return
            if not terminated:
                self._garbled(lineno, "a record cut off by the end of the capture")
                return
            self.dump_reader.flush()
            self._record(rec)
            return
        if self.oops_open is not None:
            if self.oops_open.feed(text):
                return
            self.oops_open = None
            return
        if self.ktap.feed(text, lineno):
            return
        if self.dump_reader.feed(text, t, lineno):
            return
        if text.startswith("Kernel command line:"):
            self.cmdline = text[len("Kernel command line:"):].strip()
        elif text.startswith("Linux-style mm on ") and self.model is None:
            self.model = text[len("Linux-style mm on "):].split(":")[0]
        elif ERROR_RE.search(text):
            during = self.ktap.active
            if during:
                self.error_count_selftest += 1
            else:
                self.error_count += 1
            if len(self.errors) < KEEP:
                self.errors.append((lineno, t, text, during))

    # ---- records ----------------------------------------------------------

    def _record(self, rec):
        kind = rec.kind
        self.records[kind] += 1
        if self.oops_open is not None:
            self.oops_open = None
        if kind == "buddy":
            self.buddy[rec.get("zone", "?")] = rec
        elif kind == "slab":
            name = rec.get("cache", "?")
            if name not in self.slab_first and len(self.slab_first) < 1024:
                self.slab_first[name] = rec
            if name in self.slab or len(self.slab) < 1024:
                self.slab[name] = rec
        elif kind == "selftest":
            if len(self.selftest_recs) < KEEP:
                self.selftest_recs.append(rec)
        elif kind == "frag":
            if len(self.frag) < KEEP:
                self.frag.append(rec)
        elif kind == "bench":
            if len(self.bench) < KEEP_BENCH:
                self.bench.append(rec)
        elif kind == "oops":
            self.oops_count += 1
            oops = Oops(rec)
            if len(self.oopses) < KEEP_OOPS:
                self.oopses.append(oops)
            self.oops_open = oops
            self.ktap.finish(rec.lineno, "the kernel oopsed (line %d)" % rec.lineno)
        elif kind == "segv":
            if len(self.segv) < KEEP:
                self.segv.append(rec)
            self.dump_reader.maps_owner = (rec.int("pid"), rec.get("name"))
        elif kind == "exit":
            if len(self.exits) < KEEP:
                self.exits.append(rec)
            owner = self.dump_reader.maps_owner
            if owner and owner[0] == rec.int("pid"):
                self.dump_reader.maps_owner = None
        elif kind == "oom":
            if len(self.oom) < KEEP:
                self.oom.append(rec)
        elif kind == "summary":
            if self.summary_rec is None:
                self.summary_rec = rec
        elif kind == "boot":
            if self.boot_rec is None:
                self.boot_rec = rec
        elif kind not in ("vmalloc", "vm", "stress", "timer"):
            if kind not in self.unknown and len(self.unknown) >= KEEP_KINDS:
                kind = "(other)"
            self.unknown[kind] += 1
        if kind not in self.first:
            self.first[kind] = rec
        self.last[kind] = rec
        for obs in self.observers:
            obs.record(self, rec)

    def _dump(self, dump):
        self.dumps[dump.kind] += 1
        if dump.kind == "maps":
            pid = dump.data["pid"]
            if pid in self.maps or len(self.maps) < KEEP_MAPS:
                self.maps[pid] = dump
        else:
            self.dump_first.setdefault(dump.kind, dump)
            self.dump_last[dump.kind] = dump
        for obs in self.observers:
            obs.dump(self, dump)

    # ---- the end ------------------------------------------------------------

    def end(self, why="the log ended"):
        """No more lines: close what is open, tell the observers."""
        if self.ended:
            return
        self.ended = True
        self.dump_reader.flush()
        self.ktap.finish(self.last_line, why)
        for obs in self.observers:
            obs.end(self)

    def selftest_counts(self):
        """Leaf cases of every KTAP suite by status."""
        total = {"pass": 0, "fail": 0, "skip": 0, "crashed": 0}
        for s in self.ktap.suites():
            for k, v in s.counts().items():
                total[k] += v
        return total

    def verdict(self):
        """(verdict, [reasons]): pass, fail, incomplete or unusable."""
        if not self.kernel_lines:
            if self.untimed_lines:
                return "unusable", ["no kernel output (only %d lines without a timestamp)"
                                    % self.untimed_lines]
            return "unusable", ["empty capture"]
        reasons = []
        for o in self.oopses[:1]:
            reasons.append("@oops cause=%s at line %d%s" % (
                o.rec.get("cause"), o.lineno, (": " + o.headline) if o.headline else ""))
        counts = self.selftest_counts()
        bad = [s.name for s in self.ktap.suites() if s.status in (FAIL, CRASHED)]
        if counts["fail"] or counts["crashed"]:
            reasons.append("self-tests: %d failed, %d crashed (%s)" % (
                counts["fail"], counts["crashed"], ", ".join(bad)))
        s = self.summary_rec
        if self.oops_count:
            return "fail", reasons
        if s is None:
            return "incomplete", reasons + ["no @summary: the log ends at line %d" % self.last_line]
        result = s.get("result")
        if result == "fail":
            why = ["@summary result=fail at line %d (%s)" % (s.lineno, " ".join(
                "%s=%s" % (k, s[k]) for k in ("leaked_pages", "leaked_objects", "errors",
                                               "selftest_failed") if s.get(k) not in (None, "0")))]
            return "fail", why + reasons
        if result != "pass":
            return "unusable", ["@summary at line %d has result=%r" % (s.lineno, result)]
        if reasons:
            return "fail", reasons + ["(although @summary says result=pass)"]
        return "pass", []
