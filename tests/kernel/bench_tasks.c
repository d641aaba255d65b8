// SPDX-License-Identifier: MIT
/*
 * bench=tasks: instructions per process operation, measured from user
 * mode (-icount shift=0). The programs (tests/user/bench_*, packed into
 * their own archive, tests/kernel/bench_progs.S, never into the initrd
 * that every boot runs) read instret themselves, which U-mode may do
 * only while scounteren.IR is set: this file sets it for the time a
 * program runs and clears it after. A program leaves its samples in the
 * result block of bench_abi.h; the kernel holds its mm until it has
 * exited and then reads them out.
 *
 *   getpid            one ecall of getpid: trap entry to sret
 *   yield_switch      sched_yield of one task to the first user
 *                     instruction of the other after its sched_yield
 *   fork_exit_wait_1m fork of a process with 1 MiB touched, the child's
 *                     exit_group, the parent's wait4 until it returns
 *   exec_first_insn   user_process_create() of a small program (task,
 *                     mm, ELF checks, segments, stack) to its first user
 *                     instruction (the wait4 sleep, the switch in,
 *                     ret_from_fork, sret)
 *
 * Interrupts stay on (the programs sleep, fork and yield): a tick that
 * lands inside a sample shows in max, not in the median.
 */
#include <string.h>

#include <linux/bench.h>
#include <linux/cpio.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <asm/csr.h>
#include <asm/uaccess.h>

#include "../user/lib/bench_abi.h"

extern const char __bench_progs_start[], __bench_progs_end[];

#define GETPID_SAMPLES	1001
#define YIELD_SAMPLES	2001	/* the program pairs up to 2 x 1001 yields */
#define FORK_SAMPLES	31
#define EXEC_SAMPLES	31
/* A program that ran to its end before its mm was held is run again. */
#define LAUNCH_TRIES	3

/* The bracket the kernel opened around one launch (exec_first_insn). */
struct launch {
	u32 start;	/* instret just before user_process_create() */
	u32 paused;	/* instructions spent holding the mm: not the row's */
};

static int find_program(const char *name, const void **data, size_t *size)
{
	struct cpio_member m;
	struct cpio_iter it;

	cpio_iter_init(&it, __bench_progs_start,
		       (size_t)(__bench_progs_end - __bench_progs_start));
	while (cpio_next(&it, &m) == 1) {
		if (CPIO_S_ISREG(m.mode) && !strcmp(m.name, name)) {
			*data = m.data;
			*size = m.size;
			return 0;
		}
	}
	pr_err("bench: no program %s in the bench archive\n", name);
	return -ENOENT;
}

/*
 * pid's mm with a user reference held, so that its exit leaves the
 * memory in place; NULL once it has none. Only the boot hart runs (the
 * others are parked), so the task does not run while this reads t->mm;
 * it is our child, so t stays valid until we reap it.
 */
static struct mm_struct *bench_task_mm(pid_t pid)
{
	struct task_struct *t = find_task_by_pid(pid);
	struct mm_struct *mm = t ? READ_ONCE(t->mm) : NULL;

	return mm && mmget_not_zero(mm) ? mm : NULL;
}

/* Copy the exited program's result block out of mm: up to n samples; the count or -errno. */
static int read_result(const char *name, struct mm_struct *mm, u32 *samples, unsigned int n)
{
	struct bench_result *res = kmalloc(sizeof(*res), GFP_KERNEL);
	struct mm_struct *prev;
	unsigned long left;
	int nr = -EINVAL;

	if (!res)
		return -ENOMEM;
	prev = use_mm(mm);
	left = copy_from_user(res, (const void __user *)BENCH_RESULT_ADDR, sizeof(*res));
	unuse_mm(mm, prev);
	if (!prev)
		exit_lazy_mm();
	if (left)
		pr_err("bench: %s left no result block\n", name);
	else if (res->error)
		pr_err("bench: %s: the check at line %u failed\n", name, res->error);
	else if (res->magic != BENCH_RESULT_MAGIC || !res->nr || res->nr > BENCH_RESULT_MAX)
		pr_err("bench: %s: bad result block (magic %#x, %u samples)\n", name,
		       res->magic, res->nr);
	else
		nr = (int)min(res->nr, n);
	if (nr > 0)
		memcpy(samples, res->samples, nr * sizeof(u32));
	kfree(res);
	return nr;
}

/*
 * Run the bench program name to its end with user access to instret
 * and read up to n samples from it; the count or -errno. *l is the
 * kernel's bracket around the launch.
 */
static int run_program(const char *name, u32 *samples, unsigned int n, struct launch *l)
{
	struct mm_struct *mm = NULL;
	const void *image;
	size_t size;
	int status = -1, err, tries;

	err = find_program(name, &image, &size);
	if (err)
		return err;
	csr_set(scounteren, SCOUNTEREN_IR);
	for (tries = 0; tries < LAUNCH_TRIES && !mm; tries++) {
		pid_t pid;
		u32 p0;

		l->start = bench_begin();
		pid = user_process_create(name, image, size);
		if (pid < 0) {
			err = pid;
			break;
		}
		p0 = get_instret();
		mm = bench_task_mm(pid);
		l->paused = get_instret() - p0;
		if (kernel_wait4(pid, &status, 0) != pid) {
			err = -ECHILD;
			break;
		}
	}
	csr_clear(scounteren, SCOUNTEREN_IR);
	if (!mm)
		return err ? err : -EAGAIN;
	if (!err) {
		/* a failed check leaves its line in the block: read it either way */
		err = read_result(name, mm, samples, n);
		if (status) {
			pr_err("bench: %s did not exit 0 (status %#x)\n", name, status);
			err = -ECHILD;
		}
	}
	mmput(mm);
	return err;
}

static int collect_getpid(u32 *samples, unsigned int n, u32 overhead)
{
	struct launch l;

	return run_program("bench_getpid", samples, n, &l);
}

static int collect_yield(u32 *samples, unsigned int n, u32 overhead)
{
	struct launch l;

	return run_program("bench_yield", samples, n, &l);
}

static int collect_fork(u32 *samples, unsigned int n, u32 overhead)
{
	struct launch l;

	return run_program("bench_fork", samples, n, &l);
}

/*
 * The program's one sample is the instret its first instruction read.
 * Less the bracket's start and the paused part, that leaves two counter
 * reads in the count (the start's and the end of the pause), each what
 * the empty bracket costs. One warm-up launch first.
 */
static int collect_exec(u32 *samples, unsigned int n, u32 overhead)
{
	unsigned int i;

	for (i = 0; i <= n; i++) {
		struct launch l;
		u32 first;
		int err = run_program("bench_exec", &first, 1, &l);

		if (err < 0)
			return err;
		if (i)
			samples[i - 1] = first - l.start - l.paused - 2 * overhead;
	}
	return (int)n;
}

BENCH(bench_tasks_getpid, .name = "tasks.getpid", .samples = GETPID_SAMPLES,
      .collect = collect_getpid);
BENCH(bench_tasks_yield, .name = "tasks.yield_switch", .samples = YIELD_SAMPLES,
      .collect = collect_yield);
BENCH(bench_tasks_fork, .name = "tasks.fork_exit_wait_1m", .samples = FORK_SAMPLES,
      .collect = collect_fork);
BENCH(bench_tasks_exec, .name = "tasks.exec_first_insn", .samples = EXEC_SAMPLES,
      .collect = collect_exec);
