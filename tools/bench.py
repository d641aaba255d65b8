#!/usr/bin/env python3
"""`make bench`: exact instruction counts under QEMU -icount shift=0.

Boots each board with bench=all (interrupts are off while a sample runs, so
the counts do not depend on the host), collects the @bench records and
prints them as a table with the targets of tests/bench/targets.conf.

  tools/bench.py [--board B ...] [--bench LIST]
"""
import argparse
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tools"))

import qemutest  # noqa: E402


def load_targets(path=os.path.join(TOP, "tests/bench/targets.conf")):
    targets = {}
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if len(line) == 2:
                targets[line[0]] = int(line[1])
    return targets


def run_board(board, bench="all", extra=""):
    """Boot once with bench=...; returns (rows, run)."""
    run = qemutest.boot(board, "bench=%s stress.duration=0 %s" % (bench, extra),
                        icount=True, timeout=600)
    return run.log.find("bench"), run


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--board", action="append")
    ap.add_argument("--bench", default="all")
    args = ap.parse_args(argv)
    targets = load_targets()
    over = 0
    for board in args.board or ["qemu-virt"]:
        rows, run = run_board(board, args.bench)
        if run.rc not in (0, None) or not rows:
            print("%s: benchmark run failed (exit %s)" % (board, run.rc))
            print("\n".join(run.raw.splitlines()[-20:]))
            return 1
        print("\n%s (instructions per operation, -icount shift=0)" % board)
        print("%-36s %8s %10s %10s %8s" % ("benchmark", "samples", "median", "max", "target"))
        for r in rows:
            tgt = targets.get(r["name"])
            flag = ""
            if tgt is not None and r.int("median") > tgt:
                flag = "  OVER"
                over += 1
            print("%-36s %8s %10s %10s %8s%s" % (r["name"], r["ops"], r["median"], r["max"],
                                                 tgt if tgt is not None else "-", flag))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
