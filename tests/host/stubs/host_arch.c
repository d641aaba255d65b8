/* SPDX-License-Identifier: MIT */
/* Definitions that the kernel's arch code provides, for the host tests. */
#include <linux/preempt.h>
#include <asm/page.h>
#include <asm/smp.h>

unsigned long va_pa_offset;
phys_addr_t phys_ram_base;
_Thread_local unsigned int host_cpu;
/* arch/riscv/kernel/traps.c's; a test sets it to play an interrupt handler. */
__thread unsigned int hardirq_nesting;
