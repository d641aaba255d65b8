#!/usr/bin/env python3
"""Sort the kernel's exception table in place, by faulting address.

usage: sortextable.py firmware.elf

The table is [__start_ex_table, __stop_ex_table) in the linked image:
pairs of 32-bit little-endian words (insn, fixup), emitted in link order.
search_exception_tables() (arch/riscv/mm/extable.c) bisects it, so the
build sorts it here once, as Linux's scripts/sorttable does, and the table
stays in read-only data; the boot self-test checks the order.
"""
import struct
import sys


def main(path):
    with open(path, "r+b") as f:
        elf = bytearray(f.read())
        if elf[:4] != b"\x7fELF" or elf[4] != 1 or elf[5] != 1:
            sys.exit("%s: not a little-endian ELF32 file" % path)
        phoff, shoff = struct.unpack_from("<II", elf, 28)
        phentsize, phnum, shentsize, shnum = struct.unpack_from("<HHHH", elf, 42)
        sections = [struct.unpack_from("<IIIIIIIIII", elf, shoff + i * shentsize)
                    for i in range(shnum)]
        syms = {}
        for sh in sections:
            if sh[1] != 2:			# SHT_SYMTAB
                continue
            strtab = sections[sh[6]]
            for off in range(sh[4], sh[4] + sh[5], 16):
                name, value = struct.unpack_from("<II", elf, off)
                end = elf.index(b"\0", strtab[4] + name)
                syms[bytes(elf[strtab[4] + name:end]).decode()] = value
        try:
            start, stop = syms["__start_ex_table"], syms["__stop_ex_table"]
        except KeyError:
            sys.exit("%s: no __start_ex_table/__stop_ex_table" % path)
        if (stop - start) % 8:
            sys.exit("%s: exception table size %d is not a multiple of 8"
                     % (path, stop - start))
        for i in range(phnum):
            p_type, p_offset, p_vaddr, _, p_filesz = struct.unpack_from(
                "<IIIII", elf, phoff + i * phentsize)
            if p_type == 1 and p_vaddr <= start and stop <= p_vaddr + p_filesz:
                off = p_offset + start - p_vaddr
                break
        else:
            sys.exit("%s: exception table outside every loaded segment" % path)
        n = (stop - start) // 8
        entries = sorted(struct.unpack_from("<II", elf, off + 8 * i) for i in range(n))
        for i, (insn, fixup) in enumerate(entries):
            struct.pack_into("<II", elf, off + 8 * i, insn, fixup)
        f.seek(0)
        f.write(elf)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
