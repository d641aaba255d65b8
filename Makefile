# Linux-style memory management on a bare-metal RV32 board.
#
#   make [BOARD=qemu-virt|qemu-sifive-u] [V=1]   build build/<board>/firmware.{elf,bin,map,dis}
#   make run [BOOTARGS="..."] [RUN_ARGS="..."] [ICOUNT=1]
#   make test                                    everything: host, fuzz, QEMU, tools
#   make fuzz [FUZZ_RUNS=n]                      longer fuzzing runs
#   make bench                                   instruction counts under -icount
#   make bench-host                              slab vs glibc/jemalloc/mimalloc on the host
#   make debug                                   QEMU halted + gdb-multiarch
#   make test-logs                               re-record tests/data/logs/ (both boards)
#   make bench-uartlog                           tools/uartlog on a 100 MB log (docs/BENCHMARKS.md)
#   make clean

BOARD	?= qemu-virt
V	?= 0
O	:= build/$(BOARD)
HB	:= build/host

ifeq ($(V),1)
Q	:=
msg	= @true
else
Q	:= @
msg	= @printf '  %-7s %s\n' $(1) $(2)
endif

ifeq ($(wildcard board/$(BOARD)/board.conf),)
$(error unknown BOARD '$(BOARD)': see board/)
endif
include board/$(BOARD)/board.conf

.DEFAULT_GOAL := all

# ---- toolchain check: install what is missing, once per clean tree --------
DEPS_STAMP := build/.deps-ok
$(DEPS_STAMP): tools/install-deps.sh
	$(Q)tools/install-deps.sh
	$(Q)mkdir -p $(@D) && touch $@

# ---- cross build ----------------------------------------------------------
CROSS_COMPILE ?= riscv64-unknown-elf-
CC	:= $(CROSS_COMPILE)gcc
OBJCOPY	:= $(CROSS_COMPILE)objcopy
OBJDUMP	:= $(CROSS_COMPILE)objdump
NM	:= $(CROSS_COMPILE)nm

ARCH_FLAGS := -march=rv32imac -mabi=ilp32 -misa-spec=2.2 -mcmodel=medany
# -mno-relax: the early C code runs before paging at physical addresses, so
# nothing may be addressed relative to gp. picolibc's float printf variant:
# its integer one prints only the low 32 bits of a long long, and physical
# addresses above 4 GiB must print whole.
CFLAGS	:= $(ARCH_FLAGS) --specs=picolibc.specs -DPICOLIBC_FLOAT_PRINTF_SCANF \
	   -std=gnu11 -O2 -g -ffreestanding -fno-common -fno-pie -mno-relax \
	   -fno-omit-frame-pointer -fno-optimize-sibling-calls \
	   -ffunction-sections -fdata-sections \
	   -Wall -Wextra -Werror -Wno-unused-parameter \
	   -Iinclude -Iarch/riscv/include -MMD -MP
ASFLAGS	:= $(CFLAGS)
LDFLAGS	:= $(ARCH_FLAGS) --specs=picolibc.specs -DPICOLIBC_FLOAT_PRINTF_SCANF \
	   -nostartfiles -static -Wl,--no-relax -Wl,--gc-sections \
	   -T arch/riscv/kernel.lds -Wl,--build-id=none

kernel-y :=
include arch/riscv/objects.mk kernel/objects.mk mm/objects.mk drivers/objects.mk lib/objects.mk \
	tests/kernel/objects.mk
KOBJS	:= $(addprefix $(O)/,$(kernel-y))

# The user programs (tests/user/): $(USER_INITRD) and the linux variants.
include tests/user/user.mk

# The built-in initrd carries the user programs into the image.
$(O)/kernel/builtin_initrd.o: kernel/builtin_initrd.S $(USER_INITRD) $(DEPS_STAMP)
	$(call msg,AS,$<)
	$(Q)mkdir -p $(@D) && $(CC) $(ASFLAGS) -DBUILTIN_INITRD='"$(USER_INITRD)"' -c $< -o $@

# bench=tasks's programs, linked in beside it (tests/kernel/bench_progs.S).
$(O)/tests/kernel/bench_progs.o: tests/kernel/bench_progs.S $(BENCH_CPIO) $(DEPS_STAMP)
	$(call msg,AS,$<)
	$(Q)mkdir -p $(@D) && $(CC) $(ASFLAGS) -DBENCH_CPIO='"$(BENCH_CPIO)"' -c $< -o $@

all: $(O)/firmware.elf $(O)/firmware.bin $(O)/firmware.dis user

$(O)/%.o: %.c $(DEPS_STAMP)
	$(call msg,CC,$<)
	$(Q)mkdir -p $(@D) && $(CC) $(CFLAGS) -c $< -o $@

$(O)/%.o: %.S $(DEPS_STAMP)
	$(call msg,AS,$<)
	$(Q)mkdir -p $(@D) && $(CC) $(ASFLAGS) -c $< -o $@

# Two-pass link: the first image gives the text symbols, which become a
# table in .rodata (after all code, so no text address moves) for the oops
# backtrace; the check makes sure the second link did not move any symbol.
$(O)/kallsyms0.S: tools/kallsyms.sh
	$(Q)mkdir -p $(@D) && tools/kallsyms.sh /dev/null > $@

$(O)/kallsyms0.o $(O)/kallsyms.o: %.o: %.S
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

$(O)/firmware.tmp.elf: $(KOBJS) $(O)/kallsyms0.o arch/riscv/kernel.lds
	$(call msg,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $(KOBJS) $(O)/kallsyms0.o -lc -lgcc

$(O)/kallsyms.S: $(O)/firmware.tmp.elf tools/kallsyms.sh
	$(call msg,KSYM,$@)
	$(Q)$(NM) -n --defined-only $< | tools/kallsyms.sh - > $@

$(O)/firmware.elf: $(KOBJS) $(O)/kallsyms.o arch/riscv/kernel.lds tools/sortextable.py
	$(call msg,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -Wl,-Map,$(O)/firmware.map -o $@ $(KOBJS) $(O)/kallsyms.o -lc -lgcc
	$(Q)$(NM) -n --defined-only $@ | tools/kallsyms.sh --verify $(O)/kallsyms.S
	$(Q)tools/sortextable.py $@ || { rm -f $@; false; }

$(O)/firmware.bin: $(O)/firmware.elf
	$(call msg,OBJCOPY,$@)
	$(Q)$(OBJCOPY) -O binary $< $@

$(O)/firmware.dis: $(O)/firmware.elf
	$(Q)$(OBJDUMP) -d -S $< > $@

# ---- running --------------------------------------------------------------
BOOTARGS ?=
RUN_ARGS ?=
ICOUNT	 ?= 0
RUNFLAGS := --board $(BOARD) --kernel $(O)/firmware.bin $(if $(filter 1,$(ICOUNT)),--icount)

run: all
	$(Q)tools/qemu-run.sh $(RUNFLAGS) --append "$(BOOTARGS)" -- $(RUN_ARGS)

debug: all
	$(Q)tools/qemu-run.sh $(RUNFLAGS) --gdb --append "$(BOOTARGS)" -- $(RUN_ARGS) & \
	gdb-multiarch -q $(O)/firmware.elf -ex 'set architecture riscv:rv32' \
		-ex 'target remote :1234'; kill $$! 2>/dev/null; true

# ---- host unit tests and fuzzers -----------------------------------------
HOST_CC	:= clang
HOST_CFLAGS := -std=gnu11 -g -O1 -fno-omit-frame-pointer -Wall -Wextra -Werror \
	-Wno-unused-parameter -DHOST_TEST -Iinclude -Itests/host/stubs -Itests/host
SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_STUBS := tests/host/stubs/printk.c tests/host/stubs/host_arch.c tests/host/stubs/host_kernel.c \
	tests/host/stubs/host_workqueue.c kernel/timer_list.c

HOST_TESTS :=
FUZZ_TARGETS :=
# Host binaries compile several sources in one go: depend on every header.
HOST_HDRS := $(shell find include arch/riscv/include tests/host drivers mm kernel lib -name '*.h')
include $(wildcard tests/host/*.mk) $(wildcard tests/fuzz/*.mk)

HOST_BINS := $(addprefix $(HB)/test_,$(HOST_TESTS))
FUZZ_BINS := $(addprefix $(HB)/fuzz_,$(FUZZ_TARGETS))

.SECONDEXPANSION:
$(HB)/test_%: $$(host_$$*_SRCS) $(HOST_STUBS) $(DEPS_STAMP) $(HOST_HDRS)
	$(call msg,HOSTCC,$@)
	$(Q)mkdir -p $(@D) && $(HOST_CC) $(HOST_CFLAGS) $(SAN) $(host_$*_SRCS) $(HOST_STUBS) -lcmocka -o $@

$(HB)/fuzz_%: $$(fuzz_$$*_SRCS) $(HOST_STUBS) $(DEPS_STAMP) $(HOST_HDRS)
	$(call msg,FUZZCC,$@)
	$(Q)mkdir -p $(@D) && $(HOST_CC) $(HOST_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $(fuzz_$*_SRCS) $(HOST_STUBS) -o $@

host-tests: $(HOST_BINS) $(FUZZ_BINS)

FUZZ_RUNS ?= 2000000
fuzz: $(FUZZ_BINS)
	$(Q)for t in $(FUZZ_TARGETS); do \
		mkdir -p build/fuzz-corpus/$$t; \
		$(HB)/fuzz_$$t -runs=$(FUZZ_RUNS) build/fuzz-corpus/$$t tests/fuzz/corpus/$$t || exit 1; \
	done

# ---- host benchmark of the slab allocator (not part of make test) ----------
# The production slab sources built natively (-O2, no sanitizers) against
# glibc malloc, jemalloc and mimalloc; see docs/BENCHMARKS.md. Threaded:
# tools/bench_host/stubs (a real spinlock) shadows the unit tests' stubs.
# bench_tsan is the same program under ThreadSanitizer; `make test` runs
# its --smoke (a short threaded hand-off with checks).
BH	:= build/bench-host
BENCH_HOST_INC := -DHOST_TEST -Iinclude -Itools/bench_host/stubs -Itests/host/stubs -Itests/host
BENCH_HOST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-pthread $(BENCH_HOST_INC)
BENCH_HOST_SRCS := tools/bench_host/bench_host.c $(SLAB_SRCS) $(SLAB_HOST_DEPS) $(HOST_STUBS)
BENCH_HOST_HDRS := $(wildcard tools/bench_host/*.h tools/bench_host/stubs/asm/*.h)
BENCH_HOST_REPEAT ?= 5
$(BH)/bench_glibc: BH_FLAGS :=
$(BH)/bench_jemalloc: BH_FLAGS := -DBENCH_JEMALLOC -ljemalloc
$(BH)/bench_mimalloc: BH_FLAGS := -DBENCH_MIMALLOC -lmimalloc
$(BH)/bench_%: $(BENCH_HOST_SRCS) $(DEPS_STAMP) $(HOST_HDRS) $(BENCH_HOST_HDRS)
	$(call msg,HOSTCC,$@)
	$(Q)mkdir -p $(@D) && $(HOST_CC) $(BENCH_HOST_CFLAGS) $(BENCH_HOST_SRCS) $(BH_FLAGS) -o $@

$(BH)/bench_tsan: $(BENCH_HOST_SRCS) tools/bench_host/tsan_options.c $(DEPS_STAMP) $(HOST_HDRS) $(BENCH_HOST_HDRS)
	$(call msg,TSANCC,$@)
	$(Q)mkdir -p $(@D) && $(HOST_CC) -std=gnu11 -O1 -g -fno-omit-frame-pointer -Wall -Wextra \
		-Werror -Wno-unused-parameter -pthread -fsanitize=thread $(BENCH_HOST_INC) \
		$(BENCH_HOST_SRCS) tools/bench_host/tsan_options.c -o $@

bench-host: $(BH)/bench_glibc $(BH)/bench_jemalloc $(BH)/bench_mimalloc
	$(Q)python3 tools/bench_host/run.py --repeat $(BENCH_HOST_REPEAT) $(BH)

bench-host-tsan: $(BH)/bench_tsan
	$(Q)$(BH)/bench_tsan --smoke

clean: clean-bench-host
clean-bench-host:
	rm -rf $(BH)

# ---- the whole suite ------------------------------------------------------
BOARDS	:= qemu-virt qemu-sifive-u

firmware-all:
	$(Q)for b in $(BOARDS); do $(MAKE) --no-print-directory BOARD=$$b all || exit 1; done

test: firmware-all host-tests $(BH)/bench_tsan
	$(Q)python3 tools/run-tests.py $(TESTS)

bench: firmware-all
	$(Q)python3 tools/bench.py --board qemu-virt --board qemu-sifive-u

# ---- UART log analyser ------------------------------------------------------
# The logs tests/tools/ analyses, recorded from real runs of both boards.
test-logs: firmware-all
	$(Q)tests/data/logs/record.sh

# Not part of make test: how long tools/uartlog takes on a 100 MB capture.
bench-uartlog:
	$(Q)python3 tests/tools/bench_uartlog.py --out build/uartlog-bench

clean: clean-bench-uartlog
clean-bench-uartlog:
	rm -rf build/uartlog-bench

clean:
	rm -rf build/qemu-* $(HB) build/fuzz-corpus

.PHONY: all run debug test bench fuzz host-tests firmware-all clean
.PHONY: bench-host bench-host-tsan clean-bench-host
.PHONY: test-logs bench-uartlog clean-bench-uartlog
.DELETE_ON_ERROR:

-include $(KOBJS:.o=.d)
