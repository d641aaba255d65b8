"""`uartlog check`: each invariant holds on good logs and is reported, at its line, when broken.

The stress-style logs come from synthlog.py (the documented format of the
records the firmware does not print yet); the others are recorded runs.
"""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synthlog  # noqa: E402
from ulhelp import Analysed, log_path, read_log, run, run_json  # noqa: E402


def lines_of(text):
    """The lines of a capture with their ends, numbered as uartlog (and sed) number them."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def edit(lines, pattern, fn, nth=0):
    """Apply fn to the nth line matching pattern; returns (new lines, its 1-based line number)."""
    hits = [i for i, line in enumerate(lines) if re.search(pattern, line)]
    i = hits[nth]
    out = list(lines)
    out[i] = fn(out[i])
    return out, i + 1


def sub(pattern, repl):
    return lambda line: re.sub(pattern, repl, line, count=1)


class CleanLogsTest(unittest.TestCase):
    def test_recorded_logs_have_no_violations(self):
        for name in ("qemu-virt", "qemu-virt-selftest", "qemu-sifive-u", "qemu-sifive-u-selftest",
                     "qemu-virt-crash-null", "qemu-virt-crash-panic"):
            status, d = run_json("check", log_path(name))
            self.assertEqual((status, d["violation_count"]), (0, 0), (name, d["violations"]))

    def test_synthetic_stress_log_has_no_violations(self):
        a = Analysed(synthlog.text(reports=120))
        self.assertEqual(a.checker.violations, [])
        self.assertEqual(a.verdict, "pass")


class BrokenInvariantsTest(unittest.TestCase):
    def setUp(self):
        self.lines = lines_of(synthlog.text(reports=12))

    def expect(self, lines, rule, lineno, words=()):
        a = Analysed("".join(lines))
        got = [v for v in a.checker.violations if v[1] == rule]
        self.assertTrue(got, "no %s violation in %s" % (rule, a.checker.violations))
        self.assertEqual(got[0][0], lineno, got)
        for w in words:
            self.assertIn(w, got[0][2])
        return a

    def test_counter_goes_down(self):
        lines, n = edit(self.lines, r"@stress ", sub(r" ops=\d+", " ops=5"), nth=4)
        self.expect(lines, "counters", n, ("@stress ops", "went down"))
        lines, n = edit(self.lines, r"@vm ", sub(r" cow=\d+", " cow=0"), nth=6)
        self.expect(lines, "counters", n, ("@vm cow",))
        lines, n = edit(self.lines, r"@slab cache=kmalloc-64 ", sub(r" grown=\d+", " grown=0"), nth=8)
        self.expect(lines, "counters", n, ("@slab kmalloc-64 grown",))

    def test_stress_seq_skips(self):
        lines, n = edit(self.lines, r"@stress ", sub(r"seq=\d+", "seq=99"), nth=5)
        self.expect(lines, "counters", n, ("seq=99",))

    def test_buddy_free_disagrees_with_its_lists(self):
        lines, n = edit(self.lines, r"@buddy ", sub(r" o3=(\d+)", lambda m: " o3=%d" % (int(m.group(1)) + 1)),
                        nth=2)
        self.expect(lines, "zone", n, ("free lists hold",))

    def test_free_plus_used_changes(self):
        lines, n = edit(self.lines, r"@buddy ", sub(r" used=(\d+)", lambda m: " used=%d" % (int(m.group(1)) - 1)),
                        nth=3)
        self.expect(lines, "zone", n, ("free+pcp+used",))

    def test_memtotal_changes(self):
        lines = list(self.lines)
        i = [k for k, line in enumerate(lines) if "@summary" in line][0]
        lines.insert(i, lines[i][:lines[i].index("]") + 2] + "MemTotal:         125000 kB\n")
        self.expect(lines, "zone", i + 1, ("MemTotal",))

    def test_zones_hold_more_than_memtotal(self):
        lines = lines_of(read_log("qemu-virt").decode())
        lines, _ = edit(lines, r"\] MemTotal:", sub(r"\d+ kB", "1000 kB"))
        lines, _ = edit(lines, r"\] MemFree:", sub(r"\d+ kB", "900 kB"))
        n = [k for k, line in enumerate(lines) if "@buddy " in line][0] + 1
        self.expect(lines, "zone", n, ("more than MemTotal 1000 kB",))

    def test_slab_totals(self):
        lines, n = edit(self.lines, r"@slab cache=kmalloc-128 ",
                        sub(r" total=(\d+)", lambda m: " total=%d" % (int(m.group(1)) + 1)), nth=1)
        self.expect(lines, "slab", n, ("slabs*perslab",))

    def test_slabinfo_disagrees_with_its_records(self):
        lines = lines_of(read_log("qemu-virt").decode())
        lines, n = edit(lines, r"\] kmalloc-64 ", sub(r"kmalloc-64( +)(\d+)", lambda m: "kmalloc-64%s%d" % (
            m.group(1), int(m.group(2)) + 1)))
        self.expect(lines, "slab", n, ("active_objs",))

    def test_vmstat_event_goes_down(self):
        lines = list(self.lines)
        i = [k for k, line in enumerate(lines) if "@summary" in line][0]
        t = lines[i][:lines[i].index("]") + 2]
        lines[i:i] = [t + "vmstat again:\n", t + "nr_free_pages 1\n", t + "pgfault 3\n"]
        self.expect(lines, "counters", i + 2, ("vmstat pgfault",))

    def test_segv_without_exit(self):
        lines, n = edit(self.lines, r"@exit .*signal=11", lambda line: "")
        n_segv = [k for k, line in enumerate(lines) if "@segv" in line][0] + 1
        self.expect(lines, "segv", n_segv, ("has no @exit",))
        lines, n = edit(self.lines, r"@exit .*signal=11", sub("signal=11", "signal=0"))
        self.expect(lines, "segv", n, ("signal=0",))

    def test_summary_inconsistent(self):
        lines, n = edit(self.lines, r"@summary", sub("leaked_pages=0", "leaked_pages=3"))
        self.expect(lines, "summary", n, ("result=pass with leaked_pages=3",))
        lines, n = edit(self.lines, r"@summary", sub(r"duration=[0-9.]+", "duration=999.000"))
        self.expect(lines, "summary", n, ("duration=999.000",))
        lines, n = edit(self.lines, r"@summary", lambda line: line + line)
        self.expect(lines, "summary", n + 1, ("second @summary",))

    def test_record_after_summary(self):
        lines = self.lines + [synthlog.stamp(99, "@buddy zone=Normal free=1 pcp=0 o0=1")]
        self.expect(lines, "summary", len(lines), ("@buddy after @summary",))

    def test_selftest_record_disagrees_with_ktap(self):
        lines = lines_of(read_log("qemu-virt-selftest").decode())
        lines, n = edit(lines, r"@selftest suite=slab", sub(r"passed=\d+", "passed=3"))
        self.expect(lines, "summary", n, ("suite=slab passed=3",))

    def test_ktap_plan(self):
        lines = lines_of(read_log("qemu-virt-selftest").decode())
        lines, n = edit(lines, r"\]     1\.\.8", sub(r"1\.\.8", "1..9"))
        a = self.expect(lines, "ktap", n + 9, ("planned 9, ran 8",))
        self.assertEqual(a.verdict, "fail")     # the missing case counts as crashed

    def test_timestamps_go_back(self):
        lines, n = edit(self.lines, r"@vmalloc ", sub(r"^\[\s*\d+\.\d+\]", "[    0.000001]"), nth=5)
        self.expect(lines, "time", n, ("before",))

    def test_cli_prints_line_numbers_and_exits_1(self):
        lines, n = edit(self.lines, r"@stress ", sub(r" ops=\d+", " ops=5"), nth=4)
        p = run("check", "-", stdin="".join(lines).encode())
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"-:%d: counters: @stress ops went down" % n, p.stdout)
        self.assertIn(b"1 violation in boot 1 of 1", p.stdout)


if __name__ == "__main__":
    unittest.main()
