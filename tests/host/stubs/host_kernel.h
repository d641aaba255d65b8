/* SPDX-License-Identifier: MIT */
/* The host tests' simulated tick (see host_kernel.c). */
#ifndef _HOST_KERNEL_H
#define _HOST_KERNEL_H

/*
 * Advance jiffies by n, running due tick hooks and timers as the timer
 * interrupt would, then the work items they queued, as the workers would.
 */
void host_tick(unsigned long n);
/* Forget every hook, timer and queued work item and restart jiffies at 0. */
void host_tick_reset(void);

/* host_workqueue.c: run every CPU's due timers / queued work items now. */
void host_run_timers(void);
void host_run_work(void);
void host_workqueue_reset(void);

#endif /* _HOST_KERNEL_H */
