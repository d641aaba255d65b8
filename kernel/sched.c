// SPDX-License-Identifier: MIT
/*
 * The scheduler: one round-robin run queue per hart, time slices counted
 * by the tick, sleeping and waking, wait queues (contracts and
 * invariants in <linux/sched.h>).
 *
 * A switch: schedule() takes this hart's rq lock with interrupts off,
 * puts prev back at the tail if it is still runnable, takes the head (or
 * the idle task), switches the address space (context_switch) and the
 * registers (__switch_to). The next task finishes the switch in
 * finish_task_switch(), on its own stack: it marks prev as off the hart
 * (only then may a reaper free prev's stack), drops a borrowed mm and
 * unlocks. Only this hart's rq lock is taken: harts never share a lock on
 * the switch path.
 *
 * Preemption (preempt=, <linux/preempt.h>): with preempt=full (the
 * default) the kernel is preemptible wherever preempt_count is 0 and
 * interrupts are on, as Linux's PREEMPT: the tick or a wake-up sets
 * this hart's need-resched flag, and the next preempt_enable() that drops
 * the count to 0, or the return of an interrupt to such code, switches.
 * A preempted task goes back on the queue whatever its state (it may be
 * half-way into a sleep: prepare_to_wait set its state, schedule() was not
 * called yet); only a task that calls schedule() itself leaves the queue
 * by its state. preempt=none switches only where the kernel offers to
 * (schedule, cond_resched, the return to user mode), as PREEMPT_NONE.
 */
#include <string.h>

#include <linux/bootparam.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/time.h>
#include <asm/csr.h>
#include <asm/mmu_context.h>
#include <asm/smp.h>

__thread struct task_struct *current_task = &init_task;
static struct rq runqueues[NR_CPUS];

/* Sleepers with a timeout, any hart (sleep_lock, taken with interrupts off). */
static LIST_HEAD(sleepers);
static DEFINE_SPINLOCK(sleep_lock);

/* preempt=full (true) or none; read on every preemption point. */
static bool preempt_full = true;
unsigned long nr_sched_atomic_bugs;

static int set_preempt_mode(const char *val)
{
	if (!strcmp(val, "full")) {
		preempt_full = true;
	} else if (!strcmp(val, "none") || !strcmp(val, "voluntary")) {
		/* voluntary: cond_resched() is the only extra point, as with none here */
		preempt_full = false;
	} else {
		pr_warn("bootargs: preempt=%s rejected: expected none, voluntary or full, keeping %s\n",
			val, preempt_full ? "full" : "none");
		return -EINVAL;
	}
	return 0;
}
BOOT_PARAM_CALL("preempt", set_preempt_mode,
		"kernel preemption: full (default: switch wherever preempt_count is 0), "
		"none or voluntary (only at schedule, cond_resched and the return to user)");

const char *preempt_mode(void)
{
	return preempt_full ? "full" : "none";
}

static struct rq *this_rq(void)
{
	return &runqueues[smp_processor_id()];
}

/*
 * Ask rq's hart to switch at its next chance. This hart's flag is what
 * preempt_enable() and the trap return read; another hart's rq keeps the
 * request until its own tick sees it (the SMP issue adds the IPI).
 */
static void resched_curr(struct rq *rq)
{
	rq->need_resched = true;
	if (rq == this_rq())
		set_preempt_need_resched();
}

static int idle_fn(void *unused)
{
	(void)unused;
	for (;;) {
		/* wfi wakes on a pending interrupt even with SIE clear: no lost wake-up */
		local_irq_disable();
		if (!this_rq()->nr_running && !this_rq()->need_resched)
			__asm__ __volatile__("wfi");
		local_irq_enable();
		schedule();
	}
	return 0;
}

void sched_init(void)
{
	struct rq *rq = this_rq();
	struct task_struct *idle;

	spin_lock_init(&rq->lock);
	INIT_LIST_HEAD(&rq->queue);
	rq->curr = current;
	current->on_cpu = true;
	current->cpu = smp_processor_id();
	idle = kthread_create(idle_fn, NULL, "idle");
	if (!idle)
		panic("sched_init: no memory for the idle task");
	rq->idle = idle;
	/* the idle task is never queued; kthread_create left it sleeping */
	idle->state = TASK_RUNNING;
}

static void enqueue_task(struct rq *rq, struct task_struct *t)
{
	list_add_tail(&t->run_list, &rq->queue);
	t->on_rq = true;
	rq->nr_running++;
}

static struct task_struct *pick_next_task(struct rq *rq)
{
	struct task_struct *t;

	if (list_empty(&rq->queue))
		return rq->idle;
	t = list_first_entry(&rq->queue, struct task_struct, run_list);
	list_del(&t->run_list);
	t->on_rq = false;
	rq->nr_running--;
	return t;
}

bool wake_up_process(struct task_struct *t)
{
	struct rq *rq = &runqueues[t->cpu];
	unsigned long flags;
	bool woke = false;

	spin_lock_irqsave(&rq->lock, flags);
	if (t->state == TASK_INTERRUPTIBLE || t->state == TASK_UNINTERRUPTIBLE) {
		t->state = TASK_RUNNING;
		woke = true;
	}
	if (t->state == TASK_RUNNING && !t->on_rq && t != rq->curr && t != rq->idle) {
		enqueue_task(rq, t);
		if (rq->curr == rq->idle)
			resched_curr(rq);
	}
	spin_unlock_irqrestore(&rq->lock, flags);
	return woke;
}

/*
 * Address spaces across the switch: a task with an mm runs on it (its
 * active_mm); one without borrows prev's active_mm (mmgrab) so satp need
 * not change. A borrowed mm is dropped when its borrower leaves the hart,
 * after the switch (rq->prev_mm), never under the borrower's feet.
 */
static void context_switch(struct rq *rq, struct task_struct *prev, struct task_struct *next)
{
	struct mm_struct *oldmm = prev->active_mm;

	if (next->mm) {
		switch_mm(oldmm ? oldmm : &init_mm, next->mm);
	} else {
		next->active_mm = oldmm;
		if (oldmm)
			mmgrab(oldmm);
	}
	if (!prev->mm) {
		rq->prev_mm = prev->active_mm;
		prev->active_mm = NULL;
	}
	rq->curr = next;
	next->on_cpu = true;
	rq->nr_switches++;
	current_task = next;
	prev = __switch_to(prev, next);
	/* now on next's stack (next is current again): finish the switch */
	schedule_tail(prev);
}

/* The second half of a switch, on the new task's stack (rq lock held, irqs off). */
static void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	struct mm_struct *mm = rq->prev_mm;

	rq->prev_mm = NULL;
	__atomic_store_n(&prev->on_cpu, false, __ATOMIC_RELEASE);
	/* the count __schedule() took: irqs are off, the caller decides on a switch */
	arch_spin_unlock(&rq->lock);
	preempt_enable_no_resched();
	if (mm)
		mmdrop(mm);
}

void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	local_irq_enable();
}

/*
 * One switch decision. preempt: prev is taken off the hart, not going to
 * sleep, so it stays runnable whatever its state says. Returns with
 * interrupts on and the count as it was (0).
 */
static void __schedule(bool preempt)
{
	struct task_struct *prev = current, *next;
	struct rq *rq = this_rq();

	BUG_ON(in_interrupt());
	local_irq_disable();
	spin_lock(&rq->lock);
	rq->need_resched = false;
	clear_preempt_need_resched();
	if (preempt || prev->state == TASK_RUNNING) {
		if (prev != rq->idle && !prev->on_rq)
			enqueue_task(rq, prev);
		prev->nivcsw++;
	} else {
		prev->nvcsw++;
	}
	next = pick_next_task(rq);
	if (next == prev) {
		arch_spin_unlock(&rq->lock);
		preempt_enable_no_resched();
		local_irq_enable();
		return;
	}
	next->slice = SCHED_SLICE_TICKS;
	context_switch(rq, prev, next);
}

/*
 * Sleeping with preemption off (a spinlock or kmap_atomic held, or
 * interrupts off) would switch away from a held lock: Linux's "scheduling
 * while atomic". It is
 * reported with its caller (an error fails the run) and the count is not
 * touched: the holder's unlock still has to balance it.
 */
static void schedule_debug(unsigned long caller)
{
	char sym[KSYM_NAME_LEN + 32];

	if (unlikely(preempt_count() || irqs_disabled())) {
		nr_sched_atomic_bugs++;
		pr_err("BUG: scheduling while atomic: %s/%d/0x%08x%s caller %s\n", current->comm,
		       current->pid, preempt_count(), irqs_disabled() ? " irqs off" : "",
		       sprint_backtrace(sym, sizeof(sym), caller));
	}
}

void schedule(void)
{
	schedule_debug((unsigned long)__builtin_return_address(0));
	__schedule(false);
}

void __noreturn do_task_dead(void)
{
	/* interrupts are off since the task became a zombie: that is the point */
	__schedule(false);
	BUG();
}

void preempt_schedule(void)
{
	if (!preempt_full || preempt_count() || irqs_disabled() || in_interrupt())
		return;
	do {
		__schedule(true);
	} while (need_resched());
}

void preempt_schedule_irq(void)
{
	if (!preempt_full || preempt_count())
		return;
	while (need_resched())
		__schedule(true);
}

bool need_resched(void)
{
	struct rq *rq = this_rq();

	/* another hart's wake-up left its request on this rq */
	if (unlikely(READ_ONCE(rq->need_resched)) && !test_preempt_need_resched())
		set_preempt_need_resched();
	return test_preempt_need_resched();
}

void cond_resched(void)
{
	if (need_resched())
		schedule();
}

void sched_yield(void)
{
	schedule();
}

void scheduler_tick(void)
{
	struct rq *rq = this_rq();
	struct task_struct *t, *n;
	struct task_struct *curr = rq->curr;

	if (curr == rq->idle) {
		if (rq->nr_running)
			resched_curr(rq);
	} else if (curr && !--curr->slice) {
		/* refilled here: a task alone on its hart keeps getting slices */
		curr->slice = SCHED_SLICE_TICKS;
		resched_curr(rq);
	}
	spin_lock(&sleep_lock);
	list_for_each_entry_safe(t, n, &sleepers, timer_list) {
		if (time_before(jiffies, t->timeout))
			continue;
		list_del_init(&t->timer_list);
		wake_up_process(t);
	}
	spin_unlock(&sleep_lock);
}

long schedule_timeout(long ticks)
{
	unsigned long flags, expire = jiffies + (unsigned long)ticks;
	long left;

	spin_lock_irqsave(&sleep_lock, flags);
	current->timeout = expire;
	list_add_tail(&current->timer_list, &sleepers);
	spin_unlock_irqrestore(&sleep_lock, flags);
	schedule();
	spin_lock_irqsave(&sleep_lock, flags);
	if (!list_empty(&current->timer_list))
		list_del_init(&current->timer_list);
	spin_unlock_irqrestore(&sleep_lock, flags);
	left = (long)(expire - jiffies);
	return left > 0 ? left : 0;
}

void msleep(unsigned int msecs)
{
	/* +1: the current tick is partly gone, sleep at least msecs */
	long ticks = (long)(((u64)msecs * tick_hz + 999) / 1000) + 1;

	while (ticks) {
		current->state = TASK_UNINTERRUPTIBLE;
		ticks = schedule_timeout(ticks);
	}
}

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, long state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &wq->head);
	/* before the condition is tested: a wake-up after the test is not lost */
	current->state = state;
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	current->state = TASK_RUNNING;
	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up(struct wait_queue_head *wq)
{
	struct wait_queue_entry *w;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry(w, &wq->head, entry)
		wake_up_process(w->task);
	spin_unlock_irqrestore(&wq->lock, flags);
}

unsigned long nr_context_switches(void)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < NR_CPUS; i++)
		n += READ_ONCE(runqueues[i].nr_switches);
	return n;
}

int sched_check(void)
{
	struct rq *rq = this_rq();
	struct task_struct *t;
	unsigned long flags;
	unsigned int n = 0;
	int err = 0;

	spin_lock_irqsave(&rq->lock, flags);
	if (rq->curr != current) {
		pr_err("sched_check: rq->curr %s is not current %s\n", rq->curr->comm, current->comm);
		err = -EFAULT;
	}
	list_for_each_entry(t, &rq->queue, run_list) {
		n++;
		if (!t->on_rq || t->state != TASK_RUNNING || t == rq->curr || t == rq->idle) {
			pr_err("sched_check: %s (pid %d) on the queue with on_rq=%d state=%ld\n",
			       t->comm, t->pid, t->on_rq, t->state);
			err = -EFAULT;
		}
	}
	if (n != rq->nr_running) {
		pr_err("sched_check: %u tasks queued, nr_running %u\n", n, rq->nr_running);
		err = -EFAULT;
	}
	if (current->mm && current->active_mm != current->mm) {
		pr_err("sched_check: %s runs on an mm not its own\n", current->comm);
		err = -EFAULT;
	}
	spin_unlock_irqrestore(&rq->lock, flags);
	return err;
}
