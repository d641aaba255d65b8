#!/usr/bin/env python3
"""`make bench-uartlog`: tools/uartlog on a 100 MB capture (docs/BENCHMARKS.md).

Writes a synthetic stress-run log of about --size MB (synthlog.py: the
documented records of DESIGN.md section 7, 20 slab caches per report,
a killed process and an OOM kill every 50 reports), then times `summary`,
`check`, `report` and `records --csv` on it, each in its own process, and
prints the wall time, the throughput and the peak memory (maximum resident
set size) of each. Not a test: the figures depend on the machine.

  tests/tools/bench_uartlog.py [--size MB] [--out DIR] [--keep]
"""
import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synthlog  # noqa: E402

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
UARTLOG = os.path.join(TOP, "tools", "uartlog")
BYTES_PER_REPORT = 4096     # about: 20 @slab lines and the rest of one report


def write_log(path, size_mb):
    reports = size_mb * 1024 * 1024 // BYTES_PER_REPORT
    with open(path, "w") as f:
        for line in synthlog.stress_log(reports=reports, period=0.05, caches=20):
            f.write(line)
    return reports


# Runs one command and reports its own child's peak RSS: a fresh process per
# command, so each figure is that command's alone.
MEASURE = """import resource, subprocess, sys
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write("%d %f %d\\n" % (rc, ru.ru_utime + ru.ru_stime, ru.ru_maxrss))
"""


def timed(args):
    """(wall seconds, CPU seconds, peak RSS in MiB) of one uartlog run."""
    start = time.monotonic()
    p = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, UARTLOG] + args,
                       stderr=subprocess.PIPE)
    seconds = time.monotonic() - start
    rc, cpu, peak_kib = p.stderr.decode().split()[-3:]
    if int(rc) not in (0, 1):
        sys.exit("uartlog %s failed: %s" % (" ".join(args), p.stderr.decode()))
    return seconds, float(cpu), int(peak_kib) / 1024.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=100, help="log size in MB (default 100)")
    ap.add_argument("--out", default=os.path.join(TOP, "build", "uartlog-bench"))
    ap.add_argument("--keep", action="store_true", help="reuse the log if it is there")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    log = os.path.join(args.out, "stress-%dM.log" % args.size)
    if not (args.keep and os.path.exists(log)):
        start = time.monotonic()
        reports = write_log(log, args.size)
        print("wrote %s: %d reports in %.1f s" % (log, reports, time.monotonic() - start))
    mb = os.path.getsize(log) / 1e6
    print("%s: %.1f MB" % (log, mb))
    print("%-16s %8s %8s %8s %9s" % ("command", "wall s", "CPU s", "MB/s", "peak MiB"))
    for name, extra in (("summary", []), ("check", []),
                        ("report", ["-o", os.path.join(args.out, "report.html")]),
                        ("records --csv", ["--csv"])):
        wall, cpu, peak = timed([name.split()[0], log] + extra)
        print("%-16s %8.1f %8.1f %8.1f %9.1f" % (name, wall, cpu, mb / wall, peak))
    return 0


if __name__ == "__main__":
    sys.exit(main())
