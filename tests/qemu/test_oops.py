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


# The built-in initrd's programs, in the order they run (tests/user/user.mk).
PROGS = ["syscalls", "mem_basic", "brk_stack", "mremap", "fork_cow", "segv", "many_maps"]
SIGKILL = 9


def check_syscall_oops(run, board_exit=True):
    """crash=syscall: the first write() of the run (the syscalls program's
    first result line) dereferences NULL in the kernel. The oops kills that
    task alone; init goes on with every other program, all frames come
    back, and the run ends with its summary, failed by the oops's errors."""
    oops = run.record("oops")
    assert oops["cause"] == "load_page_fault", oops
    assert oops["tval"] == "0x00000000", oops
    assert oops["task"] == "syscalls", oops
    texts = run.log.texts()
    trace = texts[texts.index("Call Trace:"):]
    for fn in ("crash_syscall_null_deref", "sys_write", "do_syscall"):
        assert any(fn + "+0x" in t for t in trace), "backtrace does not name %s" % fn
    fatal = [t for t in texts if t.startswith("Fatal exception in system call: killing ")]
    assert fatal == [t for t in fatal if t.startswith(
        "Fatal exception in system call: killing syscalls (pid ")] and len(fatal) == 1, fatal
    pid = int(fatal[0].rpartition("(pid ")[2].rstrip(")"))
    killed = [r for r in run.log.find("exit") if r.int("pid") == pid]
    assert len(killed) == 1 and killed[0]["name"] == "syscalls", killed
    assert (killed[0].int("status"), killed[0].int("signal")) == (0, SIGKILL), killed[0]
    run.expect_no_line("did not crash")
    # exactly one oops: the board did not stop, nothing else broke
    assert len(run.log.find("oops")) == 1, run.log.find("oops")
    # every other program ran to success after it
    run.expect_line("init: syscalls (pid %d) failed, as expected" % pid)
    for name in PROGS[1:]:
        assert any(t.startswith("init: %s (pid " % name) and t.endswith(") passed")
                   for t in texts), "%s did not run and pass" % name
    progs = run.record("programs")
    assert (progs.int("run"), progs.int("failed"), progs.int("expected_fail")) == \
        (len(PROGS), 0, 1), progs
    frames = run.record("frames")
    assert frames.int("before") == frames.int("after"), frames
    assert (frames.int("tasks"), frames.int("mms")) == (run.kworkers(), 0), frames
    summary = run.record("summary")
    assert summary.int("leaked_pages") == 0 and summary.int("leaked_objects") == 0, summary
    # a kernel bug happened: the run reports it as failed, but not as a stop
    assert summary["result"] == "fail" and summary.int("errors") > 0, summary
    assert summary.int("selftest_failed") == 0, summary
    if board_exit:
        assert run.rc == 1, "exit code %s, expected 1 (a failed run, not the oops stop 3)" % run.rc


@scenario(board="qemu-virt", bootargs="crash=syscall expect_fail=syscalls", timeout=120)
def oops_syscall(run):
    check_syscall_oops(run)


@scenario(board="qemu-sifive-u", bootargs="crash=syscall expect_fail=syscalls", timeout=120)
def oops_syscall_sifive_u(run):
    """No finisher on sifive_u: the verdict is the log."""
    check_syscall_oops(run, board_exit=False)
