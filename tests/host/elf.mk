# ELF32 reader: real executables built here by the cross compiler from
# tests/data/elf/prog.c (RVC, no RVC, a hard-float ABI), mutated field by
# field in the test.
HOST_TESTS += elf
host_elf_SRCS := kernel/elf.c tests/host/test_elf.c
ELF_TEST_IMAGES := $(addprefix $(HB)/elf/,prog-rvc.elf prog-norvc.elf prog-ilp32f.elf)
$(HB)/test_elf: $(ELF_TEST_IMAGES)

$(HB)/elf/prog-rvc.elf: ELF_ABI := -march=rv32imac -mabi=ilp32
$(HB)/elf/prog-norvc.elf: ELF_ABI := -march=rv32ima -mabi=ilp32
$(HB)/elf/prog-ilp32f.elf: ELF_ABI := -march=rv32imafc -mabi=ilp32f
$(HB)/elf/%.elf: tests/data/elf/prog.c $(DEPS_STAMP)
	$(call msg,CC,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(ELF_ABI) -nostdlib -static -O2 -o $@ $<

# cpio newc reader: archives written by the test itself.
HOST_TESTS += cpio
host_cpio_SRCS := kernel/cpio.c tests/host/test_cpio.c
# ... and one archive written by GNU cpio, the reference writer.
$(HB)/test_cpio: $(HB)/cpio/gnu.cpio
$(HB)/cpio/gnu.cpio: $(ELF_TEST_IMAGES)
	$(call msg,CPIO,$@)
	$(Q)mkdir -p $(@D) && cd $(HB) && \
		printf '%s\n' elf $(patsubst $(HB)/%,%,$(ELF_TEST_IMAGES)) | \
		cpio -o -H newc --quiet > cpio/gnu.cpio

# The initrd's lifecycle (kernel/initrd.c) on a simulated board: memblock
# and the page allocator as in tests/host/memblock.mk.
HOST_TESTS += initrd
host_initrd_SRCS := kernel/initrd.c kernel/cpio.c kernel/elf.c \
	mm/memblock.c mm/sparse.c mm/page_alloc.c mm/page_alloc_pcp.c \
	mm/page_alloc_init.c mm/page_alloc_debug.c mm/page_alloc_check.c mm/fail_page_alloc.c \
	mm/page_report.c lib/prng.c tests/host/linear_map.c tests/host/test_initrd.c
