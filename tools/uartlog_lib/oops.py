"""An @oops and the lines that follow it, in Linux's riscv layout.

    @oops cause=load_page_fault epc=0xc000498c tval=0x00000000 task=swapper cpu=0
    Oops: unable to handle kernel NULL pointer dereference at ... [#1]   (or "Kernel panic: msg")
    CPU: 0 PID: 0 Comm: swapper
    epc : crash_null_deref+0x6/0xc
     ra : crash_test_run+0x8c/0xb4
    epc : c000498c ra : c0004b3c sp : c002ff20
    ...
    status: 80006120 badaddr: 00000000 cause: 0000000d
    Call Trace:
    [<c000498c>] crash_null_deref+0x6/0xc
    ---[ end trace ]---

The block ends at its "---[ end" line, at the next record, or with the log.
"""
import re

REG_RE = re.compile(r"(\w+)\s*: ([0-9a-f]{8,16})\b")
SYMREG_RE = re.compile(r"\s*(epc|ra)\s*: ([A-Za-z_.$][\w.$]*\+0x[0-9a-f]+/0x[0-9a-f]+)\s*$")
TRACE_RE = re.compile(r"\[<([0-9a-f]+)>\]\s*(\S*)")
FRAMES_KEEP = 64
LINES_KEEP = 100


class Oops:
    """One kernel oops or panic: the record, the headline, registers, call trace."""

    def __init__(self, rec):
        self.rec = rec
        self.lineno = rec.lineno
        self.time = rec.time
        self.headline = ""
        self.comm = ""
        self.regs = {}          # name -> int
        self.symregs = {}       # epc/ra -> "function+0xoff/0xsize" as printed
        self.trace = []         # [(address, "function+0xoff/0xsize")]
        self.frames_dropped = 0
        self.in_trace = False
        self.ended = False
        self.other = []         # lines of the block not understood

    def feed(self, text):
        """Take a line of the block; False once the block has ended."""
        if text.startswith("---[ end"):
            self.ended = True
            return False
        if self.in_trace:
            m = TRACE_RE.match(text)
            if m:
                if len(self.trace) < FRAMES_KEEP:
                    self.trace.append((int(m.group(1), 16), m.group(2)))
                else:
                    self.frames_dropped += 1
                return True
        if text.startswith("Call Trace:"):
            self.in_trace = True
        elif text.startswith(("Oops:", "Kernel panic:")):
            self.headline = text
        elif text.startswith("CPU:"):
            self.comm = text
        else:
            m = SYMREG_RE.match(text)
            if m:
                self.symregs[m.group(1)] = m.group(2)
                return True
            regs = REG_RE.findall(text)
            if regs:
                for name, val in regs:
                    self.regs[name] = int(val, 16)
            elif len(self.other) < LINES_KEEP:
                self.other.append(text)
        return True

    def to_dict(self):
        d = {"line": self.lineno, "time": self.time, "cause": self.rec.get("cause"),
             "epc": self.rec.get("epc"), "tval": self.rec.get("tval"),
             "task": self.rec.get("task"), "cpu": self.rec.get("cpu"),
             "headline": self.headline, "comm": self.comm, "complete": self.ended,
             "regs": {k: "%08x" % v for k, v in self.regs.items()},
             "symbolic": dict(self.symregs),
             "trace": [{"addr": "%08x" % a, "symbol": s} for a, s in self.trace]}
        if self.rec.get("msg") is not None:
            d["msg"] = self.rec["msg"]
        if self.frames_dropped:
            d["frames_dropped"] = self.frames_dropped
        return d
