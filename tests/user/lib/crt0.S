/* SPDX-License-Identifier: MIT */
/*
 * Process entry. The kernel starts us with sp at argc (16-byte aligned,
 * Linux riscv ELF ABI) and nothing else promised: clear ra and fp so a
 * backtrace ends here, and hand sp to ut_start(), which finds argv, envp
 * and auxv, calls main and exits with its return value.
 */
	.section .text.start, "ax"
	.globl _start
	.type _start, @function
_start:
	mv	a0, sp
	li	ra, 0
	li	s0, 0
	andi	sp, sp, -16
	call	ut_start
	/* ut_start does not return: stop on an illegal instruction if it does. */
	unimp
	.size _start, . - _start
