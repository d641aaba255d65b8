// SPDX-License-Identifier: MIT
/*
 * Workqueues: per-CPU pools of queued work, each drained by one kernel
 * thread bound to its CPU (contracts in <linux/workqueue.h>).
 *
 * Queueing: the caller wins the PENDING bit with interrupts off (so an
 * interrupt on this CPU cannot see the item half-queued), then adds the
 * item to the pool's list under the pool's irq-safe lock and wakes the
 * worker. Delayed work wins PENDING the same way and arms its timer on
 * the target CPU; the timer's callback (hard interrupt) queues it.
 *
 * Waiting: flush_work() puts a barrier item right behind the one it waits
 * for (or at the head of the list when that one runs now) and sleeps until
 * the worker has run the barrier: everything queued before it on that
 * pool is done then, as Linux's insert_wq_barrier. cancel_*_sync() takes
 * PENDING itself (unqueueing the item or disarming its timer), so nobody
 * can queue it again, and sleeps until no worker runs it.
 *
 * The worker touches an item only before calling its function (unlink,
 * clear PENDING): the function may free the item, and an item on a
 * waiter's stack (a barrier, schedule_on_each_cpu's) is gone once the
 * waiter has seen it done.
 */
#define pr_fmt(fmt) "workqueue: " fmt

#include <stdio.h>
#include <string.h>

#include <linux/bug.h>
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <asm/smp.h>

/*
 * One CPU's pool. Invariants (pool->lock; workqueue_check re-derives them):
 *   w on worklist  =>  PENDING(w) and w->pool == pool and !timer_pending
 *   queued - done - cancelled == |worklist| + (current_work != NULL)
 *   current_work != NULL  <=>  the worker is inside current_func(current_work)
 *   worker != NULL  =>  worker->cpu == cpu (it never runs elsewhere)
 */
struct worker_pool {
	spinlock_t lock;
	unsigned int cpu;
	struct list_head worklist;		/* queued items, oldest first */
	struct task_struct *worker;		/* kworker/<cpu>; NULL until started */
	struct work_struct *current_work;	/* the item being run, or NULL */
	work_func_t current_func;
	struct wait_queue_head more_work;	/* the idle worker sleeps here */
	struct wait_queue_head done;		/* flush/cancel sleep here; woken after each item */
	unsigned long queued, done_count, cancelled;
};

static struct worker_pool worker_pools[NR_CPUS];
static bool pools_ready, workers_ready;

static struct workqueue_struct system_workqueue = { .name = "events" };
struct workqueue_struct *system_wq = &system_workqueue;

/* A flush_work waiter's item: run right after the one it waits for. */
struct wq_barrier {
	struct work_struct work;
	bool done;
};

/* The symbol of a work function, for messages (buf: WQ_SYM_LEN bytes). */
#define WQ_SYM_LEN	(KSYM_NAME_LEN + 32)
static const char *func_sym(char *buf, work_func_t fn)
{
	return fn ? sprint_symbol(buf, WQ_SYM_LEN, (unsigned long)fn) : "(none)";
}

/* ---- PENDING ---- */

/* Set PENDING; true if it was already set (someone else owns the item). */
static bool test_and_set_pending(struct work_struct *work)
{
	return __atomic_fetch_or(&work->data, WORK_STRUCT_PENDING, __ATOMIC_ACQ_REL) &
	       WORK_STRUCT_PENDING;
}

static void clear_pending(struct work_struct *work)
{
	__atomic_fetch_and(&work->data, ~WORK_STRUCT_PENDING, __ATOMIC_RELEASE);
}

/* ---- queueing ---- */

/*
 * Put work (PENDING already ours) on cpu's pool and wake its worker.
 * Interrupts off (the caller's section that won PENDING).
 */
static void __queue_work(unsigned int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	struct worker_pool *pool;

	(void)wq;	/* every workqueue shares the per-CPU pools */
	BUG_ON(!pools_ready);	/* queued before workqueue_init_early() */
	if (cpu == WORK_CPU_UNBOUND) {
		cpu = smp_processor_id();
	} else if (!cpu_online(cpu)) {
		char sym[WQ_SYM_LEN];

		pr_warn("work %s queued on offline CPU %u: queued on CPU %u\n",
			func_sym(sym, work->func), cpu, smp_processor_id());
		cpu = smp_processor_id();
	}
	pool = &worker_pools[cpu];
	spin_lock(&pool->lock);
	work->pool = pool;
	list_add_tail(&work->entry, &pool->worklist);
	pool->queued++;
	spin_unlock(&pool->lock);
	wake_up(&pool->more_work);
}

bool queue_work_on(unsigned int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	unsigned long flags;
	bool queued = false;

	local_irq_save(flags);
	if (!test_and_set_pending(work)) {
		__queue_work(cpu, wq, work);
		queued = true;
	}
	local_irq_restore(flags);
	return queued;
}

void delayed_work_timer_fn(struct timer_list *timer)
{
	struct delayed_work *dwork = from_timer(dwork, timer, timer);

	/* the tick's interrupt: interrupts are off, PENDING is still ours */
	__queue_work(dwork->cpu, dwork->wq, &dwork->work);
}

bool queue_delayed_work_on(unsigned int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay)
{
	unsigned long flags;
	bool queued = false;

	local_irq_save(flags);
	if (!test_and_set_pending(&dwork->work)) {
		queued = true;
		if (cpu == WORK_CPU_UNBOUND || !cpu_online(cpu))
			cpu = smp_processor_id();
		if (!delay) {
			__queue_work(cpu, wq, &dwork->work);
		} else {
			dwork->wq = wq;
			dwork->cpu = cpu;
			dwork->timer.expires = jiffies + delay;
			add_timer_on(&dwork->timer, cpu);
		}
	}
	local_irq_restore(flags);
	return queued;
}

/* ---- the worker ---- */

/* Run every item on pool's list, oldest first; pool->lock not held. */
static void process_worklist(struct worker_pool *pool)
{
	unsigned long flags;

	spin_lock_irqsave(&pool->lock, flags);
	while (!list_empty(&pool->worklist)) {
		struct work_struct *work = list_first_entry(&pool->worklist,
							    struct work_struct, entry);
		work_func_t fn = work->func;
		unsigned int count;

		list_del_init(&work->entry);
		pool->current_work = work;
		pool->current_func = fn;
		/* from here the item may be queued again, by fn itself too */
		clear_pending(work);
		spin_unlock_irqrestore(&pool->lock, flags);

		count = preempt_count();
		fn(work);
		if (unlikely(preempt_count() != count)) {
			char sym[WQ_SYM_LEN];

			pr_err("BUG: work %s left preempt_count %#x (was %#x)\n",
			       func_sym(sym, fn), preempt_count(), count);
		}

		spin_lock_irqsave(&pool->lock, flags);
		pool->current_work = NULL;
		pool->current_func = NULL;
		pool->done_count++;
		spin_unlock_irqrestore(&pool->lock, flags);
		wake_up(&pool->done);
		cond_resched();
		spin_lock_irqsave(&pool->lock, flags);
	}
	spin_unlock_irqrestore(&pool->lock, flags);
}

static int worker_thread(void *arg)
{
	struct worker_pool *pool = arg;

	for (;;) {
		wait_event(pool->more_work, READ_ONCE(pool->worklist.next) != &pool->worklist);
		process_worklist(pool);
	}
	return 0;
}

struct work_struct *current_work(void)
{
	struct worker_pool *pool = &worker_pools[smp_processor_id()];

	return current == READ_ONCE(pool->worker) ? READ_ONCE(pool->current_work) : NULL;
}

bool workqueue_started(void)
{
	return READ_ONCE(workers_ready);
}

/* ---- waiting: flush and cancel ---- */

static void wq_barrier_func(struct work_struct *work)
{
	struct wq_barrier *barr = container_of(work, struct wq_barrier, work);

	/* the last touch: the waiter's stack frame may be gone after this store */
	__atomic_store_n(&barr->done, true, __ATOMIC_RELEASE);
}

/* A sleeping call made where it could only hang: say so. true if refused. */
static bool refuse_wait(const char *fn, const struct work_struct *work)
{
	char sym[WQ_SYM_LEN];

	if (in_interrupt()) {
		pr_err("%s(%s) in interrupt context: refused\n", fn,
		       func_sym(sym, work ? work->func : NULL));
		return true;
	}
	if (!workqueue_started()) {
		pr_err("%s(%s) before the workers started: refused\n", fn,
		       func_sym(sym, work ? work->func : NULL));
		return true;
	}
	return false;
}

bool flush_work(struct work_struct *work)
{
	struct wq_barrier barr;
	struct worker_pool *pool;
	unsigned long flags;

	if (refuse_wait("flush_work", work))
		return false;
	local_irq_save(flags);
	pool = READ_ONCE(work->pool);
	if (!pool) {
		local_irq_restore(flags);
		return false;
	}
	spin_lock(&pool->lock);
	INIT_WORK(&barr.work, wq_barrier_func);
	barr.done = false;
	if (work->pool == pool && !list_empty(&work->entry)) {
		list_add(&barr.work.entry, &work->entry);
	} else if (pool->current_work == work) {
		list_add(&barr.work.entry, &pool->worklist);
	} else {
		spin_unlock(&pool->lock);
		local_irq_restore(flags);
		return false;
	}
	if (current == pool->worker) {
		/* the barrier would wait behind ourselves */
		list_del_init(&barr.work.entry);
		spin_unlock(&pool->lock);
		local_irq_restore(flags);
		char sym[WQ_SYM_LEN];

		pr_err("flush_work(%s) from its own CPU's worker: would deadlock, refused\n",
		       func_sym(sym, work->func));
		return false;
	}
	barr.work.data = WORK_STRUCT_PENDING;
	barr.work.pool = pool;
	pool->queued++;
	spin_unlock(&pool->lock);
	local_irq_restore(flags);
	wake_up(&pool->more_work);
	wait_event(pool->done, __atomic_load_n(&barr.done, __ATOMIC_ACQUIRE));
	return true;
}

bool flush_delayed_work(struct delayed_work *dwork)
{
	unsigned long flags;

	local_irq_save(flags);
	if (del_timer(&dwork->timer))
		__queue_work(dwork->cpu, dwork->wq, &dwork->work);
	local_irq_restore(flags);
	return flush_work(&dwork->work);
}

/*
 * Make PENDING ours. Returns with interrupts off (*flags saved) and 1 if
 * the item was pending (now unqueued or its timer disarmed), 0 if it was
 * idle; -EAGAIN with interrupts restored if it is in flight on another
 * CPU (between its timer and its pool, or mid-queue_work): retry.
 */
static int try_to_grab_pending(struct work_struct *work, bool is_dwork, unsigned long *flags)
{
	struct worker_pool *pool;

	local_irq_save(*flags);
	if (is_dwork && del_timer(&to_delayed_work(work)->timer))
		return 1;
	if (!test_and_set_pending(work))
		return 0;
	pool = READ_ONCE(work->pool);
	if (pool) {
		spin_lock(&pool->lock);
		if (work->pool == pool && !list_empty(&work->entry)) {
			list_del_init(&work->entry);
			pool->cancelled++;
			spin_unlock(&pool->lock);
			return 1;
		}
		spin_unlock(&pool->lock);
	}
	local_irq_restore(*flags);
	return -EAGAIN;
}

static int grab_pending(struct work_struct *work, bool is_dwork, unsigned long *flags)
{
	int ret;

	while ((ret = try_to_grab_pending(work, is_dwork, flags)) == -EAGAIN)
		__asm__ __volatile__("" ::: "memory");
	return ret;
}

/* Sleep until no worker runs work (PENDING ours: it cannot start again). */
static void wait_until_idle(struct work_struct *work)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct worker_pool *pool = &worker_pools[cpu];

		if (current == READ_ONCE(pool->worker) && pool->current_work == work)
			continue;	/* an item cancelling itself: it is done when it returns */
		wait_event(pool->done, READ_ONCE(pool->current_work) != work);
	}
}

static bool __cancel_work_sync(struct work_struct *work, bool is_dwork)
{
	unsigned long flags;
	int ret;

	if (refuse_wait(is_dwork ? "cancel_delayed_work_sync" : "cancel_work_sync", work))
		return false;
	ret = grab_pending(work, is_dwork, &flags);
	local_irq_restore(flags);
	wait_until_idle(work);
	clear_pending(work);
	return ret == 1;
}

bool cancel_work_sync(struct work_struct *work)
{
	return __cancel_work_sync(work, false);
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	return __cancel_work_sync(&dwork->work, true);
}

bool cancel_delayed_work(struct delayed_work *dwork)
{
	unsigned long flags;
	int ret = grab_pending(&dwork->work, true, &flags);

	clear_pending(&dwork->work);
	local_irq_restore(flags);
	return ret == 1;
}

int schedule_on_each_cpu(work_func_t func)
{
	struct work_struct works[NR_CPUS];
	unsigned int cpu;

	if (refuse_wait("schedule_on_each_cpu", NULL))
		return -EBUSY;
	for_each_online_cpu(cpu) {
		INIT_WORK(&works[cpu], func);
		schedule_work_on(cpu, &works[cpu]);
	}
	for_each_online_cpu(cpu)
		flush_work(&works[cpu]);
	return 0;
}

/* ---- boot ---- */

void workqueue_init_early(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct worker_pool *pool = &worker_pools[cpu];

		spin_lock_init(&pool->lock);
		pool->cpu = cpu;
		INIT_LIST_HEAD(&pool->worklist);
		init_waitqueue_head(&pool->more_work);
		init_waitqueue_head(&pool->done);
	}
	pools_ready = true;
}

int workqueue_online_cpu(unsigned int cpu)
{
	struct worker_pool *pool = &worker_pools[cpu];
	struct task_struct *t;
	unsigned long flags;
	char name[TASK_COMM_LEN];

	BUG_ON(!pools_ready || cpu >= NR_CPUS);
	if (pool->worker)
		return 0;
	snprintf(name, sizeof(name), "kworker/%u", cpu);
	t = kthread_create(worker_thread, pool, name);
	if (!t)
		return -ENOMEM;
	t->cpu = cpu;	/* bound: it runs on this CPU's run queue only (kthread_bind) */
	spin_lock_irqsave(&pool->lock, flags);
	pool->worker = t;
	spin_unlock_irqrestore(&pool->lock, flags);
	wake_up_process(t);
	return 0;
}

void workqueue_init(void)
{
	unsigned int cpu, n = 0;

	for_each_online_cpu(cpu) {
		/* fault injection is armed only once the boot is complete */
		if (workqueue_online_cpu(cpu))
			panic("workqueue_init: no memory for kworker/%u", cpu);
		n++;
	}
	WRITE_ONCE(workers_ready, true);
	pr_info("%u per-CPU worker%s started (kworker/0..%u)\n", n, n == 1 ? "" : "s", n - 1);
}

/* ---- reports and checks ---- */

void workqueue_get_stats(unsigned int cpu, struct workqueue_stats *st)
{
	struct worker_pool *pool = &worker_pools[cpu];
	struct list_head *pos;
	unsigned long flags;

	memset(st, 0, sizeof(*st));
	if (!pools_ready || cpu >= NR_CPUS)
		return;
	spin_lock_irqsave(&pool->lock, flags);
	st->queued = pool->queued;
	st->done = pool->done_count;
	st->cancelled = pool->cancelled;
	list_for_each(pos, &pool->worklist)
		st->waiting++;
	st->running = pool->current_work != NULL;
	spin_unlock_irqrestore(&pool->lock, flags);
}

int workqueue_check(void)
{
	unsigned int cpu;
	int err = 0;

	for (cpu = 0; pools_ready && cpu < NR_CPUS; cpu++) {
		struct worker_pool *pool = &worker_pools[cpu];
		struct work_struct *w;
		unsigned long flags, n = 0;

		spin_lock_irqsave(&pool->lock, flags);
		list_for_each_entry(w, &pool->worklist, entry) {
			n++;
			if (!work_pending(w) || w->pool != pool) {
				char sym[WQ_SYM_LEN];

				pr_err("check: CPU %u: queued %s pending=%d pool=%p\n", cpu,
				       func_sym(sym, w->func), work_pending(w), (void *)w->pool);
				err = -EFAULT;
			}
		}
		if (pool->queued - pool->done_count - pool->cancelled !=
		    n + (pool->current_work != NULL)) {
			pr_err("check: CPU %u: queued %lu - done %lu - cancelled %lu != %lu waiting + %d running\n",
			       cpu, pool->queued, pool->done_count, pool->cancelled, n,
			       pool->current_work != NULL);
			err = -EFAULT;
		}
		if (pool->worker && pool->worker->cpu != cpu) {
			pr_err("check: kworker/%u is on CPU %u's run queue\n", cpu, pool->worker->cpu);
			err = -EFAULT;
		}
		spin_unlock_irqrestore(&pool->lock, flags);
	}
	return err;
}
