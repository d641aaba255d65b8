/* SPDX-License-Identifier: MIT */
/*
 * bench=tasks's user programs ($(BENCH_CPIO): tests/user/bench_*, cpio
 * newc), linked into the image beside the built-in initrd but never run
 * from it: only tests/kernel/bench_tasks.c starts them.
 */
	.section .rodata.bench_progs, "a"
	.balign	4
	.globl	__bench_progs_start
__bench_progs_start:
	.incbin	BENCH_CPIO
	.globl	__bench_progs_end
__bench_progs_end:
