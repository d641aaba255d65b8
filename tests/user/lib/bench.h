/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the bench=tasks programs (bench_*.c): the result block of
 * bench_abi.h and the instret counter, which user mode may read only
 * while the kernel's bench sets scounteren.IR (otherwise rdinstret is an
 * illegal instruction: SIGILL).
 */
#ifndef _UT_BENCH_H
#define _UT_BENCH_H

#include "bench_abi.h"
#include "ut.h"

static inline __attribute__((always_inline)) unsigned int bench_rdinstret(void)
{
	unsigned int v;

	asm volatile("rdinstret %0" : "=r"(v) : : "memory");
	return v;
}

/* What an empty bracket (two reads back to back) counts: 1. */
static inline unsigned int bench_overhead(void)
{
	unsigned int t0, t1;

	asm volatile("rdinstret %0\n\trdinstret %1" : "=&r"(t0), "=r"(t1) : : "memory");
	return t1 - t0;
}

/* Map the result block; NULL if the mapping failed. */
static inline struct bench_result *bench_result_map(void)
{
	long addr = sys_mmap((void *)BENCH_RESULT_ADDR, BENCH_RESULT_PAGES * 4096UL,
			     PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct bench_result *r = (struct bench_result *)addr;

	if (addr != BENCH_RESULT_ADDR)
		return NULL;
	r->overhead = bench_overhead();
	return r;
}

/* Fail the run: the kernel reports the line and takes no samples. */
#define BENCH_CHECK(r, expr)						\
	do {								\
		if (!(expr)) {						\
			(r)->error = __LINE__;				\
			return 1;					\
		}							\
	} while (0)

#endif /* _UT_BENCH_H */
