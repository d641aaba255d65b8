/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for the hart's preemption state: thread-local words
 * (stubs/host_arch.c), one set per host thread as the board has one per hart.
 */
#ifndef _ASM_PREEMPT_H
#define _ASM_PREEMPT_H

#include <stdbool.h>

extern __thread unsigned int host_preempt_count;
extern __thread unsigned int host_need_resched;

static inline unsigned int preempt_count(void)
{
	return host_preempt_count;
}

static inline void preempt_count_set(unsigned int n)
{
	host_preempt_count = n;
}

static inline void __preempt_count_inc(void)
{
	host_preempt_count++;
}

static inline bool __preempt_count_dec_and_test(void)
{
	return !--host_preempt_count;
}

static inline bool test_preempt_need_resched(void)
{
	return host_need_resched;
}

static inline void set_preempt_need_resched(void)
{
	host_need_resched = 1;
}

static inline void clear_preempt_need_resched(void)
{
	host_need_resched = 0;
}

#endif /* _ASM_PREEMPT_H */
