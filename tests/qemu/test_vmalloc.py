"""Noncontiguous memory areas: the vmalloc self-tests on every board and
memory size, the boot-time ioremap of the drivers and the reports, the
kernel stack overflow and trap entry fault reports, and the search cost
growing logarithmically."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))

from qemutest import scenario  # noqa: E402


# a kernel stack: THREAD_SIZE (16 KiB) mapped
STACK_PAGES = 4


def end_of_run(run):
    """The vmallocinfo lines after the last @vmalloc record, as (start, size,
    caller, kind), and the kernel threads of the final task list."""
    texts = run.log.texts()
    last = max(i for i, t in enumerate(texts) if t.startswith("@vmalloc "))
    areas = []
    for t in texts[last + 1:]:
        m = re.match(r"0x([0-9a-f]{8})-0x[0-9a-f]{8} +(\d+) (\S+) .*?(\w+)$", t)
        if m:
            areas.append((int(m.group(1), 16), int(m.group(2)), m.group(3), m.group(4)))
        elif areas:
            break
    heads = [i for i, t in enumerate(texts) if t.split() == ["PID", "PPID", "S", "VSZ", "RSS", "COMMAND"]]
    assert heads, "no task list at the end of the run"
    kthreads = []
    for t in texts[heads[-1] + 1:]:
        f = t.split()
        if len(f) != 6 or not f[0].isdigit():
            break
        assert f[5].startswith("["), "a user task outlived the run: %s" % t
        kthreads.append(f[5])
    return areas, kthreads


def check_kernel_stacks(run, vm):
    """The vmalloc areas left at the end are the drivers' ioremaps and the
    stacks of the kernel threads still alive (those listed, and the idle
    task, which ps does not show): nothing else, and pages only theirs."""
    areas, kthreads = end_of_run(run)
    stacks = [a for a in areas if a[2].startswith("alloc_task+")]
    assert len(stacks) == len(kthreads) + 1, (stacks, kthreads)
    assert all(a[3] == "vmalloc" for a in stacks), stacks
    assert all(a[3] in ("vmalloc", "ioremap") for a in areas), areas
    assert vm.int("areas") == len(areas), (vm, areas)
    assert vm.int("pages") == STACK_PAGES * len(stacks), (vm, stacks)
    return len(stacks)


def check_suite(run, highmem=False):
    """highmem: the board has high memory, so kmap_pool runs; without it
    that case, and only that one, skips saying why."""
    run.expect_exit(0)
    rec = [r for r in run.log.find("selftest") if r["suite"] == "vmalloc"]
    assert rec, "no @selftest record for suite vmalloc"
    assert rec[0].int("failed") == 0, rec[0]
    assert rec[0].int("skipped") == (0 if highmem else 1), rec[0]
    assert rec[0].int("passed") >= 18 - rec[0].int("skipped"), rec[0]
    run.expect_skips({} if highmem else {"vmalloc.kmap_pool": "needs LAST_PKMAP + 1 free high memory frames"})
    summary = run.record("summary")
    assert summary["result"] == "pass", summary
    assert summary.int("leaked_pages") == 0, summary
    # the self-tests' areas are all gone; the drivers' ioremaps stay
    vm = run.record("vmalloc")
    assert vm.int("deferred") == 0 and vm.int("lazy") == 0, vm
    check_kernel_stacks(run, vm)
    assert vm.int("bad_frees") == 9, "bad_input plants 9 bad frees: %s" % vm
    assert vm.int("sync_faults") == 1, vm


@scenario(board="qemu-virt", bootargs="selftest=vmalloc stress.duration=0", ktap=True)
def vmalloc_selftest(run):
    check_suite(run)


@scenario(board="qemu-sifive-u", bootargs="selftest=vmalloc stress.duration=0", ktap=True)
def vmalloc_selftest_sifive_u(run):
    check_suite(run)


@scenario(board="qemu-virt", mem="1G", ktap=True, timeout=240,
          bootargs="selftest=vmalloc stress.duration=0 page_poison=1")
def vmalloc_selftest_1g_poison(run):
    """Highmem frames behind vmalloc areas, poisoning checks every free frame;
    kmap's pool filled, refused and recycled through a shootdown."""
    check_suite(run, highmem=True)
    run.expect_line("vmalloc selftest: 15000 busy areas")


@scenario(board="qemu-virt", bootargs="stress.duration=0")
def vmalloc_drivers_ioremapped(run):
    """The UART and the finisher move to ioremap once vmalloc is up; the
    console keeps working and the reports list both areas."""
    run.expect_exit(0)
    run.expect_line("vmalloc: e0000000-f8000000 (384 MiB)")
    run.expect_line("console: ns16550a registers remapped at e0000000")
    vm = run.record("vmalloc")
    stacks = check_kernel_stacks(run, vm)
    ioremaps = [a for a in end_of_run(run)[0] if a[3] == "ioremap"]
    assert len(ioremaps) == 2 and sum(a[1] for a in ioremaps) == 16384, ioremaps
    assert stacks >= 1
    assert vm.int("largest_free") <= 0x18000000 - vm.int("bytes"), vm
    texts = run.log.texts()
    uart = [t for t in texts if "serial_console_remap+0x" in t]
    fin = [t for t in texts if "poweroff_remap+0x" in t]
    assert uart and uart[0].startswith("0xe0000000-0xe0002000    8192 "), uart
    assert uart[0].endswith(" phys=0x10000000 ioremap"), uart
    assert fin and fin[0].endswith(" phys=0x00100000 ioremap"), fin
    # the summary came out through the remapped UART, and the finisher worked
    assert run.record("summary")["result"] == "pass"


@scenario(board="qemu-sifive-u", bootargs="stress.duration=0")
def vmalloc_drivers_ioremapped_sifive_u(run):
    run.expect_line("console: sifive,uart0 registers remapped at e0000000")
    vm = run.record("vmalloc")
    check_kernel_stacks(run, vm)
    assert [a[3] for a in end_of_run(run)[0]].count("ioremap") == 1
    assert run.record("summary")["result"] == "pass"


@scenario(board="qemu-virt", bootargs="crash=stack_overflow")
def vmalloc_kstack_overflow_oops(run):
    """Recursion on a vmalloc'ed kernel stack runs into its guard: entry.S
    switches to the overflow stack and the kernel reports it."""
    run.expect_exit(3)
    oops = run.record("oops")
    assert oops["cause"] == "stack_overflow", oops
    assert oops["task"] == "swapper", oops
    tval = int(oops["tval"], 16)
    assert 0xe0000000 <= tval < 0xf8000000, oops
    run.expect_line("kernel stack overflow in task swapper")
    run.expect_line("epc : ")
    trace = run.log.texts()[run.log.texts().index("Call Trace:"):]
    assert sum("crash_stack_recurse+0x" in t for t in trace) >= 8, trace[:5]
    run.expect_no_line("@summary")


@scenario(board="qemu-virt", bootargs="crash=entry_fault")
def vmalloc_trap_entry_fault_oops(run):
    """A trap whose own frame push faults (sp above a kernel stack): the
    nested trap is reported as an entry fault, never handled and returned
    into the entry whose sepc, scause and saved sp it overwrote."""
    run.expect_exit(3)
    oops = run.record("oops")
    assert oops["cause"] == "entry_fault", oops
    tval = int(oops["tval"], 16)
    assert 0xe0000000 <= tval < 0xf8000000 and tval % 0x8000 == 0, oops  # the guard page
    run.expect_line("trap entry faulted on its own frame at")
    run.expect_line("epc : handle_exception+0x")
    run.expect_no_line("@summary")


@scenario(board="qemu-virt", bootargs="bench=vmalloc stress.duration=0", icount=True,
          timeout=300)
def vmalloc_bench_logarithmic(run):
    run.expect_exit(0)
    rows = {r["name"]: r for r in run.log.find("bench")}
    for name in ("vmalloc.16k_pair", "vmalloc.1m_pair", "vmalloc.find_100",
                 "vmalloc.find_1000", "vmalloc.find_10000"):
        assert name in rows, "no @bench row %s" % name
        assert rows[name].int("median") > 0, rows[name]
    f100, f1k, f10k = (rows["vmalloc.find_%s" % n].int("median") for n in (100, 1000, 10000))
    # each tenfold more areas adds about the same: far from the 100x of a list
    assert f100 <= f1k <= f10k, (f100, f1k, f10k)
    assert f10k < 3 * f100, (f100, f10k)
    # 1 MiB maps 64 times the pages of 16 KiB: the cost is per page, not worse
    assert rows["vmalloc.1m_pair"].int("median") < 64 * rows["vmalloc.16k_pair"].int("median")
