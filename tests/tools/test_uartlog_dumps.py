"""The Linux-layout dumps: each read from the layout the firmware (or Linux) prints."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synthlog  # noqa: E402
from ulhelp import Analysed, read_log  # noqa: E402

from uartlog_lib.dumps import DumpReader  # noqa: E402


def read_dumps(lines):
    got = []
    reader = DumpReader(got.append)
    for n, text in enumerate(lines, 1):
        reader.feed(text, float(n), n)
    reader.flush()
    return got


# mm/page_report.c's layouts (tests/host/test_buddy_zones.c checks the firmware prints them)
PAGETYPEINFO = [
    "Page block order: 10",
    "Pages per block:  1024",
    "",
    "Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 ",
    "Node    0, zone   Normal, type    Unmovable      1      0      2      0      0      1      0      0      0      0      0 ",
    "Node    0, zone   Normal, type      Movable      0      2      2      1      3      3      2      3      2      3     28 ",
    "Node    0, zone   Normal, type  Reclaimable      0      0      0      0      0      0      0      0      0      0      0 ",
    "",
    "Number of blocks type     Unmovable      Movable  Reclaimable ",
    "Node 0, zone   Normal            2           29            0 ",
    "timer: 100 Hz tick",
]


class DumpsTest(unittest.TestCase):
    def test_pagetypeinfo(self):
        (d,) = read_dumps(PAGETYPEINFO)
        self.assertEqual((d.kind, d.lineno), ("pagetypeinfo", 1))
        self.assertEqual((d.data["pageblock_order"], d.data["pages_per_block"]), (10, 1024))
        self.assertEqual(d.data["types"], ["Unmovable", "Movable", "Reclaimable"])
        self.assertEqual(d.data["free"]["Normal"]["Movable"][10], 28)
        self.assertEqual(d.data["free"]["Normal"]["Unmovable"][:3], [1, 0, 2])
        self.assertEqual(d.data["blocks"], {"Normal": {"Unmovable": 2, "Movable": 29, "Reclaimable": 0}})

    def test_buddyinfo_is_not_the_blocks_line(self):
        dumps = read_dumps(["Node 0, zone   Normal      1      2      3      1      3      3      2      3"
                            "      2      3     28 ", "Node 0, zone  HighMem      0      0      0      0"
                            "      0      0      0      0      0      0      4 ", "done"])
        (d,) = dumps
        self.assertEqual(d.kind, "buddyinfo")
        self.assertEqual(d.data["zones"]["HighMem"][10], 4)
        self.assertEqual(sum(n << k for k, n in enumerate(d.data["zones"]["Normal"])), 31401)

    def test_recorded_dumps(self):
        a = Analysed(read_log("qemu-virt"))
        b = a.boot
        self.assertEqual(b.dump_last["meminfo"].data["MemTotal"], 125668)
        self.assertEqual(set(b.dump_last["meminfo"].data), {"MemTotal", "MemFree", "HighTotal", "HighFree",
                                                          "LowTotal", "LowFree"})
        caches = b.dump_last["slabinfo"].data["caches"]
        self.assertEqual(b.dump_last["slabinfo"].data["version"], "2.1")
        self.assertEqual(set(caches), set(b.slab))
        self.assertEqual(caches["kmalloc-8192"]["pagesperslab"], 2)
        v = b.dump_last["vmallocinfo"].data
        self.assertEqual(v["count"], 2)
        self.assertEqual([x["flags"] for x in v["areas"]], [["ioremap"], ["ioremap"]])
        self.assertEqual(v["areas"][0]["phys"], "0x10000000")
        self.assertTrue(v["areas"][0]["caller"].startswith("serial_console_remap+0x"))
        regions = a.summary["memory_map"]
        self.assertEqual(regions[0]["type"], "RAM")
        self.assertIn("kernel text", [r["what"] for r in regions])

    def test_maps_and_vmstat(self):
        b = Analysed(synthlog.text(reports=60)).boot
        self.assertEqual(sorted(b.maps), [3, 5])        # one with a header line, one without
        vmas = b.maps[3].data["vmas"]
        self.assertEqual([v["path"] for v in vmas], ["/segv_null", "/segv_null", "[heap]", "[stack]"])
        self.assertEqual((vmas[1]["start"], vmas[1]["perms"], vmas[1]["offset"]), (0x11000, "rw-p", 0x1000))
        vmstat = b.dump_last["vmstat"].data
        self.assertEqual(vmstat["nr_free_pages"], 25000)
        self.assertEqual(vmstat["pgfault"], b.last["vm"].int("pgfault"))
        pt = b.dump_last["pagetypeinfo"].data
        self.assertEqual(pt["blocks"]["Normal"]["Movable"], 28)


if __name__ == "__main__":
    unittest.main()
