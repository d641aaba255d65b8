/* SPDX-License-Identifier: MIT */
/*
 * clear_page and copy_page (contracts in asm/page.h): a whole 4 KiB frame
 * at a page-aligned kernel address, 256 bytes per iteration with word
 * stores. picolibc's memset and memcpy are built for size and move a byte
 * per step (about four instructions a byte); the fault paths zero or copy
 * a page on every demand-zero and copy-on-write fault, so they get their
 * own loops: 1,024 stores and 32 loop instructions to clear, 2,048 memory
 * operations and 48 to copy.
 */
#include <asm/page.h>

	.section .text.page, "ax"

/* void clear_page(void *page) */
	.balign	4
	.globl	clear_page
clear_page:
	li	t0, PAGE_SIZE
	add	t0, a0, t0
1:
	.irp	off, 0,4,8,12,16,20,24,28,32,36,40,44,48,52,56,60,64,68,72,76,80,84,88,92,96,100,104,108,112,116,120,124,128,132,136,140,144,148,152,156,160,164,168,172,176,180,184,188,192,196,200,204,208,212,216,220,224,228,232,236,240,244,248,252
	sw	zero, \off(a0)
	.endr
	addi	a0, a0, 256
	bne	a0, t0, 1b
	ret

/* void copy_page(void *to, const void *from) */
	.balign	4
	.globl	copy_page
copy_page:
	li	t0, PAGE_SIZE
	add	t0, a1, t0
1:
	.irp	base, 0, 32, 64, 96, 128, 160, 192, 224
	lw	t1, \base+0(a1)
	lw	t2, \base+4(a1)
	lw	t3, \base+8(a1)
	lw	t4, \base+12(a1)
	lw	t5, \base+16(a1)
	lw	t6, \base+20(a1)
	lw	a2, \base+24(a1)
	lw	a3, \base+28(a1)
	sw	t1, \base+0(a0)
	sw	t2, \base+4(a0)
	sw	t3, \base+8(a0)
	sw	t4, \base+12(a0)
	sw	t5, \base+16(a0)
	sw	t6, \base+20(a0)
	sw	a2, \base+24(a0)
	sw	a3, \base+28(a0)
	.endr
	addi	a0, a0, 256
	addi	a1, a1, 256
	bne	a1, t0, 1b
	ret
