/* SPDX-License-Identifier: MIT */
/* The time CSR: a 64-bit counter at the DT's timebase-frequency. */
#ifndef _ASM_TIMEX_H
#define _ASM_TIMEX_H

#include <linux/compiler.h>
#include <linux/types.h>

/* A 64-bit counter CSR on rv32: re-read until the high half is stable. */
#define csr_read64(lo, hi) ({						\
	u32 __hi, __lo, __hi2;						\
	do {								\
		__asm__ __volatile__("rd" #hi " %0" : "=r"(__hi));	\
		__asm__ __volatile__("rd" #lo " %0" : "=r"(__lo));	\
		__asm__ __volatile__("rd" #hi " %0" : "=r"(__hi2));	\
	} while (__hi != __hi2);					\
	((u64)__hi << 32) | __lo; })

static inline u64 get_cycles64(void)
{
	return csr_read64(time, timeh);
}

/*
 * Retired instructions (exact under QEMU -icount shift=0), the low half:
 * one instruction, for differences below 2^32 (u32 subtraction wraps
 * right). The compiler keeps memory accesses on their side of it.
 */
static __always_inline u32 get_instret(void)
{
	u32 v;

	__asm__ __volatile__("rdinstret %0" : "=r"(v) : : "memory");
	return v;
}

#endif /* _ASM_TIMEX_H */
