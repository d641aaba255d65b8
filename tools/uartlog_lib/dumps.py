"""The human-readable dumps, in the layouts of Linux's /proc files.

DESIGN.md section 7: /proc/meminfo, /proc/buddyinfo, /proc/pagetypeinfo,
/proc/slabinfo 2.1, /proc/vmallocinfo, /proc/<pid>/maps and /proc/vmstat,
plus the boot's memory map. A dump is a run of consecutive kernel lines in
one layout; it ends at the first line that does not fit. Each finished dump
is handed to emit() as a Dump.

A maps dump belongs to the process named by the line just before it
("/proc/<pid>/maps", "maps of pid <pid>", "maps pid=<pid>"), else to the
last @segv's process (the kernel dumps the maps of the task it kills), else
to no process.
"""
import re

MEMINFO_RE = re.compile(r"([A-Za-z][A-Za-z0-9_()]*):\s+(\d+)( kB)?\s*$")
BUDDYINFO_RE = re.compile(r"Node (\d+), zone\s+(\S+)((?:\s+\d+){11})\s*$")
PT_FREE_RE = re.compile(r"Node\s+(\d+), zone\s+(\S+), type\s+(\S+)((?:\s+\d+)+)\s*$")
PT_BLOCKS_RE = re.compile(r"Node\s+(\d+), zone\s+(\S+)((?:\s+\d+)+)\s*$")
SLABINFO_RE = re.compile(r"(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+) : tunables\s+(\d+)\s+(\d+)"
                         r"\s+(\d+) : slabdata\s+(\d+)\s+(\d+)\s+(\d+)\s*$")
VMALLOCINFO_RE = re.compile(r"0x([0-9a-f]+)-0x([0-9a-f]+)\s+(\d+)\s*(.*)$")
MAPS_RE = re.compile(r"([0-9a-f]{4,16})-([0-9a-f]{4,16}) ([r-][w-][x-][ps-]) ([0-9a-f]+) "
                     r"([0-9a-f]+:[0-9a-f]+) (\d+)\s*(.*?)\s*$")
MAPS_HEADER_RE = re.compile(r"/proc/(\d+)/maps|\bmaps(?: of)?(?: pid)?[ =:]+(\d+)")
VMSTAT_RE = re.compile(r"([a-z][a-z0-9_]*) (\d+)\s*$")
MEMMAP_RE = re.compile(r"\s+(\w+)\s+0x([0-9a-f]+)-0x([0-9a-f]+)(?:\s+\d+ KiB)?\s*(.*?)\s*$")

SLABINFO_FIELDS = ("active_objs", "num_objs", "objsize", "objperslab", "pagesperslab",
                   "limit", "batchcount", "sharedfactor", "active_slabs", "num_slabs",
                   "sharedavail")
VMALLOC_KEEP = 2000         # vmallocinfo lines kept per dump (the totals count all)
MAPS_KEEP = 4096


class Dump:
    """A finished dump: .kind, .time, .lineno (its first line), .data."""

    def __init__(self, kind, time, lineno, data):
        self.kind = kind
        self.time = time
        self.lineno = lineno
        self.data = data


def _ints(text):
    return [int(x) for x in text.split()]


class DumpReader:
    """Feed it each kernel line's text; finished dumps go to emit(Dump)."""

    def __init__(self, emit):
        self.emit = emit
        self.kind = None
        self.data = None
        self.time = None
        self.lineno = None
        self.maps_owner = None      # (pid, name) of the last @segv, set by the boot
        self._header = None         # (lineno, pid) of the last maps header line

    def feed(self, text, t, lineno):
        """Take one line; True if it belongs to a dump."""
        if self.kind is not None:
            if self._more(text, lineno):
                return True
            self.flush()
        return self._start(text, t, lineno)

    def flush(self):
        """End the open dump, if any."""
        if self.kind is not None:
            self.emit(Dump(self.kind, self.time, self.lineno, self.data))
            self.kind = self.data = None

    def _open(self, kind, t, lineno, data):
        self.kind, self.time, self.lineno, self.data = kind, t, lineno, data

    def _start(self, text, t, lineno):
        c = text[:1]
        if c == "M":
            if text.startswith("MemTotal:"):
                self._open("meminfo", t, lineno, {})
                return self._more(text, lineno)
            if text.startswith("Memory map:"):
                self._open("memmap", t, lineno, {"regions": []})
                return True
        elif c == "N":
            m = BUDDYINFO_RE.match(text)
            if m:
                self._open("buddyinfo", t, lineno, {"zones": {}})
                return self._more(text, lineno)
        elif c == "P":
            if text.startswith("Page block order:"):
                self._open("pagetypeinfo", t, lineno, {"free": {}, "types": [], "blocks": {}})
                return self._more(text, lineno)
        elif c == "s":
            if text.startswith("slabinfo - version:"):
                self._open("slabinfo", t, lineno, {"version": text.split(":", 1)[1].strip(),
                                                   "caches": {}})
                return True
        elif c == "n":
            if text.startswith("nr_free_pages "):
                self._open("vmstat", t, lineno, {})
                return self._more(text, lineno)
        elif c == "0" and text.startswith("0x"):
            if VMALLOCINFO_RE.match(text):
                self._open("vmallocinfo", t, lineno, {"areas": [], "count": 0, "bytes": 0})
                return self._more(text, lineno)
        if c in "0123456789abcdef" and MAPS_RE.match(text):
            pid = name = None
            if self._header and self._header[0] == lineno - 1:
                pid = self._header[1]
            elif self.maps_owner:
                pid, name = self.maps_owner
            self._open("maps", t, lineno, {"pid": pid, "name": name, "vmas": []})
            return self._more(text, lineno)
        m = MAPS_HEADER_RE.search(text) if "maps" in text else None
        if m:
            self._header = (lineno, int(m.group(1) or m.group(2)))
        return False

    def _more(self, text, lineno):
        """Add a line to the open dump; False if it does not fit."""
        kind, d = self.kind, self.data
        if kind == "meminfo":
            m = MEMINFO_RE.match(text)
            if not m:
                return False
            d[m.group(1)] = int(m.group(2))
        elif kind == "buddyinfo":
            m = BUDDYINFO_RE.match(text)
            if not m:
                return False
            d["zones"][m.group(2)] = _ints(m.group(3))
        elif kind == "slabinfo":
            if text.startswith("# name"):
                return True
            m = SLABINFO_RE.match(text)
            if not m:
                return False
            row = dict(zip(SLABINFO_FIELDS, map(int, m.groups()[1:])))
            row["line"] = lineno
            d["caches"][m.group(1)] = row
        elif kind == "vmallocinfo":
            m = VMALLOCINFO_RE.match(text)
            if not m:
                return False
            d["count"] += 1
            d["bytes"] += int(m.group(3))
            if len(d["areas"]) < VMALLOC_KEEP:
                d["areas"].append(_vmalloc_area(m))
        elif kind == "maps":
            m = MAPS_RE.match(text)
            if not m:
                return False
            if len(d["vmas"]) < MAPS_KEEP:
                d["vmas"].append({"start": int(m.group(1), 16), "end": int(m.group(2), 16),
                                  "perms": m.group(3), "offset": int(m.group(4), 16),
                                  "dev": m.group(5), "inode": int(m.group(6)),
                                  "path": m.group(7)})
        elif kind == "vmstat":
            m = VMSTAT_RE.match(text)
            if not m:
                return False
            d[m.group(1)] = int(m.group(2))
        elif kind == "memmap":
            m = MEMMAP_RE.match(text)
            if not m:
                return False
            d["regions"].append({"type": m.group(1), "start": int(m.group(2), 16),
                                 "end": int(m.group(3), 16), "what": m.group(4)})
        elif kind == "pagetypeinfo":
            return self._more_pagetypeinfo(text, d)
        return True

    def _more_pagetypeinfo(self, text, d):
        if text.startswith("Page block order:"):
            d["pageblock_order"] = int(text.split(":")[1])
        elif text.startswith("Pages per block:"):
            d["pages_per_block"] = int(text.split(":")[1])
        elif not text.strip() or text.startswith("Free pages count per migrate type"):
            pass
        elif text.startswith("Number of blocks type"):
            d["types"] = text[len("Number of blocks type"):].split()
        else:
            m = PT_FREE_RE.match(text)
            if m:
                d["free"].setdefault(m.group(2), {})[m.group(3)] = _ints(m.group(4))
                return True
            m = PT_BLOCKS_RE.match(text)
            if not m or not d["types"] or len(m.group(3).split()) != len(d["types"]):
                return False
            d["blocks"][m.group(2)] = dict(zip(d["types"], _ints(m.group(3))))
        return True


def _vmalloc_area(m):
    """One /proc/vmallocinfo line: range, size, caller and flags."""
    words = m.group(4).split()
    area = {"start": int(m.group(1), 16), "end": int(m.group(2), 16),
            "size": int(m.group(3)), "caller": "", "flags": []}
    for w in words:
        key, eq, val = w.partition("=")
        if eq and key in ("pages", "phys"):
            area[key] = val
        elif "+0x" in w and not area["caller"]:
            area["caller"] = w
        else:
            area["flags"].append(w)
    return area
