# The user programs of tests/user/ (see tests/user/README.md), built twice
# from the same objects: the kernel variant links lib/abi_kernel.c (this
# kernel's wait4 and nanosleep numbers), the linux variant lib/abi_linux.c
# (Linux rv32's waitid and clock_nanosleep_time64) so that it runs under
# qemu-riscv32. The kernel variants are packed, in USER_PROGS order (the
# order they run in), into $(USER_INITRD).
#
#   $(O)/user/kernel/<prog>   $(O)/user/linux/<prog>   $(O)/user/initrd.cpio
#   (make user: just these, for the current BOARD)

USER_PROGS := syscalls mem_basic brk_stack mremap fork_cow segv many_maps
# bench=tasks programs (tests/kernel/bench_tasks.c): packed into their own
# archive, $(BENCH_CPIO), never into the initrd that every boot runs.
# bench_exec is assembly without the runtime (its first instruction counts).
BENCH_PROGS := bench_getpid bench_yield bench_fork bench_exec
USER_LIB := crt0 ut
UO := $(O)/user

USER_CFLAGS := -march=rv32imac -mabi=ilp32 -misa-spec=2.2 -mcmodel=medlow \
	-std=gnu11 -O2 -g -ffreestanding -fno-builtin -fno-common -fno-pie \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables \
	-mno-relax -Wall -Wextra -Werror -Wno-unused-parameter \
	-Iinclude -Itests/user/lib -MMD -MP
USER_LDFLAGS := -march=rv32imac -mabi=ilp32 -nostdlib -static -no-pie \
	-Wl,--no-relax -Wl,--build-id=none -Wl,-z,max-page-size=4096 \
	-T tests/user/lib/user.lds

USER_KERNEL := $(addprefix $(UO)/kernel/,$(USER_PROGS))
USER_LINUX := $(addprefix $(UO)/linux/,$(USER_PROGS))
USER_INITRD := $(UO)/initrd.cpio
BENCH_CPIO := $(UO)/bench.cpio
USER_LIB_OBJS := $(addprefix $(UO)/obj/lib/,$(addsuffix .o,$(USER_LIB)))

$(UO)/obj/%.o: tests/user/%.c $(DEPS_STAMP)
	$(call msg,UCC,$<)
	$(Q)mkdir -p $(@D) && $(CC) $(USER_CFLAGS) -c $< -o $@

$(UO)/obj/%.o: tests/user/%.S $(DEPS_STAMP)
	$(call msg,UAS,$<)
	$(Q)mkdir -p $(@D) && $(CC) $(USER_CFLAGS) -c $< -o $@

$(UO)/kernel/%: $(UO)/obj/%.o $(USER_LIB_OBJS) $(UO)/obj/lib/abi_kernel.o tests/user/lib/user.lds
	$(call msg,ULD,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(USER_LDFLAGS) -o $@ $(filter %.o,$^) -lgcc

$(UO)/linux/%: $(UO)/obj/%.o $(USER_LIB_OBJS) $(UO)/obj/lib/abi_linux.o tests/user/lib/user.lds
	$(call msg,ULD,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(USER_LDFLAGS) -o $@ $(filter %.o,$^) -lgcc

$(UO)/kernel/bench_exec: $(UO)/obj/bench_exec.o tests/user/lib/user.lds
	$(call msg,ULD,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(USER_LDFLAGS) -o $@ $<

# The initrd holds the kernel variants without debug sections (symbols stay).
$(UO)/initrd/%: $(UO)/kernel/%
	$(Q)mkdir -p $(@D) && $(OBJCOPY) --strip-debug $< $@

$(USER_INITRD): $(addprefix $(UO)/initrd/,$(USER_PROGS)) tools/mkcpio.py
	$(call msg,CPIO,$@)
	$(Q)python3 tools/mkcpio.py -o $@ -C $(UO)/initrd $(USER_PROGS)

$(BENCH_CPIO): $(addprefix $(UO)/initrd/,$(BENCH_PROGS)) tools/mkcpio.py
	$(call msg,CPIO,$@)
	$(Q)python3 tools/mkcpio.py -o $@ -C $(UO)/initrd $(BENCH_PROGS)

# Keep the objects: both variants link the same ones.
.SECONDARY: $(addprefix $(UO)/obj/,$(addsuffix .o,$(USER_PROGS))) $(USER_LIB_OBJS) \
	$(UO)/obj/lib/abi_kernel.o $(UO)/obj/lib/abi_linux.o \
	$(addprefix $(UO)/obj/,$(addsuffix .o,$(BENCH_PROGS)))

user: $(USER_INITRD) $(USER_KERNEL) $(USER_LINUX) $(BENCH_CPIO)
.PHONY: user

-include $(wildcard $(UO)/obj/*.d $(UO)/obj/lib/*.d)
