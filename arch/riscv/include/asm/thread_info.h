/* SPDX-License-Identifier: MIT */
/* Kernel stack geometry, shared by entry.S, the trap code and vmalloc. */
#ifndef _ASM_THREAD_INFO_H
#define _ASM_THREAD_INFO_H

/* Kernel stacks are THREAD_SIZE bytes and THREAD_SIZE-aligned. */
#define THREAD_SIZE	16384
#define THREAD_SHIFT	14
/*
 * A vmalloc'ed stack (alloc_thread_stack) is the upper half of a
 * THREAD_ALIGN-aligned block whose lower half is never mapped. So inside
 * the vmalloc range, an sp with bit THREAD_SHIFT clear has run off the
 * bottom of its stack: entry.S checks that on every kernel trap and moves
 * to the hart's overflow stack before saving anything.
 */
#define THREAD_ALIGN	(2 * THREAD_SIZE)
/* Per-hart stack the stack-overflow report runs on. */
#define OVERFLOW_STACK_SHIFT	13
#define OVERFLOW_STACK_SIZE	(1 << OVERFLOW_STACK_SHIFT)

#endif /* _ASM_THREAD_INFO_H */
