/* SPDX-License-Identifier: MIT */
/*
 * bench=tasks, row tasks.exec_first_insn: a small program whose first
 * instruction reads instret. The kernel opened the bracket before it
 * began to create and load this process; the count read here closes it.
 * The program then maps the result block (bench_abi.h), leaves that one
 * raw count there and exits. No runtime: nothing may run before the read.
 * Like any program it has a text and a data segment (the count is kept
 * in .data too), so the load maps and copies both.
 */
#include <linux/mman.h>

#include "bench_abi.h"
#include "unistd.h"

	.section .text.start, "ax"
	.globl	_start
	.type	_start, @function
_start:
	rdinstret s1
	li	a0, BENCH_RESULT_ADDR
	li	a1, BENCH_RESULT_PAGES * 4096
	li	a2, PROT_READ | PROT_WRITE
	li	a3, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS
	li	a4, -1
	li	a5, 0
	li	a7, __NR_mmap
	ecall
	li	t0, BENCH_RESULT_ADDR
	bne	a0, t0, 2f
	li	t1, 1
	sw	t1, BENCH_RESULT_OFF_NR(t0)
	sw	zero, BENCH_RESULT_OFF_ERROR(t0)
	sw	s1, BENCH_RESULT_OFF_SAMPLES(t0)
	la	t1, first_count
	sw	s1, 0(t1)
	li	t1, BENCH_RESULT_MAGIC
	sw	t1, BENCH_RESULT_OFF_MAGIC(t0)
	li	a0, 0
1:	li	a7, __NR_exit_group
	ecall
	unimp
2:	li	a0, 1			/* the mapping failed */
	j	1b
	.size	_start, . - _start

	.section .data
	.balign	4
first_count:
	.word	0
