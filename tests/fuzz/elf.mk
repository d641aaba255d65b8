# ELF32 reader: arbitrary images through elf_check(), every accepted plan
# re-checked and read. Seeds: tests/fuzz/corpus/elf/.
FUZZ_TARGETS += elf
fuzz_elf_SRCS := kernel/elf.c tests/fuzz/fuzz_elf.c
# cpio newc reader, and the ELF reader on each regular member.
# Seeds: tests/fuzz/corpus/cpio/.
FUZZ_TARGETS += cpio
fuzz_cpio_SRCS := kernel/cpio.c kernel/elf.c tests/fuzz/fuzz_cpio.c
