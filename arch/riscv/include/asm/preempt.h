/* SPDX-License-Identifier: MIT */
/*
 * This hart's preemption state, in its struct hart_entry just below tp
 * (<asm/smp.h>): one tp-relative load or store reaches it, where a
 * __thread variable would cost an address computation first (the kernel
 * links without relaxation). The count is only ever changed by its own
 * hart, in balanced pairs, so an interrupt between a load and its store
 * gives back the value it found; need_resched is a separate word that the
 * tick sets.
 */
#ifndef _ASM_PREEMPT_H
#define _ASM_PREEMPT_H

#include <linux/compiler.h>
#include <asm/smp.h>

static inline volatile struct hart_entry *this_hart_entry(void)
{
	register unsigned long tp __asm__("tp");

	return (volatile struct hart_entry *)(tp - HE_SIZE);
}

static inline unsigned int preempt_count(void)
{
	return this_hart_entry()->preempt_count;
}

static inline void preempt_count_set(unsigned int n)
{
	this_hart_entry()->preempt_count = n;
}

static inline void __preempt_count_inc(void)
{
	this_hart_entry()->preempt_count++;
}

/* Take one away; true if that made it 0. */
static inline bool __preempt_count_dec_and_test(void)
{
	return !--this_hart_entry()->preempt_count;
}

static inline bool test_preempt_need_resched(void)
{
	return this_hart_entry()->need_resched;
}

static inline void set_preempt_need_resched(void)
{
	this_hart_entry()->need_resched = 1;
}

static inline void clear_preempt_need_resched(void)
{
	this_hart_entry()->need_resched = 0;
}

#endif /* _ASM_PREEMPT_H */
