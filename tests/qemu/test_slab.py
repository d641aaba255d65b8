"""The slab allocator: self-tests on both boards, its boot arguments, and its
reports (@slab records, /proc/slabinfo 2.1)."""
from qemutest import scenario

GENERAL = ["kmalloc-%d" % s for s in (8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048,
                                      4096, 8192, 16384, 32768, 65536, 131072)]


def slab_suite(run):
    recs = [r for r in run.log.find("selftest") if r["suite"] == "slab"]
    assert recs, "no @selftest record for suite slab"
    return recs[0]


def check_pass(run):
    run.expect_exit(0)
    summary = run.record("summary")
    assert summary["result"] == "pass", summary
    assert summary.int("leaked_pages") == 0, summary


@scenario(board="qemu-virt", bootargs="selftest=slab stress.duration=0", ktap=True)
def slab_selftest(run):
    check_pass(run)
    rec = slab_suite(run)
    assert rec.int("failed") == 0 and rec.int("skipped") == 0 and rec.int("passed") >= 12, rec
    run.expect_skips({})
    # the planted bugs were found and reported with cache, offset and callers
    run.expect_line("BUG selftest-debug: Left Redzone overwritten: object")
    run.expect_line("offset -1 (0x12 instead of 0xcc)")
    run.expect_line("Poison overwritten (write after free)")
    run.expect_line("offset 50 (0x12 instead of 0x6b)")
    run.expect_line("BUG selftest-kmalloc32: kmalloc Redzone overwritten")
    run.expect_line("Object already free (double free)")
    run.expect_line("allocated by debug_detections+")


@scenario(board="qemu-sifive-u", bootargs="selftest=slab stress.duration=0", ktap=True)
def slab_selftest_sifive_u(run):
    check_pass(run)
    assert slab_suite(run).int("failed") == 0
    run.expect_skips({})


@scenario(board="qemu-virt", bootargs="selftest=slab slab_debug stress.duration=0", ktap=True)
def slab_selftest_debug_everywhere(run):
    """slab_debug: every cache debugged, the per-CPU array case skips."""
    check_pass(run)
    rec = slab_suite(run)
    assert rec.int("failed") == 0, rec
    run.expect_skips({"slab.percpu_batches": "no per-CPU arrays (slab_debug or failslab)"})
    run.expect_line("slab_debug on")
    caches = {r["cache"]: r for r in run.log.find("slab")}
    for name in GENERAL + ["kmem_cache"]:
        assert caches[name].int("debug") == 1 and caches[name].int("limit") == 0, caches[name]


@scenario(board="qemu-virt", bootargs="stress.duration=0")
def slab_report(run):
    check_pass(run)
    caches = {r["cache"]: r for r in run.log.find("slab")}
    for name in GENERAL + ["kmem_cache"]:
        assert name in caches, "no @slab record for %s" % name
    for name, r in caches.items():
        assert r.int("active") <= r.int("total"), r
        assert r.int("total") == r.int("slabs") * r.int("perslab"), r
        assert r.int("pages") == r.int("slabs") << r.int("order"), r
    assert caches["kmalloc-96"].int("size") == 96
    assert caches["kmalloc-131072"].int("order") == 5
    # /proc/slabinfo 2.1 agrees with the records
    texts = run.log.texts()
    assert "slabinfo - version: 2.1" in texts
    header = [t for t in texts if t.startswith("# name")]
    assert header and ": tunables <limit> <batchcount> <sharedfactor> : slabdata" in header[0]
    for t in texts:
        f = t.split()
        if f and f[0] in caches and len(f) == 16 and f[6] == ":":
            r = caches[f[0]]
            assert int(f[1]) == r.int("active") and int(f[2]) == r.int("total"), (t, r)
            assert int(f[8]) == r.int("limit") and int(f[9]) == r.int("batch"), (t, r)


@scenario(board="qemu-virt", bootargs="failslab=101 failslab=30 slab_debug=maybe stress.duration=0")
def slab_bootargs(run):
    """failslab= takes effect when the boot is complete: the boot itself
    never sees an injected failure, everything after it may (programs get
    -ENOMEM and fail), the kernel survives it, and nothing leaks."""
    run.expect_exit(1)
    summary = run.record("summary")
    assert summary["result"] == "fail", summary
    assert summary.int("leaked_pages") == 0 and summary.int("leaked_objects") == 0, summary
    assert run.log.find("oops") == [], run.log.find("oops")
    run.expect_line("failslab=101 rejected: expected 0..100")
    run.expect_line("slab_debug=maybe rejected")
    run.expect_line("failslab when the boot is complete")
    run.expect_line("failslab on: 30% of object allocations fail")
    texts = run.log.texts()
    armed = [i for i, t in enumerate(texts) if t.startswith("slab: failslab on")][0]
    for t in texts[:armed]:
        assert "failed with error -12" not in t and "no memory" not in t, t
    # init itself may not get its memory; if it ran, the programs gave every frame back
    for frames in run.log.find("frames"):
        assert frames.int("before") == frames.int("after"), frames
    caches = {r["cache"]: r for r in run.log.find("slab")}
    assert caches["kmalloc-64"].int("limit") == 0, caches["kmalloc-64"]  # arrays off
