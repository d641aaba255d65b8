"""The user programs of tests/user/ on the host.

The linux variants run under qemu-riscv32 (Linux's rv32 ABI on the host
kernel) and must exit 0. The checks where qemu-user 7.2 itself departs
from Linux are skipped in the main run (UTEST_SKIP) and each is then run
alone (UTEST_ONLY), where it must fail with exactly the recorded line: the
test shows as SKIP with the reason; a different failure is a FAIL, and a
pass means qemu-user now behaves as Linux and the entry should go.

The kernel variants must all be in the board's initrd.cpio, in the order of
USER_PROGS in tests/user/user.mk, each an ELF32 RISC-V ET_EXEC.
"""
import os
import re
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(TOP, "tools"))

import mkcpio  # noqa: E402

BOARDS = ("qemu-virt", "qemu-sifive-u")
QEMU_USER = "qemu-riscv32"
TIMEOUT = 300

# prog.case: (why qemu-user differs from Linux, the failed expression the
# case's "not ok" line must end with under qemu-user).
DEVIATIONS = {
    "mem_basic.map_fixed_noreplace": (
        "qemu-user 7.2 treats MAP_FIXED_NOREPLACE as a hint and maps elsewhere "
        "instead of -EEXIST",
        "sys_mmap(p, PAGE_SIZE, PROT_READ, flags, -1, 0) == -EEXIST"),
    "mem_basic.mprotect_unmapped": (
        "qemu-user 7.2 mprotect succeeds on unmapped pages (Linux: -ENOMEM)",
        "sys_mprotect(p + PAGE_SIZE, PAGE_SIZE, PROT_READ) == -ENOMEM"),
    "brk_stack.brk_shrink": (
        "qemu-user 7.2 keeps the pages above a lowered break mapped",
        "killed by SIGSEGV == wait status"),
    "mremap.grow_in_place": (
        "qemu-user 7.2 keeps unmapped guest pages reserved in the host, so "
        "mremap cannot grow into them (-ENOMEM)",
        "sys_mremap(p, PG(2), PG(8), 0, NULL) == (long)p"),
    "mremap.unmapped_old": (
        "qemu-user 7.2 returns -EINVAL for an unmapped old range (Linux: -EFAULT)",
        "sys_mremap(hole, PG(1), PG(2), MREMAP_MAYMOVE, NULL) == -EFAULT"),
    "mremap.bad_args": (
        "qemu-user 7.2 does not reject unknown flags or a zero new length "
        "with -EINVAL before looking at the mapping",
        "sys_mremap(p, PG(1), PG(2), MREMAP_UNKNOWN_FLAG, NULL) == -EINVAL"),
    "segv.stack_guard_gap": (
        "qemu-user 7.2 maps the whole 8 MiB stack up front: it never grows, so "
        "there is no guard gap to grow into (the hint below sp is occupied)",
        "below == want"),
    "many_maps.max_map_count": (
        "qemu-user 7.2's host mappings count towards the host's max_map_count, and "
        "after reaching it once its munmap re-reservations leave no slot free",
        "r failed with -12"),
    "many_maps.max_map_count_exact": (
        "qemu-user 7.2's own host mappings (about 130) count towards the limit",
        "n >= MAX_MAP_COUNT - EXISTING_MAX"),
}

LINE_RE = re.compile(r"^(ok|skip|not ok) (\w+)\.(\w+)(?:: (.*))?$")

EM_RISCV = 243
ET_EXEC = 2
PT_LOAD = 1
PF_X = 1


def user_progs():
    """USER_PROGS of tests/user/user.mk, in order."""
    with open(os.path.join(TOP, "tests/user/user.mk")) as f:
        m = re.search(r"^USER_PROGS\s*:=\s*(.*)$", f.read(), re.M)
    return m.group(1).split()


def user_dir(board="qemu-virt"):
    return os.path.join(TOP, "build", board, "user")


def no_core():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_linux(prog, env):
    """Run the linux variant of prog under qemu-riscv32: (exit code, stdout lines)."""
    binary = os.path.join(user_dir(), "linux", prog)
    with tempfile.TemporaryDirectory() as cwd:
        p = subprocess.run([QEMU_USER, binary], cwd=cwd, env=env, preexec_fn=no_core,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=TIMEOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace").splitlines()


def parse_cpio(data):
    """[(name, bytes)] of a newc archive up to TRAILER!!!; asserts its framing."""
    out, off = [], 0
    while True:
        hdr = data[off:off + 110]
        assert len(hdr) == 110 and hdr[:6] == b"070701", "bad newc header at %d" % off
        f = [int(hdr[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
        size, namesize = f[6], f[11]
        name_end = off + 110 + namesize
        assert data[name_end - 1] == 0, "member name without NUL at %d" % off
        name = data[off + 110:name_end - 1].decode()
        assert off % 4 == 0
        start = name_end + mkcpio.pad4(name_end - off)
        if name == mkcpio.TRAILER:
            return out
        out.append((name, f[1], data[start:start + size]))
        off = start + size + mkcpio.pad4(size)


def elf_check(data):
    """Problems with data as a rv32 ET_EXEC (an empty list if none)."""
    bad = []
    if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
        return ["not a little-endian ELF32"]
    (e_type, e_machine, _, e_entry, e_phoff, _, _, _, e_phentsize,
     e_phnum) = struct.unpack_from("<HHIIIIIHHH", data, 16)
    if e_type != ET_EXEC:
        bad.append("e_type %d" % e_type)
    if e_machine != EM_RISCV:
        bad.append("e_machine %d" % e_machine)
    loads = []
    for i in range(e_phnum):
        p_type, p_off, p_vaddr, _, p_filesz, p_memsz, p_flags, p_align = struct.unpack_from(
            "<IIIIIIII", data, e_phoff + i * e_phentsize)
        if p_type != PT_LOAD:
            continue
        loads.append((p_vaddr, p_memsz, p_flags))
        if p_align != 4096 or p_vaddr % 4096 != p_off % 4096:
            bad.append("PT_LOAD %d alignment" % i)
        if p_filesz > p_memsz or p_off + p_filesz > len(data) or p_vaddr < 4096:
            bad.append("PT_LOAD %d bounds" % i)
    if not any(v <= e_entry < v + m and fl & PF_X for v, m, fl in loads):
        bad.append("entry 0x%x not in an executable PT_LOAD" % e_entry)
    return bad


class LinuxAbiTest(unittest.TestCase):
    """Each program's linux variant under qemu-riscv32."""

    @classmethod
    def setUpClass(cls):
        if not shutil.which(QEMU_USER):
            raise AssertionError("%s not installed (tools/install-deps.sh: qemu-user)"
                                 % QEMU_USER)

    def check_program(self, prog):
        skip = sorted(k for k in DEVIATIONS if k.startswith(prog + "."))
        rc, lines = run_linux(prog, {"UTEST_SKIP": ",".join(skip)})
        text = "\n".join(lines)
        self.assertEqual(rc, 0, "%s exited %d:\n%s" % (prog, rc, text))
        seen = {"ok": [], "skip": []}
        for line in lines:
            m = LINE_RE.match(line)
            if m:
                self.assertEqual(m.group(2), prog, line)
                self.assertNotEqual(m.group(1), "not ok", line)
                seen[m.group(1)].append("%s.%s" % (prog, m.group(3)))
        self.assertEqual(sorted(seen["skip"]), skip, "the deviations skipped are the ones listed")
        self.assertTrue(seen["ok"], "no case passed:\n" + text)
        self.assertRegex(text, r"(?m)^%s: %d passed, %d skipped \(linux runtime\)$"
                         % (prog, len(seen["ok"]), len(skip)))

    def check_deviation(self, name):
        prog, case = name.split(".")
        reason, expr = DEVIATIONS[name]
        rc, lines = run_linux(prog, {"UTEST_ONLY": name})
        text = "\n".join(lines)
        if rc == 0:
            self.fail("%s passes under qemu-user now: drop it from DEVIATIONS\n%s" % (name, text))
        # The first failure is the root cause (a forked child's comes before its parent's).
        fails = [l for l in lines if l.startswith("not ok ")]
        self.assertTrue(fails and fails[0].startswith("not ok %s: " % name), text)
        self.assertRegex(fails[0], r": %s(?: \(.*\))?$" % re.escape(expr),
                         "not the known deviation:\n" + text)
        self.assertEqual(rc, 1, text)
        self.skipTest("qemu-user deviation, asserted on the kernel: " + reason)


def _add_tests():
    for prog in user_progs():
        setattr(LinuxAbiTest, "test_%s" % prog,
                lambda self, p=prog: self.check_program(p))
    for name in DEVIATIONS:
        setattr(LinuxAbiTest, "test_deviation_%s" % name.replace(".", "_"),
                lambda self, n=name: self.check_deviation(n))


_add_tests()


class InitrdTest(unittest.TestCase):
    """build/<board>/user/initrd.cpio and the programs in it."""

    def test_initrd_holds_every_program(self):
        for board in BOARDS:
            path = os.path.join(user_dir(board), "initrd.cpio")
            with open(path, "rb") as f:
                members = parse_cpio(f.read())
            self.assertEqual([m[0] for m in members], user_progs(), board)
            for name, mode, data in members:
                self.assertEqual(mode, mkcpio.S_IFREG | 0o755, name)
                self.assertEqual(elf_check(data), [], "%s:%s" % (board, name))
                self.assertTrue(data, name)

    def test_linux_variants_are_rv32_executables(self):
        for prog in user_progs():
            with open(os.path.join(user_dir(), "linux", prog), "rb") as f:
                self.assertEqual(elf_check(f.read()), [], prog)

    def test_cpio_tool_reads_it(self):
        """GNU cpio lists the same members (an independent newc reader)."""
        path = os.path.join(user_dir(), "initrd.cpio")
        with open(path, "rb") as f:
            p = subprocess.run(["cpio", "-it", "--quiet"], stdin=f, stdout=subprocess.PIPE,
                               check=True)
        self.assertEqual(p.stdout.decode().split(), user_progs())

    def test_elf_check_finds_problems(self):
        """The ELF check itself fails on what it should."""
        with open(os.path.join(user_dir(), "linux", user_progs()[0]), "rb") as f:
            good = bytearray(f.read())
        self.assertEqual(elf_check(bytes(good)), [])
        for off, val, what in ((4, 2, "ELF32"), (16, 3, "e_type"), (18, 62, "e_machine")):
            bad = bytearray(good)
            struct.pack_into("<B" if off == 4 else "<H", bad, off, val)
            self.assertTrue(any(what in b for b in elf_check(bytes(bad))), what)


class MkcpioTest(unittest.TestCase):
    def test_round_trip_and_padding(self):
        files = [("a", b""), ("bb", b"x"), ("ccc", b"12345"), ("dddd", bytes(range(256)))]
        data = mkcpio.pack(files)
        self.assertEqual(len(data) % 4, 0)
        self.assertEqual([(n, d) for n, _, d in parse_cpio(data)], files)
        self.assertTrue(data.endswith(b"TRAILER!!!\0" + b"\0" * mkcpio.pad4(110 + 11)))

    def test_bad_names(self):
        for name in ("", "a\0b", mkcpio.TRAILER):
            with self.assertRaises(ValueError):
                mkcpio.pack([(name, b"x")])


if __name__ == "__main__":
    unittest.main()
