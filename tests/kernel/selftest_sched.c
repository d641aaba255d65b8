// SPDX-License-Identifier: MIT
/*
 * selftest=sched: the scheduler on the live kernel. A kernel loop that
 * never offers to switch is preempted by the tick (preempt=full) unless it
 * holds a spinlock or preempt_disable(), and then the unlock switches at
 * once; msleep sleeps (it does not spin) for at least its time; a wait
 * queue wakes its sleeper; schedule() with preemption off is reported;
 * the run queue's invariants hold after each. The other side of each case
 * is a kernel thread, child of the task running the suite, reaped by it.
 */
#include <string.h>

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/selftest.h>
#include <linux/spinlock.h>

/* How long a case waits for the other thread before it calls it stuck. */
#define WAIT_SLICES	4

struct bumper {
	unsigned long count;		/* loop passes the thread made */
	bool stop;
	bool started;
};

/* Counts until told to stop, offering to switch only through preemption. */
static int bump_fn(void *arg)
{
	struct bumper *b = arg;

	WRITE_ONCE(b->started, true);
	while (!READ_ONCE(b->stop)) {
		WRITE_ONCE(b->count, b->count + 1);
		/* no cond_resched: only the tick takes the hart from here */
		barrier();
	}
	return 0;
}

/* Spin (interrupts on, no switch offered) until cond or ticks pass; true if cond. */
#define spin_until(cond, ticks) ({					\
	unsigned long __end = jiffies + (ticks);			\
	while (!(cond) && time_before(jiffies, __end))			\
		barrier();						\
	(cond);								\
})

static bool reap(pid_t pid)
{
	int status = -1;

	return kernel_wait4(pid, &status, 0) == pid && status == 0;
}

/* Start a bumper and let it run once (so it is past its start): its pid, or 0. */
static pid_t start_bumper(struct selftest *t, struct bumper *b)
{
	struct task_struct *k;

	memset(b, 0, sizeof(*b));
	k = kthread_run(bump_fn, b, "st-bump");
	ST_EXPECT(t, k != NULL);
	if (!k)
		return 0;
	return k->pid;
}

static void stop_bumper(struct selftest *t, struct bumper *b, pid_t pid)
{
	WRITE_ONCE(b->stop, true);
	ST_EXPECT(t, reap(pid));
}

static void preempt_kernel_loop(struct selftest *t)
{
	struct bumper b;
	pid_t pid;

	if (strcmp(preempt_mode(), "full"))
		ST_SKIP(t, "preempt=none: the kernel is not preempted");
	pid = start_bumper(t, &b);
	if (!pid)
		return;
	/* this loop never yields: the bumper runs only if the tick preempts it */
	ST_EXPECT(t, spin_until(READ_ONCE(b.count) > 0, WAIT_SLICES * SCHED_SLICE_TICKS));
	/* and the bumper's own loop is preempted back to us */
	ST_EXPECT(t, preempt_count() == 0);
	stop_bumper(t, &b, pid);
	ST_EXPECT_EQ(t, sched_check(), 0);
}

static void spinlock_holds_off_preemption(struct selftest *t)
{
	static DEFINE_SPINLOCK(lock);
	unsigned long before;
	struct bumper b;
	pid_t pid;

	if (strcmp(preempt_mode(), "full"))
		ST_SKIP(t, "preempt=none: the kernel is not preempted");
	pid = start_bumper(t, &b);
	if (!pid)
		return;
	spin_until(READ_ONCE(b.count) > 0, WAIT_SLICES * SCHED_SLICE_TICKS);
	spin_lock(&lock);
	ST_EXPECT_EQ(t, preempt_count(), 1);
	before = READ_ONCE(b.count);
	/* two whole slices with the lock held: the bumper never runs */
	spin_until(false, 2 * SCHED_SLICE_TICKS);
	ST_EXPECT_EQ(t, READ_ONCE(b.count), before);
	ST_EXPECT(t, need_resched());
	/* the unlock is the preemption point: the bumper runs before it returns */
	spin_unlock(&lock);
	ST_EXPECT(t, READ_ONCE(b.count) != before);
	ST_EXPECT_EQ(t, preempt_count(), 0);

	preempt_disable();
	preempt_disable();
	ST_EXPECT(t, in_atomic());
	before = READ_ONCE(b.count);
	spin_until(false, 2 * SCHED_SLICE_TICKS);
	preempt_enable();
	ST_EXPECT_EQ(t, READ_ONCE(b.count), before);	/* still one count up */
	preempt_enable();
	ST_EXPECT(t, READ_ONCE(b.count) != before);
	stop_bumper(t, &b, pid);
}

static void msleep_sleeps(struct selftest *t)
{
	unsigned long j0 = jiffies, sw0 = current->nvcsw;

	msleep(50);
	/* at least 50 ms (+1 tick for the one under way), by sleeping */
	ST_EXPECT(t, jiffies - j0 >= (50 * tick_hz + 999) / 1000);
	ST_EXPECT(t, current->nvcsw > sw0);
	ST_EXPECT_EQ(t, current->state, TASK_RUNNING);
}

struct waiter {
	struct wait_queue_head wq;
	bool go;
	bool woke;
};

static int wait_fn(void *arg)
{
	struct waiter *w = arg;

	wait_event(w->wq, READ_ONCE(w->go));
	WRITE_ONCE(w->woke, true);
	return 0;
}

static void waitqueue_wakes(struct selftest *t)
{
	struct waiter w = { .go = false };
	struct task_struct *k;
	pid_t pid;

	init_waitqueue_head(&w.wq);
	k = kthread_run(wait_fn, &w, "st-wait");
	ST_ASSERT(t, k != NULL);
	pid = k->pid;
	msleep(30);
	/* asleep on the queue, not spinning, and not woken by anything else */
	ST_EXPECT(t, !READ_ONCE(w.woke));
	ST_EXPECT_EQ(t, READ_ONCE(k->state), TASK_UNINTERRUPTIBLE);
	WRITE_ONCE(w.go, true);
	wake_up(&w.wq);
	ST_EXPECT(t, reap(pid));
	ST_EXPECT(t, w.woke);
}

static void schedule_while_atomic_reported(struct selftest *t)
{
	static DEFINE_SPINLOCK(lock);
	unsigned long bugs = nr_sched_atomic_bugs;

	ST_EXPECT_ERRORS(t, "BUG: scheduling while atomic: swapper/0/0x00000001");
	spin_lock(&lock);
	/* nothing else is runnable: the call comes straight back */
	schedule();
	spin_unlock(&lock);
	ST_EXPECT_EQ(t, nr_sched_atomic_bugs, bugs + 1);
	ST_EXPECT_EQ(t, preempt_count(), 0);
}

static const struct selftest_case sched_cases[] = {
	{ "preempt_kernel_loop", preempt_kernel_loop },
	{ "spinlock_holds_off_preemption", spinlock_holds_off_preemption },
	{ "msleep_sleeps", msleep_sleeps },
	{ "waitqueue_wakes", waitqueue_wakes },
	{ "schedule_while_atomic_reported", schedule_while_atomic_reported },
};

SELFTEST_SUITE(sched_suite, "sched", sched_cases);
