"""Live capture: uartlog reads a serial device through termios, as from a board.

A pseudo-terminal stands in for the UART: first one this test writes
into (raw mode, chunking, the stop conditions), then QEMU's own serial
port on a pty while the firmware runs.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import termios
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ulhelp import TOP, UARTLOG, read_log, run_json  # noqa: E402

from uartlog_lib.source import Source  # noqa: E402
from uartlog_lib.stream import Capture  # noqa: E402


class Feeder(threading.Thread):
    """Writes data into a pty master in small pieces, as a UART delivers it."""

    def __init__(self, fd, data, piece=97, pause=0.0005, then_wait=0.0):
        super().__init__(daemon=True)
        self.fd, self.data, self.piece, self.pause, self.then_wait = fd, data, piece, pause, then_wait

    def run(self):
        try:
            for i in range(0, len(self.data), self.piece):
                os.write(self.fd, self.data[i:i + self.piece])
                time.sleep(self.pause)
            time.sleep(self.then_wait)
        except OSError:
            pass        # the reader closed its end


class PtyTest(unittest.TestCase):
    def setUp(self):
        try:
            self.master, slave = os.openpty()
        except OSError as e:
            self.fail("no pseudo-terminal (%s): is devpts mounted on /dev/pts?" % e)
        self.path = os.ttyname(slave)
        os.close(slave)
        self.tmp = tempfile.TemporaryDirectory()
        self.capture = os.path.join(self.tmp.name, "cap.log")

    def tearDown(self):
        if self.master is not None:
            os.close(self.master)
        self.tmp.cleanup()

    def close_master(self):
        fd, self.master = self.master, None
        os.close(fd)

    def follow(self, data, timeout=20, **kw):
        src = Source(self.path, baud=115200, capture=self.capture, timeout=timeout)
        src.open()
        feeder = Feeder(self.master, data, **kw)
        feeder.start()
        cap = Capture(src).run()
        return src, cap

    def test_raw_8n1(self):
        src = Source(self.path, baud=57600)
        self.assertTrue(src.live)
        src.open()
        try:
            iflag, oflag, cflag, lflag, ispeed, ospeed, cc = termios.tcgetattr(src._fd)
        finally:
            src.close()
        self.assertEqual(lflag & (termios.ICANON | termios.ECHO | termios.ISIG | termios.IEXTEN), 0)
        self.assertEqual(iflag & (termios.ICRNL | termios.IXON | termios.ISTRIP | termios.INLCR), 0)
        self.assertEqual(oflag & termios.OPOST, 0)
        self.assertEqual(cflag & termios.CSIZE, termios.CS8)
        self.assertEqual(cflag & (termios.PARENB | termios.CSTOPB), 0)
        self.assertEqual((ispeed, ospeed), (termios.B57600, termios.B57600))
        self.assertEqual((cc[termios.VMIN], cc[termios.VTIME]), (1, 0))

    def test_stops_at_summary(self):
        """The next boot after @summary is not read: the capture stops where the run ended."""
        data = read_log("qemu-virt-selftest")
        src, cap = self.follow(data + read_log("qemu-sifive-u"), then_wait=5)
        self.assertEqual(src.end_reason, "@summary")
        self.assertEqual(cap.boots, 1)
        self.assertEqual(cap.boot.verdict()[0], "pass")
        with open(self.capture, "rb") as f:
            captured = f.read()
        self.assertIn(b"@summary result=pass", captured)
        self.assertTrue(data.startswith(captured[:len(data) // 2]))
        self.assertEqual(len(cap.boot.ktap.suites()), 4)

    def test_stops_after_the_oops(self):
        data = read_log("qemu-virt-crash-null")
        src, cap = self.follow(data, then_wait=5)
        self.assertEqual(src.end_reason, "end of the oops")
        self.assertEqual(cap.boot.verdict()[0], "fail")
        self.assertTrue(cap.boot.oopses[0].ended)

    def test_timeout_without_summary(self):
        data = read_log("qemu-virt")
        start = time.monotonic()
        src, cap = self.follow(data[:len(data) // 2], timeout=1.5, then_wait=10)
        self.assertLess(time.monotonic() - start, 8)
        self.assertEqual(src.end_reason, "timeout after 1.5 s")
        self.assertEqual(cap.boot.verdict()[0], "incomplete")

    def test_device_closing_ends_the_capture(self):
        data = read_log("qemu-virt")
        src = Source(self.path, baud=115200, capture=self.capture, timeout=20)
        src.open()
        os.write(self.master, data[:len(data) // 3])
        closer = threading.Timer(0.5, self.close_master)
        closer.start()
        cap = Capture(src).run()
        closer.join()
        self.assertEqual(src.end_reason, "the device closed")
        self.assertEqual(cap.boot.verdict()[0], "incomplete")


class QemuSerialPtyTest(unittest.TestCase):
    """QEMU's UART on a pty, read by the command line tool while the firmware runs."""

    def test_board_on_a_pty(self):
        qemu = subprocess.Popen(
            [os.path.join(TOP, "tools", "qemu-run.sh"), "--board", "qemu-virt",
             "--append", "selftest=boot stress.duration=0", "--", "-serial", "pty", "-S"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            pty = None
            deadline = time.monotonic() + 30
            seen = b""
            while pty is None and time.monotonic() < deadline:
                chunk = qemu.stdout.read1(4096)
                if not chunk:
                    break
                seen += chunk
                m = re.search(rb"char device redirected to (/dev/pts/\d+)", seen)
                if m:
                    pty = m.group(1).decode()
            self.assertIsNotNone(pty, "QEMU printed no pty: %r" % seen[-500:])
            with tempfile.TemporaryDirectory() as tmp:
                capture = os.path.join(tmp, "board.log")
                tool = subprocess.Popen([sys.executable, UARTLOG, "summary", pty, "--baud", "115200",
                                         "--capture", capture, "--timeout", "60", "--json", "-q",
                                         "--no-elf"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                deadline = time.monotonic() + 20
                while not os.path.exists(capture) and time.monotonic() < deadline:
                    time.sleep(0.05)
                self.assertTrue(os.path.exists(capture), "uartlog did not open the pty")
                # QEMU checks for a reader when the guest writes: nothing is lost from here on
                qemu.stdin.write(b"cont\n")
                qemu.stdin.flush()
                out, err = tool.communicate(timeout=90)
                d = json.loads(out.decode())
                self.assertEqual(tool.returncode, 0, err.decode())
                self.assertEqual(d["verdict"], "pass")
                self.assertEqual(d["source"]["end"], "@summary")
                self.assertEqual(d["board"]["board"], "riscv-virtio")
                self.assertEqual([s["name"] for s in d["selftests"]["suites"]], ["boot"])
                with open(capture, "rb") as f:
                    captured = f.read()
                self.assertIn(b"OpenSBI v", captured)
                self.assertIn(b"@summary result=pass", captured)
                status, again = run_json("summary", capture, "--no-elf")
                self.assertEqual((status, again["records"]), (0, d["records"]))
        finally:
            qemu.stdin.close()
            try:
                qemu.wait(timeout=30)
            except subprocess.TimeoutExpired:
                qemu.kill()
                qemu.wait()
            qemu.stdout.close()


if __name__ == "__main__":
    unittest.main()
