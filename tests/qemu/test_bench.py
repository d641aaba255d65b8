"""Benchmarks run under -icount and meet their targets (instruction counts
are exact there, so this is not a timed test)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))

from bench import load_targets  # noqa: E402
from qemutest import scenario  # noqa: E402


@scenario(board="qemu-virt", bootargs="bench=all stress.duration=0", icount=True, timeout=300)
def bench_targets(run):
    run.expect_exit(0)
    rows = {r["name"]: r for r in run.log.find("bench")}
    targets = load_targets()
    for name in targets:
        assert name in rows, "no @bench row %s" % name
    for name, r in rows.items():
        assert r["unit"] == "instructions"
        assert r.int("median") > 0 and r.int("max") >= r.int("median"), r
        if name in targets:
            assert r.int("median") <= targets[name], \
                "%s: %s instructions, target %d" % (name, r["median"], targets[name])
    # exact counts: the fast paths have no spread at all
    for name in ("buddy.order0_pair", "buddy.order3_pair"):
        assert rows[name].int("max") == rows[name].int("median"), rows[name]
    # find_vma scales as a balanced tree: 60,000 regions at most 3x 1,000
    assert rows["mm.find_vma_60000"].int("median") <= 3 * rows["mm.find_vma_1000"].int("median"), \
        (rows["mm.find_vma_60000"], rows["mm.find_vma_1000"])
