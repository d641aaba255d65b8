// SPDX-License-Identifier: MIT
/*
 * The system calls (numbers and ABI in <linux/syscalls.h>). Arguments are
 * checked as Linux checks them; every user pointer goes through uaccess,
 * a bad one is -EFAULT; the address-space calls are the mm/ operations
 * on current->mm, whose errno values are already Linux's.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>

#include "crash_test.h"

#define SYSCALL_DEFINE(name) \
	static long sys_##name(struct pt_regs *regs, unsigned long a0, unsigned long a1, \
			       unsigned long a2, unsigned long a3, unsigned long a4, \
			       unsigned long a5)
#define UNUSED_ARGS()	((void)regs, (void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5)

/* The console's file descriptors: stdout and stderr. */
#define FD_STDOUT	1
#define FD_STDERR	2
/* write() copies and prints this much at a time. */
#define WRITE_CHUNK	256

SYSCALL_DEFINE(exit)
{
	UNUSED_ARGS();
	do_exit(EXIT_STATUS((int)a0));
}

/* One thread per process: exit_group ends it exactly as exit does. */
SYSCALL_DEFINE(exit_group)
{
	UNUSED_ARGS();
	do_exit(EXIT_STATUS((int)a0));
}

/* Print one chunk of a write as lines tagged with the writer ("name[pid]: text"). */
static void console_write_lines(const char *buf, size_t len)
{
	while (len) {
		const char *nl = memchr(buf, '\n', len);
		size_t n = nl ? (size_t)(nl - buf) : len;

		pr_info("%s[%d]: %.*s\n", current->comm, current->pid, (int)n, buf);
		if (nl)
			n++;
		buf += n;
		len -= n;
	}
}

SYSCALL_DEFINE(write)
{
	const char __user *ubuf = (const char __user *)a1;
	size_t count = a2, done = 0;
	char buf[WRITE_CHUNK];

	UNUSED_ARGS();
	crash_test_syscall();
	if ((int)a0 != FD_STDOUT && (int)a0 != FD_STDERR)
		return -EBADF;
	if ((long)count < 0)
		return -EINVAL;
	while (done < count) {
		size_t n = min(count - done, sizeof(buf));

		if (copy_from_user(buf, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		console_write_lines(buf, n);
		done += n;
	}
	return (long)done;
}

SYSCALL_DEFINE(getpid)
{
	UNUSED_ARGS();
	return current->pid;
}

SYSCALL_DEFINE(getppid)
{
	UNUSED_ARGS();
	return current->parent ? current->parent->pid : 0;
}

SYSCALL_DEFINE(sched_yield)
{
	UNUSED_ARGS();
	sched_yield();
	return 0;
}

/* Whole ticks that cover ns, plus the one already under way (sleep at least ns). */
static long ns_to_ticks(u64 ns)
{
	u64 ticks = (ns * tick_hz + NSEC_PER_SEC - 1) / NSEC_PER_SEC + 1;

	return ticks > LONG_MAX ? LONG_MAX : (long)ticks;
}

SYSCALL_DEFINE(nanosleep)
{
	struct __kernel_timespec ts;
	long ticks;

	UNUSED_ARGS();
	if (copy_from_user(&ts, (const void __user *)a0, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	/* seconds beyond what u64 nanoseconds hold sleep "forever" */
	ticks = (u64)ts.tv_sec > UINT64_MAX / NSEC_PER_SEC / 2 ? LONG_MAX
		: ns_to_ticks((u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec);
	while (ticks && !signal_pending(current)) {
		current->state = TASK_INTERRUPTIBLE;
		ticks = schedule_timeout(ticks);
	}
	current->state = TASK_RUNNING;
	if (ticks) {
		/* interrupted: the time left, if asked for (a fatal signal ends the task anyway) */
		u64 ns = (u64)ticks * NSEC_PER_SEC / tick_hz;
		struct __kernel_timespec rem = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

		if (a1 && copy_to_user((void __user *)a1, &rem, sizeof(rem)))
			return -EFAULT;
		return -EINTR;
	}
	return 0;
}

SYSCALL_DEFINE(kill)
{
	UNUSED_ARGS();
	return kill_pid((pid_t)a0, (int)a1);
}

SYSCALL_DEFINE(brk)
{
	UNUSED_ARGS();
	return (long)do_brk(current->mm, a0);
}

SYSCALL_DEFINE(munmap)
{
	UNUSED_ARGS();
	return do_munmap(current->mm, a0, a1);
}

SYSCALL_DEFINE(mremap)
{
	UNUSED_ARGS();
	return do_mremap(current->mm, a0, a1, a2, a3, a4);
}

/* fork as clone(SIGCHLD, 0, ...): the only flag set implemented. */
SYSCALL_DEFINE(clone)
{
	UNUSED_ARGS();
	if (a0 != SIGCHLD || a1)
		return -EINVAL;
	return kernel_fork(regs);
}

/* mmap2's convention: the offset a5 is in pages. No files: anonymous only. */
SYSCALL_DEFINE(mmap)
{
	UNUSED_ARGS();
	if (!(a3 & MAP_ANONYMOUS))
		return -EBADF;
	return do_mmap(current->mm, a0, a1, a2, a3, a5);
}

SYSCALL_DEFINE(mprotect)
{
	UNUSED_ARGS();
	return do_mprotect(current->mm, a0, a1, a2);
}

SYSCALL_DEFINE(madvise)
{
	UNUSED_ARGS();
	return do_madvise(current->mm, a0, a1, (int)a2);
}

/* wait4: WNOHANG is the only option; rusage is not filled (no accounting). */
SYSCALL_DEFINE(wait4)
{
	int status = 0;
	pid_t pid;

	UNUSED_ARGS();
	if (a2 & ~(unsigned long)WNOHANG)
		return -EINVAL;
	pid = kernel_wait4((pid_t)a0, &status, (int)a2);
	if (pid > 0 && a1 && put_user(status, (int __user *)a1))
		return -EFAULT;
	return pid;
}

const syscall_fn_t sys_call_table[NR_syscalls] = {
	[__NR_write] = sys_write,
	[__NR_exit] = sys_exit,
	[__NR_exit_group] = sys_exit_group,
	[__NR_nanosleep] = sys_nanosleep,
	[__NR_sched_yield] = sys_sched_yield,
	[__NR_kill] = sys_kill,
	[__NR_getpid] = sys_getpid,
	[__NR_getppid] = sys_getppid,
	[__NR_brk] = sys_brk,
	[__NR_munmap] = sys_munmap,
	[__NR_mremap] = sys_mremap,
	[__NR_clone] = sys_clone,
	[__NR_mmap] = sys_mmap,
	[__NR_mprotect] = sys_mprotect,
	[__NR_madvise] = sys_madvise,
	[__NR_wait4] = sys_wait4,
};
