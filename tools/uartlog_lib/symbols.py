"""Addresses made readable: kernel frames through the ELF, user ones through the maps.

Kernel addresses (an oops's epc, ra and call trace) go through the cross
toolchain's `addr2line -f -i` for the function, file:line and every inlined
frame, as Linux's scripts/decode_stacktrace.sh does; a return address is
looked up one byte back, inside the call that it returns from. `nm` gives
each symbol's address, which shows whether the ELF is the one that ran: the
log's "function+0xoff" must land on the same address.

User addresses (@segv addr= and epc=) are placed against the process's last
/proc/<pid>/maps dump: inside a mapping (and at which offset of its file),
or in the gap between two, and how far from each.
"""
import bisect
import glob
import os
import re
import shutil
import subprocess

from .lines import to_int

PRINTED_RE = re.compile(r"([A-Za-z_.$][\w.$]*)\+0x([0-9a-f]+)/0x([0-9a-f]+)")
TOOL_PREFIXES = ("riscv64-unknown-elf-", "riscv32-unknown-elf-", "riscv64-linux-gnu-",
                 "riscv32-linux-gnu-", "")
TEXT_TYPES = "TtWw"


def top_dir():
    """The source tree this tool belongs to."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def board_for(compatible, top=None):
    """The board/<name>/ whose board.conf names this root compatible (DT_COMPATIBLE=)."""
    top = top or top_dir()
    for conf in sorted(glob.glob(os.path.join(top, "board", "*", "board.conf"))):
        with open(conf) as f:
            for line in f:
                key, _, val = line.strip().partition("=")
                if key == "DT_COMPATIBLE" and compatible in val.split():
                    return os.path.basename(os.path.dirname(conf))
    return None


def default_elf(boot_rec, top=None):
    """build/<board>/firmware.elf for the board named in @boot, if it exists."""
    if boot_rec is None or not boot_rec.get("board"):
        return None
    top = top or top_dir()
    board = board_for(boot_rec["board"], top)
    if board is None:
        return None
    path = os.path.join(top, "build", board, "firmware.elf")
    return path if os.path.isfile(path) else None


def find_tool(name, explicit=None):
    """A binutils program: explicit, $CROSS_COMPILE<name>, then the usual prefixes."""
    if explicit:
        return explicit if shutil.which(explicit) else None
    prefixes = ((os.environ["CROSS_COMPILE"],) if os.environ.get("CROSS_COMPILE") else ()) + TOOL_PREFIXES
    for p in prefixes:
        path = shutil.which(p + name)
        if path:
            return path
    return None


class Symbolizer:
    """Kernel addresses -> frames, through one ELF."""

    def __init__(self, elf, addr2line=None, nm=None):
        self.elf = elf
        self.addr2line = find_tool("addr2line", addr2line)
        self.nm = find_tool("nm", nm)
        self.error = None
        if not os.path.isfile(elf):
            self.error = "no ELF file %s" % elf
        elif self.addr2line is None:
            self.error = "no addr2line (install binutils-riscv64-unknown-elf or set CROSS_COMPILE)"
        self._syms = None
        self._src_tops = [top_dir() + os.sep,
                          os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(elf)))) + os.sep]

    def symbols(self):
        """name -> address of every text symbol (nm), {} without nm."""
        if self._syms is None:
            self._syms = {}
            if self.nm and not self.error:
                out = subprocess.run([self.nm, "--defined-only", self.elf], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True).stdout
                for line in out.splitlines():
                    parts = line.split()
                    if len(parts) == 3 and parts[1] in TEXT_TYPES:
                        self._syms.setdefault(parts[2], int(parts[0], 16))
        return self._syms

    def matches(self, addr, printed):
        """True if the log's "function+0xoff/0xsize" is addr in this ELF, None if unknown."""
        m = PRINTED_RE.match(printed or "")
        if not m:
            return None
        base = self.symbols().get(m.group(1))
        if base is None:
            return False if self.symbols() else None
        return base + int(m.group(2), 16) == addr

    def _short(self, path):
        for top in self._src_tops:
            if path.startswith(top):
                return path[len(top):]
        return path

    def resolve(self, addrs):
        """{address: [frame, ...]} innermost (inlined) first; frame = dict function/file/line.

        addrs is [(address, is_return_address)].
        """
        if self.error or not addrs:
            return {}
        lookup = []
        for a, is_ret in addrs:
            lookup.append(a - 1 if is_ret and a else a)
        cmd = [self.addr2line, "-e", self.elf, "-a", "-f", "-i", "-C"] + ["0x%x" % a for a in lookup]
        try:
            out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 timeout=60)
        except (OSError, subprocess.TimeoutExpired) as e:
            self.error = "addr2line failed: %s" % e
            return {}
        if out.returncode != 0:
            self.error = "addr2line failed: %s" % out.stderr.strip()
            return {}
        result = {}
        blocks = []
        for line in out.stdout.splitlines():
            if line.startswith("0x"):
                blocks.append([])
            elif blocks:
                blocks[-1].append(line)
        for (a, _), block in zip(addrs, blocks):
            frames = []
            for fn, loc in zip(block[0::2], block[1::2]):
                file, _, lineno = loc.rpartition(":")
                lineno = lineno.split()[0] if lineno else "?"
                frames.append({"function": fn if fn != "??" else None,
                               "file": self._short(file) if file and file != "??" else None,
                               "line": to_int(lineno)})
            result[a] = frames
        return result


def decode_oops(oops_dict, symbolizer):
    """Add "decoded" frames to an oops dict's trace, epc and ra; note a mismatched ELF."""
    if symbolizer is None:
        return
    if symbolizer.error:
        oops_dict["symbolizer"] = symbolizer.error
        return
    wanted = []
    for i, fr in enumerate(oops_dict["trace"]):
        wanted.append((int(fr["addr"], 16), i > 0))
    regs = oops_dict["regs"]
    for name, is_ret in (("epc", False), ("ra", True)):
        if name in regs:
            wanted.append((int(regs[name], 16), is_ret))
    frames = symbolizer.resolve(sorted(set(wanted)))
    for i, fr in enumerate(oops_dict["trace"]):
        a = int(fr["addr"], 16)
        fr["decoded"] = frames.get(a, [])
        ok = symbolizer.matches(a, fr["symbol"])
        if ok is False:
            oops_dict.setdefault("elf_mismatch", []).append(fr["addr"])
    for name in ("epc", "ra"):
        if name in regs:
            oops_dict.setdefault("decoded_regs", {})[name] = frames.get(int(regs[name], 16), [])
    oops_dict["elf"] = symbolizer.elf
    if symbolizer.error:
        oops_dict["symbolizer"] = symbolizer.error


def format_frames(frames):
    """'function (file:line), inlined into function (file:line)'."""
    parts = []
    for fr in frames:
        where = "%s:%s" % (fr["file"], fr["line"]) if fr["file"] else "?"
        parts.append("%s (%s)" % (fr["function"] or "??", where))
    return ", inlined into ".join(parts)


# ---- user addresses against /proc/<pid>/maps ---------------------------------

def _vma_name(v):
    return "%08x-%08x %s%s" % (v["start"], v["end"], v["perms"], (" " + v["path"]) if v["path"] else "")


def place(addr, vmas):
    """Where addr lies among the mappings: a dict with "where" and a text "what"."""
    vmas = sorted(vmas, key=lambda v: v["start"])
    starts = [v["start"] for v in vmas]
    i = bisect.bisect_right(starts, addr) - 1
    if i >= 0 and addr < vmas[i]["end"]:
        v = vmas[i]
        off = addr - v["start"]
        what = "in %s at +0x%x" % (_vma_name(v), off)
        if v["path"] and not v["path"].startswith("["):
            what += " (%s+0x%x)" % (v["path"], v["offset"] + off)
        return {"where": "inside", "vma": v, "what": what}
    below = vmas[i] if i >= 0 else None
    above = vmas[i + 1] if i + 1 < len(vmas) else None
    if below is None and above is None:
        return {"where": "unknown", "what": "no mappings known"}
    parts = []
    if below is not None:
        parts.append("0x%x above the end of %s" % (addr - below["end"], _vma_name(below)))
    if above is not None:
        parts.append("0x%x below %s" % (above["start"] - addr, _vma_name(above)))
    where = "gap" if below and above else ("below" if above else "above")
    return {"where": where, "what": "in no mapping: " + "; ".join(parts)}


def explain_segv(rec, maps_dump):
    """Lines that place a @segv's addr and epc against its process's maps."""
    out = []
    addr, epc = to_int(rec.get("addr")), to_int(rec.get("epc"))
    if maps_dump is None:
        return ["no maps dump of pid %s in the log" % rec.get("pid")]
    vmas = maps_dump.data["vmas"]
    if addr is not None:
        p = place(addr, vmas)
        line = "addr 0x%08x %s" % (addr, p["what"])
        if p["where"] == "inside" and rec.get("code") == "SEGV_ACCERR":
            line += ": not allowed by %s" % p["vma"]["perms"]
        out.append(line)
    if epc is not None:
        out.append("epc  0x%08x %s" % (epc, place(epc, vmas)["what"]))
    out.append("(maps of pid %s at line %d)" % (maps_dump.data["pid"], maps_dump.lineno))
    return out
