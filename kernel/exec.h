/* SPDX-License-Identifier: MIT */
/* The ELF loader and the initrd's programs (kernel/exec.c). */
#ifndef _KERNEL_EXEC_H
#define _KERNEL_EXEC_H

#include <linux/types.h>

struct mm_struct;
struct pt_regs;

/* The initial stack region: this much mapped, growing on demand to STACK_RLIMIT. */
#define EXEC_STACK_PAGES	4
/* AT_RANDOM's bytes */
#define EXEC_RANDOM_BYTES	16

/*
 * Load the ELF image (checked by elf_check() first) into the empty mm as
 * the program name: every PT_LOAD a region with its rights and its file
 * part copied into private frames (the rest reads zero), the brk at the
 * plan's start_brk, a MAP_GROWSDOWN stack at STACK_TOP holding argc,
 * argv = { name }, an empty envp and the auxiliary vector. regs becomes
 * the first user frame (entry, sp 16-byte aligned, U-mode). 0, -ENOEXEC
 * (a bad image: its reason printed), -ENOMEM; on failure the caller drops
 * mm, which holds whatever was mapped.
 */
int exec_load(struct mm_struct *mm, const char *name, const void *image, size_t size,
	      struct pt_regs *regs);

/*
 * Run the initrd's programs (the DT's, else the built-in one), one after
 * another as fresh processes, with init= and expect_fail= applied; frees
 * the initrd after the last is loaded. Returns the failures not listed
 * in expect_fail; *initrd_pages gets the frames free_initrd_mem() gave back.
 */
unsigned int run_init_programs(unsigned long *initrd_pages);

#endif /* _KERNEL_EXEC_H */
