// SPDX-License-Identifier: MIT
/*
 * Kernel timers (contract and invariants in <linux/timer.h>).
 *
 * Linux hashes timers into a wheel of buckets so that arming is O(1)
 * with thousands of timers. Here a CPU has a handful (its slab reaper,
 * delayed work, tests), so each base is one list sorted by expiry:
 * arming walks it, the tick looks only at the head. Should timers become
 * many, the wheel replaces the list behind the same API.
 *
 * Locking: base->lock, taken with interrupts off (the tick takes it).
 * A callback runs with the lock dropped and base->running pointing at its
 * timer, so it may re-arm its own timer or arm others; del_timer_sync()
 * waits on base->running, which only another CPU can observe set (on this
 * one the tick has finished before task code runs again).
 */
#include <linux/bug.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <asm/smp.h>

struct timer_base {
	spinlock_t lock;
	struct list_head pending;	/* armed timers, soonest first */
	struct timer_list *running;	/* the callback running now, or NULL */
};

static struct timer_base timer_bases[NR_CPUS];
static bool timers_ready;

void init_timers(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		spin_lock_init(&timer_bases[cpu].lock);
		INIT_LIST_HEAD(&timer_bases[cpu].pending);
		timer_bases[cpu].running = NULL;
	}
	timers_ready = true;
}

void timer_setup(struct timer_list *timer, void (*fn)(struct timer_list *))
{
	INIT_LIST_HEAD(&timer->entry);
	timer->function = fn;
	timer->expires = 0;
	timer->cpu = smp_processor_id();
}

/* Insert after every timer that expires no later (ties stay FIFO). base->lock held. */
static void enqueue_timer(struct timer_base *base, struct timer_list *timer)
{
	struct list_head *pos;

	for (pos = base->pending.prev; pos != &base->pending; pos = pos->prev) {
		struct timer_list *t = list_entry(pos, struct timer_list, entry);

		if (!time_before(timer->expires, t->expires))
			break;
	}
	list_add(&timer->entry, pos);
}

void add_timer_on(struct timer_list *timer, unsigned int cpu)
{
	struct timer_base *base;
	unsigned long flags;

	BUG_ON(!timers_ready || cpu >= NR_CPUS || !timer->function);
	base = &timer_bases[cpu];
	spin_lock_irqsave(&base->lock, flags);
	BUG_ON(timer_pending(timer));	/* armed twice: its base's list would break */
	timer->cpu = cpu;
	enqueue_timer(base, timer);
	spin_unlock_irqrestore(&base->lock, flags);
}

void add_timer(struct timer_list *timer)
{
	unsigned long flags;

	/* irqs off: smp_processor_id() stays this CPU's until the timer is armed */
	local_irq_save(flags);
	add_timer_on(timer, smp_processor_id());
	local_irq_restore(flags);
}

/*
 * Lock the base timer is armed on (a timer moves only while disarmed,
 * so re-check after taking the lock). Returns it locked, irqs saved.
 */
static struct timer_base *lock_timer_base(struct timer_list *timer, unsigned long *flags)
{
	for (;;) {
		unsigned int cpu = READ_ONCE(timer->cpu);
		struct timer_base *base = &timer_bases[cpu];

		spin_lock_irqsave(&base->lock, *flags);
		if (READ_ONCE(timer->cpu) == cpu)
			return base;
		spin_unlock_irqrestore(&base->lock, *flags);
	}
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	struct timer_base *base;
	unsigned long flags;
	int was;

	BUG_ON(!timers_ready || !timer->function);
	base = lock_timer_base(timer, &flags);
	was = timer_pending(timer);
	if (was)
		list_del_init(&timer->entry);
	timer->expires = expires;
	enqueue_timer(base, timer);
	spin_unlock_irqrestore(&base->lock, flags);
	return was;
}

int del_timer(struct timer_list *timer)
{
	struct timer_base *base;
	unsigned long flags;
	int was = 0;

	if (!timers_ready)
		return 0;
	base = lock_timer_base(timer, &flags);
	if (timer_pending(timer)) {
		list_del_init(&timer->entry);
		was = 1;
	}
	spin_unlock_irqrestore(&base->lock, flags);
	return was;
}

int del_timer_sync(struct timer_list *timer)
{
	struct timer_base *base;
	unsigned long flags;
	int was;

	BUG_ON(in_interrupt());
	for (;;) {
		base = lock_timer_base(timer, &flags);
		was = timer_pending(timer);
		if (was)
			list_del_init(&timer->entry);
		if (base->running != timer) {
			spin_unlock_irqrestore(&base->lock, flags);
			return was;
		}
		/* its callback runs on another CPU (it may re-arm it): wait and look again */
		spin_unlock_irqrestore(&base->lock, flags);
		while (READ_ONCE(base->running) == timer)
			__asm__ __volatile__("" ::: "memory");
	}
}

void run_local_timers(void)
{
	struct timer_base *base = &timer_bases[smp_processor_id()];

	if (!timers_ready)
		return;
	spin_lock(&base->lock);
	while (!list_empty(&base->pending)) {
		struct timer_list *t = list_first_entry(&base->pending, struct timer_list, entry);
		void (*fn)(struct timer_list *) = t->function;

		if (time_before(jiffies, t->expires))
			break;
		list_del_init(&t->entry);
		base->running = t;
		spin_unlock(&base->lock);
		fn(t);
		spin_lock(&base->lock);
		base->running = NULL;
	}
	spin_unlock(&base->lock);
}

unsigned int timers_pending_on(unsigned int cpu)
{
	struct timer_base *base = &timer_bases[cpu];
	struct list_head *pos;
	unsigned long flags;
	unsigned int n = 0;

	if (!timers_ready || cpu >= NR_CPUS)
		return 0;
	spin_lock_irqsave(&base->lock, flags);
	list_for_each(pos, &base->pending)
		n++;
	spin_unlock_irqrestore(&base->lock, flags);
	return n;
}
