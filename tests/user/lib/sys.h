/* SPDX-License-Identifier: MIT */
/*
 * Raw system call wrappers, Linux riscv32 ABI: ecall with the number in a7
 * and the arguments in a0-a5; the result comes back in a0.
 *
 * Convention: every wrapper returns the kernel's raw result. A failure is a
 * value in [-4095, -1] (the negated Linux errno, e.g. -EINVAL); there is no
 * errno variable. Calls that return an address (mmap, mremap, brk) return
 * it as a long: test IS_ERR_VALUE() before using it as a pointer.
 */
#ifndef _UT_SYS_H
#define _UT_SYS_H

#include <linux/errno.h>
#include <linux/mman.h>

#include "unistd.h"

static inline long ut_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long a0 asm("a0") = a;
	register long a1 asm("a1") = b;
	register long a2 asm("a2") = c;
	register long a3 asm("a3") = d;
	register long a4 asm("a4") = e;
	register long a5 asm("a5") = f;
	register long a7 asm("a7") = n;

	asm volatile("ecall"
		     : "+r"(a0)
		     : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
		     : "memory");
	return a0;
}

#define ut_syscall0(n)			ut_syscall6((n), 0, 0, 0, 0, 0, 0)
#define ut_syscall1(n, a)		ut_syscall6((n), (long)(a), 0, 0, 0, 0, 0)
#define ut_syscall2(n, a, b)		ut_syscall6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define ut_syscall3(n, a, b, c)		ut_syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define ut_syscall4(n, a, b, c, d)	\
	ut_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define ut_syscall5(n, a, b, c, d, e)	\
	ut_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* struct __kernel_timespec: the 64-bit time layout both variants pass. */
struct ut_timespec {
	long long tv_sec;
	long long tv_nsec;
};

static inline __attribute__((noreturn)) void sys_exit_group(int status)
{
	ut_syscall1(__NR_exit_group, status);
	__builtin_unreachable();
}

/* exit(93): ends the calling thread; with one thread per process, the process. */
static inline __attribute__((noreturn)) void sys_exit(int status)
{
	ut_syscall1(__NR_exit, status);
	__builtin_unreachable();
}

static inline long sys_write(int fd, const void *buf, unsigned long len)
{
	return ut_syscall3(__NR_write, fd, buf, len);
}

static inline long sys_getpid(void)
{
	return ut_syscall0(__NR_getpid);
}

static inline long sys_getppid(void)
{
	return ut_syscall0(__NR_getppid);
}

static inline long sys_sched_yield(void)
{
	return ut_syscall0(__NR_sched_yield);
}

static inline long sys_kill(long pid, int sig)
{
	return ut_syscall2(__NR_kill, pid, sig);
}

static inline long sys_brk(unsigned long addr)
{
	return ut_syscall1(__NR_brk, addr);
}

/* mmap2: pgoff counts pages, as on every 32-bit Linux. */
static inline long sys_mmap(void *addr, unsigned long len, int prot, int flags, int fd,
			    unsigned long pgoff)
{
	return ut_syscall6(__NR_mmap, (long)addr, (long)len, prot, flags, fd, (long)pgoff);
}

static inline long sys_munmap(void *addr, unsigned long len)
{
	return ut_syscall2(__NR_munmap, addr, len);
}

static inline long sys_mremap(void *old, unsigned long old_len, unsigned long new_len,
			      int flags, void *new_addr)
{
	return ut_syscall5(__NR_mremap, old, old_len, new_len, flags, new_addr);
}

static inline long sys_mprotect(void *addr, unsigned long len, int prot)
{
	return ut_syscall3(__NR_mprotect, addr, len, prot);
}

static inline long sys_madvise(void *addr, unsigned long len, int advice)
{
	return ut_syscall3(__NR_madvise, addr, len, advice);
}

/*
 * fork as Linux's clone(SIGCHLD, 0, ...) does it: 0 in the child, the
 * child's pid in the parent, -errno on failure. Generic (not
 * CLONE_BACKWARDS) argument order: flags, newsp, parent_tid, child_tid, tls.
 */
static inline long sys_fork(void)
{
	return ut_syscall5(__NR_clone, SIGCHLD, 0, 0, 0, 0);
}

static inline long sys_syscall0(long nr)
{
	return ut_syscall0(nr);
}

/*
 * The two calls the variants implement differently (abi_kernel.c,
 * abi_linux.c). sys_wait4: pid -1 (any child) or > 0; status in Linux's
 * encoding; returns the reaped pid, 0 (WNOHANG, none ready) or -errno.
 * rusage must be NULL. sys_nanosleep: the 64-bit __kernel_timespec.
 */
long sys_wait4(long pid, int *status, int options, void *rusage);
long sys_nanosleep(const struct ut_timespec *req, struct ut_timespec *rem);

/* Which runtime this is: "kernel" or "linux". */
extern const char ut_abi_name[];
/* Whether the UTEST_SKIP/UTEST_ONLY environment selects cases (linux only). */
extern const int ut_abi_honours_env;

#endif /* _UT_SYS_H */
