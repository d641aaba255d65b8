/* SPDX-License-Identifier: MIT */
/* Definitions that the kernel's arch code provides, for the host tests. */
#include <string.h>

#include <linux/preempt.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/smp.h>

unsigned long va_pa_offset;
phys_addr_t phys_ram_base;
_Thread_local unsigned int host_cpu;
/* arch/riscv/kernel/traps.c's; a test sets it to play an interrupt handler. */
__thread unsigned int hardirq_nesting;
/* its preemption state; nothing on the host asks for a switch */
__thread unsigned int host_preempt_count;
__thread unsigned int host_need_resched;

/* kernel/sched.c's: the host runs one thread, there is no task to switch to. */
void preempt_schedule(void)
{
}
/* arch/riscv/mm/init.c's master page directory (init_mm's pgd). */
pgd_t swapper_pg_dir[PTRS_PER_PGD] __attribute__((aligned(PAGE_SIZE)));
/* arch/riscv/mm/fault.c's vmalloc fault counters (no faults on the host). */
unsigned long vmalloc_sync_faults;
unsigned long vmalloc_spurious_faults;

/* arch/riscv/lib/page.S's frame loops. */
void clear_page(void *page)
{
	memset(page, 0, PAGE_SIZE);
}

void copy_page(void *to, const void *from)
{
	memcpy(to, from, PAGE_SIZE);
}
