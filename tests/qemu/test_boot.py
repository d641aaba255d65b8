"""Boot scenarios: both boards come up over OpenSBI, report, tick, power off."""
from qemutest import scenario

BOOT_KEYS = ("board", "hart", "harts", "ram", "kernel", "timebase", "sbi", "isa")


def check_boot(run, board, hart, timebase, console, source):
    boot = run.record("boot")
    for key in BOOT_KEYS:
        assert key in boot, "@boot lacks %s=" % key
    assert boot["board"] == board, boot["board"]
    assert boot.int("hart") == hart, boot["hart"]
    assert boot.int("timebase") == timebase, boot["timebase"]
    assert boot["console"] == console, boot["console"]
    assert boot["mmu"] == "riscv,sv32"
    assert boot["sbi_impl"] == "OpenSBI"
    assert boot.int("ram") > 64 << 20
    assert run.log.timestamps_monotonic(), "timestamps go backwards"
    # the memory map names every owner of a reserved range
    run.expect_line("Memory map:")
    for owner in ("kernel text", "kernel rodata", "kernel data", "kernel bss",
                  "early page tables", "device tree", "mmode_resv"):
        run.expect_line(owner)
    timer = run.record("timer")
    assert timer["source"] == source, timer["source"]
    check_tick_rate(timer)
    summary = run.record("summary")
    assert summary["result"] == "pass", summary


def check_tick_rate(timer):
    """Jiffies must follow elapsed time at hz, and the interrupts must really come."""
    hz = timer.int("hz")
    ticks = timer.int("ticks")
    irqs = timer.int("irqs")
    elapsed = timer.int("elapsed_us") / 1e6
    expected = hz * elapsed
    assert abs(ticks - expected) <= max(2, 0.02 * expected), \
        "%d ticks in %.3f s at hz=%d (expected %.0f)" % (ticks, elapsed, hz, expected)
    assert irqs >= 0.8 * ticks, "only %d interrupts for %d ticks" % (irqs, ticks)


@scenario(board="qemu-virt", bootargs="stress.duration=2")
def boot(run):
    run.expect_exit(0)
    check_boot(run, "riscv-virtio", 0, 10000000, "ns16550a", "sstc")
    assert run.record("boot")["poweroff"] == "sifive,test0"


@scenario(board="qemu-sifive-u", bootargs="stress.duration=2")
def boot_sifive_u(run):
    run.expect_exit(0)
    check_boot(run, "sifive,hifive-unleashed-a00", 1, 1000000, "sifive,uart0", "sbi")
    run.expect_line("hart 0 (no MMU) parked")


@scenario(board="qemu-virt", bootargs="hz=250 stress.duration=2")
def tick_rate_250(run):
    run.expect_exit(0)
    timer = run.record("timer")
    assert timer.int("hz") == 250
    check_tick_rate(timer)


@scenario(board="qemu-sifive-u", bootargs="hz=1000 stress.duration=1")
def tick_rate_1000_sbi(run):
    run.expect_exit(0)
    timer = run.record("timer")
    assert timer.int("hz") == 1000
    check_tick_rate(timer)


@scenario(board="qemu-virt", mem="1G", bootargs="stress.duration=1")
def boot_1g_highmem(run):
    """With 1 GiB the DTB sits in high memory: it is read through the fixmap."""
    run.expect_exit(0)
    boot = run.record("boot")
    assert boot.int("ram") > 900 << 20
    run.expect_line("highmem")
    assert run.record("summary")["result"] == "pass"


@scenario(board="qemu-virt", bootargs="hz=5000 bogus.key=1 loglevel=9 stress.duration=1")
def bad_bootargs(run):
    """Bad values are rejected naming key, value and range; unknown keys are warned about."""
    run.expect_exit(0)
    run.expect_line("hz=5000 rejected: expected 10..1000, keeping 100")
    run.expect_line("unknown parameter 'bogus.key=1' ignored")
    run.expect_line("loglevel=9 rejected")
    assert run.record("timer").int("hz") == 100
    assert run.record("summary")["result"] == "pass"


@scenario(board="qemu-virt", bootargs="loglevel=0 stress.duration=1")
def loglevel_quiet(run):
    """loglevel=0 silences messages but never the @records."""
    run.expect_exit(0)
    run.expect_no_line("Memory map:")
    run.record("boot")
    run.record("summary")
