// SPDX-License-Identifier: MIT
/*
 * The periodic tick: tick_hz interrupts a second, each programmed at an
 * absolute deadline one period after the previous one, so the tick does not
 * drift with interrupt latency. A late interrupt accounts for every period
 * that passed (jiffies follows time) and counts the ones it missed.
 */
#include <linux/bootparam.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/time.h>
#include <linux/timer.h>
#include <asm/timer.h>
#include <asm/timex.h>

volatile unsigned long jiffies;
u32 tick_hz = HZ_DEFAULT;
BOOT_PARAM_UINT("hz", tick_hz, 10, 1000, "timer interrupts per second");

static u64 tick_period;		/* in time-CSR cycles */
static u64 next_deadline;
static struct tick_stats stats;
static struct tick_hook *hooks;
static DEFINE_SPINLOCK(hook_lock);

void tick_init(void)
{
	tick_period = timebase_hz / tick_hz;
	if (!tick_period)
		tick_period = 1;
	stats.start_ns = ktime_get_ns();
	stats.source = riscv_timer_source();
	next_deadline = get_cycles64() + tick_period;
	riscv_timer_set_next(next_deadline);
	pr_info("timer: %u Hz tick via %s, period %llu cycles at %u Hz timebase\n",
		tick_hz, stats.source, (unsigned long long)tick_period, timebase_hz);
}

void tick_get_stats(struct tick_stats *st)
{
	unsigned long flags;

	local_irq_save(flags);
	*st = stats;
	local_irq_restore(flags);
}

void tick_hook_register(struct tick_hook *hook)
{
	unsigned long flags;

	spin_lock_irqsave(&hook_lock, flags);
	hook->next = jiffies + hook->period;
	hook->link = hooks;
	hooks = hook;
	spin_unlock_irqrestore(&hook_lock, flags);
}

void tick_hook_unregister(struct tick_hook *hook)
{
	struct tick_hook **pp;
	unsigned long flags;

	spin_lock_irqsave(&hook_lock, flags);
	for (pp = &hooks; *pp; pp = &(*pp)->link) {
		if (*pp == hook) {
			*pp = hook->link;
			break;
		}
	}
	spin_unlock_irqrestore(&hook_lock, flags);
}

/*
 * Hooks run with hook_lock held: a hook must not (un)register hooks.
 * Then the timers that are due (<linux/timer.h>), then the scheduler.
 */
void tick_handle(void)
{
	u64 now = get_cycles64();
	unsigned long periods = 0;
	struct tick_hook *h;

	stats.irqs++;
	while (next_deadline <= now) {
		next_deadline += tick_period;
		periods++;
	}
	if (periods)		/* none: an early interrupt, just re-arm */
		stats.missed += periods - 1;
	jiffies += periods;
	riscv_timer_set_next(next_deadline);

	spin_lock(&hook_lock);
	for (h = hooks; h; h = h->link) {
		if (!time_before(jiffies, h->next)) {
			h->next = jiffies + h->period;
			h->fn(h->arg);
		}
	}
	spin_unlock(&hook_lock);
	run_local_timers();
	if (periods)
		scheduler_tick();
}
