// SPDX-License-Identifier: MIT
/*
 * The workqueue as the host tests see it: the real kernel/timer_list.c
 * (linked in HOST_STUBS) under a stand-in for the workers. The host tests
 * have no scheduler, so kernel/workqueue.c (kworker threads sleeping on
 * wait queues) cannot run here; this model keeps its contract as the mm
 * code sees it: PENDING semantics, one list per CPU, delayed work queued
 * by its timer, and the items run in task context (interrupts on) on
 * their CPU right after each host_tick() jiffy, as a worker would once the
 * tick's interrupt returns. workqueue_started() is false, so callers that
 * would wait for a worker (drain_all_pages) take their non-waiting path;
 * flush and cancel run or drop the items themselves.
 */
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <asm/smp.h>

#include "host_kernel.h"

static struct workqueue_struct host_wq = { .name = "events" };
struct workqueue_struct *system_wq = &host_wq;

static struct list_head worklist[NR_CPUS];

__attribute__((constructor)) static void host_workqueue_init(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		INIT_LIST_HEAD(&worklist[cpu]);
	init_timers();
}

static bool test_and_set_pending(struct work_struct *work)
{
	return __atomic_fetch_or(&work->data, WORK_STRUCT_PENDING, __ATOMIC_ACQ_REL) &
	       WORK_STRUCT_PENDING;
}

static void clear_pending(struct work_struct *work)
{
	__atomic_fetch_and(&work->data, ~WORK_STRUCT_PENDING, __ATOMIC_RELEASE);
}

static unsigned int pick_cpu(unsigned int cpu)
{
	return cpu == WORK_CPU_UNBOUND || !cpu_online(cpu) ? smp_processor_id() : cpu;
}

static void host_queue(unsigned int cpu, struct work_struct *work)
{
	work->pool = (struct worker_pool *)&worklist[cpu];	/* a tag: which list */
	list_add_tail(&work->entry, &worklist[cpu]);
}

bool queue_work_on(unsigned int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	(void)wq;
	if (test_and_set_pending(work))
		return false;
	host_queue(pick_cpu(cpu), work);
	return true;
}

void delayed_work_timer_fn(struct timer_list *timer)
{
	struct delayed_work *dwork = from_timer(dwork, timer, timer);

	host_queue(dwork->cpu, &dwork->work);
}

bool queue_delayed_work_on(unsigned int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay)
{
	if (test_and_set_pending(&dwork->work))
		return false;
	dwork->wq = wq;
	dwork->cpu = pick_cpu(cpu);
	if (!delay) {
		host_queue(dwork->cpu, &dwork->work);
	} else {
		dwork->timer.expires = jiffies + delay;
		add_timer_on(&dwork->timer, dwork->cpu);
	}
	return true;
}

/* Run cpu's items, oldest first, as its worker would (acting as that CPU). */
static void run_cpu(unsigned int cpu)
{
	unsigned int self = host_cpu;

	host_cpu = cpu;
	while (!list_empty(&worklist[cpu])) {
		struct work_struct *work = list_first_entry(&worklist[cpu], struct work_struct, entry);

		list_del_init(&work->entry);
		clear_pending(work);
		work->func(work);
	}
	host_cpu = self;
}

void host_run_work(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		run_cpu(cpu);
}

void host_run_timers(void)
{
	unsigned int self = host_cpu;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		host_cpu = cpu;
		run_local_timers();
	}
	host_cpu = self;
}

bool flush_work(struct work_struct *work)
{
	if (!work_pending(work) || list_empty(&work->entry))
		return false;
	host_run_work();
	return true;
}

bool flush_delayed_work(struct delayed_work *dwork)
{
	if (del_timer(&dwork->timer))
		host_queue(dwork->cpu, &dwork->work);
	return flush_work(&dwork->work);
}

static bool grab(struct work_struct *work, bool is_dwork)
{
	bool was = false;

	if (is_dwork && del_timer(&to_delayed_work(work)->timer))
		was = true;
	if (!list_empty(&work->entry)) {
		list_del_init(&work->entry);
		was = true;
	}
	clear_pending(work);
	return was;
}

bool cancel_work_sync(struct work_struct *work)
{
	return grab(work, false);
}

bool cancel_delayed_work(struct delayed_work *dwork)
{
	return grab(&dwork->work, true);
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	return grab(&dwork->work, true);
}

int schedule_on_each_cpu(work_func_t func)
{
	struct work_struct works[NR_CPUS];
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		INIT_WORK(&works[cpu], func);
		schedule_work_on(cpu, &works[cpu]);
	}
	host_run_work();
	return 0;
}

struct work_struct *current_work(void)
{
	return NULL;
}

bool workqueue_started(void)
{
	return false;
}

void host_workqueue_reset(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		INIT_LIST_HEAD(&worklist[cpu]);
	init_timers();
}
