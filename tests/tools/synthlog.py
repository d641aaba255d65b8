"""Synthetic UART logs in the documented format (DESIGN.md section 7).

The firmware does not print @vm, @stress, @segv, @exit, @oom, maps or
vmstat yet; these logs are written the way DESIGN.md section 7 and
docs/LOG_FORMAT.md say they will look, so the analyser can be tested (and
benchmarked, at 100 MB) before the firmware prints them. Every invariant
that `uartlog check` tests holds in what stress_log() writes, so a test can
break one on purpose and see it reported.
"""
import random

NR_ORDERS = 11
CACHES = (("kmem_cache", 256, 15, 0), ("kmalloc-32", 32, 119, 0), ("kmalloc-64", 64, 61, 0),
          ("kmalloc-128", 128, 31, 0), ("kmalloc-512", 512, 8, 0), ("kmalloc-4096", 4096, 1, 0),
          ("vm_area_struct", 64, 61, 0), ("mm_struct", 256, 15, 0), ("task_struct", 1024, 4, 0),
          ("anon_vma", 48, 80, 0), ("vmap_area", 72, 55, 0), ("kmalloc-8192", 8192, 1, 1),
          ("pgd_cache", 4096, 1, 0), ("files_cache", 192, 20, 0), ("signal_cache", 384, 10, 0),
          ("cred_jar", 128, 31, 0), ("names_cache", 4096, 1, 0), ("filp", 256, 15, 0),
          ("dentry", 192, 20, 0), ("inode_cache", 512, 8, 0))
MANAGED = 31417
SEGV_MAPS = (("00010000", "00011000", "r-xp", "00000000", "/segv_null"),
             ("00011000", "00012000", "rw-p", "00001000", "/segv_null"),
             ("00012000", "00014000", "rw-p", "00000000", "[heap]"),
             ("bffde000", "bffff000", "rw-p", "00000000", "[stack]"))

OPENSBI = """
OpenSBI v1.6
   ____                    _____ ____ _____
  / __ \\                  / ____|  _ \\_   _|
Platform Name               : riscv-virtio,qemu
Runtime SBI Version         : 2.0
"""


def stamp(t, text):
    return "[%5d.%06d] %s\n" % (int(t), int(round((t - int(t)) * 1e6)), text)


class _State:
    def __init__(self, seed, ncaches):
        self.rng = random.Random(seed)
        self.caches = CACHES[:ncaches]
        self.vm = dict(pgfault=0, zero=0, cow=0, cow_reuse=0, segv=0, stackgrow=0, fixup=0)
        self.stress = dict(seq=0, ops=0, fail=0, verify_err=0, alloc_atomic=0)
        self.grown = {c[0]: 0 for c in self.caches}
        self.purges = 0
        self.pid = 2


def _report(st, t):
    """The records of one stress report at time t (every invariant holds)."""
    rng = st.rng
    orders = [rng.randint(0, 12) for _ in range(NR_ORDERS - 1)] + [rng.randint(5, 15)]
    free = sum(n << k for k, n in enumerate(orders))
    pcp = rng.randint(0, 96)
    used = MANAGED - free - pcp
    out = [stamp(t, "@buddy zone=Normal free=%d pcp=%d used=%d managed=%d %s" % (
        free, pcp, used, MANAGED, " ".join("o%d=%d" % (k, n) for k, n in enumerate(orders))))]
    for name, size, perslab, order in st.caches:
        slabs = rng.randint(0, 40)
        total = slabs * perslab
        active = rng.randint(0, total)
        st.grown[name] += rng.randint(0, 3)
        out.append(stamp(t, "@slab cache=%s active=%d total=%d size=%d perslab=%d pages=%d objsize=%d "
                            "order=%d slabs=%d limit=120 batch=60 quarantined=0 grown=%d released=0 debug=0"
                         % (name, active, total, size, perslab, slabs << order, size, order, slabs,
                            st.grown[name])))
    areas = rng.randint(2, 60)
    st.purges += rng.randint(0, 2)
    out.append(stamp(t, "@vmalloc areas=%d bytes=%d largest_free=%d pages=%d free_ranges=%d lazy=%d "
                        "lazy_bytes=%d deferred=0 purges=%d flushes=%d pgtables=4 sync_faults=0 bad_frees=0 "
                        "failures=0" % (areas, areas * 8192, 402636800 - areas * 8192, areas,
                                        rng.randint(1, 9), rng.randint(0, 5), rng.randint(0, 5) * 8192,
                                        st.purges, st.purges)))
    st.vm["pgfault"] += rng.randint(0, 10)     # faults on present pages: none of the kinds
    for k, hi in (("zero", 400), ("cow", 120), ("cow_reuse", 40), ("stackgrow", 5), ("fixup", 2)):
        n = rng.randint(0, hi)
        st.vm[k] += n
        st.vm["pgfault"] += n
    out.append(stamp(t, "@vm %s mms=%d tasks=%d vmas=%d" % (
        " ".join("%s=%d" % kv for kv in st.vm.items()), rng.randint(1, 8), rng.randint(1, 10),
        rng.randint(8, 80))))
    st.stress["seq"] += 1
    st.stress["ops"] += rng.randint(4000, 6000)
    st.stress["fail"] += rng.randint(0, 20)
    st.stress["alloc_atomic"] += rng.randint(100, 300)
    out.append(stamp(t, "@stress %s" % " ".join("%s=%d" % kv for kv in st.stress.items())))
    return out


def _segv(st, t, header=True):
    st.pid += 1
    st.vm["segv"] += 1
    st.vm["pgfault"] += 1
    pid = st.pid
    out = [stamp(t, "@segv pid=%d name=segv_null addr=0x00000000 cause=load_page_fault "
                    "code=SEGV_MAPERR epc=0x00010074" % pid)]
    if header:
        out.append(stamp(t, "/proc/%d/maps:" % pid))
    for start, end, perms, off, path in SEGV_MAPS:
        out.append(stamp(t, "%s-%s %s %s 00:00 0          %s" % (start, end, perms, off, path)))
    out.append(stamp(t, "@exit pid=%d name=segv_null status=0 signal=11" % pid))
    return out


def _oom(st, t):
    st.pid += 1
    return [stamp(t, "@oom pid=%d name=hog rss=20480 order=0 gfp=0xcc0" % st.pid),
            stamp(t, "@exit pid=%d name=hog status=0 signal=9" % st.pid)]


def _final_dumps(st, t):
    out = [stamp(t, "MemTotal:         125668 kB"), stamp(t, "MemFree:          100000 kB"),
           stamp(t, "Page block order: 10"), stamp(t, "Pages per block:  1024"), stamp(t, "")]
    out.append(stamp(t, "%-43s %s" % ("Free pages count per migrate type at order",
                                      " ".join("%6d" % o for o in range(NR_ORDERS)))))
    for mt in ("Unmovable", "Movable", "Reclaimable"):
        out.append(stamp(t, "Node %4d, zone %8s, type %12s %s" % (
            0, "Normal", mt, " ".join("%6d" % st.rng.randint(0, 9) for _ in range(NR_ORDERS)))))
    out.append(stamp(t, ""))
    out.append(stamp(t, "%-23s%12s %12s %12s " % ("Number of blocks type ", "Unmovable", "Movable",
                                                  "Reclaimable")))
    out.append(stamp(t, "Node 0, zone %8s %12d %12d %12d " % ("Normal", 2, 28, 1)))
    out.append(stamp(t, "nr_free_pages 25000"))
    out.append(stamp(t, "nr_zone_active_anon 1200"))
    out.append(stamp(t, "pgfault %d" % st.vm["pgfault"]))
    out.append(stamp(t, "pgalloc_normal %d" % (st.stress["ops"] * 3)))
    return out


def stress_log(reports=20, period=0.5, seed=1, caches=8, events=True, boot_banner=True):
    """Yield the lines of a whole synthetic stress run, @summary result=pass at the end."""
    st = _State(seed, caches)
    if boot_banner:
        yield from OPENSBI.lstrip("\n").splitlines(True)
    yield stamp(0, "Booting on hart 0, device tree at 0x87e00000")
    yield stamp(0.05, "Kernel command line: stress.duration=%g" % (reports * period))
    yield stamp(0.06, "@boot board=riscv-virtio hart=0 harts=1 ram=130023424 kernel=0x80400000 "
                      "timebase=10000000 sbi=2.0 isa=rv32imac mmu=riscv,sv32")
    t = 0.1
    for i in range(reports):
        t = 0.1 + (i + 1) * period
        yield from _report(st, t)
        if events and i % 50 == 3:
            yield from _segv(st, t + 0.001, header=i % 100 == 3)
        if events and i % 50 == 6:
            yield from _oom(st, t + 0.001)
    t += 0.01
    yield stamp(t, "@timer hz=100 ticks=%d irqs=%d missed=0 elapsed_us=%d source=sstc" % (
        int(t * 100), int(t * 100), int(t * 1e6)))
    yield from _final_dumps(st, t)
    yield stamp(t + 0.001, "@summary result=pass leaked_pages=0 leaked_objects=0 errors=0 "
                           "selftest_failed=0 duration=%.3f" % (reports * period))


def text(**kw):
    return "".join(stress_log(**kw))
