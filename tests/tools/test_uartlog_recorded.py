"""uartlog's commands on logs recorded from real runs of both QEMU boards (`make test-logs`).

The assertions are about what a run always prints (records, their keys,
the self-test tree, the dumps), never about timings or addresses that move
when the firmware changes.
"""
import csv
import io
import json
import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synthlog  # noqa: E402
from ulhelp import Analysed, log_path, read_log, run, run_json  # noqa: E402

BOARDS = {"qemu-virt": ("riscv-virtio", 0, 10000000, "ns16550a"),
          "qemu-sifive-u": ("sifive,hifive-unleashed-a00", 1, 1000000, "sifive,uart0")}


class SummaryTest(unittest.TestCase):
    def test_plain_runs_pass(self):
        for board, (compat, hart, timebase, console) in BOARDS.items():
            status, d = run_json("summary", log_path(board))
            self.assertEqual((status, d["verdict"]), (0, "pass"), board)
            b = d["board"]
            self.assertEqual((b["board"], b["hart"], b["timebase"], b["console"]),
                             (compat, hart, timebase, console))
            self.assertEqual(d["source"]["boots"], 1)
            self.assertEqual(d["leaks"]["pages"], 0)
            self.assertEqual(d["leaks"]["objects"], 0)
            self.assertEqual(d["errors"]["summary"], 0)
            self.assertEqual(d["oopses"], [])
            self.assertIsNotNone(d["duration"]["run"])
            self.assertEqual(d["opensbi"]["version"], "1.6")
            self.assertGreater(d["timer"]["ticks"], 0)

    def test_memory_statistics(self):
        d = Analysed(read_log("qemu-virt")).summary
        z = d["buddy"]["Normal"]
        self.assertEqual(z["free"], sum(z["o%d" % k] << k for k in range(11)))
        self.assertTrue(0 <= z["unusable_index"]["3"] <= z["unusable_index"]["10"] <= 1)
        self.assertIn("kmalloc-64", d["slab"]["all"])
        self.assertEqual(d["slab"]["caches"], len(d["slab"]["all"]))
        self.assertEqual(d["slab"]["objects"], sum(c["active"] for c in d["slab"]["all"].values()))
        self.assertEqual(d["vmalloc"]["areas"], 2)      # the console and the finisher
        self.assertEqual(d["meminfo"]["MemTotal"] % 4, 0)
        self.assertEqual(d["dumps"], {"memmap": 1, "meminfo": 1, "buddyinfo": 2, "vmallocinfo": 1,
                                      "slabinfo": 1})

    def test_selftests_both_boards(self):
        for board in BOARDS:
            status, d = run_json("summary", log_path(board + "-selftest"))
            self.assertEqual((status, d["verdict"]), (0, "pass"), board)
            st = d["selftests"]
            self.assertEqual([s["name"] for s in st["suites"]], ["boot", "buddy", "slab", "vmalloc"])
            for s, rec in zip(st["suites"], st["records"]):
                self.assertEqual(rec["suite"], s["name"])
                self.assertEqual((rec["passed"], rec["failed"], rec["skipped"]),
                                 (s["counts"]["pass"], s["counts"]["fail"], s["counts"]["skip"]))
            self.assertEqual(st["counts"]["fail"] + st["counts"]["crashed"], 0)
            self.assertGreater(st["counts"]["skip"], 0)     # highmem_zone has no high memory
            self.assertEqual(st["problems"], [])
            self.assertEqual(d["errors"]["lines_outside_selftests"], 0)
            self.assertGreater(d["errors"]["lines_during_selftests"], 0)
            self.assertEqual([f["grouping"] for f in d["frag"]], ["on", "off"])

    def test_crash_log(self):
        status, d = run_json("summary", log_path("qemu-virt-crash-null"), "--no-elf")
        self.assertEqual((status, d["verdict"]), (1, "fail"))
        (o,) = d["oopses"]
        self.assertEqual((o["cause"], o["tval"], o["task"]), ("load_page_fault", "0x00000000", "swapper"))
        self.assertTrue(o["complete"])
        self.assertIn("NULL pointer dereference", o["headline"])
        names = [f["symbol"].split("+")[0] for f in o["trace"]]
        self.assertEqual(names[:3], ["crash_null_deref", "crash_test_run", "start_kernel"])
        self.assertEqual(o["regs"]["epc"], o["epc"][2:])
        self.assertIsNone(d["summary"])

    def test_text_output(self):
        p = run("summary", log_path("qemu-virt-selftest"))
        self.assertEqual(p.returncode, 0)
        out = p.stdout.decode()
        self.assertTrue(out.startswith("verdict: pass\n"))
        for needle in ("board:   riscv-virtio", "command line: selftest=all",
                       "self-tests: 4 suites", "buddy Normal:", "slab:", "vmalloc:", "timer:",
                       "leaks: 0 pages, 0 objects", "oopses: none"):
            self.assertIn(needle, out)

    def test_stdin(self):
        status, d = run_json("summary", "-", stdin=read_log("qemu-sifive-u"))
        self.assertEqual((status, d["verdict"], d["source"]["path"]), (0, "pass", "-"))


class RecordsTest(unittest.TestCase):
    def test_table(self):
        p = run("records", log_path("qemu-virt"))
        self.assertEqual(p.returncode, 0)
        rows = p.stdout.decode().splitlines()
        kinds = [r.split()[3] for r in rows]
        self.assertEqual(kinds[0], "boot")
        self.assertEqual(kinds[-1], "summary")
        self.assertEqual(kinds.count("slab"), len(re.findall(rb"@slab ", read_log("qemu-virt"))))

    def test_csv_one_kind(self):
        p = run("records", log_path("qemu-virt"), "--kind", "slab", "--csv")
        rows = list(csv.DictReader(io.StringIO(p.stdout.decode())))
        self.assertEqual(len(rows), len(re.findall(rb"@slab ", read_log("qemu-virt"))))
        self.assertEqual(list(rows[0])[:6], ["boot", "line", "time", "kind", "cache", "active"])
        byname = {r["cache"]: r for r in rows}
        self.assertEqual(byname["kmalloc-64"]["size"], "64")
        for r in rows:
            self.assertEqual(r["extra"], "")

    def test_csv_all_kinds_and_json(self):
        p = run("records", log_path("qemu-virt-selftest"), "--csv")
        rows = list(csv.DictReader(io.StringIO(p.stdout.decode())))
        self.assertEqual(rows[0]["kind"], "boot")
        self.assertIn("board=riscv-virtio", rows[0]["fields"])
        status, recs = run_json("records", log_path("qemu-virt-selftest"), "--kind", "selftest",
                                "--kind", "summary")
        self.assertEqual([r["kind"] for r in recs], ["selftest"] * 4 + ["summary"])
        self.assertEqual(recs[0]["fields"]["suite"], "boot")
        self.assertIsInstance(recs[0]["fields"]["passed"], int)
        self.assertIsInstance(recs[0]["line"], int)

    def test_records_of_every_boot(self):
        data = read_log("qemu-virt") + read_log("qemu-sifive-u")
        status, recs = run_json("records", "-", "--kind", "boot", stdin=data)
        self.assertEqual([r["boot"] for r in recs], [1, 2])
        status, recs = run_json("records", "-", "--kind", "boot", "--boot", "2", stdin=data)
        self.assertEqual([r["fields"]["board"] for r in recs], ["sifive,hifive-unleashed-a00"])


class DiffTest(unittest.TestCase):
    def test_boards_side_by_side(self):
        status, d = run_json("diff", log_path("qemu-virt"), log_path("qemu-sifive-u"))
        self.assertEqual(status, 0)
        rows = {(r["group"], r["metric"]): r for r in d["rows"]}
        self.assertEqual(rows[("outcome", "verdict")]["a"], "pass")
        self.assertEqual(rows[("outcome", "board")]["b"], "sifive,hifive-unleashed-a00")
        va = rows[("failures", "vmalloc failures")]
        self.assertEqual(va["delta"], va["b"] - va["a"])
        self.assertIn(("memory", "Normal free frames"), rows)

    def test_before_after_stress_and_bench(self):
        with tempfile.TemporaryDirectory() as tmp:
            a, b = os.path.join(tmp, "a.log"), os.path.join(tmp, "b.log")
            with open(a, "w") as f:
                f.write(synthlog.text(reports=20, seed=1))
            with open(b, "w") as f:
                f.write(synthlog.text(reports=20, seed=2).replace(
                    "@summary", "@bench name=buddy.alloc_free ops=64 median=120 max=300 unit=instructions\n"
                    "[   10.200000] @summary"))
            status, d = run_json("diff", a, b)
            rows = {(r["group"], r["metric"]): r for r in d["rows"]}
            ops = rows[("stress", "ops_per_s")]
            self.assertNotEqual(ops["a"], ops["b"])
            self.assertAlmostEqual(ops["percent"], 100.0 * (ops["b"] - ops["a"]) / ops["a"], places=0)
            self.assertEqual(rows[("bench", "buddy.alloc_free median")]["b"], 120)
            self.assertIsNone(rows[("bench", "buddy.alloc_free median")]["a"])
            self.assertIn(("faults", "pgfault_per_s"), rows)
            text = run("diff", a, b).stdout.decode()
            self.assertIn("ops_per_s", text)
            self.assertIn("buddy.alloc_free median", text)


class ReportTest(unittest.TestCase):
    def test_report_is_self_contained(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "r.html")
            status, d = run_json("report", log_path("qemu-virt-selftest"), "-o", out)
            self.assertEqual((status, d["verdict"]), (0, "pass"))
            with open(out, encoding="utf-8") as f:
                html = f.read()
        self.assertEqual(html.count("<svg"), 4)         # the two without @vm/@stress say so
        self.assertEqual(html.count("no data in this log"), 2)
        self.assertNotIn("<script", html)
        self.assertEqual(re.findall(r'(?:src|href)="', html), [])
        self.assertEqual(re.findall(r"https?://", html), [])   # nothing to fetch, no namespace URL
        for section in ("Board and boot", "Final state", "Self-tests", "Oopses", "Errors and invariants"):
            self.assertIn(section, html)
        self.assertIn("highmem_zone", html)            # a skipped case is listed with its reason
        self.assertIn("no high memory on this board", html)

    def test_summary_json_is_the_report_model(self):
        status, d = run_json("summary", log_path("qemu-virt"))
        json.dumps(d)
        self.assertEqual(d["exit_status"], status)


if __name__ == "__main__":
    unittest.main()
