/* SPDX-License-Identifier: MIT */
/*
 * The loops behind copy_{from,to}_user, clear_user and strncpy_from_user
 * (contracts in asm/uaccess.h). Each sets sstatus.SUM on entry and clears
 * it on every way out, the fixup included. Every load and store here may
 * touch user memory, so each has an exception-table entry whose fixup
 * returns what was not done: a2 counts the bytes still to do and drops only
 * after the stores of a step completed. A fault in a word step resumes the
 * same bytes one at a time (redoing a store is harmless), so the count
 * returned is exact: every byte before the first inaccessible one is done,
 * as Linux asks of a copy whose first byte is accessible.
 */
#include <linux/errno.h>
#include <asm/csr.h>

/* insn, with an exception-table entry sending a fault to the final exit */
	.macro	UACCESS insn:vararg
99:	\insn
	.pushsection __ex_table, "a"
	.balign	4
	.long	99b, .Lfixup_count
	.popsection
	.endm

/* insn of a word step: a fault goes on byte by byte from the step's start */
	.macro	UACCESS_TO label, insn:vararg
99:	\insn
	.pushsection __ex_table, "a"
	.balign	4
	.long	99b, \label
	.popsection
	.endm

	.section .text.uaccess, "ax"

/*
 * unsigned long __asm_copy_user(void *to, const void *from, unsigned long n)
 * Words while both pointers are word aligned (four at a time, then one),
 * bytes otherwise and for the tail.
 */
	.balign	4
	.globl	__asm_copy_user
__asm_copy_user:
	li	t6, SR_SUM
	csrs	sstatus, t6
	or	t0, a0, a1
	andi	t0, t0, 3
	bnez	t0, .Lcopy_bytes
	li	t1, 16
	bltu	a2, t1, .Lcopy_words
.Lcopy_4words:
	UACCESS_TO .Lcopy_bytes, lw t2, 0(a1)
	UACCESS_TO .Lcopy_bytes, lw t3, 4(a1)
	UACCESS_TO .Lcopy_bytes, lw t4, 8(a1)
	UACCESS_TO .Lcopy_bytes, lw t5, 12(a1)
	UACCESS_TO .Lcopy_bytes, sw t2, 0(a0)
	UACCESS_TO .Lcopy_bytes, sw t3, 4(a0)
	UACCESS_TO .Lcopy_bytes, sw t4, 8(a0)
	UACCESS_TO .Lcopy_bytes, sw t5, 12(a0)
	addi	a0, a0, 16
	addi	a1, a1, 16
	addi	a2, a2, -16
	bgeu	a2, t1, .Lcopy_4words
.Lcopy_words:
	li	t1, 4
	bltu	a2, t1, .Lcopy_bytes
	UACCESS_TO .Lcopy_bytes, lw t2, 0(a1)
	UACCESS_TO .Lcopy_bytes, sw t2, 0(a0)
	addi	a0, a0, 4
	addi	a1, a1, 4
	addi	a2, a2, -4
	j	.Lcopy_words
.Lcopy_bytes:
	beqz	a2, .Ldone_count
	UACCESS	lbu t2, 0(a1)
	UACCESS	sb t2, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	.Lcopy_bytes

/* unsigned long __asm_clear_user(void *to, unsigned long n) */
	.balign	4
	.globl	__asm_clear_user
__asm_clear_user:
	li	t6, SR_SUM
	csrs	sstatus, t6
	mv	a2, a1
.Lclear_head:
	beqz	a2, .Ldone_count
	andi	t0, a0, 3
	beqz	t0, .Lclear_words
	UACCESS	sb zero, 0(a0)
	addi	a0, a0, 1
	addi	a2, a2, -1
	j	.Lclear_head
.Lclear_words:
	li	t1, 4
.Lclear_word:
	bltu	a2, t1, .Lclear_tail
	UACCESS_TO .Lclear_tail, sw zero, 0(a0)
	addi	a0, a0, 4
	addi	a2, a2, -4
	j	.Lclear_word
.Lclear_tail:
	beqz	a2, .Ldone_count
	UACCESS	sb zero, 0(a0)
	addi	a0, a0, 1
	addi	a2, a2, -1
	j	.Lclear_tail

/* Normal and fault exits of the two above: a2 = bytes not done. */
.Ldone_count:
.Lfixup_count:
	csrc	sstatus, t6
	mv	a0, a2
	ret

/*
 * long __asm_strncpy_from_user(char *dst, const char *src, long max)
 * Byte by byte up to and with the NUL: returns the NUL's index (the
 * length), max if none came, -EFAULT on a fault.
 */
	.balign	4
	.globl	__asm_strncpy_from_user
__asm_strncpy_from_user:
	li	t6, SR_SUM
	csrs	sstatus, t6
	li	t0, 0
.Lstr_loop:
	beq	t0, a2, .Lstr_done
	add	t1, a1, t0
99:	lbu	t2, 0(t1)
	.pushsection __ex_table, "a"
	.balign	4
	.long	99b, .Lstr_fault
	.popsection
	add	t3, a0, t0
	sb	t2, 0(t3)
	beqz	t2, .Lstr_done
	addi	t0, t0, 1
	j	.Lstr_loop
.Lstr_done:
	csrc	sstatus, t6
	mv	a0, t0
	ret
.Lstr_fault:
	csrc	sstatus, t6
	li	a0, -EFAULT
	ret
