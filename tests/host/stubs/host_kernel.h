/* SPDX-License-Identifier: MIT */
/* The host tests' simulated tick (see host_kernel.c). */
#ifndef _HOST_KERNEL_H
#define _HOST_KERNEL_H

/* Advance jiffies by n, running due tick hooks as the timer interrupt would. */
void host_tick(unsigned long n);
/* Forget every hook and restart jiffies at 0. */
void host_tick_reset(void);

#endif /* _HOST_KERNEL_H */
