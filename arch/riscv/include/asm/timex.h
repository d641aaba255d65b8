/* SPDX-License-Identifier: MIT */
/* The time CSR: a 64-bit counter at the DT's timebase-frequency. */
#ifndef _ASM_TIMEX_H
#define _ASM_TIMEX_H

#include <linux/types.h>

static inline u64 get_cycles64(void)
{
	u32 hi, lo, hi2;

	do {
		__asm__ __volatile__("rdtimeh %0" : "=r"(hi));
		__asm__ __volatile__("rdtime %0" : "=r"(lo));
		__asm__ __volatile__("rdtimeh %0" : "=r"(hi2));
	} while (hi != hi2);
	return ((u64)hi << 32) | lo;
}

/* Retired instructions (exact under QEMU -icount shift=0). */
static inline u64 get_instret64(void)
{
	u32 hi, lo, hi2;

	do {
		__asm__ __volatile__("rdinstreth %0" : "=r"(hi));
		__asm__ __volatile__("rdinstret %0" : "=r"(lo));
		__asm__ __volatile__("rdinstreth %0" : "=r"(hi2));
	} while (hi != hi2);
	return ((u64)hi << 32) | lo;
}

#endif /* _ASM_TIMEX_H */
