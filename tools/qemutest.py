"""QEMU scenarios: boot the firmware with given bootargs and judge the UART log.

A scenario file (tests/qemu/test_*.py) declares functions with @scenario;
each gets a Run (exit code, parsed log) and asserts with plain `assert` or
the helpers below. The test driver (tools/run-tests.py) runs them.
"""
import os
import re
import subprocess
import time

import ktap
import uartlog

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = []


def edited_board_dtb(name, edit, out):
    """A dtb function for scenario(dtb=...): the board's own device tree
    (dumped by QEMU for the scenario's board and memory size), turned into
    source, passed through edit(dts) -> dts, and compiled to out/name.dtb."""
    def build(board, mem):
        os.makedirs(out, exist_ok=True)
        orig, dtb = os.path.join(out, name + "-orig.dtb"), os.path.join(out, name + ".dtb")
        run = [os.path.join(TOP, "tools", "qemu-run.sh"), "--board", board]
        if mem:
            run += ["--mem", mem]
        subprocess.run(run + ["--", "-machine", "dumpdtb=" + orig], check=True,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=60)
        dts = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", orig], check=True,
                             stdout=subprocess.PIPE, universal_newlines=True).stdout
        subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, "-"], check=True,
                       input=edit(dts), universal_newlines=True)
        return dtb
    return build


def scenario(board="qemu-virt", bootargs="", mem=None, smp=None, timeout=60,
             icount=False, ktap=False, initrd=None, name=None, dtb=None):
    """Register a scenario. ktap=True: the log's KTAP output also counts, case by case.
    dtb: a function (board, mem) returning the path of a device tree blob that
    QEMU passes instead of its own (-dtb), called just before the boot.
    initrd: the path of a file for QEMU's -initrd, or a function (board, mem)
    returning one, called just before the boot."""
    def wrap(fn):
        SCENARIOS.append(dict(fn=fn, name=name or fn.__name__, board=board,
                              bootargs=bootargs, mem=mem, smp=smp,
                              timeout=timeout, icount=icount, ktap=ktap,
                              initrd=initrd, dtb=dtb))
        return fn
    return wrap


class Run:
    """The outcome of one boot: .rc (None on timeout), .log, .raw, .seconds."""

    def __init__(self, rc, raw, seconds, cmd):
        self.rc = rc
        self.raw = raw
        self.seconds = seconds
        self.cmd = cmd
        self.log = uartlog.parse(raw)

    def record(self, kind):
        rec = self.log.first(kind)
        assert rec is not None, "no @%s record in the log" % kind
        return rec

    def kworkers(self):
        """The per-CPU workqueue threads the boot started (kworker/<cpu>, from
        "workqueue: N per-CPU worker(s) started"): live kernel threads to the
        end of the run, so tasks= counts them."""
        for t in self.log.texts():
            m = re.search(r"workqueue: (\d+) per-CPU workers? started", t)
            if m:
                return int(m.group(1))
        raise AssertionError("no workqueue start line in the log")

    def expect_exit(self, rc):
        assert self.rc is not None, "QEMU timed out (no power-off)"
        if rc == "nonzero":
            assert self.rc != 0, "expected a failing exit code, got 0"
        else:
            assert self.rc == rc, "exit code %s, expected %s" % (self.rc, rc)

    def expect_line(self, needle):
        assert self.log.contains(needle), "no log line contains %r" % needle

    def expect_no_line(self, needle):
        assert not self.log.contains(needle), "a log line contains %r" % needle

    def ktap_skips(self):
        """{"suite.case": reason} for every KTAP case that skipped."""
        suites, _ = ktap.parse(self.log.texts())
        return {"%s.%s" % (s.name, c.name): c.reason
                for s in suites for c in s.cases if c.skip}

    def expect_skips(self, expected):
        """The KTAP cases that skipped are exactly those of expected, a
        {"suite.case": substring of the reason} dict ({}: none may skip)."""
        got = self.ktap_skips()
        assert set(got) == set(expected), \
            "skipped %s, expected %s" % (sorted(got), sorted(expected))
        for name, reason in expected.items():
            assert reason in got[name], "%s skipped for %r, expected %r" % (name, got[name], reason)


def boot(board="qemu-virt", bootargs="", mem=None, smp=None, timeout=60,
         icount=False, initrd=None, dtb=None):
    """Boot once and return a Run (rc None and the error as the log if dtb or
    initrd, when functions, fail)."""
    extra = []
    if callable(initrd):
        try:
            initrd = initrd(board, mem)
        except Exception as e:  # the scenario fails on the missing boot
            return Run(None, "cannot build the initrd: %s" % e, 0.0, "")
    if dtb:
        try:
            extra = ["--", "-dtb", dtb(board, mem)]
        except Exception as e:  # the scenario fails on the missing boot
            return Run(None, "cannot build the device tree: %s" % e, 0.0, "")
    cmd = [os.path.join(TOP, "tools", "qemu-run.sh"), "--board", board,
           "--kernel", os.path.join(TOP, "build", board, "firmware.bin"),
           "--append", bootargs]
    if mem:
        cmd += ["--mem", mem]
    if smp:
        cmd += ["--smp", str(smp)]
    if icount:
        cmd += ["--icount"]
    if initrd:
        cmd += ["--initrd", initrd]
    cmd += extra
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        rc, out = p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        rc, out = None, e.stdout or b""
    return Run(rc, out.decode("utf-8", "replace"), time.monotonic() - start,
               " ".join(cmd))
