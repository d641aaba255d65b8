/* SPDX-License-Identifier: MIT */
/*
 * System calls: the Linux riscv32 ABI (ecall; a7 = number, a0-a5 = the
 * arguments, a0 = the result or -errno; every other register survives)
 * with asm-generic's numbers (DESIGN.md section 5). nanosleep takes the
 * 64-bit struct __kernel_timespec (docs/PROGRAMS.md).
 */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/types.h>

#define __NR_exit		93
#define __NR_exit_group		94
#define __NR_nanosleep		101
#define __NR_sched_yield	124
#define __NR_kill		129
#define __NR_write		64
#define __NR_getpid		172
#define __NR_getppid		173
#define __NR_brk		214
#define __NR_munmap		215
#define __NR_mremap		216
#define __NR_clone		220
#define __NR_mmap		222
#define __NR_mprotect		226
#define __NR_madvise		233
#define __NR_wait4		260
#define NR_syscalls		261	/* one past the highest number in the table */

struct pt_regs;

/* Every handler takes the six argument registers; unused ones are ignored. */
typedef long (*syscall_fn_t)(struct pt_regs *regs, unsigned long a0, unsigned long a1,
			     unsigned long a2, unsigned long a3, unsigned long a4,
			     unsigned long a5);

/* Indexed by number; NULL entries are -ENOSYS (kernel/sys.c). */
extern const syscall_fn_t sys_call_table[NR_syscalls];

/* The 64-bit time ABI's timespec (Linux's struct __kernel_timespec). */
struct __kernel_timespec {
	s64 tv_sec;
	s64 tv_nsec;
};

/*
 * The work owed before a trap returns to user mode: act on a pending
 * fatal signal (do_exit), switch if the tick asked for it. Interrupts in
 * any state; returns with them on.
 */
void exit_to_user_mode(void);

#endif /* _LINUX_SYSCALLS_H */
