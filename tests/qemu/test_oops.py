"""Kernel bugs end in an @oops record, registers, a backtrace naming the
faulting function, and a failing exit code (crash=<kind> is test-only)."""
from qemutest import scenario


def check_oops(run, cause, function, regs=True):
    run.expect_exit("nonzero")
    oops = run.record("oops")
    assert oops["cause"] == cause, oops
    for key in ("epc", "tval", "task"):
        assert key in oops, "@oops lacks %s=" % key
    run.expect_line("Call Trace:")
    if regs:
        run.expect_line("epc : ")
    trace = run.log.texts()[[t for t in run.log.texts()].index("Call Trace:"):]
    assert any(function + "+0x" in t for t in trace), \
        "backtrace does not name %s" % function
    # the caller chain reaches start_kernel
    assert any("start_kernel+0x" in t for t in trace), "backtrace stops early"
    run.expect_no_line("@summary")


@scenario(board="qemu-virt", bootargs="crash=null")
def oops_null(run):
    check_oops(run, "load_page_fault", "crash_null_deref")
    assert run.record("oops")["tval"] == "0x00000000"
    run.expect_line("NULL pointer dereference")
    assert run.rc == 3, "exit code %s, expected the oops code 3" % run.rc


@scenario(board="qemu-virt", bootargs="crash=write_rodata")
def oops_write_rodata(run):
    check_oops(run, "store_page_fault", "crash_write_rodata")


@scenario(board="qemu-virt", bootargs="crash=exec_data")
def oops_exec_data(run):
    run.expect_exit("nonzero")
    oops = run.record("oops")
    assert oops["cause"] == "inst_page_fault", oops


@scenario(board="qemu-virt", bootargs="crash=illegal")
def oops_illegal(run):
    check_oops(run, "illegal_inst", "crash_illegal")


@scenario(board="qemu-virt", bootargs="crash=user_access")
def oops_user_access(run):
    """A kernel load from a user address outside the uaccess helpers (SUM
    clear) is a bug the fault path names, never resolved or fixed up."""
    check_oops(run, "load_page_fault", "crash_user_access")
    assert run.record("oops")["tval"] == "0x60000000", run.record("oops")
    run.expect_line("access to user memory without uaccess routines")
    assert run.rc == 3, "exit code %s, expected the oops code 3" % run.rc


@scenario(board="qemu-virt", bootargs="crash=panic")
def oops_panic(run):
    check_oops(run, "panic", "crash_panic", regs=False)
    run.expect_line("Kernel panic: crash test: deliberate panic")


@scenario(board="qemu-sifive-u", bootargs="crash=null")
def oops_null_sifive_u(run):
    """No finisher on sifive_u: the verdict is the log."""
    oops = run.record("oops")
    assert oops["cause"] == "load_page_fault"
    assert any("crash_null_deref+0x" in t for t in run.log.texts())
