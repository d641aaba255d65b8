"""The initrd on a real boot: QEMU's -initrd, /chosen/linux,initrd-*.

initrd_listing: an archive written here (newc, by newc_member()) with a
directory, a real rv32 program built by the cross compiler, a text file,
the same program with e_machine broken, a member with a malformed header
and, after it, one that must never be listed. The log lists each member
up to the bad header with its size and ELF verdict, names the broken
ELF's check and the bad header's, and the boot goes on: init runs the
program (it exits 5) and refuses the broken ELF, both listed in
expect_fail; the initrd's pages go back to the buddy allocator after the
last program is loaded, and the run ends with result=pass.

no_initrd: without -initrd nothing is said about one.

initrd_chosen_*: the board's own tree (dumped by QEMU, no -initrd) with
/chosen bounds edited in: two-cell values over zeroed RAM (reserved,
listed as a bad archive, freed, the run passes), and ranges the kernel must
refuse with an error (outside RAM, over the kernel image, inverted).
"""
import os
import re
import struct
import subprocess

from qemutest import TOP, edited_board_dtb, scenario

OUT = os.path.join(TOP, "build", "initrd-scenarios")
PROG = os.path.join(TOP, "tests", "data", "elf", "prog.c")
E_MACHINE = 18          # offset of e_machine in the ELF header
EM_X86_64 = 62
S_IFREG, S_IFDIR = 0o100000, 0o040000


def newc_member(name, mode, data=b"", magic=b"070701", filesize=None):
    """One cpio newc member, padded to 4 bytes like GNU cpio writes it."""
    name = name.encode() + b"\0"
    fields = (1, mode, 0, 0, 1, 0, len(data) if filesize is None else filesize,
              0, 0, 0, 0, len(name), 0)
    hdr = magic + b"".join(b"%08X" % f for f in fields)
    out = hdr + name
    out += b"\0" * (-len(out) % 4) + data
    return out + b"\0" * (-len(out) % 4)


def build_program():
    os.makedirs(OUT, exist_ok=True)
    elf = os.path.join(OUT, "prog.elf")
    subprocess.run(["riscv64-unknown-elf-gcc", "-march=rv32imac", "-mabi=ilp32",
                    "-nostdlib", "-static", "-O2", "-o", elf, PROG], check=True)
    with open(elf, "rb") as f:
        return f.read()


def listing_archive(board, mem):
    prog = build_program()
    bad = bytearray(prog)
    struct.pack_into("<H", bad, E_MACHINE, EM_X86_64)
    broken = bytearray(newc_member("after-bad", S_IFREG | 0o644, b"x" * 8))
    broken[6 + 6 * 8:6 + 7 * 8] = b"0000000g"        # c_filesize: not hex
    archive = (newc_member("bin", S_IFDIR | 0o755)
               + newc_member("bin/hello", S_IFREG | 0o755, prog)
               + newc_member("readme", S_IFREG | 0o644, b"not a program\n")
               + newc_member("bin/bad-machine", S_IFREG | 0o755, bytes(bad))
               + bytes(broken)
               + newc_member("never-listed", S_IFREG | 0o644, b"y")
               + newc_member("TRAILER!!!", 0))
    path = os.path.join(OUT, "listing.cpio")
    with open(path, "wb") as f:
        f.write(archive)
    return path


def member_line(run, name):
    lines = [t for t in run.log.texts() if t.startswith("initrd:   " + name + " ")]
    assert len(lines) == 1, "%d log lines for member %s" % (len(lines), name)
    return lines[0]


LISTING_ARGS = "stress.duration=0 expect_fail=hello,bad-machine"
PROG_EXIT_STATUS = 5    # prog.c exits with counter's value


@scenario(board="qemu-virt", bootargs=LISTING_ARGS, initrd=listing_archive)
def initrd_listing(run):
    check_listing(run)


@scenario(board="qemu-sifive-u", bootargs=LISTING_ARGS, initrd=listing_archive)
def initrd_listing_sifive_u(run):
    check_listing(run)


def check_listing(run):
    run.expect_exit(0)
    prog_size = len(build_program())
    assert "directory" in member_line(run, "bin")
    hello = member_line(run, "bin/hello")
    assert " %d bytes  ELF executable, entry 0x" % prog_size in hello, hello
    assert "not an ELF file" in member_line(run, "readme")
    bad = member_line(run, "bin/bad-machine")
    assert "bad ELF executable: e_machine 62 is not EM_RISCV" in bad, bad
    run.expect_line("initrd: bad cpio archive, 4 members read: header at 0x")
    run.expect_line("c_filesize is not 8 hex digits")
    run.expect_no_line("never-listed")
    rec = run.record("initrd")
    assert (rec.int("members"), rec.int("elf"), rec.int("bad_elf"), rec.int("cpio_error")) \
        == (4, 1, 1, 1), rec
    size = os.path.getsize(os.path.join(OUT, "listing.cpio"))
    assert rec.int("size") == size, rec
    # reserved whole pages in memblock, then all of them back to the buddy allocator
    assert any(t.startswith("  reserved 0x") and t.endswith("KiB  initrd")
               for t in run.log.texts()), "no initrd line in the memory map"
    pages = (rec.int("start") % 4096 + size + 4095) // 4096
    run.expect_line("Freeing initrd memory: %dK" % (pages * 4))
    ran = run.record("exit")
    assert (ran["name"], ran.int("status")) == ("bin/hello", PROG_EXIT_STATUS), ran
    run.expect_line("exec: bin/bad-machine: bad ELF executable: e_machine 62")
    summary = run.record("summary")
    assert summary["result"] == "pass" and summary.int("errors") == 0, summary


@scenario(board="qemu-virt", bootargs="stress.duration=0 init=none")
def no_initrd(run):
    # the DT names no initrd: only the built-in one could run (init= matches none of it)
    run.expect_exit("nonzero")
    run.expect_no_line("initrd:")
    assert run.log.first("initrd") is None
    run.expect_line("init: no program 'none' in the built-in initrd")


def chosen_dtb(name, props):
    """A dtb function: the board's tree with props added to /chosen."""
    def edit(dts):
        dts, n = re.subn(r"chosen \{", "chosen {\n\t\t" + props, dts)
        assert n == 1, "no /chosen in the board's tree"
        return dts
    return edited_board_dtb(name, edit, OUT)


@scenario(board="qemu-virt", bootargs="stress.duration=0", dtb=chosen_dtb(
    "two-cells", "linux,initrd-start = <0x0 0x86000100>; linux,initrd-end = <0x0 0x86001100>;"))
def initrd_chosen_two_cells(run):
    run.expect_exit(0)
    run.expect_line("initrd: 0x86000100-0x860010ff (4096 bytes), cpio newc:")
    run.expect_line("initrd: bad cpio archive, 0 members read: header at 0x0: bad magic")
    run.expect_line("Freeing initrd memory: 8K")      # the two pages it touches
    assert run.record("summary")["result"] == "pass"


def expect_refused(run, message):
    run.expect_exit("nonzero")
    run.expect_line(message)
    assert run.log.first("initrd") is None, "a refused initrd was listed"
    run.expect_no_line("Freeing initrd memory")
    assert run.record("summary").int("errors") == 1


@scenario(board="qemu-virt", bootargs="stress.duration=0", dtb=chosen_dtb(
    "outside-ram", "linux,initrd-start = <0x10000000>; linux,initrd-end = <0x10001000>;"))
def initrd_chosen_outside_ram(run):
    expect_refused(run, "initrd: 0x10000000-0x10000fff is not all RAM this kernel manages: ignored")


@scenario(board="qemu-virt", bootargs="stress.duration=0", dtb=chosen_dtb(
    "over-kernel", "linux,initrd-start = <0x80400000>; linux,initrd-end = <0x80401000>;"))
def initrd_chosen_over_kernel(run):
    expect_refused(run, "initrd: 0x80400000-0x80400fff shares memory with the kernel text: ignored")


@scenario(board="qemu-virt", bootargs="stress.duration=0", dtb=chosen_dtb(
    "inverted", "linux,initrd-start = <0x86001000>; linux,initrd-end = <0x86000000>;"))
def initrd_chosen_inverted(run):
    expect_refused(run, "initrd: empty or inverted range 0x86001000-0x86000000: ignored")
