#!/usr/bin/env python3
"""`make bench-host`: the slab allocator built natively against glibc malloc,
jemalloc and mimalloc, ns per operation, as a Markdown table for
docs/BENCHMARKS.md.

Each binary prints, per workload, the median of its RUNS timed runs. The
binaries are run in turn, REPEAT rounds (so that a busy spell of a shared
machine falls on every allocator alike); a cell is the median over the
rounds of those medians, and [min-max] their spread.

  tools/bench_host/run.py [--repeat REPEAT] BUILD_DIR
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys

BINARIES = [("bench_glibc", ["--slab", "--system"]),
            ("bench_jemalloc", ["--system"]),
            ("bench_mimalloc", ["--system"])]
COLUMNS = ["slab", "slab-cache", "glibc", "jemalloc", "mimalloc"]
WORKLOADS = [("fixed64_pair", "fixed size: 64-byte alloc+free pairs"),
             ("fixed64_batch", "fixed size: 10000 x 64 B allocated, then freed"),
             ("mixed", "mixed sizes 8 B-32 KiB, random live set of 4096"),
             ("producer_consumer", "producer/consumer, 2 threads, 64-456 B via a ring"),
             ("producer_consumer_cpu", "the same, CPU time of both threads per operation")]
RUNS = 7  # timed runs per workload inside one binary (bench_host.c)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average():
    """The 1-minute load average (other work on a shared machine), or None."""
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def run_round(build_dir, results):
    """One invocation of every binary; appends each workload's median."""
    for name, args in BINARIES:
        p = subprocess.run([os.path.join(build_dir, name)] + args, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=1200)
        out = p.stdout.decode("utf-8", "replace")
        if p.returncode:
            print("%s failed (exit %d):\n%s" % (name, p.returncode, out), file=sys.stderr)
            return False
        for line in out.splitlines():
            f = line.split()
            if len(f) == 5:
                results.setdefault((f[0], f[1]), []).append(float(f[2]))
    return True


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="rounds over the binaries")
    ap.add_argument("build_dir")
    args = ap.parse_args(argv[1:])
    results = {}
    loads = [load_average()]
    for r in range(args.repeat):
        print("round %d/%d" % (r + 1, args.repeat), file=sys.stderr, flush=True)
        if not run_round(args.build_dir, results):
            return 1
        loads.append(load_average())
    print("Host: %s (%d CPUs), %s %s" % (cpu_model(), os.cpu_count() or 0,
                                         platform.system(), platform.release()))
    if None not in loads:
        print("1-minute load average during the rounds: %.1f-%.1f" % (min(loads), max(loads)))
    print("ns per operation (an allocation or a free): median over %d rounds of the "
          "median of %d runs [min-max of the round medians]\n" % (args.repeat, RUNS))
    print("| workload | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---|" * len(COLUMNS))
    for key, label in WORKLOADS:
        cells = []
        for col in COLUMNS:
            r = results.get((col, key))
            cells.append("%.1f [%.1f-%.1f]" % (statistics.median(r), min(r), max(r))
                         if r else "-")
        print("| %s | %s |" % (label, " | ".join(cells)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
