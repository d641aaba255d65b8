/* SPDX-License-Identifier: MIT */
/*
 * Execution context. The trap code counts, per hart, how deeply it is
 * nested in interrupt handlers (irq_enter/irq_exit around the dispatch in
 * arch/riscv/kernel/traps.c); code that must not do some work from an
 * interrupt handler (vfree: unmapping, TLB flushes) asks in_interrupt() and
 * defers it. Exceptions (page faults) taken in task context do not count.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <linux/types.h>

/* Interrupt handlers this hart is inside (thread-local: one per hart). */
extern __thread unsigned int hardirq_nesting;

static inline bool in_interrupt(void)
{
	return READ_ONCE(hardirq_nesting) != 0;
}

static inline bool in_hardirq(void)
{
	return in_interrupt();
}

static inline void irq_enter(void)
{
	hardirq_nesting++;
	barrier();
}

static inline void irq_exit(void)
{
	barrier();
	hardirq_nesting--;
}

#endif /* _LINUX_PREEMPT_H */
