/* SPDX-License-Identifier: MIT */
/*
 * In-firmware benchmarks: exact instruction counts, not time. Under QEMU
 * with -icount shift=0 the instret counter is exact and repeatable, so a
 * benchmark row is "how many instructions one operation retires".
 *
 * A benchmark is an operation run once per sample with interrupts off,
 * between two reads of instret; the cost of an empty operation (the call
 * and the counter reads) is measured the same way and subtracted. Each row
 * prints "@bench name= ops= median= max= unit=instructions" (ops = samples).
 * BENCH() places it in the "benches" linker section; bench=<all|name,...>
 * selects by the part of the name before the first '.', or the whole name.
 */
#ifndef _LINUX_BENCH_H
#define _LINUX_BENCH_H

#include <linux/compiler.h>
#include <linux/types.h>

struct bench {
	const char *name;		/* "<group>.<row>", e.g. "buddy.order0_pair" */
	unsigned int samples;		/* 0: the default (BENCH_SAMPLES) */
	/* Set up; returns the argument for op, or NULL with *err set. May be NULL. */
	void *(*prepare)(int *err);
	void (*op)(void *arg);		/* one operation; runs with irqs off */
	void (*cleanup)(void *arg);	/* undo prepare (may be NULL) */
};

#define BENCH_SAMPLES	1001

#define BENCH(var, ...)							\
	static const struct bench var __used __section("benches") = { __VA_ARGS__ }

/* Run what bench= selects; returns the number of rows that failed to run. */
unsigned int bench_run_all(void);
bool bench_requested(void);

#endif /* _LINUX_BENCH_H */
