/* SPDX-License-Identifier: MIT */
/*
 * The built-in initrd: the tests/user/ programs packed as cpio newc by the
 * build ($(USER_INITRD), its path in BUILTIN_INITRD), linked into the
 * image so that a board run without an initrd of its own runs them.
 * Read-only data: the loader copies out of it, nothing frees it.
 */
	.section .rodata.builtin_initrd, "a"
	.balign	4
	.globl	__builtin_initrd_start
__builtin_initrd_start:
	.incbin	BUILTIN_INITRD
	.globl	__builtin_initrd_end
__builtin_initrd_end:
