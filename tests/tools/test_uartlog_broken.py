"""uartlog on broken captures: cut, noisy, garbled, several boots, oopses, failed and crashed KTAP.

Each starts from a log recorded from a real run (tests/data/logs/) and
breaks it the way a real capture breaks, or is written per the documented
format where the firmware cannot be made to print it.
"""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ulhelp import Analysed, log_path, read_log, run, run_json  # noqa: E402

SELFTEST = "qemu-virt-selftest"


def replace_line(data, pattern, new):
    """data with the first line whose text matches pattern replaced (keeping its stamp)."""
    rx = re.compile(rb"(\[\s*\d+\.\d{6}\] )" + pattern.encode() + rb"[^\r\n]*")
    out, n = rx.subn(lambda m: m.group(1) + new.encode(), data, count=1)
    assert n == 1, pattern
    return out


def stamp_of(data, pattern):
    m = re.search(rb"\[\s*(\d+\.\d{6})\] " + pattern.encode(), data)
    return float(m.group(1))


class CutLogTest(unittest.TestCase):
    def test_cut_mid_run_is_incomplete(self):
        data = read_log(SELFTEST)
        cut = data.index(b"ok 4 random_size_alloc") + 5      # inside the vmalloc suite, mid-line
        a = Analysed(data[:cut])
        self.assertEqual(a.verdict, "incomplete")
        self.assertTrue(a.summary["noise"]["cut_last_line"])
        self.assertTrue(any("no @summary" in r for r in a.summary["reasons"]))
        suites = {s["name"]: s for s in a.summary["selftests"]["suites"]}
        self.assertEqual(suites["vmalloc"]["status"], "crashed")
        self.assertEqual(suites["buddy"]["status"], "pass")
        self.assertEqual(a.summary["selftests"]["counts"]["crashed"], 1)

    def test_cut_exit_status_is_2(self):
        data = read_log("qemu-virt")
        p = run("summary", "-", stdin=data[:len(data) // 2])
        self.assertEqual(p.returncode, 2, p.stdout)
        self.assertIn(b"verdict: incomplete", p.stdout)

    def test_summary_cut_inside_its_line_does_not_count(self):
        data = read_log("qemu-virt")
        cut = data.index(b"@summary result=pa") + len(b"@summary result=pa")
        a = Analysed(data[:cut])
        self.assertEqual(a.verdict, "incomplete")
        self.assertIsNone(a.summary["summary"])
        self.assertGreaterEqual(a.summary["noise"]["garbled"], 1)


class NoiseTest(unittest.TestCase):
    def clean(self):
        return Analysed(read_log(SELFTEST))

    def test_nul_non_utf8_and_garbage_lines(self):
        data = read_log(SELFTEST)
        noisy = data.replace(b"@buddy ", b"\x00\x00@buddy ", 1)
        noisy = noisy.replace(b"Memory map:", b"Memory \xff\xfemap:", 1)
        noisy = noisy.replace(b"\r\n[", b"\r\n\x1b[0m#!~garbage \xc3\x28 line\r\n[", 3)
        a, ref = Analysed(noisy), self.clean()
        self.assertEqual(a.verdict, "pass")
        self.assertEqual(a.summary["records"], ref.summary["records"])
        self.assertEqual(a.summary["buddy"]["Normal"]["free"], ref.summary["buddy"]["Normal"]["free"])
        self.assertGreaterEqual(a.summary["noise"]["garbled"], 1)
        self.assertEqual(a.summary["selftests"]["counts"], ref.summary["selftests"]["counts"])

    def test_cr_only_and_lf_only_line_ends(self):
        data = read_log(SELFTEST)
        ref = self.clean()
        for ends in (b"\r", b"\n", b"\r\r\n"):
            a = Analysed(data.replace(b"\r\n", ends))
            self.assertEqual(a.verdict, "pass", ends)
            self.assertEqual(a.summary["records"], ref.summary["records"], ends)
            if ends != b"\r":      # CR CR is one line end: blank lines go
                self.assertEqual(a.boot.last_line, ref.boot.last_line, ends)

    def test_interleaved_lines(self):
        """Two stamped lines that ran together are both read."""
        data = read_log("qemu-virt")
        joined = re.sub(rb"(\[\s*\d+\.\d{6}\] timer: \d+ ticks in [0-9.]+ s)\r\n", rb"\1", data)
        self.assertNotEqual(joined, data)
        a = Analysed(joined)
        self.assertEqual(a.verdict, "pass")
        self.assertEqual(a.summary["records"], Analysed(data).summary["records"])

    def test_opensbi_banner_is_boot_facts_not_errors(self):
        a = self.clean()
        self.assertEqual(a.summary["opensbi"]["version"], "1.6")
        self.assertEqual(a.summary["opensbi"]["Platform Name"], "riscv-virtio,qemu")
        self.assertEqual(a.summary["errors"]["lines_outside_selftests"], 0)
        self.assertGreater(a.summary["errors"]["lines_during_selftests"], 0)

    def test_empty_and_banner_only_are_unusable(self):
        p = run("summary", "-", stdin=b"")
        self.assertEqual(p.returncode, 2)
        data = read_log("qemu-virt")
        banner = data[:data.index(b"[")]
        status, d = run_json("summary", "-", stdin=banner)
        self.assertEqual((status, d["verdict"]), (2, "unusable"))
        self.assertIn("no kernel output", d["reasons"][0])

    def test_garbled_summary_result_is_unusable(self):
        data = replace_line(read_log("qemu-virt"), "@summary", "@summary result=maybe errors=0")
        self.assertEqual(Analysed(data).verdict, "unusable")

    def test_unknown_record_kinds_are_kept(self):
        data = replace_line(read_log("qemu-virt"), "cpu: hart 0", "@newthing a=1 b=\"x y\"")
        a = Analysed(data)
        self.assertEqual(a.verdict, "pass")
        self.assertEqual(a.summary["unknown_records"], {"newthing": 1})
        status, rows = run_json("records", "-", "--kind", "newthing", stdin=data)
        self.assertEqual(status, 0)
        self.assertEqual([r["fields"] for r in rows], [{"a": 1, "b": "x y"}])


class TwoBootsTest(unittest.TestCase):
    def setUp(self):
        self.data = read_log("qemu-virt") + read_log("qemu-sifive-u")

    def test_last_boot_by_default(self):
        a = Analysed(self.data)
        self.assertEqual(a.cap.boots, 2)
        self.assertEqual(a.summary["board"]["board"], "sifive,hifive-unleashed-a00")
        self.assertEqual(a.summary["source"]["boot"], 2)
        self.assertGreater(a.boot.first_line, 100)

    def test_boot_n(self):
        a = Analysed(self.data, want=1)
        self.assertEqual(a.summary["board"]["board"], "riscv-virtio")
        self.assertEqual(a.summary["verdict"], "pass")
        self.assertEqual(a.checker.count, 0)    # the second boot's timestamps restart: no violation
        status, d = run_json("summary", "-", "--boot", "2", stdin=self.data)
        self.assertEqual((status, d["board"]["hart"]), (0, 1))
        self.assertEqual(run("summary", "-", "--boot", "3", stdin=self.data).returncode, 2)

    def test_reboot_without_banner(self):
        """A board whose firmware prints no banner: the kernel's first line starts the boot."""
        first = read_log("qemu-virt")
        second = read_log("qemu-virt-crash-null")
        second = second[second.index(b"[    0.000000] Booting"):]
        a = Analysed(first + second)
        self.assertEqual(a.cap.boots, 2)
        self.assertEqual(a.verdict, "fail")
        self.assertEqual(Analysed(first + second, want=1).verdict, "pass")

    def test_a_boot_cut_by_a_reset(self):
        first = read_log("qemu-virt")
        cut = first[:first.index(b"@vmalloc")]
        a = Analysed(cut + read_log("qemu-sifive-u"), want=1)
        self.assertEqual(a.verdict, "incomplete")


OOPS = """OpenSBI v1.6
[    0.000000] Booting on hart 0, device tree at 0x87e00000
[    0.076191] @boot board=example,board hart=0 harts=1 ram=134217728 kernel=0x80400000 timebase=1000000
[    1.000000] @oops cause=store_page_fault epc=0xc0012344 tval=0xdead0000 task=kswapd cpu=0
[    1.000010] Oops: unable to handle kernel paging request at virtual address dead0000 (write) [#1]
[    1.000020] CPU: 0 PID: 3 Comm: kswapd
[    1.000030] epc : slab_free_block+0x14/0x80
[    1.000040]  ra : kmem_cache_free+0x3a/0x90
[    1.000050] epc : c0012344 ra : c0013000 sp : c7f01e40
[    1.000060]  gp : 00000000 tp : c0038040 t0 : 00000009
[    1.000070] status: 80006120 badaddr: dead0000 cause: 0000000f
[    1.000080] Call Trace:
[    1.000090] [<c0012344>] slab_free_block+0x14/0x80
[    1.000100] [<c0013000>] kmem_cache_free+0x3a/0x90
[    1.000110] [<c0002000>] kswapd_run+0x20/0x100
[    1.000120] ---[ end trace ]---
"""


class OopsTest(unittest.TestCase):
    def test_oops_with_backtrace(self):
        a = Analysed(OOPS)
        self.assertEqual(a.verdict, "fail")
        (o,) = a.summary["oopses"]
        self.assertEqual((o["cause"], o["epc"], o["tval"], o["task"]),
                         ("store_page_fault", "0xc0012344", "0xdead0000", "kswapd"))
        self.assertTrue(o["complete"])
        self.assertEqual(o["regs"]["sp"], "c7f01e40")
        self.assertEqual(o["regs"]["badaddr"], "dead0000")
        self.assertEqual(o["symbolic"]["ra"], "kmem_cache_free+0x3a/0x90")
        self.assertEqual([f["symbol"] for f in o["trace"]],
                         ["slab_free_block+0x14/0x80", "kmem_cache_free+0x3a/0x90", "kswapd_run+0x20/0x100"])
        self.assertIn("unable to handle kernel paging request", o["headline"])

    def test_oops_exit_status_and_text(self):
        p = run("summary", "-", "--no-elf", stdin=OOPS.encode())
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"[<c0013000>] kmem_cache_free+0x3a/0x90", p.stdout)

    def test_oops_cut_before_its_end(self):
        a = Analysed(OOPS[:OOPS.index("[    1.000100]")])
        self.assertEqual(a.verdict, "fail")
        self.assertFalse(a.summary["oopses"][0]["complete"])
        self.assertEqual(len(a.summary["oopses"][0]["trace"]), 1)

    def test_recorded_panic(self):
        status, d = run_json("summary", log_path("qemu-virt-crash-panic"), "--no-elf")
        self.assertEqual((status, d["verdict"]), (1, "fail"))
        (o,) = d["oopses"]
        self.assertEqual((o["cause"], o["msg"]), ("panic", "crash test: deliberate panic"))
        self.assertTrue(any(f["symbol"].startswith("crash_panic+0x") for f in o["trace"]))


class KtapTest(unittest.TestCase):
    def failed_case_log(self):
        data = read_log(SELFTEST)
        data = replace_line(data, "    ok 3 merge_cascade",
                            "    # merge_cascade: EXPECTATION FAILED at tests/kernel/selftest_buddy.c:99\r\n"
                            "[    0.306413]     # Expected order == 10, but 9 != 10\r\n"
                            "[    0.306414]     not ok 3 merge_cascade")
        data = replace_line(data, "ok 2 buddy", "not ok 2 buddy")
        data = replace_line(data, "@selftest suite=buddy", "@selftest suite=buddy passed=8 failed=1 skipped=2")
        return data

    def test_failed_case(self):
        data = self.failed_case_log()
        data = replace_line(data, "@summary", "@summary result=fail leaked_pages=0 leaked_objects=0 "
                                              "errors=0 selftest_failed=1 duration=2.0")
        a = Analysed(data)
        self.assertEqual(a.verdict, "fail")
        self.assertEqual(a.checker.count, 0, a.checker.violations)
        buddy = [s for s in a.summary["selftests"]["suites"] if s["name"] == "buddy"][0]
        self.assertEqual(buddy["status"], "fail")
        case = [c for c in buddy["cases"] if c["status"] == "fail"][0]
        self.assertEqual(case["name"], "merge_cascade")
        self.assertIn("Expected order == 10, but 9 != 10", case["diag"])
        p = run("summary", "-", stdin=data)
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"EXPECTATION FAILED at tests/kernel/selftest_buddy.c:99", p.stdout)

    def test_failed_case_under_a_passing_summary(self):
        """The KTAP failure wins over a summary that says pass, and check flags the summary."""
        a = Analysed(self.failed_case_log())
        self.assertEqual(a.verdict, "fail")
        self.assertIn("summary", [r for r, _ in a.rules()])

    def test_crash_inside_a_suite(self):
        data = read_log(SELFTEST)
        cut = data.index(b"[", data.index(b"ok 4 percpu_batches") if b"ok 4 percpu_batches" in data
                         else data.index(b"ok 4 ctor_dtor"))
        a = Analysed(data[:cut] + OOPS[OOPS.index("[    1.000000] @oops"):].encode())
        self.assertEqual(a.verdict, "fail")
        slab = [s for s in a.summary["selftests"]["suites"] if s["name"] == "slab"][0]
        self.assertEqual(slab["status"], "crashed")
        self.assertEqual(slab["counts"]["crashed"], 1)
        self.assertIn("ktap", [r for r, _ in a.rules()])

    def test_nested_skip_and_plans(self):
        text = "".join("[    0.%06d] %s\n" % (i, line) for i, line in enumerate([
            "@boot board=x", "KTAP version 1", "1..2",
            "    KTAP version 1", "    # Subtest: outer", "    1..2",
            "        KTAP version 1", "        # Subtest: inner", "        1..2",
            "        ok 1 a", "        ok 2 b # SKIP not here", "    ok 1 inner",
            "    ok 2 c", "ok 1 outer",
            "    KTAP version 1", "    # Subtest: skipped", "    1..3",
            "    ok 1 x # SKIP no", "    ok 2 y # SKIP no", "ok 2 skipped",
            "@summary result=pass leaked_pages=0 leaked_objects=0 errors=0 selftest_failed=0 duration=0"]))
        a = Analysed(text)
        suites = {s["name"]: s for s in a.summary["selftests"]["suites"]}
        self.assertEqual(suites["outer"]["status"], "pass")
        self.assertEqual(suites["outer"]["counts"], {"pass": 2, "fail": 0, "skip": 1, "crashed": 0})
        self.assertEqual(suites["skipped"]["status"], "crashed")     # planned 3, ran 2
        self.assertEqual([r for r, _ in a.rules()], ["ktap"])
        self.assertEqual(a.rules()[0][1], 20)
        self.assertEqual(a.verdict, "fail")


if __name__ == "__main__":
    unittest.main()
