// SPDX-License-Identifier: MIT
/*
 * selftest=workqueue: the per-CPU workers on the live kernel: queueing
 * from a task and from the timer interrupt, PENDING semantics, delayed
 * work firing after its delay and not before, cancel and flush, per-CPU
 * runs, and the users moved onto workqueues (the slab reaper, deferred
 * vfree, drain_all_pages). workqueue_check() follows every case.
 */
#include <string.h>

#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/selftest.h>
#include <linux/slab.h>
#include <linux/time.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include <asm/smp.h>

#include "../../mm/internal.h"
#include "../../mm/page_alloc_internal.h"

/* What a test item saw when it ran. */
struct probe {
	struct work_struct work;
	unsigned int runs;
	unsigned long jiffies_at;	/* when it last ran */
	bool in_irq, atomic;		/* the context it ran in */
	char comm[TASK_COMM_LEN];
	unsigned int cpu;
	unsigned int sleep_ms;		/* sleep this long inside the item */
};

static void probe_fn(struct work_struct *w)
{
	struct probe *p = container_of(w, struct probe, work);

	p->jiffies_at = jiffies;
	p->in_irq = in_interrupt();
	p->atomic = preempt_count() != 0;
	p->cpu = smp_processor_id();
	memcpy(p->comm, current->comm, TASK_COMM_LEN);
	if (p->sleep_ms)
		msleep(p->sleep_ms);
	WRITE_ONCE(p->runs, p->runs + 1);
}

/* Wait up to ms for cond (sleeping lets the worker run). */
#define wait_for(cond, ms)						\
	do {								\
		for (unsigned int __i = 0; __i < (ms) && !(cond); __i++)	\
			msleep(1);					\
	} while (0)

static void probe_init(struct probe *p)
{
	memset(p, 0, sizeof(*p));
	INIT_WORK(&p->work, probe_fn);
}

static void queue_from_task(struct selftest *t)
{
	struct probe p;

	probe_init(&p);
	ST_ASSERT(t, workqueue_started());
	ST_EXPECT(t, !work_pending(&p.work));
	ST_EXPECT(t, schedule_work(&p.work));
	ST_EXPECT(t, work_pending(&p.work));
	ST_EXPECT(t, flush_work(&p.work));
	ST_EXPECT_EQ(t, p.runs, 1);
	ST_EXPECT(t, !work_pending(&p.work));
	/* a worker thread in task context, preemptible, on this CPU */
	ST_EXPECT(t, !p.in_irq && !p.atomic);
	ST_EXPECT(t, !strcmp(p.comm, "kworker/0"));
	ST_EXPECT_EQ(t, p.cpu, smp_processor_id());
	ST_EXPECT(t, !flush_work(&p.work));	/* idle: nothing to wait for */
	ST_EXPECT_EQ(t, workqueue_check(), 0);
}

/* Queued twice while pending: one run; again after it ran: a second. */
static void pending_semantics(struct selftest *t)
{
	struct probe p;
	unsigned long flags;

	probe_init(&p);
	local_irq_save(flags);	/* the worker cannot start it meanwhile */
	ST_EXPECT(t, queue_work(system_wq, &p.work));
	ST_EXPECT(t, !queue_work(system_wq, &p.work));
	ST_EXPECT(t, !schedule_work_on(0, &p.work));
	local_irq_restore(flags);
	flush_work(&p.work);
	ST_EXPECT_EQ(t, p.runs, 1);
	ST_EXPECT(t, schedule_work(&p.work));
	flush_work(&p.work);
	ST_EXPECT_EQ(t, p.runs, 2);
	ST_EXPECT_EQ(t, workqueue_check(), 0);
}

/* An item that queues itself once more while it runs (PENDING cleared first). */
static unsigned int requeue_runs;
static void requeue_fn(struct work_struct *w)
{
	if (++requeue_runs == 1 && !schedule_work(w))
		requeue_runs = 100;	/* PENDING was still set: wrong */
}

static void requeue_from_itself(struct selftest *t)
{
	struct work_struct w;

	INIT_WORK(&w, requeue_fn);
	requeue_runs = 0;
	schedule_work(&w);
	wait_for(READ_ONCE(requeue_runs) >= 2 && !work_pending(&w), 100);
	ST_EXPECT_EQ(t, requeue_runs, 2);
	cancel_work_sync(&w);
	ST_EXPECT_EQ(t, workqueue_check(), 0);
}

/* Queued from the timer interrupt: runs later in the worker, not in the irq. */
static struct probe irq_probe;
static unsigned int irq_queued, irq_refused;

static void irq_queue_timer(struct timer_list *timer)
{
	(void)timer;
	if (schedule_work(&irq_probe.work))
		irq_queued++;
	if (!schedule_work(&irq_probe.work))	/* still pending: refused */
		irq_refused++;
}

static void queue_from_irq(struct selftest *t)
{
	struct timer_list timer;

	probe_init(&irq_probe);
	irq_queued = irq_refused = 0;
	timer_setup(&timer, irq_queue_timer);
	timer.expires = jiffies + 1;
	add_timer(&timer);
	wait_for(READ_ONCE(irq_probe.runs), 200);
	ST_EXPECT(t, !timer_pending(&timer));
	ST_EXPECT_EQ(t, irq_queued, 1);
	ST_EXPECT_EQ(t, irq_refused, 1);
	ST_EXPECT_EQ(t, irq_probe.runs, 1);
	ST_EXPECT(t, !irq_probe.in_irq);
	ST_EXPECT(t, !strcmp(irq_probe.comm, "kworker/0"));
	del_timer_sync(&timer);
	ST_EXPECT_EQ(t, workqueue_check(), 0);
}

struct dprobe {
	struct delayed_work dwork;
	unsigned int runs;
	unsigned long jiffies_at;
};

static void dprobe_fn(struct work_struct *w)
{
	struct dprobe *p = container_of(to_delayed_work(w), struct dprobe, dwork);

	p->jiffies_at = jiffies;
	WRITE_ONCE(p->runs, p->runs + 1);
}

/* Fires after its delay, never before; a second queueing while waiting is refused. */
static void delayed_fires_after_delay(struct selftest *t)
{
	unsigned long delay = msecs_to_jiffies(50), start;
	struct dprobe p = { .runs = 0 };

	INIT_DELAYED_WORK(&p.dwork, dprobe_fn);
	start = jiffies;
	ST_EXPECT(t, schedule_delayed_work(&p.dwork, delay));
	ST_EXPECT(t, delayed_work_pending(&p.dwork));
	ST_EXPECT(t, !schedule_delayed_work(&p.dwork, 1));	/* its delay stands */
	msleep(20);
	ST_EXPECT_EQ(t, READ_ONCE(p.runs), 0);
	wait_for(READ_ONCE(p.runs), 500);
	ST_EXPECT_EQ(t, p.runs, 1);
	ST_EXPECT(t, !time_before(p.jiffies_at, start + delay));
	ST_EXPECT(t, !delayed_work_pending(&p.dwork));
	/* delay 0 queues at once */
	ST_EXPECT(t, schedule_delayed_work_on(0, &p.dwork, 0));
	flush_delayed_work(&p.dwork);
	ST_EXPECT_EQ(t, p.runs, 2);
	ST_EXPECT_EQ(t, workqueue_check(), 0);
}

/* flush_delayed_work runs it now, not at the end of its delay. */
static void flush_delayed_now(struct selftest *t)
{
	struct dprobe p = { .runs = 0 };
	unsigned long start = jiffies;

	INIT_DELAYED_WORK(&p.dwork, dprobe_fn);
	schedule_delayed_work(&p.dwork, msecs_to_jiffies(10000));
	ST_EXPECT(t, flush_delayed_work(&p.dwork));
	ST_EXPECT_EQ(t, p.runs, 1);
	ST_EXPECT(t, time_before(p.jiffies_at, start + msecs_to_jiffies(1000)));
	ST_EXPECT(t, !delayed_work_pending(&p.dwork));
	ST_EXPECT_EQ(t, workqueue_check(), 0);
}

/* Cancelled while its delay runs: it never runs, and may be queued again after. */
static void cancel_delayed(struct selftest *t)
{
	struct dprobe p = { .runs = 0 };

	INIT_DELAYED_WORK(&p.dwork, dprobe_fn);
	schedule_delayed_work(&p.dwork, msecs_to_jiffies(20));
	ST_EXPECT(t, cancel_delayed_work_sync(&p.dwork));
	ST_EXPECT(t, !delayed_work_pending(&p.dwork));
	ST_EXPECT(t, !timer_pending(&p.dwork.timer));
	msleep(60);
	ST_EXPECT_EQ(t, p.runs, 0);
	ST_EXPECT(t, !cancel_delayed_work_sync(&p.dwork));	/* idle now */
	/* the non-sync form, from interrupt-off context */
	schedule_delayed_work(&p.dwork, msecs_to_jiffies(20));
	{
		unsigned long flags;

		local_irq_save(flags);
		ST_EXPECT(t, cancel_delayed_work(&p.dwork));
		local_irq_restore(flags);
	}
	msleep(60);
	ST_EXPECT_EQ(t, p.runs, 0);
	ST_EXPECT(t, schedule_delayed_work(&p.dwork, 0));
	flush_delayed_work(&p.dwork);
	ST_EXPECT_EQ(t, p.runs, 1);
	ST_EXPECT_EQ(t, workqueue_check(), 0);
}

/* cancel_work_sync on a running item waits until it has returned. */
static void cancel_sync_waits_for_running(struct selftest *t)
{
	struct probe p;

	probe_init(&p);
	p.sleep_ms = 30;
	schedule_work(&p.work);
	wait_for(READ_ONCE(p.comm[0]), 100);	/* the item has started */
	ST_EXPECT_EQ(t, READ_ONCE(p.runs), 0);	/* ...and sleeps inside */
	ST_EXPECT(t, !cancel_work_sync(&p.work));	/* it was running, not pending */
	ST_EXPECT_EQ(t, p.runs, 1);		/* returned before the cancel did */
	ST_EXPECT(t, !work_pending(&p.work));
	ST_EXPECT_EQ(t, workqueue_check(), 0);
}

/* flush_work of a running item waits for it; items behind it run in order. */
static void flush_waits_for_running(struct selftest *t)
{
	struct probe a, b;

	probe_init(&a);
	probe_init(&b);
	a.sleep_ms = 20;
	schedule_work(&a.work);
	schedule_work(&b.work);
	ST_EXPECT(t, flush_work(&a.work));
	ST_EXPECT_EQ(t, a.runs, 1);
	ST_EXPECT(t, flush_work(&b.work) || b.runs == 1);
	ST_EXPECT_EQ(t, b.runs, 1);
	ST_EXPECT(t, !time_before(b.jiffies_at, a.jiffies_at));
	ST_EXPECT_EQ(t, workqueue_check(), 0);
}

static unsigned int each_cpu_mask, each_cpu_bad;
static void each_cpu_fn(struct work_struct *w)
{
	(void)w;
	__atomic_fetch_or(&each_cpu_mask, 1u << smp_processor_id(), __ATOMIC_RELAXED);
	if (in_interrupt() || !current_work())
		each_cpu_bad++;
}

/* schedule_on_each_cpu: every online CPU's worker ran it before the return. */
static void on_each_cpu(struct selftest *t)
{
	unsigned int cpu, want = 0;

	each_cpu_mask = each_cpu_bad = 0;
	for_each_online_cpu(cpu)
		want |= 1u << cpu;
	ST_EXPECT_EQ(t, schedule_on_each_cpu(each_cpu_fn), 0);
	ST_EXPECT_EQ(t, each_cpu_mask, want);
	ST_EXPECT_EQ(t, each_cpu_bad, 0);
	ST_EXPECT_EQ(t, workqueue_check(), 0);
}

/* The slab reaper is per-CPU delayed work: it runs and re-arms itself. */
static void reaper_runs_as_work(struct selftest *t)
{
	unsigned long passes = slab_reap_passes(0);
	struct workqueue_stats before, after;

	workqueue_get_stats(0, &before);
	/* SLAB_REAP_PERIOD_MS is 2 s: wait up to 3 */
	wait_for(slab_reap_passes(0) > passes, 3000);
	workqueue_get_stats(0, &after);
	ST_EXPECT(t, slab_reap_passes(0) > passes);
	ST_EXPECT(t, after.done > before.done);
	/* re-armed: its timer is pending again on CPU 0 */
	ST_EXPECT(t, timers_pending_on(0) >= 1);
	ST_EXPECT_EQ(t, workqueue_check(), 0);
}

/* A vfree from the timer interrupt: the worker gives the frames back. */
static void *irq_vfree_area;
static bool irq_vfree_done;
static void irq_vfree_timer(struct timer_list *timer)
{
	(void)timer;
	vfree(irq_vfree_area);
	irq_vfree_done = in_interrupt();
}

static void vfree_from_irq(struct selftest *t)
{
	struct vmalloc_stats st0, st;
	struct timer_list timer;

	vm_unmap_aliases();
	vmalloc_get_stats(&st0);
	irq_vfree_area = vmalloc(8 * PAGE_SIZE);
	ST_ASSERT(t, irq_vfree_area != NULL);
	memset(irq_vfree_area, 0x5a, 8 * PAGE_SIZE);
	irq_vfree_done = false;
	timer_setup(&timer, irq_vfree_timer);
	timer.expires = jiffies + 1;
	add_timer(&timer);
	/* no vmalloc-family call from here on: only sleeping */
	for (unsigned int i = 0; i < 200; i++) {
		vmalloc_get_stats(&st);
		if (READ_ONCE(irq_vfree_done) && !st.nr_deferred &&
		    st.vmalloc_pages == st0.vmalloc_pages)
			break;
		msleep(1);
	}
	ST_EXPECT(t, irq_vfree_done);
	ST_EXPECT_EQ(t, st.nr_deferred, 0);
	ST_EXPECT_EQ(t, st.vmalloc_pages, st0.vmalloc_pages);
	ST_EXPECT_EQ(t, vmalloc_check(), 0);
}

/* drain_all_pages from a task: the drain runs as work and empties every list. */
static void drain_all_pages_by_work(struct selftest *t)
{
	unsigned long works = READ_ONCE(pcp_drain_works);
	struct page *p = alloc_page(GFP_KERNEL);
	struct zone *z;

	ST_ASSERT(t, p != NULL);
	__free_page(p);		/* onto this CPU's list */
	drain_all_pages();
	ST_EXPECT(t, READ_ONCE(pcp_drain_works) > works);
	for_each_zone(z)
		if (z->spanned_pages)
			ST_EXPECT_EQ(t, zone_pcp_pages(z), 0);
	ST_EXPECT_EQ(t, workqueue_check(), 0);
}

static const struct selftest_case workqueue_cases[] = {
	{ "queue_from_task", queue_from_task },
	{ "pending_semantics", pending_semantics },
	{ "requeue_from_itself", requeue_from_itself },
	{ "queue_from_irq", queue_from_irq },
	{ "delayed_fires_after_delay", delayed_fires_after_delay },
	{ "flush_delayed_now", flush_delayed_now },
	{ "cancel_delayed", cancel_delayed },
	{ "cancel_sync_waits_for_running", cancel_sync_waits_for_running },
	{ "flush_waits_for_running", flush_waits_for_running },
	{ "on_each_cpu", on_each_cpu },
	{ "reaper_runs_as_work", reaper_runs_as_work },
	{ "vfree_from_irq", vfree_from_irq },
	{ "drain_all_pages_by_work", drain_all_pages_by_work },
};

SELFTEST_SUITE(workqueue_suite, "workqueue", workqueue_cases);
