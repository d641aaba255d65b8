/* SPDX-License-Identifier: MIT */
/*
 * Kernel entry from OpenSBI: a0 = boot hart id, a1 = physical address of the
 * device tree, S-mode, paging off, running at the physical load address.
 * Everything up to the jump to the high address is position independent
 * (the build forbids gp relaxation; medany code addresses data pc-relative).
 */
#include <asm/csr.h>
#include <asm/page.h>
#include <asm/smp.h>
#include <asm/traps.h>

	.section .head.text, "ax"
	.globl _start
_start:
	/* no interrupts, no stale pending bits, sscratch = 0 means "in kernel" */
	csrw	sie, zero
	csrw	sip, zero
	csrw	sscratch, zero
	mv	s1, a0			/* hart id */
	mv	s2, a1			/* dtb physical address */

	/* pc-relative: the physical address the board loaded us at */
	lla	s0, _start

	lla	sp, boot_stack_top

	/* clear .bss (word-aligned: the linker script aligns both ends) */
	lla	t0, _sbss
	lla	t1, _ebss
1:	bgeu	t0, t1, 2f
	sw	zero, 0(t0)
	addi	t0, t0, 4
	j	1b
2:
	/* build the early page table; returns the satp value */
	mv	a0, s0
	mv	a1, s2
	call	setup_vm
	mv	s4, a0

	/* s3 = va_pa_offset = PAGE_OFFSET - load address */
	li	s3, PAGE_OFFSET
	sub	s3, s3, s0

	/*
	 * Turn paging on. The early table also maps this code at its physical
	 * address, so the next fetch works; then jump to the linked address.
	 */
	sfence.vma
	csrw	satp, s4
	sfence.vma
	lla	t0, .Lhigh
	add	t0, t0, s3
	jr	t0
.Lhigh:
	add	sp, sp, s3
	la	t0, handle_exception
	csrw	stvec, t0

	/* thread pointer: this hart's copy of the thread-local block */
	la	tp, boot_hart_area
	addi	tp, tp, BOOT_TLS_OFFSET
	mv	a0, tp
	call	tls_init

	mv	a0, s1
	mv	a1, s2
	call	start_kernel
	/* start_kernel does not return */
3:	wfi
	j	3b

	/* THREAD_SIZE-aligned like every kernel stack (the backtrace relies on it) */
	.section .bss.boot_stack, "aw", @nobits
	.balign	THREAD_SIZE
	.globl boot_stack
boot_stack:
	.space	THREAD_SIZE
	.globl boot_stack_top
boot_stack_top:
