"""User programs as processes (docs/PROGRAMS.md, issue 10).

user_programs*: the built-in initrd (tests/user/, linked into the
firmware) on both boards. Every program exits 0 (its last line says how
many cases passed and none failed), each is a fresh process reported by
@exit, the segv program's children die of SIGSEGV with @segv records and
their maps, and after the last program the free frame count equals the
count before the first (@frames: before = after, less the initrd).

user_initrd: an archive the test packs (tools/mkcpio.py's pack()) from two
of the built programs, an ELF with a bad e_machine and, after them, a
member with a corrupt header and one more program behind it: the good
ones run and pass, the bad ELF is refused with the check's name and is
counted as an expected failure, nothing after the bad header runs, and
the initrd is freed after the last program is loaded.

init_only: init=<name> runs that program alone.
"""
import os
import struct
import sys

from qemutest import TOP, scenario

sys.path.insert(0, os.path.join(TOP, "tools"))
import mkcpio  # noqa: E402

PROGS = ["syscalls", "mem_basic", "brk_stack", "mremap", "fork_cow", "segv", "many_maps"]
OUT = os.path.join(TOP, "build", "user-scenarios")
E_MACHINE = 18          # offset of e_machine in the ELF header
EM_X86_64 = 62
ENOEXEC = 8
SIGSEGV = 11


def program(board, name):
    with open(os.path.join(TOP, "build", board, "user", "kernel", name), "rb") as f:
        return f.read()


def top_exits(run):
    """The @exit records of init's children (the programs themselves), by name."""
    pids = {}
    for t in run.log.texts():
        if t.startswith("init: ") and " (pid " in t:
            name, _, rest = t[len("init: "):].partition(" (pid ")
            pids[int(rest.partition(")")[0])] = name
    return {pids[r.int("pid")]: r for r in run.log.find("exit") if r.int("pid") in pids}


def check_programs(run, progs):
    run.expect_exit(0)
    exits = top_exits(run)
    assert sorted(exits) == sorted(progs), "programs run: %s" % sorted(exits)
    for name in progs:
        rec = exits[name]
        assert (rec.int("status"), rec.int("signal")) == (0, 0), rec
        run.expect_line("]: %s: " % name)          # its closing count line
    for t in run.log.texts():
        assert "not ok " not in t, t
    rec = run.record("programs")
    assert (rec.int("run"), rec.int("failed")) == (len(progs), 0), rec


def check_frames(run):
    rec = run.record("frames")
    assert rec.int("before") == rec.int("after"), rec
    assert (rec.int("tasks"), rec.int("mms")) == (run.kworkers(), 0), rec
    summary = run.record("summary")
    assert summary["result"] == "pass" and summary.int("leaked_pages") == 0, summary


def check_builtin(run):
    check_programs(run, PROGS)
    check_frames(run)
    segvs = [r for r in run.log.find("segv") if r["name"] == "segv"]
    assert len(segvs) >= 8, "%d @segv records of segv" % len(segvs)
    codes = {r["code"] for r in segvs}
    assert codes == {"SEGV_MAPERR", "SEGV_ACCERR"}, codes
    killed = [r for r in run.log.find("exit") if r["name"] == "segv" and r.int("signal")]
    assert killed and all(r.int("signal") == SIGSEGV for r in killed), killed
    # the maps of a killed task follow its @segv, in /proc/<pid>/maps layout
    assert any(t.endswith("[stack]") for t in run.log.texts()), "no maps after @segv"
    # bench=tasks's programs are linked in, but a boot without bench= never runs them
    bench = [r for r in run.log.find("exit") if r["name"].startswith("bench_")]
    assert not bench, bench


@scenario(board="qemu-virt", bootargs="stress.duration=0", timeout=120)
def user_programs(run):
    check_builtin(run)


@scenario(board="qemu-sifive-u", bootargs="stress.duration=0", timeout=120)
def user_programs_sifive_u(run):
    check_builtin(run)


@scenario(board="qemu-virt", bootargs="stress.duration=0 init=fork_cow")
def init_only(run):
    check_programs(run, ["fork_cow"])
    check_frames(run)


def user_archive(board, mem):
    bad = bytearray(program(board, "syscalls"))
    struct.pack_into("<H", bad, E_MACHINE, EM_X86_64)
    good = mkcpio.pack([("bin/syscalls", program(board, "syscalls")),
                        ("bad-machine", bytes(bad)),
                        ("notes.txt", b"not a program\n"),
                        ("bin/fork_cow", program(board, "fork_cow"))])
    good = good[:good.rindex(b"070701")]             # drop the trailer
    after = mkcpio.pack([("after-bad", program(board, "brk_stack"))])
    corrupt = bytearray(after)
    corrupt[6 + 6 * 8:6 + 7 * 8] = b"0000000g"       # c_filesize: not hex
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "user-%s.cpio" % board)
    with open(path, "wb") as f:
        f.write(good + bytes(corrupt))
    return path


@scenario(board="qemu-virt", bootargs="stress.duration=0 expect_fail=bad-machine",
          initrd=user_archive)
def user_initrd(run):
    run.expect_exit(0)
    run.expect_line("exec: bad-machine: bad ELF executable: e_machine 62 is not EM_RISCV")
    rec = run.record("exec")
    assert (rec["name"], rec.int("error"), rec.int("expected")) == ("bad-machine", -ENOEXEC, 1), rec
    exits = top_exits(run)
    assert sorted(exits) == ["bin/fork_cow", "bin/syscalls"], sorted(exits)
    assert all(r.int("status") == 0 and r.int("signal") == 0 for r in exits.values())
    run.expect_line("c_filesize is not 8 hex digits")
    run.expect_no_line("after-bad (pid")
    rec = run.record("programs")
    assert (rec.int("run"), rec.int("failed"), rec.int("expected_fail")) == (3, 0, 1), rec
    run.expect_line("Freeing initrd memory: ")
    frames = run.record("frames")
    assert frames.int("initrd_freed") > 0, frames
    check_frames(run)


def task_tables(run):
    """Each task list the log shows, as a list of (pid, ppid, state, vsz, rss, name)."""
    texts = run.log.texts()
    tables = []
    for i, t in enumerate(texts):
        if t.split() != ["PID", "PPID", "S", "VSZ", "RSS", "COMMAND"]:
            continue
        rows = []
        for row in texts[i + 1:]:
            f = row.split()
            if len(f) != 6 or not f[0].isdigit():
                break
            rows.append((int(f[0]), int(f[1]), f[2], int(f[3]), int(f[4]), f[5]))
        tables.append(rows)
    return tables


@scenario(board="qemu-virt", bootargs="stress.duration=0 init=fork_cow ps=10 ps.maps")
def user_ps_report(run):
    """ps=<ms>: while the programs run, a kernel thread lists the tasks
    (pid, ppid, state, VSZ and RSS in KiB, kernel threads in brackets) and,
    with ps.maps, each user task's maps; the list also ends the run, where
    only kernel threads are left."""
    check_programs(run, ["fork_cow"])
    tables = task_tables(run)
    assert len(tables) >= 3, "%d task lists" % len(tables)
    during, final = tables[:-1], tables[-1]
    for rows in during:
        byname = {r[5]: r for r in rows}
        assert byname["[init]"][:2] == (1, 0), rows
        assert "[ps]" in byname, rows
    users = [r for rows in during for r in rows if not r[5].startswith("[")]
    assert users, "no user task in any list"
    assert all(r[5] == "fork_cow" and r[3] > 0 and r[4] > 0 for r in users if r[2] != "Z"), users
    # the program's parent is init; a forked child caught in a list is the program's
    pids = {r[0]: r for r in users}
    assert any(r[1] == 1 for r in users), users
    assert all(r[1] == 1 or r[1] in pids for r in users), users
    assert all(r[5].startswith("[") for r in final), final
    # the maps of a listed task, in the /proc/<pid>/maps layout
    maps = [t for t in run.log.texts() if t.startswith("/proc/") and t.endswith("(fork_cow):")]
    assert maps, "no maps block"
    run.expect_line("rw-p 00000000 00:00 0          [stack]")
