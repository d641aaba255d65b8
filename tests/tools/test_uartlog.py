"""The UART log parser and the KTAP reader that every QEMU test relies on."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))

import ktap  # noqa: E402
import uartlog  # noqa: E402

SAMPLE = """OpenSBI v1.6
[    0.000000] console: serial@10000000 at 0x10000000 (ns16550a)
[    0.034144] @boot board=riscv-virtio hart=0 ram=130023424 kernel=0x80400000
[    1.500000] @oops cause=panic epc=0xc0001000 tval=0x0 task=swapper msg="a \\"quoted\\" b"
[   12.000001] @summary result=pass errors=0
"""


class UartLogTest(unittest.TestCase):
    def test_lines_and_untimed(self):
        log = uartlog.parse(SAMPLE)
        self.assertEqual(len(log.lines), 4)
        self.assertEqual(log.untimed, ["OpenSBI v1.6"])
        self.assertAlmostEqual(log.lines[-1][0], 12.000001)

    def test_records(self):
        log = uartlog.parse(SAMPLE)
        self.assertEqual([r.kind for r in log.records], ["boot", "oops", "summary"])
        boot = log.first("boot")
        self.assertEqual(boot["board"], "riscv-virtio")
        self.assertEqual(boot.int("kernel"), 0x80400000)
        self.assertEqual(boot.int("missing", 7), 7)
        self.assertEqual(log.first("oops")["msg"], 'a "quoted" b')
        self.assertIsNone(log.first("nothing"))

    def test_monotonic(self):
        self.assertTrue(uartlog.parse(SAMPLE).timestamps_monotonic())
        bad = "[    2.000000] a\n[    1.000000] b\n"
        self.assertFalse(uartlog.parse(bad).timestamps_monotonic())

    def test_crlf_and_garbage(self):
        log = uartlog.parse("[    0.000001] @x a=1\r\n\x00\xff junk [1.0] no\n")
        self.assertEqual(log.first("x")["a"], "1")
        self.assertEqual(len(log.lines), 1)


KTAP_OK = """KTAP version 1
1..1
    KTAP version 1
    # Subtest: boot
    1..3
    ok 1 a
    # b: EXPECTATION FAILED at x.c:1
    # Expected 1 == 2
    not ok 2 b
    ok 3 c # SKIP not here
not ok 1 boot
""".splitlines()


class KtapTest(unittest.TestCase):
    def test_parse(self):
        suites, plan = ktap.parse(KTAP_OK)
        self.assertEqual(plan, 1)
        (s,) = suites
        self.assertEqual(s.name, "boot")
        self.assertFalse(s.ok)
        self.assertEqual([(c.name, c.ok, c.skip) for c in s.cases],
                         [("a", True, False), ("b", False, False), ("c", True, True)])
        self.assertIn("# Expected 1 == 2", s.cases[1].diag)
        self.assertEqual([c.status for c in s.cases], ["pass", "fail", "skip"])
        self.assertEqual(s.cases[2].reason, "not here")

    def test_skip_directive_wins_over_not_ok(self):
        """Linux's kunit_parser.py: any result with "# SKIP" is skipped."""
        lines = list(KTAP_OK)
        lines[9] = "    not ok 3 c # SKIP no 4 MiB block"
        suites, _ = ktap.parse(lines)
        c = suites[0].cases[2]
        self.assertEqual((c.name, c.status, c.reason), ("c", "skip", "no 4 MiB block"))

    def test_suite_skipped(self):
        lines = ["KTAP version 1", "1..1", "    KTAP version 1", "    # Subtest: s",
                 "    1..1", "    ok 1 c # SKIP why", "ok 1 s # SKIP"]
        (s,), _ = ktap.parse(lines)
        self.assertTrue(s.ok)
        self.assertEqual(s.cases[0].status, "skip")

    def test_truncated_suite_is_an_error(self):
        with self.assertRaises(ktap.KtapError):
            ktap.parse(KTAP_OK[:7])

    def test_plan_mismatch_is_an_error(self):
        lines = list(KTAP_OK)
        lines[4] = "    1..4"
        with self.assertRaises(ktap.KtapError):
            ktap.parse(lines)

    def test_no_ktap(self):
        self.assertEqual(ktap.parse(["hello"]), ([], None))


if __name__ == "__main__":
    unittest.main()
