/* SPDX-License-Identifier: MIT */
/*
 * bench=tasks (tests/kernel/bench_tasks.c): how a benchmark program hands
 * its samples to the kernel. The program maps BENCH_RESULT_PAGES private
 * anonymous pages at BENCH_RESULT_ADDR (MAP_FIXED) and leaves a struct
 * bench_result there; the kernel holds the program's mm while it runs and
 * reads the block once it has exited. Shared by the programs (C and
 * assembly) and the kernel, so it names no type but unsigned int.
 *
 * samples[] are instruction counts, already net of the program's own
 * empty bracket (two back-to-back rdinstret: 1 instruction), except for
 * bench_exec, whose single sample is the raw instret its first
 * instruction read (the kernel opened that bracket).
 */
#ifndef _BENCH_ABI_H
#define _BENCH_ABI_H

#define BENCH_RESULT_ADDR	0x20000000
#define BENCH_RESULT_PAGES	4
#define BENCH_RESULT_MAGIC	0x62656e63	/* "benc" */
/* Offsets for assembly; the struct below is the C view. */
#define BENCH_RESULT_OFF_MAGIC		0
#define BENCH_RESULT_OFF_NR		4
#define BENCH_RESULT_OFF_ERROR		8
#define BENCH_RESULT_OFF_SAMPLES	16
#define BENCH_RESULT_MAX	((BENCH_RESULT_PAGES * 4096 - BENCH_RESULT_OFF_SAMPLES) / 4)

#ifndef __ASSEMBLER__
struct bench_result {
	unsigned int magic;		/* BENCH_RESULT_MAGIC once the samples are complete */
	unsigned int nr;		/* samples filled */
	unsigned int error;		/* 0, or the source line of the check that failed */
	unsigned int overhead;		/* the empty bracket, subtracted from each sample */
	unsigned int samples[BENCH_RESULT_MAX];
};
#endif

#endif /* _BENCH_ABI_H */
