"""The HTML report as a browser draws it: headless Chromium (Debian's `chromium`).

tools/install-deps.sh installs Chromium for this test, so a machine
without it fails here rather than skipping. The report of a stress-style
run must come out with every chart drawn: the screenshot is not blank and
holds the charts' series colours, the DOM has the SVG elements, and the
page logs nothing to the console.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pngread  # noqa: E402
import synthlog  # noqa: E402
from ulhelp import log_path, run  # noqa: E402

from uartlog_lib.svg import PALETTE  # noqa: E402

BROWSERS = ("chromium", "chromium-browser")
WINDOW = (1100, 2600)


def browser():
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    raise AssertionError("no Chromium (%s): tools/install-deps.sh installs it for this test"
                         % " or ".join(BROWSERS))


def chromium(tmp, page, *flags):
    """Run headless Chromium on page; returns (stdout, stderr) as text."""
    cmd = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--no-first-run", "--user-data-dir=" + os.path.join(tmp, "profile"),
           "--enable-logging=stderr", "--v=0", "--window-size=%d,%d" % WINDOW] + list(flags)
    p = subprocess.run(cmd + ["file://" + page], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def console_messages(stderr):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def hex_rgb(colour):
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


class RenderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        log = os.path.join(cls.tmp.name, "stress.log")
        with open(log, "w") as f:
            f.write(synthlog.text(reports=80, period=0.25))
        cls.report = os.path.join(cls.tmp.name, "report.html")
        p = run("report", log, "-o", cls.report)
        assert p.returncode == 0, p.stderr

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_screenshot_shows_the_charts(self):
        shot = os.path.join(self.tmp.name, "shot.png")
        rc, _out, err = chromium(self.tmp.name, self.report, "--screenshot=" + shot)
        self.assertEqual(rc, 0, err[-2000:])
        self.assertEqual(console_messages(err), [])
        width, height, _ch, _rows = pngread.read(shot)
        self.assertEqual((width, height), WINDOW)
        colours = pngread.colours(shot)
        white = colours[(255, 255, 255)]
        self.assertLess(white, 0.9 * width * height, "the screenshot is blank")
        self.assertGreater(len(colours), 50)
        drawn = [c for c in PALETTE[:7] if colours[hex_rgb(c)] >= 50]
        self.assertEqual(drawn, list(PALETTE[:7]), "series colours missing from the screenshot")

    def test_dom_has_the_svg_charts(self):
        rc, dom, err = chromium(self.tmp.name, self.report, "--dump-dom")
        self.assertEqual(rc, 0, err[-2000:])
        self.assertEqual(console_messages(err), [])
        self.assertEqual(dom.count("<svg"), 6)
        self.assertNotIn("no data in this log", dom)
        # 11 orders, 2 indexes, 6 caches, 2 vmalloc, 7 fault kinds, 2 stress rates
        self.assertEqual(dom.count('<polyline class="series"'), 30)
        self.assertEqual(dom.count('<polygon class="area"'), 11)
        self.assertIn("Stress operations per second", dom)

    def test_crash_report_shows_the_backtrace(self):
        page = os.path.join(self.tmp.name, "crash.html")
        p = run("report", log_path("qemu-virt-crash-null"), "-o", page, "--no-elf")
        self.assertEqual(p.returncode, 0)
        rc, dom, err = chromium(self.tmp.name, page, "--dump-dom")
        self.assertEqual(rc, 0, err[-2000:])
        self.assertEqual(console_messages(err), [])
        self.assertIn("@oops cause=load_page_fault", dom)
        self.assertRegex(dom, r"<td>c000[0-9a-f]{4}</td><td>crash_null_deref\+0x")
        self.assertEqual(len(re.findall(r'<span class="verdict fail">fail</span>', dom)), 1)


if __name__ == "__main__":
    unittest.main()
