"""Symbolisation: oopses through the build's ELF and addr2line, @segv against the maps.

The kernel frames need the ELF that ran, so one test boots the firmware
with crash=null (about a second of QEMU) and decodes its own log.
"""
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synthlog  # noqa: E402
from ulhelp import TOP, Analysed, run, run_json  # noqa: E402

import qemutest  # noqa: E402
from uartlog_lib.symbols import Symbolizer, board_for, default_elf, find_tool, place  # noqa: E402

ELF = os.path.join(TOP, "build", "qemu-virt", "firmware.elf")


class CrashBootTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        run_ = qemutest.boot("qemu-virt", "crash=null", timeout=60)
        cls.raw = run_.raw.encode()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.tmp.name, "crash.log")
        with open(cls.path, "wb") as f:
            f.write(cls.raw)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_default_elf_decodes_the_backtrace(self):
        status, d = run_json("summary", self.path)
        self.assertEqual((status, d["verdict"]), (1, "fail"))
        (o,) = d["oopses"]
        self.assertEqual(o["elf"], ELF)
        self.assertNotIn("symbolizer", o)
        self.assertNotIn("elf_mismatch", o)
        first = o["trace"][0]["decoded"][-1]
        self.assertEqual((first["function"], first["file"]), ("crash_null_deref", "kernel/crash_test.c"))
        self.assertIsInstance(first["line"], int)
        caller = o["trace"][1]["decoded"][-1]
        self.assertEqual((caller["function"], caller["file"]), ("crash_test_run", "kernel/crash_test.c"))
        self.assertEqual(o["decoded_regs"]["epc"][-1]["function"], "crash_null_deref")
        self.assertEqual(o["decoded_regs"]["ra"][-1]["function"], "crash_test_run")
        # the call in crash_test_run is the line the return address points back to
        with open(os.path.join(TOP, "kernel", "crash_test.c")) as f:
            src = f.read().splitlines()
        self.assertIn(".fn()", src[caller["line"] - 1])      # crash_test_run calls through a table

    def test_text_shows_file_and_line(self):
        p = run("summary", self.path, "--elf", ELF)
        self.assertEqual(p.returncode, 1)
        self.assertRegex(p.stdout.decode(), r"\[<[0-9a-f]{8}>\] crash_null_deref\+0x[0-9a-f]+/0x[0-9a-f]+"
                                            r"  crash_null_deref \(kernel/crash_test\.c:\d+\)")

    def test_elf_that_did_not_run_is_noticed(self):
        moved = re.sub(rb"crash_test_run\+0x([0-9a-f]+)/", lambda m: b"crash_test_run+0x%x/" % (
            int(m.group(1), 16) + 4), self.raw)
        status, d = run_json("summary", "-", "--elf", ELF, stdin=moved)
        self.assertIn("elf_mismatch", d["oopses"][0])
        self.assertIn(b"does not match this run", run("summary", "-", "--elf", ELF, stdin=moved).stdout)

    def test_without_elf(self):
        status, d = run_json("summary", self.path, "--no-elf")
        self.assertNotIn("decoded", d["oopses"][0]["trace"][0])
        status, d = run_json("summary", self.path, "--elf", "/nonexistent.elf")
        self.assertIn("no ELF file", d["oopses"][0]["symbolizer"])


class InlinedFramesTest(unittest.TestCase):
    def test_addr2line_inline_chain(self):
        """Some address in start_kernel is inside an inlined function: -i gives the whole chain."""
        nm = find_tool("nm")
        out = subprocess.run([nm, "-S", "--defined-only", ELF], stdout=subprocess.PIPE, text=True).stdout
        start, size = [(int(a, 16), int(s, 16)) for a, s, _t, n in
                       (line.split() for line in out.splitlines() if len(line.split()) == 4)
                       if n == "start_kernel"][0]
        sym = Symbolizer(ELF)
        frames = sym.resolve([(a, False) for a in range(start, start + size, 2)])
        chains = [f for f in frames.values() if len(f) >= 2]
        self.assertTrue(chains, "no inlined frame in start_kernel")
        self.assertEqual(chains[0][-1]["function"], "start_kernel")
        self.assertNotEqual(chains[0][0]["function"], "start_kernel")
        self.assertTrue(sym.matches(start + 2, "start_kernel+0x2/0x%x" % size))
        self.assertFalse(sym.matches(start + 2, "start_kernel+0x4/0x%x" % size))


class ElfLookupTest(unittest.TestCase):
    def test_board_from_compatible(self):
        self.assertEqual(board_for("riscv-virtio"), "qemu-virt")
        self.assertEqual(board_for("sifive,hifive-unleashed-a00"), "qemu-sifive-u")
        self.assertIsNone(board_for("no,such-board"))
        self.assertEqual(default_elf({"board": "riscv-virtio"}), ELF)
        self.assertIsNone(default_elf({"board": "no,such-board"}))


class MapsTest(unittest.TestCase):
    VMAS = [dict(start=0x10000, end=0x11000, perms="r-xp", offset=0, path="/prog"),
            dict(start=0x11000, end=0x12000, perms="r--p", offset=0x1000, path="/prog"),
            dict(start=0x20000, end=0x22000, perms="rw-p", offset=0, path="[heap]"),
            dict(start=0xbffde000, end=0xbffff000, perms="rw-p", offset=0, path="[stack]")]

    def test_place(self):
        self.assertEqual(place(0x0, self.VMAS)["where"], "below")
        p = place(0x11234, self.VMAS)
        self.assertEqual(p["where"], "inside")
        self.assertIn("/prog+0x1234", p["what"])
        p = place(0x12010, self.VMAS)
        self.assertEqual(p["where"], "gap")
        self.assertIn("0x10 above the end of 00011000-00012000 r--p /prog", p["what"])
        self.assertIn("0xdff0 below 00020000-00022000 rw-p [heap]", p["what"])
        self.assertEqual(place(0xc0000000, self.VMAS)["where"], "above")

    def test_segv_in_a_log(self):
        a = Analysed(synthlog.text(reports=60))
        segvs = a.summary["segv"]
        self.assertEqual(len(segvs), 2)
        for s in segvs:     # the first dump has a /proc/<pid>/maps header, the second none
            self.assertIn("addr 0x00000000 in no mapping: 0x10000 below 00010000-00011000 r-xp /segv_null",
                          s["explain"][0])
            self.assertIn("epc  0x00010074 in 00010000-00011000 r-xp /segv_null at +0x74", s["explain"][1])
            self.assertIn("(maps of pid %d " % s["pid"], s["explain"][2])
        accerr = synthlog.text(reports=5).replace(
            "addr=0x00000000 cause=load_page_fault code=SEGV_MAPERR",
            "addr=0x00010010 cause=store_page_fault code=SEGV_ACCERR")
        s = Analysed(accerr).summary["segv"][0]
        self.assertIn("at +0x10 (/segv_null+0x10): not allowed by r-xp", s["explain"][0])


if __name__ == "__main__":
    unittest.main()
