/* SPDX-License-Identifier: MIT */
/*
 * Execution context and preemption.
 *
 * The trap code counts, per hart, how deeply it is nested in interrupt
 * handlers (irq_enter/irq_exit around the dispatch in
 * arch/riscv/kernel/traps.c); code that must not do some work from an
 * interrupt handler (vfree: unmapping, TLB flushes) asks in_interrupt() and
 * defers it. Exceptions (page faults) taken in task context do not count.
 *
 * preempt_count is this hart's count of reasons not to switch tasks: every
 * spin_lock, kmap_atomic and preempt_disable adds one, their undoing takes
 * it away (spin_lock_irqsave needs none: with interrupts off nothing can
 * preempt, and the first interrupt after the restore is the switch point).
 * It lives in the hart's area (<asm/preempt.h>). It is per hart, not per task, and needs no saving across a
 * switch: a switch happens only inside schedule(), which holds exactly one
 * (its run queue lock) on both sides of __switch_to, and a new task starts
 * in schedule_tail(), which drops that one. The scheduler sets
 * preempt_need_resched when the tick ends the current task's slice or a
 * wake-up makes a task runnable on an idle hart; preempt_enable() that
 * brings the count to 0 then switches at once, and so does an interrupt
 * that returns to preemptible kernel code (preempt=full, the default; see
 * docs/TASKS.md). Code that touches per-CPU data does it with preemption
 * off (a lock, preempt_disable, or interrupts off, which also keep the
 * tick away).
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/preempt.h>

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

/* Switching is forbidden here: a lock, kmap_atomic or preempt_disable is held, or in an irq. */
static inline bool in_atomic(void)
{
	return preempt_count() != 0 || in_interrupt();
}

/* Switch now (kernel/sched.c): preempt_enable() found the count 0 and a switch asked for. */
void preempt_schedule(void);

static inline void preempt_disable(void)
{
	__preempt_count_inc();
	barrier();
}

/* Drop one without a switch (the caller switches itself, or interrupts are off). */
static inline void preempt_enable_no_resched(void)
{
	barrier();
	__preempt_count_dec_and_test();
}

static inline void preempt_enable(void)
{
	barrier();
	if (__preempt_count_dec_and_test() && unlikely(test_preempt_need_resched()))
		preempt_schedule();
}

#endif /* _LINUX_PREEMPT_H */
