"""Benchmarks run under -icount and meet their targets (instruction counts
are exact there, so this is not a timed test). bench=all includes
bench=tasks, whose rows are measured from user mode by the programs of
the bench archive (docs/BENCHMARKS.md)."""
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
    # bench=tasks: every sample the programs promise came back (getpid and
    # fork one per call; yield_switch pairs both tasks' yields, so more than
    # either made alone); the exec row runs a fresh process per sample
    assert rows["tasks.getpid"].int("ops") == 1001, rows["tasks.getpid"]
    assert rows["tasks.yield_switch"].int("ops") > 1001, rows["tasks.yield_switch"]
    assert rows["tasks.fork_exit_wait_1m"].int("ops") == 31, rows["tasks.fork_exit_wait_1m"]
    assert rows["tasks.exec_first_insn"].int("ops") == 31, rows["tasks.exec_first_insn"]
    # a switch is more than a null system call (it is one, plus schedule and
    # __switch_to), and fork+exit+wait of 1 MiB more than the copy and exit
    # of the same space alone (mm.dup_exit_1m)
    assert rows["tasks.getpid"].int("median") < rows["tasks.yield_switch"].int("median"), \
        (rows["tasks.getpid"], rows["tasks.yield_switch"])
    assert rows["tasks.fork_exit_wait_1m"].int("median") > rows["mm.dup_exit_1m"].int("median"), \
        (rows["tasks.fork_exit_wait_1m"], rows["mm.dup_exit_1m"])
    # the bench programs ran as processes and gave everything back
    exits = [r for r in run.log.find("exit") if r["name"].startswith("bench_")]
    assert {r["name"] for r in exits} == {"bench_getpid", "bench_yield", "bench_fork", "bench_exec"}, \
        sorted({r["name"] for r in exits})
    assert all((r.int("status"), r.int("signal")) == (0, 0) for r in exits), \
        [r for r in exits if r.int("status") or r.int("signal")]
    summary = run.record("summary")
    assert summary["result"] == "pass" and summary.int("leaked_pages") == 0 \
        and summary.int("leaked_objects") == 0, summary
    # find_vma scales as a balanced tree: 60,000 regions at most 3x 1,000
    assert rows["mm.find_vma_60000"].int("median") <= 3 * rows["mm.find_vma_1000"].int("median"), \
        (rows["mm.find_vma_60000"], rows["mm.find_vma_1000"])
