/* SPDX-License-Identifier: MIT */
/*
 * Deferred work (Linux's include/linux/workqueue.h): a function to run
 * later in process context, by a per-CPU kernel thread ("kworker/<cpu>"),
 * where it may sleep, take mutex-like locks and allocate with GFP_KERNEL.
 * Interrupt handlers and code that holds spinlocks hand work over this way.
 *
 * Glossary
 *   work      a struct work_struct: the function and its PENDING bit.
 *   pool      one CPU's list of queued work and its worker thread.
 *   worker    the kernel thread that runs a pool's work, oldest first.
 *   delayed   a work item whose queueing waits for a timer (<linux/timer.h>)
 *             on the CPU it will run on.
 *   workqueue a named front end (system_wq); every workqueue queues onto
 *             the same per-CPU pools, as Linux's bound normal-priority ones.
 *
 * PENDING (as Linux): set by whoever queues the item (queue_work* returns
 * false if it was set already: a work item is on at most one queue, once),
 * cleared by the worker just before it calls the function, so the function
 * may queue its own item again. While PENDING is set the item is on a
 * pool's list, or its delayed_work timer is armed, or it is in flight
 * between the two inside an interrupts-off section of another CPU.
 *
 * Contexts: queue_work*, schedule_*work*, cancel_delayed_work and the
 * pending tests are safe from any context, hard interrupts included
 * (interrupts off around the PENDING grab, irq-safe pool locks).
 * cancel_work_sync, cancel_delayed_work_sync, flush_work,
 * flush_delayed_work and schedule_on_each_cpu sleep: task context only,
 * never from a work item on the item it waits for.
 *
 * Boot: workqueue_init_early() (before mm_init: the slab reaper is queued
 * there) makes the pools, after which work may be queued from anywhere;
 * until workqueue_init() (after sched_init) starts the workers, queued
 * items wait on their pool's list, and the calls that wait for work refuse
 * (they say so and return false / -EBUSY) rather than sleep for ever.
 * Queueing before workqueue_init_early() is a bug (BUG).
 *
 * One worker per CPU: an item that sleeps delays the items behind it on
 * that CPU (Linux's pools start another worker; here the items are short).
 */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <asm/smp.h>

struct work_struct;
struct worker_pool;
typedef void (*work_func_t)(struct work_struct *work);

#define WORK_STRUCT_PENDING_BIT	0
#define WORK_STRUCT_PENDING	(1UL << WORK_STRUCT_PENDING_BIT)
/* queue_work_on's cpu for "this CPU" (what queue_work passes). */
#define WORK_CPU_UNBOUND	NR_CPUS

struct work_struct {
	unsigned long data;		/* WORK_STRUCT_PENDING; atomic bit operations */
	struct list_head entry;		/* on pool->worklist while queued (pool->lock) */
	work_func_t func;
	struct worker_pool *pool;	/* the pool it was last queued on (that pool's lock) */
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;	/* armed while the delay runs (PENDING set) */
	struct workqueue_struct *wq;	/* where the timer queues the work */
	unsigned int cpu;		/* the CPU whose pool it goes to */
};

/* A named front end of the per-CPU pools. */
struct workqueue_struct {
	const char *name;
};

/* Linux's system_wq: what schedule_work and friends queue on. */
extern struct workqueue_struct *system_wq;

#define __WORK_INITIALIZER(n, f) \
	{ .data = 0, .entry = LIST_HEAD_INIT((n).entry), .func = (f), .pool = NULL }
#define DECLARE_WORK(n, f)	struct work_struct n = __WORK_INITIALIZER(n, f)

static inline void INIT_WORK(struct work_struct *work, work_func_t func)
{
	work->data = 0;
	INIT_LIST_HEAD(&work->entry);
	work->func = func;
	work->pool = NULL;
}

/* The timer callback of every delayed_work: queues it (kernel/workqueue.c). */
void delayed_work_timer_fn(struct timer_list *timer);

static inline void INIT_DELAYED_WORK(struct delayed_work *dwork, work_func_t func)
{
	INIT_WORK(&dwork->work, func);
	timer_setup(&dwork->timer, delayed_work_timer_fn);
	dwork->wq = NULL;
	dwork->cpu = 0;
}

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

/* Queued, or its delay running, and not yet started. Any context. */
static inline bool work_pending(const struct work_struct *work)
{
	return __atomic_load_n(&work->data, __ATOMIC_ACQUIRE) & WORK_STRUCT_PENDING;
}

static inline bool delayed_work_pending(const struct delayed_work *dwork)
{
	return work_pending(&dwork->work);
}

/*
 * Queue work on cpu's pool (WORK_CPU_UNBOUND: this CPU's; an offline cpu
 * is warned about and this CPU's taken). true if queued, false if it was
 * pending already (nothing changes). Any context.
 */
bool queue_work_on(unsigned int cpu, struct workqueue_struct *wq, struct work_struct *work);

/*
 * Queue dwork on cpu's pool once delay jiffies have passed (0: now). true
 * if queued, false if it was pending already (its old delay stands, as
 * Linux's). Any context.
 */
bool queue_delayed_work_on(unsigned int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay);

static inline bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

static inline bool queue_delayed_work(struct workqueue_struct *wq,
				      struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

static inline bool schedule_work_on(unsigned int cpu, struct work_struct *work)
{
	return queue_work_on(cpu, system_wq, work);
}

static inline bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}

static inline bool schedule_delayed_work_on(unsigned int cpu, struct delayed_work *dwork,
					    unsigned long delay)
{
	return queue_delayed_work_on(cpu, system_wq, dwork, delay);
}

/*
 * Wait until the last queueing of work (if any) has finished running.
 * true if it waited, false if work was idle (or, for a delayed item, its
 * timer still runs: see flush_delayed_work). Sleeps.
 */
bool flush_work(struct work_struct *work);

/* Queue dwork now if its delay runs, then flush_work. Sleeps. */
bool flush_delayed_work(struct delayed_work *dwork);

/*
 * Take work off its queue if pending and wait for a running instance to
 * finish; it cannot be queued again meanwhile (queue_work returns false).
 * true if it was pending. Sleeps.
 */
bool cancel_work_sync(struct work_struct *work);

/* Disarm or unqueue dwork; does not wait for a running instance. true if it was pending. Any context. */
bool cancel_delayed_work(struct delayed_work *dwork);

/* cancel_delayed_work, then wait for a running instance as cancel_work_sync. Sleeps. */
bool cancel_delayed_work_sync(struct delayed_work *dwork);

/*
 * Run func on every online CPU, each in that CPU's worker, and wait for
 * all of them. 0, or -EBUSY before workqueue_init(). Sleeps.
 */
int schedule_on_each_cpu(work_func_t func);

/* The item current runs as a worker, or NULL (not a worker, or between items). */
struct work_struct *current_work(void);

/* Whether workqueue_init() started the workers (a waiter would be answered). */
bool workqueue_started(void);

/* Boot: the pools (early) and system_wq; then, with tasks, the workers. */
void workqueue_init_early(void);
void workqueue_init(void);
/* Start cpu's worker (workqueue_init does it for every online CPU). 0 or -ENOMEM. */
int workqueue_online_cpu(unsigned int cpu);

/* Per-CPU totals for reports and tests. */
struct workqueue_stats {
	unsigned long queued;		/* items put on the pool's list */
	unsigned long done;		/* items run to completion */
	unsigned long cancelled;	/* items taken off the list by cancel */
	unsigned int waiting;		/* items on the list now */
	bool running;			/* the worker is inside an item now */
};
void workqueue_get_stats(unsigned int cpu, struct workqueue_stats *st);

/* Re-derive the invariants at struct worker_pool. 0 or -EFAULT after printing. */
int workqueue_check(void);

#endif /* _LINUX_WORKQUEUE_H */
