/* SPDX-License-Identifier: MIT */
/*
 * The system call numbers the user programs use: Linux's asm-generic table
 * (include/uapi/asm-generic/unistd.h), which riscv32 uses, and the signal,
 * wait and clock constants with Linux's values. The numbers both variants
 * share live here; the two calls whose number differs between this kernel
 * and Linux's rv32 (wait4, nanosleep) are only named in abi_kernel.c and
 * abi_linux.c.
 */
#ifndef _UT_UNISTD_H
#define _UT_UNISTD_H

#define __NR_exit			93
#define __NR_exit_group			94
#define __NR_write			64
#define __NR_getpid			172
#define __NR_getppid			173
#define __NR_sched_yield		124
#define __NR_kill			129
#define __NR_brk			214
#define __NR_munmap			215
#define __NR_mremap			216
#define __NR_clone			220
#define __NR_mmap			222	/* mmap2 on 32-bit: offset in pages */
#define __NR_mprotect			226
#define __NR_madvise			233

/* Signals (asm-generic/signal.h). */
#define SIGKILL		9
#define SIGSEGV		11
#define SIGTERM		15
#define SIGCHLD		17

/* wait4/waitid options and the status word (as Linux's include/uapi/linux/wait.h). */
#define WNOHANG		0x00000001
#define WEXITED		0x00000004
#define P_ALL		0
#define P_PID		1
#define CLD_EXITED	1	/* siginfo si_code of a SIGCHLD */
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define WCOREFLAG	0x80
#define WIFEXITED(s)	(((s) & 0x7f) == 0)
#define WEXITSTATUS(s)	(((s) >> 8) & 0xff)
#define WIFSIGNALED(s)	(((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)	((s) & 0x7f)

#define CLOCK_MONOTONIC	1

#define PAGE_SIZE	4096UL

#endif /* _UT_UNISTD_H */
