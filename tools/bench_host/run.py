#!/usr/bin/env python3
"""`make bench-host`: the slab allocator built natively against glibc malloc,
jemalloc and mimalloc, ns per operation (median of 7 runs), as a Markdown
table for docs/BENCHMARKS.md.

  tools/bench_host/run.py BUILD_DIR
"""
import os
import platform
import subprocess
import sys

BINARIES = [("bench_glibc", ["--slab", "--system"]),
            ("bench_jemalloc", ["--system"]),
            ("bench_mimalloc", ["--system"])]
COLUMNS = ["slab", "slab-cache", "glibc", "jemalloc", "mimalloc"]
WORKLOADS = [("fixed64_pair", "fixed size: 64-byte alloc+free pairs"),
             ("fixed64_batch", "fixed size: 10000 x 64 B allocated, then freed"),
             ("mixed", "mixed sizes 8 B-32 KiB, random live set of 4096"),
             ("producer_consumer", "producer/consumer hand-off, 64-456 B, FIFO")]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    results = {}
    for name, args in BINARIES:
        p = subprocess.run([os.path.join(argv[1], name)] + args, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=1200)
        out = p.stdout.decode("utf-8", "replace")
        if p.returncode:
            print("%s failed (exit %d):\n%s" % (name, p.returncode, out), file=sys.stderr)
            return 1
        for line in out.splitlines():
            f = line.split()
            if len(f) == 5:
                results[(f[0], f[1])] = (float(f[2]), float(f[3]), float(f[4]))
    print("Host: %s, %s, %s" % (cpu_model(), platform.system(), platform.release()))
    print("ns per operation (an allocation or a free), median of 7 runs [min-max]\n")
    print("| workload | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---|" * len(COLUMNS))
    for key, label in WORKLOADS:
        cells = []
        for col in COLUMNS:
            r = results.get((col, key))
            cells.append("%.1f [%.1f-%.1f]" % r if r else "-")
        print("| %s | %s |" % (label, " | ".join(cells)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
