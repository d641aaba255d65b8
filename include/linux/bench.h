/* SPDX-License-Identifier: MIT */
/*
 * In-firmware benchmarks: exact instruction counts, not time. Under QEMU
 * with -icount shift=0 the instret counter is exact and repeatable, so a
 * benchmark row is "how many instructions one operation retires".
 *
 * A benchmark is an op run once per sample with interrupts off. The op
 * brackets what it measures with bench_begin() and bench_end(), so that
 * its own frame (stack adjustment, saving ra and the registers that keep
 * the start count, the return) is outside the count; what is inside is
 * what a caller of the measured functions executes: setting up their
 * arguments, the calls, and everything the functions run. The cost of an
 * empty bracket (the counter read itself) is measured the same way and
 * subtracted. A row with a collect hook instead gathers its samples
 * itself (bench=tasks: user programs reading instret). Each row prints "@bench name= ops= median= max=
 * unit=instructions" (ops = samples). BENCH() places it in the "benches"
 * linker section; bench=<all|name,...> selects by the part of the name
 * before the first '.', or the whole name.
 */
#ifndef _LINUX_BENCH_H
#define _LINUX_BENCH_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/timex.h>

struct bench {
	const char *name;		/* "<group>.<row>", e.g. "buddy.order0_pair" */
	unsigned int samples;		/* 0: the default (BENCH_SAMPLES) */
	/* Set up; returns the argument for op, or NULL with *err set. May be NULL. */
	void *(*prepare)(int *err);
	/* One operation, irqs off; returns bench_end() of its bracket. */
	u32 (*op)(void *arg);
	void (*cleanup)(void *arg);	/* undo prepare (may be NULL) */
	/*
	 * Instead of op: a row measured outside the runner's bracket (from
	 * user mode, bench=tasks) fills samples[0..n) itself, interrupts on,
	 * each net of its own bracket's cost (overhead: the kernel's empty
	 * bracket); returns how many it filled, or -errno.
	 */
	int (*collect)(u32 *samples, unsigned int n, u32 overhead);
};

#define BENCH_SAMPLES	1001

#define BENCH(var, ...)							\
	static const struct bench var __used __section("benches") = { __VA_ARGS__ }

/* Open an op's bracket: the instruction count to hand to bench_end(). */
static __always_inline u32 bench_begin(void)
{
	return get_instret();
}

/* Close it: instructions retired since bench_begin() returned start. */
static __always_inline u32 bench_end(u32 start)
{
	return get_instret() - start;
}

/* Run what bench= selects; returns the number of rows that failed to run. */
unsigned int bench_run_all(void);
bool bench_requested(void);

#endif /* _LINUX_BENCH_H */
